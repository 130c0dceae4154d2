// Downsize photos in the browser before Decap CMS commits them, so a 4 MB phone photo becomes a few
// hundred KB in git (Decap 3.16 can only refuse large files: media_library max_file_size).
// The longest side comes from data-max-side (the photo pipeline's widest variant, plugins/web_editor).
// Re-encoding also drops EXIF, GPS position included; orientation is applied first.
(function () {
  "use strict";
  var maxSide = parseInt(document.currentScript.dataset.maxSide, 10) || 1600;
  var RESIZABLE = /^image\/(jpeg|png|webp)$/;
  var QUALITY = 0.85;

  function outputName(name, type) {
    // A PNG screenshot stays PNG (sharp text); everything else becomes JPEG.
    return type === "image/png" ? name : name.replace(/\.[^.]+$/, "") + ".jpg";
  }

  function downsize(file) {
    if (!RESIZABLE.test(file.type)) return Promise.resolve(file);
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
      var w = Math.round(bitmap.width * scale), h = Math.round(bitmap.height * scale);
      var type = file.type === "image/png" ? "image/png" : "image/jpeg";
      if (scale === 1 && type === file.type && file.size < 1024 * 1024) return file; // already small
      var canvas = document.createElement("canvas");
      canvas.width = w; canvas.height = h;
      canvas.getContext("2d").drawImage(bitmap, 0, 0, w, h);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          resolve(blob && blob.size < file.size ? new File([blob], outputName(file.name, type), { type: type }) : file);
        }, type, QUALITY);
      });
    }).catch(function () { return file; }); // HEIC and others: the build's photo pipeline handles them
  }

  window.cdctDownsize = downsize; // used by the repository-growth measurement (tools/editor_growth.py)

  // Capture phase on window runs before React's listener on the root: hold the event, downsize,
  // then hand Decap the same input with the smaller files.
  window.addEventListener("change", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "file" || input.dataset.cdctResized === "1") return;
    var files = Array.prototype.slice.call(input.files || []);
    if (!files.some(function (f) { return RESIZABLE.test(f.type); })) return;
    event.stopImmediatePropagation();
    Promise.all(files.map(downsize)).then(function (smaller) {
      var transfer = new DataTransfer();
      smaller.forEach(function (f) { transfer.items.add(f); });
      input.files = transfer.files;
      input.dataset.cdctResized = "1";
      input.dispatchEvent(new Event("change", { bubbles: true }));
      delete input.dataset.cdctResized;
    });
  }, true);
})();

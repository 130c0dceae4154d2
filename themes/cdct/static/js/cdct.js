/* Enhancement only (the HTML works without it): share sheet and "copy link" in the share box. */
(function () {
  "use strict";
  var box = document.querySelector(".cdct-share");
  if (!box) return;
  var url = box.getAttribute("data-share-url") || location.href;
  if (!/^https?:/.test(url)) url = location.href;
  var title = box.getAttribute("data-share-title") || document.title;
  var list = box.querySelector(".cdct-share__list");
  // The labels come from the page (share.html, through the theme's gettext catalogs), in its language.
  function label(name, fallback) { return box.getAttribute("data-label-" + name) || fallback; }
  function add(label, onClick) {
    var li = document.createElement("li");
    var b = document.createElement("button");
    b.type = "button";
    b.className = "cdct-share__button";
    b.textContent = label;
    b.addEventListener("click", function () { onClick(b); });
    li.appendChild(b);
    list.appendChild(li);
  }
  if (navigator.share) {
    add(label("share", "Chia sẻ…"), function () {
      navigator.share({ title: title, url: url }).catch(function () {});
    });
  }
  if (navigator.clipboard && window.isSecureContext) {
    add(label("copy", "Sao chép liên kết"), function (b) {
      navigator.clipboard.writeText(url).then(function () {
        b.textContent = label("copied", "Đã sao chép");
        setTimeout(function () { b.textContent = label("copy", "Sao chép liên kết"); }, 2000);
      });
    });
  }
})();

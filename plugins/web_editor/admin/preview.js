// The preview pane of the web editor: the article as the site shows it (cdct styles, Vietnamese
// date, lead photo, unit and category by name), an "attachment" button for documents, and a check
// that a lead photo has its description before saving. Runs after decap-cms.js (globals CMS, h).
(function () {
  "use strict";
  var WEEKDAYS = ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];
  var DOCUMENTS = "pdf|docx|xlsx|pptx|odt";

  // "2026-11-26 08:30" (Vietnam wall-clock time, as stored) -> "Thứ Năm, 26/11/2026", without
  // going through the browser's time zone.
  function viDate(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value || ""));
    if (!m) return "";
    var weekday = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).getUTCDay();
    return WEEKDAYS[weekday] + ", " + m[3] + "/" + m[2] + "/" + m[1];
  }

  // The label of a select's value, read from the generated config (unit and category names).
  function optionLabel(fields, name, value) {
    var field = fields.find(function (f) { return f.get("name") === name; });
    var option = field && field.get("options").find(function (o) { return o.get("value") === value; });
    return option ? option.get("label") : value || "";
  }

  var ArticlePreview = createClass({
    render: function () {
      var entry = this.props.entry, fields = this.props.fields;
      var get = function (key) { return entry.getIn(["data", key]); };
      var image = get("image");
      // A hand-written article has no unit: key; its folder says which unit it belongs to.
      var unit = get("unit") || (/^content\/units\/([^/]+)\//.exec(entry.get("path") || "") || [])[1];
      var kicker = h("p", { className: "cdct-article__kicker" },
        get("category") ? h("span", { className: "cdct-article__category" }, optionLabel(fields, "category", get("category"))) : null,
        unit ? h("span", { className: "cdct-article__unit" }, optionLabel(fields, "unit", unit)) : null);
      var meta = h("p", { className: "cdct-article__meta" },
        h("time", null, viDate(get("date"))),
        get("author") ? h("span", { className: "cdct-article__author" }, " · " + get("author")) : null);
      var figure = image ? h("figure", { className: "cdct-figure cdct-article__figure" },
        h("img", { className: "cdct-figure__image", src: this.props.getAsset(image).toString(), alt: get("image_alt") || "" }),
        get("image_caption") || get("image_credit") ? h("figcaption", { className: "cdct-figure__caption" },
          [get("image_caption"), get("image_credit") ? "Ảnh: " + get("image_credit") : ""].filter(Boolean).join(" — ")) : null) : null;
      var source = get("source") ? h("p", { className: "cdct-article__source" }, "Nguồn: " + get("source")) : null;
      return h("main", { className: "cdct-main" },
        h("article", { className: "cdct-article" },
          h("header", { className: "cdct-article__header" }, kicker,
            h("h1", { className: "cdct-article__title" }, get("title")), meta),
          figure,
          get("summary") ? h("p", { className: "cdct-article__summary" }, get("summary")) : null,
          h("div", { className: "cdct-article__body cdct-prose" }, this.props.widgetFor("body")),
          source));
    }
  });

  CMS.registerPreviewStyle("../theme/identity/identity.css");
  CMS.registerPreviewStyle("../theme/css/cdct.css");
  CMS.registerPreviewTemplate("bai-viet", ArticlePreview);

  // A document beside the article, linked from the body: [Kế hoạch tuyên truyền (PDF)](ke-hoach.pdf).
  CMS.registerEditorComponent({
    id: "tep-dinh-kem",
    label: "Tệp đính kèm",
    fields: [
      { name: "file", label: "Tệp (PDF, Word, Excel...)", widget: "file", choose_url: false },
      { name: "label", label: "Tên hiển thị", widget: "string" }
    ],
    pattern: new RegExp("^\\[([^\\]]+)\\]\\(([^)\\s]+\\.(?:" + DOCUMENTS + "))\\)$", "i"),
    fromBlock: function (match) { return { label: match[1], file: match[2] }; },
    toBlock: function (data) { return "[" + (data.label || data.file) + "](" + data.file + ")"; },
    toPreview: function (data) { return h("a", { href: data.file }, data.label || data.file); }
  });

  // A new article needs its unit (its folder comes from it); a lead photo needs its description,
  // the same rule as the checker (site_core.rules).
  CMS.registerEventListener({
    name: "preSave",
    handler: function (args) {
      var data = args.entry.get("data");
      if (args.entry.get("newRecord") && !data.get("unit")) {
        throw new Error("Chưa chọn đơn vị. Cách sửa: chọn đơn vị của bài ở ô \"Đơn vị\" rồi lưu lại.");
      }
      if (data.get("image") && !String(data.get("image_alt") || "").trim()) {
        throw new Error("Ảnh đại diện chưa có mô tả. Cách sửa: điền ô \"Mô tả ảnh đại diện\" rồi lưu lại.");
      }
    }
  });
})();

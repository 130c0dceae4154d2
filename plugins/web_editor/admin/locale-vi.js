// Completes Decap CMS's Vietnamese interface (locale "vi" of decap-cms 3.16): 77 of its 248 phrases
// have no Vietnamese text and would show in English (the Markdown toolbar, "Add …", "Choose images"),
// and a few read oddly ("Trạng: Bản nháp"). Merged over Decap's own "vi" before the editor starts
// (it reads its phrases once the configuration has loaded). tests/test_web_editor_browser.py checks, in
// the running editor, that every English phrase has a Vietnamese one, in Decap's own "vi" or here.
(function () {
  "use strict";
  var ours = {
    auth: { loginWithAzure: "Đăng nhập bằng Azure", loginWithForgejo: "Đăng nhập bằng Forgejo" },
    collection: {
      collectionTop: { viewAsList: "Xem dạng danh sách", viewAsGrid: "Xem dạng lưới", groupBy: "Nhóm theo" },
      entries: { unpublishedHeader: "Bài chưa đăng" },
      groups: { other: "Khác", negateLabel: "Không phải %{label}" }
    },
    editor: {
      editorControl: { field: { widgetLabel: "Ô %{widgetLabel}" } },
      editorControlPane: {
        i18n: {
          writingInLocale: "Đang viết bằng %{locale}",
          copyFromLocale: "Điền từ ngôn ngữ khác",
          copyFromLocaleConfirm: "Điền nội dung từ bản %{locale}?\nMọi nội dung đang có sẽ bị thay thế."
        }
      },
      editorInterface: {
        toggleI18n: "Bật/tắt đa ngôn ngữ",
        togglePreview: "Bật/tắt xem trước",
        toggleScrollSync: "Cuộn đồng thời",
        toggleNotes: "Bật/tắt ghi chú"
      },
      editorNotesPane: {
        title: "Ghi chú",
        emptyState: "Chưa có ghi chú. Thêm ghi chú đầu tiên ở dưới để trao đổi với người duyệt.",
        addNote: "Thêm ghi chú",
        addPlaceholder: "Viết ghi chú...",
        editPlaceholder: "Sửa ghi chú...",
        save: "Lưu",
        cancel: "Hủy",
        edit: "Sửa",
        delete: "Xóa",
        resolve: "Đã xử lý",
        unresolve: "Chưa xử lý",
        confirmDelete: "Xóa ghi chú này?",
        shortcut: "Mẹo: bấm Ctrl+Enter để thêm ghi chú nhanh"
      },
      editorToolbar: {
        status: "Trạng thái: %{status}",
        statusInfoTooltipDraft: "Bài đang là bản nháp. Viết xong, đổi trạng thái thành “Sẵn sàng” để gửi Ban Tuyên giáo duyệt.",
        statusInfoTooltipInReview: "Bài đang được duyệt, bạn không cần làm gì thêm. Bạn vẫn có thể sửa bài trong lúc chờ duyệt."
      },
      editorWidgets: {
        markdown: {
          bold: "In đậm",
          italic: "In nghiêng",
          strikethrough: "Gạch ngang",
          code: "Mã",
          link: "Liên kết",
          linkPrompt: "Nhập địa chỉ (URL) của liên kết",
          headings: "Tiêu đề mục",
          quote: "Trích dẫn",
          bulletedList: "Danh sách gạch đầu dòng",
          numberedList: "Danh sách đánh số",
          addComponent: "Chèn thành phần",
          toggleMode: { rich: "Chuyển sang soạn thảo trực quan", markdown: "Chuyển sang soạn thảo Markdown" }
        },
        image: {
          chooseMultiple: "Chọn ảnh",
          chooseUrl: "Chèn từ địa chỉ URL",
          replaceUrl: "Thay bằng địa chỉ URL",
          promptUrl: "Nhập địa chỉ (URL) của ảnh",
          addMore: "Thêm ảnh",
          removeAll: "Bỏ mọi ảnh"
        },
        file: {
          chooseUrl: "Chèn từ địa chỉ URL",
          chooseMultiple: "Chọn tệp",
          replaceUrl: "Thay bằng địa chỉ URL",
          promptUrl: "Nhập địa chỉ (URL) của tệp",
          addMore: "Thêm tệp",
          removeAll: "Bỏ mọi tệp"
        },
        datetime: { setToNow: "Đặt %{fieldLabel} là bây giờ" },
        list: { add: "Thêm %{item}", addType: "Thêm %{item}" },
        object: { expand: "Mở rộng", collapse: "Thu gọn" }
      }
    },
    mediaLibrary: {
      mediaLibraryCard: {
        copy: "Sao chép",
        copyUrl: "Sao chép địa chỉ URL",
        copyPath: "Sao chép đường dẫn",
        copyName: "Sao chép tên",
        copied: "Đã sao chép"
      },
      mediaLibraryModal: { close: "Đóng", chooseSelected: "Chèn mục đã chọn", deleteSelected: "Xóa mục đã chọn" }
    },
    ui: {
      settingsDropdown: { account: "Tài khoản" },
      toast: {
        noteAdded: "Đã thêm ghi chú",
        onFailToAddNote: "Không thêm được ghi chú: %{details}",
        noteUpdated: "Đã sửa ghi chú",
        onFailToUpdateNote: "Không sửa được ghi chú: %{details}",
        noteDeleted: "Đã xóa ghi chú",
        onFailToDeleteNote: "Không xóa được ghi chú: %{details}",
        noteResolved: "Đã đánh dấu ghi chú là đã xử lý",
        noteReopened: "Đã mở lại ghi chú",
        onFailToToggleNote: "Không đổi được trạng thái ghi chú: %{details}"
      }
    }
  };

  function merged(base, extra) {
    var out = {};
    Object.keys(base || {}).forEach(function (key) { out[key] = base[key]; });
    Object.keys(extra).forEach(function (key) {
      var value = extra[key];
      out[key] = value && typeof value === "object" ? merged(out[key], value) : value;
    });
    return out;
  }

  CMS.registerLocale("vi", merged(CMS.getLocale("vi"), ours));

  // The body's components carry their English labels themselves, outside the phrases ("Image" with
  // "Alt Text", "Code Block"): registered again under their own ids, same behaviour, Vietnamese labels.
  var labels = {
    image: { label: "Ảnh", fields: { image: "Ảnh", alt: "Mô tả ảnh (bắt buộc: những gì có trong ảnh)", title: "Tiêu đề ảnh (không bắt buộc)" } },
    "code-block": { label: "Khối mã", fields: {} }
  };
  var components = CMS.getEditorComponents();
  Object.keys(labels).forEach(function (id) {
    var component = components.get(id);
    if (!component) {
      return;
    }
    var copy = merged(component, {});
    copy.label = labels[id].label;
    if (component.fields) { // an Immutable List of Maps, as Decap keeps it
      copy.fields = component.fields.map(function (field) {
        return field.set("label", labels[id].fields[field.get("name")] || field.get("label"));
      });
    }
    CMS.registerEditorComponent(copy);
  });
})();

"""The web editor's configuration (Decap CMS ``config.yml``), derived from the content model.

``editor_config`` is pure: registries and options in, a plain dict out. Nothing here is a second copy
of a rule: the keys and their rules come from ``site_core.rules``, the categories from
categories.yml and the units from the unit registry, so the editor can never offer a value that
``invoke check`` refuses.

Two traps of Decap 3.16 shape the article path (docs/web-editor.md):
- ``{{year}}`` is taken in UTC, so an article dated 1 January 05:00 (Vietnam time) would land in
  last year's folder. The year is the first four characters of the date field as typed (Vietnam
  wall-clock time): ``truncate(4, " ")`` keeps "2026" plus a space that slug cleaning trims.
- Decap lower-cases the ``path`` template and turns its dots into dashes (a ``date('YYYY')`` filter
  there becomes ``date('yyyy')``, ``fields.date`` becomes an unknown ``fields-date``), and it lists
  entries only as deep as the template has segments, so the year must be its own segment, written
  with the bare field name and no dot.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from site_core.layout import UNITS_FOLDER
from site_core.kinds import DEFAULT_KIND, kind_options
from site_core.rules import TITLE_MAX

COLLECTION = "bai-viet"
# units/<unit>/<yyyy>/<slug>/index.md, the article's photos and documents beside it (COMMON layout).
ARTICLE_PATH = '{{unit}}/{{date | truncate(4, " ")}}/{{slug}}/index'
# Stored without offset: the content model reads it in the site's TIMEZONE (Vietnam time).
DATE_FORMAT = "YYYY-MM-DD HH:mm"
URL_PATTERN = r"^https?://[^\s/?#]+\.[^\s/?#]+([/?#]\S*)?$"

@dataclass(frozen=True)
class EditorOptions:
    """Where the editor saves: the GitHub repository, its branch, the sign-in service, and the local
    ``decap-server`` used on 127.0.0.1 (preview and tests)."""

    repo: str
    branch: str = "main"
    auth_url: str | None = None
    local_backend: str = "http://127.0.0.1:8081/api/v1"
    site_url: str = ""
    photo_max_side: int = 1600
    content_folder: str = "content"  # from the repository's top (site/content for a site in a subfolder)

    @property
    def units_folder(self) -> str:
        return f"{self.content_folder}/{UNITS_FOLDER}"


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def editor_csp(options: EditorOptions) -> str:
    """The Content-Security-Policy of /admin/: what Decap CMS needs and nothing more.

    The site's own policy would stop the editor: Decap's styles are injected at run time
    ('unsafe-inline' styles), it talks to the GitHub API (or to decap-server on 127.0.0.1), shows
    photos being uploaded as blob: and data: URLs, and renders the preview pane in a frame of its
    own (and fetches the blob: of a photo it downsized). Scripts come from the site only (the bundle is served from it, never from a CDN), with
    'unsafe-eval' because Decap validates its configuration with Ajv, which compiles each schema with
    ``new Function`` (without it the editor stops at "Error compiling schema").
    """
    connect = ["'self'", "blob:", "data:", "https://api.github.com", origin(options.local_backend)]
    if options.auth_url:
        connect.append(origin(options.auth_url))
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob: https:",
        "media-src 'self' blob:",
        "font-src 'self' data:",
        f"connect-src {' '.join(dict.fromkeys(connect))}",
        "frame-src 'self' blob:",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def kind_field() -> dict:
    """The kind select: labels and plain explanations from site_core.kinds, their one home."""
    kinds = kind_options()
    return {"label": "Loại bài", "name": "kind", "widget": "select", "required": False,
            "default": DEFAULT_KIND.value, "options": [{"label": k["label"], "value": k["value"]} for k in kinds],
            "hint": " ".join(f"{k['label']}: {k['hint']}" for k in kinds)}


def article_fields(units: dict, categories: list) -> list[dict]:
    return [
        {"label": "Tiêu đề", "name": "title", "widget": "string",
         "pattern": [f"^.{{1,{TITLE_MAX}}}$", f"Tiêu đề từ 1 đến {TITLE_MAX} ký tự."]},
        {"label": "Ngày đăng (giờ Việt Nam)", "name": "date", "widget": "datetime", "format": DATE_FORMAT,
         "date_format": "DD/MM/YYYY", "time_format": "HH:mm", "picker_utc": False,
         "hint": "Ngày giờ trong tương lai: bài được hẹn giờ, tự lên trang đúng ngày."},
        # Not required by Decap: a hand-written article takes its unit from its folder and has no
        # unit: key; preview.js refuses a *new* article without one (its folder comes from it).
        {"label": "Đơn vị", "name": "unit", "widget": "select", "required": False,
         "options": [{"label": u.name, "value": slug} for slug, u in sorted(units.items(), key=lambda i: i[1].name)],
         "hint": "Bài được lưu trong thư mục của đơn vị này."},
        {"label": "Chuyên mục", "name": "category", "widget": "select",
         "options": [{"label": c.name, "value": c.slug} for c in categories]},
        kind_field(),
        {"label": "Thẻ", "name": "tags", "widget": "list", "required": False,
         "hint": "Gõ các thẻ cách nhau bằng dấu phẩy, có dấu tiếng Việt, ví dụ: Tháng Công nhân, An toàn lao động."},
        {"label": "Tóm tắt", "name": "summary", "widget": "text", "required": False,
         "hint": "Một hai câu; bỏ trống thì dùng đoạn đầu của bài."},
        {"label": "Người viết", "name": "author", "widget": "string", "required": False},
        {"label": "Ảnh đại diện", "name": "image", "widget": "image", "required": False, "choose_url": False,
         "hint": "Ảnh chụp bằng điện thoại dùng được ngay: trình soạn thảo tự thu nhỏ trước khi lưu."},
        {"label": "Mô tả ảnh đại diện", "name": "image_alt", "widget": "string",
         "required": False, "hint": "Bắt buộc khi có ảnh đại diện: những gì có trong ảnh, cho người khiếm thị, ví dụ: Đoàn viên nhận quà tại hội trường."},
        {"label": "Chú thích ảnh", "name": "image_caption", "widget": "string", "required": False},
        {"label": "Tác giả ảnh", "name": "image_credit", "widget": "string", "required": False},
        {"label": "Nội dung", "name": "body", "widget": "markdown",
         "hint": "Chèn ảnh bằng nút + → Ảnh; đính kèm tài liệu (PDF, Word) bằng nút + → Tệp đính kèm."},
        {"label": "Nguồn (bài đăng lại từ báo)", "name": "source", "widget": "string", "required": False,
         "hint": "Tên báo hoặc đơn vị đăng bài gốc; hiện dưới bài là \"Nguồn: …\"."},
        {"label": "Địa chỉ bài gốc", "name": "source_url", "widget": "string", "required": False,
         "pattern": [URL_PATTERN, "Ghi đầy đủ địa chỉ, bắt đầu bằng https://."]},
        {"label": "Trạng thái", "name": "status", "widget": "select", "required": False,
         "options": [{"label": "Đăng khi được duyệt", "value": "published"},
                     {"label": "Bản nháp (không đăng)", "value": "draft"}],
         "default": "published"},
    ]


def editor_config(units: dict, categories: list, options: EditorOptions) -> dict:
    """Decap CMS config for ``units`` (slug -> record with ``.name``) and ``categories`` (records with
    ``.slug``/``.name``), in the article layout ``content/units/<unit>/<yyyy>/<slug>/index.md``."""
    backend = {"name": "github", "repo": options.repo, "branch": options.branch,
               "commit_messages": {"create": "Bài mới “{{slug}}”", "update": "Sửa bài “{{slug}}”",
                                   "delete": "Xóa bài “{{slug}}”", "uploadMedia": "Tải lên “{{path}}”",
                                   "deleteMedia": "Xóa tệp “{{path}}”"}}
    if options.auth_url:
        backend["base_url"] = options.auth_url
    config = {
        "locale": "vi",
        "backend": backend,
        "local_backend": {"url": options.local_backend},
        "publish_mode": "editorial_workflow",
        # Media live in the article's own folder (media_folder ""), so two articles never share a photo
        # name and a relative link resolves the same in preview, publish and feeds.
        "media_folder": options.units_folder,
        "public_folder": "",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [{
            "name": COLLECTION, "label": "Bài viết", "label_singular": "bài viết",
            "description": "Tin bài của các đơn vị. Mỗi bài là một thư mục, ảnh và tài liệu nằm cùng thư mục.",
            "folder": options.units_folder, "path": ARTICLE_PATH, "slug": "{{title}}", "extension": "md",
            "format": "frontmatter", "create": True, "media_folder": "", "public_folder": "",
            "summary": "{{title}} ({{unit}}, {{date}})", "sortable_fields": ["date", "title"],
            "fields": article_fields(units, categories),
        }],
    }
    if options.site_url:
        config["site_url"] = options.site_url
    return config

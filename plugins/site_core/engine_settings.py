"""The engine's settings: what every site built from this repository's theme and plugins shares.

A site's ``pelicanconf.py`` starts from these and then sets what names its organisation (SITENAME,
AUTHOR, CDCT_IDENTITY, the REPORTS_* letterhead, CONTRIB_EDITORS, WEB_EDITOR_REPO, IDENTITY_COLORS
when it has other colours)::

    sys.path.insert(0, str(ENGINE / "plugins"))
    from site_core import engine_settings
    globals().update(engine_settings.defaults())

Nothing here names a union (tests/test_project.py checks it). It lives in ``plugins/`` and not at the
repository root because an adopting union takes engine updates by merging themes/, plugins/ and
tasks.py; a root file would sit beside the site's own pelicanconf.py and be mistaken for one of theirs.
Paths to the engine (THEME, PLUGIN_PATHS) are absolute, from this file, so a site folder anywhere on
disk finds them; PATH, OUTPUT_PATH and the cache stay relative, to the site's settings file (Pelican).
"""

from __future__ import annotations

import copy
from pathlib import Path

from pelican.settings import DEFAULT_CONFIG

# Modules, not their names: every upper-case name here is a setting (defaults()).
from site_core import plan
from site_core import settings as typed

ENGINE_ROOT = Path(__file__).resolve().parents[2]  # the repository: themes/ and plugins/

# --- Site ---
SITESUBTITLE = "Trang thông tin điện tử"
SITEURL = ""
RELATIVE_URLS = True
PATH = "content"
OUTPUT_PATH = "output"
THEME = str(ENGINE_ROOT / "themes" / "cdct")
TIMEZONE = typed.DEFAULT_TIMEZONE
DEFAULT_LANG = "vi"
DEFAULT_DATE_FORMAT = "%d/%m/%Y"
DEFAULT_PAGINATION = 12
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "unit": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang/{number}/", "{base_name}/trang/{number}/index.html"),
)
DELETE_OUTPUT_DIRECTORY = True
OUTPUT_RETENTION = [".git"]

# --- Content model ---
ARTICLE_PATHS = ["units"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["units", "pages", "extra"]
# Photos only: unit.yml and other files under units/ are data, not published files.
STATIC_EXCLUDES = []
# Extends Pelican's default ("**/.*") instead of replacing it. Pelican matches these against bare file
# and folder names, where "**/.*" never matches, so ".*" is listed too: no dotfile is ever read or
# copied (site_core.allowlist also refuses each one by name).
IGNORE_FILES = [*DEFAULT_CONFIG["IGNORE_FILES"], ".*", "*.yml", "*.yaml", "*~"]
SLUGIFY_SOURCE = "basename"
WITH_FUTURE_DATES = False  # a future date is scheduled: built as a draft, never listed or fed


def newest_first(article) -> tuple:
    """ARTICLE_ORDER_BY: newest first, and articles with the same date by source path. Pelican collects
    the files it reads in a set, so with "reversed-date" two articles of the same minute came out in
    a different order in each process: two builds of the same content differed, and a warm build's
    page digests (up_to_date.pages) changed for no edit."""
    return (-article.date.timestamp(), article.source_path or "")


ARTICLE_ORDER_BY = newest_first
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}

READERS = {"rst": None, "html": None, "htm": None}  # Markdown only: one content model

# --- URLs (DESIGN.md: Vietnamese, without diacritics, ending in /) ---
ARTICLE_URL = typed.DEFAULT_ARTICLE_URL
ARTICLE_SAVE_AS = "don-vi/{unit.slug}/{date:%Y}/{slug}/index.html"
DRAFT_URL = "ban-nhap/{unit.slug}/{slug}/"
DRAFT_SAVE_AS = "ban-nhap/{unit.slug}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DRAFT_PAGE_URL = "ban-nhap/trang/{slug}/"
DRAFT_PAGE_SAVE_AS = "ban-nhap/trang/{slug}/index.html"
CATEGORY_URL = "chuyen-muc/{slug}/"
CATEGORY_SAVE_AS = "chuyen-muc/{slug}/index.html"
CATEGORIES_SAVE_AS = "chuyen-muc/index.html"
CATEGORIES_URL = "chuyen-muc/"
TAG_URL = "the/{slug}/"
TAG_SAVE_AS = "the/{slug}/index.html"
TAGS_URL = "the/"
TAGS_SAVE_AS = "the/index.html"
ARCHIVES_URL = "luu-tru/"
ARCHIVES_SAVE_AS = "luu-tru/index.html"
YEAR_ARCHIVE_URL = "luu-tru/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "luu-tru/{date:%Y}/index.html"
MONTH_ARCHIVE_URL = "luu-tru/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "luu-tru/{date:%Y}/{date:%m}/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
# Another language's content (``lang: en``) has the same URL patterns, under its section's /en/ (the
# site_i18n plugin builds it there); translations are paired by ``translation_of``, not Pelican's
# same-slug rule, which would pair unrelated articles of two units that happen to share a slug.
ARTICLE_LANG_URL = ARTICLE_URL
ARTICLE_LANG_SAVE_AS = ARTICLE_SAVE_AS
DRAFT_LANG_URL = DRAFT_URL
DRAFT_LANG_SAVE_AS = DRAFT_SAVE_AS
PAGE_LANG_URL = PAGE_URL
PAGE_LANG_SAVE_AS = PAGE_SAVE_AS
DRAFT_PAGE_LANG_URL = DRAFT_PAGE_URL
DRAFT_PAGE_LANG_SAVE_AS = DRAFT_PAGE_SAVE_AS
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
UNIT_URL = "don-vi/{slug}/"
UNIT_SAVE_AS = "don-vi/{slug}/index.html"
INDEX_URL = ""  # the home page is /, not /index.html (canonical, og:url, pagination)
INDEX_SAVE_AS = "index.html"
UNITS_INDEX_URL = "don-vi/"
UNITS_INDEX_SAVE_AS = "don-vi/index.html"

# --- Feeds: Pelican's own are off; the press_feeds plugin writes them (issue 4) ---
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

# --- Plugins (one package per capability, in plugins/) ---
PLUGIN_PATHS = [str(ENGINE_ROOT / "plugins")]
# Pelican's content cache, on wherever people build (invoke build, invoke publish, CI): an unchanged
# article is not read again, and up_to_date then skips a build with nothing changed altogether.
# up_to_date also reads everything again when what a reading depends on besides the article's own
# file changed (unit.yml, categories.yml, files beside it, settings, plugin code). Preview and publish
# keep separate caches (publish_settings sets its own CACHE_PATH): their settings differ, and one
# shared cache would be thrown away each time the other build ran. The photo cache (<CACHE_PATH>/anh/)
# and the search shards (<CACHE_PATH>/vi_search/) live in the same folder; CI keeps it between runs.
# CHECK_MODIFIED_METHOD stays Pelican's "mtime": "sha256" opens every file under content/ before the
# allow-list has dropped the refused ones, and opening a named pipe (FIFO) a hostile contribution holds
# blocks the build forever (tests/test_hostile.py).
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache/xem-truoc"  # relative to the site's settings file (Pelican resolves it)
# The content cache uncompressed: Pelican gzips it at level 9 by default, 0.87 CPU s to write and
# 0.60 s to read at 2,000 articles against 0.04 s and 0.07 s uncompressed (11 MB instead of 2.1 MB;
# docs/performance.md, "Rendering (issue 16, helper render)"). CI's cache step compresses it anyway.
GZIP_CACHE = False

PLUGINS = [
    "up_to_date",  # first: a cached build with nothing changed stops before anything else runs
    "content_model",
    "union_units",
    "content_check",
    "theme_helpers",
    "site_i18n",  # the templates' gettext catalogs (before any page is rendered: generator_init)
    "pelican.plugins.sitemap",
    "press_feeds",
    "vi_search",
    "union_reports",
    "safe_html",
    "photo_variants",
    "web_editor",
]

# --- Theme (cdct; plugin theme_helpers) ---
# The identity colours, the one source of them: the build writes theme/identity/identity.css (CSS custom
# properties ``--<name>``) from this, and the identity page's table, base.html's theme-color, the share
# cards and the report charts read it too (site_core.identity). These are the Công đoàn Việt Nam kit,
# which every union shares; a site with other colours sets only the ones it changes, by name:
# ``IDENTITY_COLORS = {"cdct-blue-900": "#0b3b3c"}`` (label and use stay) or a dict like those below.
IDENTITY_COLORS = {
    "cdct-blue-900": {"color": "#0a2656", "label": "Xanh đậm", "use": "Nền đầu trang, chân trang"},
    "cdct-blue-700": {"color": "#0b3d91", "label": "Xanh công đoàn", "use": "Biểu trưng, liên kết, nút"},
    "cdct-blue-100": {"color": "#e8eef9", "label": "Xanh nhạt", "use": "Nền các ô làm nổi bật"},
    "cdct-red-700": {"color": "#c8102e", "label": "Đỏ công đoàn", "use": "Điểm nhấn, nhãn chuyên mục"},
    "cdct-red-800": {"color": "#a30d25", "label": "Đỏ đậm", "use": "Chữ đỏ trên nền xanh nhạt"},
    "cdct-gold-400": {"color": "#ffcd00", "label": "Vàng sao", "use": "Ngôi sao, trang trí trên nền xanh"},
    "cdct-ink": {"color": "#1b1f24", "label": "Chữ", "use": "Nội dung"},
    "cdct-ink-muted": {"color": "#4a5361", "label": "Chữ phụ", "use": "Ngày đăng, chú thích"},
    "cdct-paper": {"color": "#f5f7fb", "label": "Nền trang", "use": "Nền của trang"},
    "cdct-white": {"color": "#ffffff", "label": "Trắng", "use": "Chữ trên nền xanh, nền bài viết"},
    "cdct-line": {"color": "#c9d1de", "label": "Đường kẻ", "use": "Viền, đường phân cách"},
    "cdct-focus": {"color": "#ffcd00", "label": "Viền chọn", "use": "Khung quanh mục đang chọn bằng bàn phím"},
}
# Escaping by construction: every value a template prints is escaped, in text and in attributes. The
# only HTML printed as it is comes from safe_html (the sanitised body and summary, ``|sanitised``).
# The interface strings are gettext messages (Jinja's i18n extension; the site_i18n plugin installs the
# build language's catalog from themes/cdct/translations/, `invoke i18n` keeps the catalogs current).
# auto_reload off: templates cannot change during a build, and Jinja otherwise stats every included
# and imported template on each use (25,000 stat calls for 3,000 pages at N = 2,000; docs/performance.md).
JINJA_ENVIRONMENT = {**DEFAULT_CONFIG["JINJA_ENVIRONMENT"], "autoescape": True, "auto_reload": False,
                     "extensions": [*DEFAULT_CONFIG["JINJA_ENVIRONMENT"]["extensions"], "jinja2.ext.i18n"]}
DIRECT_TEMPLATES = ["index", "tags", "categories", "archives", "search", "404"]
SEARCH_URL = "tim-kiem/"
SEARCH_SAVE_AS = "tim-kiem/index.html"
SITEMAP = {
    "format": "xml",
    "priorities": {"articles": 0.8, "indexes": 0.6, "pages": 0.4},
    "changefreqs": {"articles": "monthly", "indexes": "daily", "pages": "monthly"},
    # A language section's pages are in the same sitemap under en/ (site_i18n): its 404, search and
    # drafts are left out too.
    "exclude": ["^([a-z]{2}/)?404\\.html$", "^([a-z]{2}/)?tim-kiem/", "^([a-z]{2}/)?ban-nhap/", "^admin/", "(^|/)trang/\\d+/"],
}

# --- Languages (plugin site_i18n; issue 19) ---
# Content with ``lang: en`` is built as an English section under /en/ (its own home, units, categories,
# archives, search and feeds). A site sets here what that section says in English: its name and the
# identity texts, e.g. {"en": {"SITENAME": "...", "CDCT_IDENTITY": {"name": "...", "slogan": "..."}}}.
LANGUAGE_SECTIONS = {}

# --- Checks ---
CONTENT_CHECK_STRICT = False  # a preview lists problems and builds everything else

# --- Press feeds (plugin press_feeds; docs/feeds.md) ---
# RSS 2.0 + Atom for the site, each unit and each category. Without an absolute SITEURL (preview),
# feeds link to http://127.0.0.1:8000 (invoke serve); publishconf's SITEURL is used when publishing.
PRESS_FEEDS_SITEURL = None
PRESS_FEEDS_MAX_ITEMS = 50
PRESS_FEEDS_MAX_BYTES = 2_000_000  # Google News reads at most 2 MB
PRESS_FEEDS_HUB = None  # a WebSub hub URL, e.g. "https://pubsubhubbub.appspot.com/"

# --- Search (plugin vi_search; docs/search.md) ---
# Pagefind index of articles and pages, written to output/pagefind/ after each build; /tim-kiem/
# searches it with or without diacritics (đ included).
VI_SEARCH_ENABLED = True
VI_SEARCH_BUNDLE_DIR = "pagefind"

# --- Reports (plugin union_reports; docs/reports.md) ---
# Counts per unit × category × kind for a half-year or a year: `invoke report --year 2024 --half 1`.
# A period here ("2024-H1", "2024", "current") makes every build also write the report files.
# The letterhead (REPORTS_SUPERIOR, _ISSUER, _SYMBOL, _PLACE, _SIGNER, _RECIPIENTS) is the site's.
REPORTS_PERIOD = None
# The plan's targets (site_core.plan): target 2.2's level and yearly count per kind, targets 2.1/2.3's
# member threshold and trained communicators. A union sets its own; these are the engine's defaults.
PLAN_TARGETS = copy.deepcopy(plan.DEFAULT_PLAN_TARGETS)
REPORTS_PATH = "reports"  # gitignored; CSV, XLSX, JSON and HTML for the office
REPORTS_PUBLISH = False  # True also publishes the HTML page at /bao-cao/<period>/
REPORTS_NUMBER = ""  # the office writes the number when it registers the report
REPORTS_SUBJECT = "Kết quả đăng tin bài trên trang thông tin điện tử {period}"

# --- Safe HTML (plugin safe_html; docs/security.md) ---
# Article and page HTML is cleaned with nh3 after Markdown; iframes only for video from the exact hosts
# of site_core.settings.DEFAULT_EMBED_HOSTS (set SAFE_HTML_EMBED_HOSTS = {host: path prefix} to change them: the
# sanitiser and the CSP's frame-src both follow). CSP_POLICY None = generated from those hosts; it is
# rendered as a <meta> by base.html and written with the other security headers into output/_headers
# (Netlify / Cloudflare Pages); `python -m safe_html nginx` prints them for nginx.
CSP_POLICY = None
SAFE_HTML_HEADERS_FILE = "_headers"

# --- Contributing (invoke new / new-unit / codeowners / publish; plugin-free package contrib_tools) ---
# Preview builds go to OUTPUT_PATH (output/, with drafts); publish builds only ever to this folder
# (publishconf's OUTPUT_PATH; `invoke publish` swaps the fresh build into it; `invoke serve --publish`).
PUBLISH_TARGET = "public"
PUBLISH_RSYNC_TARGET = None  # e.g. "deploy@web.example.vn:/var/www/site/" to rsync after the swap

# --- Photos (plugin photo_variants; see docs/photos.md) ---
PHOTO_VARIANTS_WIDTHS = typed.DEFAULT_PHOTO_WIDTHS  # never upscaled; WebP + JPEG fallback for each
PHOTO_VARIANTS_CACHE = None  # None: <CACHE_PATH>/anh (cache/anh/), keyed by content hash + settings

# --- Web editor (plugin web_editor; docs/web-editor.md) ---
# Decap CMS at /admin/, its config generated from the content model. Articles are saved on a branch
# and a pull request of the site's repository (WEB_EDITOR_REPO, the site's; editorial workflow); the
# GitHub backend signs in through an OAuth service the editors run once (WEB_EDITOR_AUTH_URL). Opened
# on 127.0.0.1, the editor saves through `invoke editor` (decap-server, git mode) at
# WEB_EDITOR_LOCAL_BACKEND instead.
WEB_EDITOR_BRANCH = "main"
WEB_EDITOR_AUTH_URL = None  # e.g. "https://dang-nhap.example.vn"
WEB_EDITOR_LOCAL_BACKEND = "http://127.0.0.1:8081/api/v1"


def publish_settings(publish_target: str) -> dict:
    """What a site's publishconf.py changes for production (besides SITEURL, the site's): absolute URLs,
    the publish folder, strict checks, no draft or scheduled article written."""
    return {
        "RELATIVE_URLS": False,
        "OUTPUT_PATH": publish_target,  # public/: never the preview's output/ with its drafts
        "CONTENT_CHECK_STRICT": True,  # any content problem stops the publish build
        "DRAFT_SAVE_AS": "", "DRAFT_URL": "", "DRAFT_PAGE_SAVE_AS": "", "DRAFT_PAGE_URL": "",
        "CACHE_PATH": "cache/xuat-ban",  # its own content cache, photos and search shards (see CACHE_PATH)
    }


def defaults() -> dict:
    """Every setting above, deep-copied: a site that changes a list or dict in place (or a plugin that
    does during a build) never changes the next site built in the same process (tests, live preview)."""
    return copy.deepcopy({name: value for name, value in globals().items() if name.isupper() and name != "ENGINE_ROOT"})

"""Development settings of the Công đoàn Công Thương Việt Nam site: `invoke build` / `invoke livereload`.

The engine's settings (URLs, feeds, plugins, safety, Markdown, paths) come from
plugins/site_core/engine_settings.py, shared with every site built from this theme and these plugins;
what follows is this union's own: its name, letterhead, editors and repository. Production overrides:
publishconf.py.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# Every plugin imports the shared core (site_core) by its own name, so their folder is importable.
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))

from site_core import engine_settings  # noqa: E402 - after the plugins folder is importable

globals().update(engine_settings.defaults())

# --- Identity ---
AUTHOR = "Ban Tuyên giáo Công đoàn Công Thương Việt Nam"
SITENAME = "Công đoàn Công Thương Việt Nam"
SITESUBTITLE = "Trang thông tin điện tử"
# The identity kit: files in themes/cdct/static/identity/, texts here (see the theme's README). The
# colours are the engine's IDENTITY_COLORS (the Công đoàn Việt Nam kit), so none are set here.
CDCT_IDENTITY = {
    "name": SITENAME,
    "short_name": "CĐCTVN",
    "slogan": "Tổ chức của người lao động, do người lao động và vì người lao động",
}

# --- The English section (/en/, plugin site_i18n): what it says in English. Sample: the English name
# and texts are to be confirmed by the union before the section goes live.
LANGUAGE_SECTIONS = {
    "en": {
        "SITENAME": "Vietnam Industry and Trade Union",
        "AUTHOR": "Communications Department, Vietnam Industry and Trade Union",
        "SITESUBTITLE": "News site",
        "CDCT_IDENTITY": {
            "name": "Vietnam Industry and Trade Union",
            "short_name": "VITU",
            "parent_name": "Vietnam General Confederation of Labour",
            "slogan": "An organisation of workers, by workers and for workers",
            "song_title": "The Song of the Vietnam Trade Union",
            "copyright": "Vietnam Industry and Trade Union",
        },
        "PRESS_FEEDS_TERMS": (
            "Newspapers and news sites may republish the articles and photos of this feed in full or in part, "
            "provided that they credit the source (the union that published the article and “{site}”) with a link "
            "to the original; keep the names of the authors and photographers; and do not change the meaning. "
            "Articles marked “Republished from” belong to that source: please contact it."),
    },
}

# --- Reports: the signed document's letterhead (Decree 30/2020/NĐ-CP; docs/reports.md) ---
# Written as one writes them in a sentence; the letterhead prints them in capitals where the Decree asks.
REPORTS_SUPERIOR = "Tổng Liên đoàn Lao động Việt Nam"
REPORTS_ISSUER = "Công đoàn Công Thương Việt Nam"
REPORTS_SYMBOL = "BC-CĐCT"  # "Số:      /BC-CĐCT"; the office writes the number when it registers the report
REPORTS_PLACE = "Hà Nội"
REPORTS_SIGNER = {  # sample data: a fictional signer; replace with the real one
    "authority": "TM. Ban Thường vụ",
    "position": "Phó Chủ tịch",
    "name": "Trần Minh Khoa",
}
REPORTS_RECIPIENTS = [
    "Tổng Liên đoàn Lao động Việt Nam (để báo cáo);",
    "Thường trực CĐCT VN (để b/c);",
    "Các công đoàn trực thuộc;",
    "Lưu: VT, TG.",
]

# --- Contributing and the web editor ---
CONTRIB_EDITORS = ["@ban-tuyen-giao"]  # GitHub handles (or @org/team) who approve every pull request
WEB_EDITOR_REPO = "congdoancongthuong/trang-thong-tin"  # articles are saved as pull requests here
WEB_EDITOR_AUTH_URL = None  # e.g. "https://dang-nhap.congdoancongthuong.example.vn"

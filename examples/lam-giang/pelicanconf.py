"""Sample data: the site of a fictional provincial labour federation (Liên đoàn Lao động tỉnh Lam Giang;
the province does not exist). It is a second site of the same engine: the repository's theme and plugins,
by relative path, with this folder's own settings and content. Build it here with
``pelican content -s pelicanconf.py``.

The engine's settings (URLs, feeds, plugins, safety, Markdown, paths) come from the engine's
plugins/site_core/engine_settings.py, never from the main site's pelicanconf.py; what names or brands
this federation is set below.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ENGINE = HERE.parent.parent  # the engine: the repository's themes/ and plugins/
if str(ENGINE / "plugins") not in sys.path:
    sys.path.insert(0, str(ENGINE / "plugins"))

from site_core import engine_settings  # noqa: E402 - after the engine's plugins folder is importable

globals().update(engine_settings.defaults())

# The theme's static files, then this site's identity kit over them (logo, favicon).
THEME_STATIC_PATHS = ["static", str(HERE / "nhan-dien")]

# --- Identity ---
AUTHOR = "Ban Tuyên giáo Liên đoàn Lao động tỉnh Lam Giang"
SITENAME = "Liên đoàn Lao động tỉnh Lam Giang"
SITESUBTITLE = "Cổng thông tin công đoàn tỉnh"
CDCT_IDENTITY = {
    "name": SITENAME,
    "short_name": "LĐLĐ Lam Giang",
    "slogan": "Đoàn kết – Đổi mới – Vì người lao động Lam Giang",
    "logo": "theme/identity/logo.svg",
}

# --- Reports ---
REPORTS_SUPERIOR = "Tổng Liên đoàn Lao động Việt Nam"
REPORTS_ISSUER = SITENAME
REPORTS_SYMBOL = "BC-LĐLĐ"
REPORTS_PLACE = "Lam Giang"
REPORTS_SIGNER = {  # sample data: a fictional signer
    "authority": "TM. Ban Thường vụ",
    "position": "Phó Chủ tịch",
    "name": "Hoàng Thị Minh Nguyệt",
}
REPORTS_RECIPIENTS = [
    "Tổng Liên đoàn Lao động Việt Nam (để báo cáo);",
    "Thường trực Tỉnh ủy Lam Giang (để b/c);",
    "Các liên đoàn lao động huyện, công đoàn cơ sở;",
    "Lưu: VP, TG.",
]
CONTRIB_EDITORS = ["@tuyen-giao-lam-giang"]

"""Sample data: the site of a fictional provincial labour federation (Liên đoàn Lao động tỉnh Lam Giang;
the province does not exist). It is a second site of the same engine: the repository's theme and plugins,
by relative path, with this folder's own settings and content. Build it from this folder with the
repository's tasks: ``../../.venv/bin/invoke build`` (into output/ here; tasks.py works on the site of
the nearest pelicanconf.py).

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

# The theme's static files, then this site's identity kit over them (logo, favicon; the colours are
# IDENTITY_COLORS below, from which the build writes identity.css).
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

# Sample data: teal and orange instead of the Công đoàn Việt Nam kit. Only the colours it changes; each
# keeps the engine's label and use (site_core.identity). Text pairs pass WCAG AA (tests/test_theme_helpers.py).
IDENTITY_COLORS = {
    "cdct-blue-900": "#0b3b3c",
    "cdct-blue-700": "#0f5e5f",
    "cdct-blue-100": "#e3f1f0",
    "cdct-red-700": "#b33c00",
    "cdct-red-800": "#8f3000",
    "cdct-gold-400": {"color": "#ffb547", "label": "Cam", "use": "Trang trí trên nền xanh lục"},
    "cdct-paper": "#f4f8f8",
    "cdct-line": "#c6d8d7",
    "cdct-focus": "#ffb547",
}

# --- The plan's targets: a provincial federation's, not the engine's default ---
# Target 2.2 applies to the level directly above the base unions: here the district federations
# (levels.yml), not the industry union's "cap-tren-co-so"; 2.1/2.3 from 300 members.
PLAN_TARGETS = {
    "level": "cap-huyen",
    "kinds": {"tai-lieu-dinh-huong": 3, "hoat-dong-truc-tiep": 2},
    "outreach_members": 300,
    "outreach_communicators": 1,
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

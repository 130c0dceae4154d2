"""``invoke init``: a new site for another union, from settings and content alone.

``init_site(folder, name, short_name, domain)`` writes, into an empty folder, the files a union owns:
``pelicanconf.py`` and ``publishconf.py`` (the engine's settings imported by path, then its own name),
``content/levels.yml``, ``content/categories.yml``, the top unit's ``unit.yml``, the pages
"Giới thiệu" and "Liên hệ", and one sample article marked as such. The engine (themes/, plugins/)
stays where it is: the settings point at it, by a relative path when there is one, so the pair can
be moved together. Every refusal is an ``InitError`` with a Vietnamese message.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

from site_core.levels import DEFAULT_LEVELS

from .scaffold import ScaffoldError, make_slug, unit_text, vietnam_now

ENGINE_ROOT = Path(__file__).resolve().parents[2]  # the repository holding themes/ and plugins/
HOST_RE = re.compile(r"(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")
NAME_MAX = 120

# A short list to start from; the union edits it (content/categories.yml) before its first real article.
DEFAULT_CATEGORIES = (
    ("hoat-dong-cong-doan", "Hoạt động công đoàn", "Tin về hoạt động thường xuyên của các cấp công đoàn."),
    ("cham-lo-doan-vien", "Chăm lo đoàn viên", "Chăm lo, hỗ trợ và phúc lợi cho đoàn viên, người lao động."),
    ("chinh-sach-phap-luat", "Chính sách – Pháp luật",
     "Phổ biến, giải đáp chính sách và pháp luật liên quan đến quyền lợi của người lao động."),
    ("guong-dien-hinh", "Gương điển hình", "Người tốt, việc tốt, sáng kiến và gương lao động giỏi."),
)
SAMPLE_CATEGORY = DEFAULT_CATEGORIES[0][0]


class InitError(ScaffoldError):
    """The site cannot be created; the message is for the person running ``invoke init`` (Vietnamese)."""


def _q(value: str) -> str:
    """A double-quoted scalar valid as YAML and as a Python literal, keeping Vietnamese readable."""
    return json.dumps(value, ensure_ascii=False)


def clean_domain(domain: str) -> str:
    """``https://CongDoan.example.vn/`` -> ``congdoan.example.vn``; InitError when it is no host name."""
    host = re.sub(r"^[a-z]+://", "", (domain or "").strip().lower()).split("/")[0]
    if not HOST_RE.fullmatch(host):
        raise InitError(f"Tên miền {domain!r} không hợp lệ. Ghi tên miền của trang, ví dụ: congdoan-tinh.example.vn.")
    return host


def engine_path(folder: Path, engine: Path) -> str:
    """How the new settings reach the engine: relative to the site folder when a relative path exists."""
    try:
        return Path(os.path.relpath(engine, folder)).as_posix()
    except ValueError:  # another drive (Windows): only an absolute path reaches it
        return engine.as_posix()


def pelicanconf_text(name: str, short_name: str, engine: str) -> str:
    return f'''"""Settings of the site of {name} (development): ``invoke build`` run from this folder.

Written by ``invoke init``. The engine's settings (URLs, feeds, plugins, safety, Markdown, paths) come
from the engine's plugins/site_core/engine_settings.py; what names this union is below: change it here.
Production: publishconf.py.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ENGINE = (HERE / {_q(engine)}).resolve()  # the engine: its themes/ and plugins/
if str(ENGINE / "plugins") not in sys.path:
    sys.path.insert(0, str(ENGINE / "plugins"))

from site_core import engine_settings  # noqa: E402 - after the engine's plugins folder is importable

globals().update(engine_settings.defaults())

# --- Identity ---
AUTHOR = {_q("Ban Tuyên giáo " + name)}
SITENAME = {_q(name)}
CDCT_IDENTITY = {{
    "name": SITENAME,
    "short_name": {_q(short_name)},
}}
# Other colours than the Công đoàn Việt Nam kit: only the ones that change, e.g.
# IDENTITY_COLORS = {{"cdct-blue-900": "#0a2656"}}  (names: plugins/site_core/engine_settings.py)

# --- Reports ---
# The plan's targets: target 2.2's level of content/levels.yml (the level above the base unions) and its
# yearly count per kind; targets 2.1/2.3 from this many members (site_core.plan).
PLAN_TARGETS = {{"level": "cap-tren-co-so", "kinds": {{"tai-lieu-dinh-huong": 2, "hoat-dong-truc-tiep": 2}},
                "outreach_members": 1000, "outreach_communicators": 1}}
# The signed document's letterhead (Decree 30/2020/NĐ-CP):
REPORTS_SUPERIOR = "Tổng Liên đoàn Lao động Việt Nam"  # the body above this union
REPORTS_ISSUER = SITENAME
REPORTS_SYMBOL = "BC"  # the part after "Số: …/", e.g. "BC-CĐN"
REPORTS_PLACE = "Hà Nội"  # the place name before the date
REPORTS_SIGNER = {{"authority": "TM. Ban Thường vụ", "position": "", "name": ""}}
REPORTS_RECIPIENTS = ["Lưu: VT."]

# --- Contributing and the web editor ---
CONTRIB_EDITORS = ["@ban-tuyen-giao"]  # GitHub handles (or @org/team) who approve every pull request
WEB_EDITOR_REPO = ""  # "owner/name" of this site's repository on GitHub
'''


def publishconf_text(domain: str) -> str:
    return f'''"""Production settings: ``invoke build --publish`` or ``invoke publish`` here (written by ``invoke init``)."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: F403 - and the engine's plugins folder is importable
from site_core import engine_settings

# Absolute URLs, public/, strict checks, no drafts: the engine's publish rules.
globals().update(engine_settings.publish_settings(PUBLISH_TARGET))  # noqa: F405
SITEURL = os.environ.get("SITEURL", "https://{domain}")
'''


def levels_text() -> str:
    lines = ["# Các cấp công đoàn của trang, từ cấp cao nhất xuống; cấp đầu tiên là đơn vị đứng đầu trang.",
             "# Sửa cho đúng các cấp của công đoàn mình (mỗi unit.yml ghi level: là một slug dưới đây)."]
    for slug, name in DEFAULT_LEVELS.items():
        lines += [f"- slug: {slug}", f"  name: {_q(name)}"]
    return "\n".join(lines) + "\n"


def categories_text() -> str:
    lines = ["# Chuyên mục của trang (sửa, thêm, bớt tùy ý; slug là tên thư mục trên địa chỉ trang)."]
    for order, (slug, name, description) in enumerate(DEFAULT_CATEGORIES, 1):
        lines += [f"- slug: {slug}", f"  name: {_q(name)}", f"  description: {_q(description)}", f"  order: {order}"]
    return "\n".join(lines) + "\n"


def page_texts(name: str, domain: str) -> dict:
    return {
        "gioi-thieu.md": f"---\ntitle: \"Giới thiệu\"\nslug: gioi-thieu\nsummary: {_q('Trang thông tin điện tử của ' + name + '.')}\n"
                         f"---\nTrang thông tin điện tử của {name}. Sửa trang này: content/pages/gioi-thieu.md.\n",
        "lien-he.md": f"---\ntitle: \"Liên hệ\"\nslug: lien-he\nsummary: \"Địa chỉ, điện thoại và thư điện tử.\"\n"
                      f"---\n{name}\n\n- **Địa chỉ:** (ghi địa chỉ)\n- **Điện thoại:** (ghi số điện thoại)\n"
                      f"- **Thư điện tử:** (ghi địa chỉ thư)\n- **Trang web:** https://{domain}/\n",
    }


def sample_article_text(short_name: str, date: dt.datetime) -> str:
    return (f"---\ntitle: {_q('Bài mẫu: ' + short_name + ' ra mắt trang thông tin điện tử')}\n"
            f"date: {date:%Y-%m-%d %H:%M}\ncategory: {SAMPLE_CATEGORY}\ntags: [Bài mẫu]\n"
            "summary: \"Bài mẫu do invoke init tạo: xóa thư mục của bài này khi đăng bài thật.\"\n---\n"
            "Đây là **bài mẫu** để xem trang hiển thị thế nào. Khi có bài thật, xóa thư mục của bài này.\n\n"
            "Tạo bài mới: `invoke new --unit <đơn-vị> --category <chuyên-mục> --title \"Tiêu đề\"`.\n")


def init_site(folder: Path, name: str, short_name: str, domain: str, engine: Path = ENGINE_ROOT,
              now: dt.datetime | None = None) -> list[Path]:
    """Write a new site into ``folder`` (missing or empty); return the files written, in order."""
    folder, engine = Path(folder).absolute(), Path(engine).resolve()
    name, short_name = " ".join((name or "").split()), " ".join((short_name or "").split())
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InitError(f"Thư mục {folder} không trống. Chọn một thư mục mới hoặc thư mục trống "
                        "(invoke init không ghi đè tệp nào).")
    if not name or len(name) > NAME_MAX:
        raise InitError(f"Tên công đoàn phải có từ 1 đến {NAME_MAX} ký tự, ví dụ: --name \"Công đoàn Ngành X\".")
    if not short_name or len(short_name) > 40:
        raise InitError("Tên viết tắt phải có từ 1 đến 40 ký tự, ví dụ: --short-name \"CĐN X\".")
    domain = clean_domain(domain)
    top = make_slug(name)
    if not top:
        raise InitError("Tên công đoàn phải có ít nhất một chữ cái hoặc chữ số.")
    date = (now or vietnam_now()) - dt.timedelta(minutes=1)  # already past: published, not scheduled
    levels = dict(DEFAULT_LEVELS)
    content = folder / "content"
    files = {
        folder / "pelicanconf.py": pelicanconf_text(name, short_name, engine_path(folder, engine)),
        folder / "publishconf.py": publishconf_text(domain),
        content / "levels.yml": levels_text(),
        content / "categories.yml": categories_text(),
        content / "units" / top / "unit.yml": unit_text(top, name, next(iter(levels)), None, [], short_name, levels),
        **{content / "pages" / rel: text for rel, text in page_texts(name, domain).items()},
        content / "units" / top / f"{date:%Y}" / "bai-mau" / "index.md": sample_article_text(short_name, date),
    }
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(text)
    return list(files)

"""A hostile contribution cannot leak a secret, run script or exhaust the build (issue 14).

One unit folder holds every hostile file a phished account could push: symlinks to a secret file
outside the repository and to /proc/self/environ (the build's environment, with a marker secret in
it), a symlinked folder, a hard link, a FIFO, scripted SVG, HTML, JavaScript, dotfiles, metadata
carrying ``"><script>`` in every field, ``javascript:`` URLs, YAML bombs, deep nesting, a 50 MB
article, 10,000 tags, a decompression-bomb photo, invisible characters, NFD names. The checker and
both builds run as real processes (the way CI runs them), so /proc/self/environ is theirs.

Asserted: ``invoke check`` names each hostile file (Vietnamese, with the fix, no traceback); the
publish build fails; the preview build succeeds and no output file carries the marker, a script,
a ``javascript:`` URL or an unescaped metadata value, in pages, JSON-LD or feeds.
"""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import sys
import unicodedata
import uuid
import zlib
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from lxml import etree

from conftest import BASE_FILES, ROOT, article
from safe_html import markup_free_text
from test_safety import unsafe_things

pytestmark = pytest.mark.slow

SECRET = "CDCT-BI-MAT-" + uuid.uuid4().hex  # in the builds' environment and in the outside file
PAYLOAD = "\"><script>alert('xss')</script><img src=x onerror=alert(1)>"
UNIT = "units/cd-thu-nghiem"
YEAR = f"{UNIT}/2024"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bomb_png(side: int = 100_000) -> bytes:
    """A few hundred bytes claiming side × side pixels: a decompression bomb."""
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(b"\0" * 4096)) + _chunk(b"IEND", b"")


def tiny_jpeg() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


BILLION_LAUGHS = "\n".join(
    ['a: &a ["ha","ha","ha","ha","ha","ha","ha","ha","ha"]']
    + [f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)])

HOSTILE_UNIT = f"""name: {json.dumps(PAYLOAD)}
short_name: {json.dumps("CĐ " + PAYLOAD)}
level: co-so
parent: cong-doan-nganh
members: 100
fanpage: "javascript:alert(1)//https://www.facebook.com/x"
website: "https://evil.example/\\"><script>alert(1)</script>"
email: "a@b.vn\\"><script>alert(1)</script>"
phone: "<script>alert(1)</script>"
address: {json.dumps(PAYLOAD)}
description: {json.dumps(PAYLOAD)}
maintainers: [nguoi-thu]
"""


def every_field_article() -> str:
    fields = {key: json.dumps(PAYLOAD) for key in ("summary", "author", "image_alt", "image_caption",
                                                   "image_credit", "source")}
    return article(title=PAYLOAD.replace('"', '\\"'), tags=json.dumps([PAYLOAD, "Đoàn viên"]),
                   source_url='"javascript:alert(1)"', slug='"../../../index"', image="anh.jpg",
                   body="Bài có thông tin độc hại ở mọi trường.", **fields)


def hostile_content(root: Path, outside: Path) -> dict[str, str]:
    """Write the hostile content; return {display path: what must name it in the checker's output}."""
    content = root / "content"
    (content / YEAR).mkdir(parents=True)
    (content / "categories.yml").write_text(
        (ROOT / "content" / "categories.yml").read_text(encoding="utf-8")
        + f"- slug: doc-hai\n  name: {json.dumps(PAYLOAD)}\n  description: {json.dumps(PAYLOAD)}\n  order: 99\n",
        encoding="utf-8")
    for rel, text in BASE_FILES.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    year = content / YEAR

    outside.mkdir()
    (outside / "bi-mat.pdf").write_bytes(b"%PDF-1.4\n" + SECRET.encode() + b"\n%%EOF\n")
    (outside / "thu-muc").mkdir()
    (outside / "thu-muc" / "anh.jpg").write_bytes(tiny_jpeg() + SECRET.encode())
    (outside / "thu-muc" / "bai-ngoai.md").write_text(article(title=SECRET), encoding="utf-8")
    (outside / "lien-ket-cung.pdf").write_bytes(b"%PDF-1.4\n" + SECRET.encode() + b"\n%%EOF\n")

    expected = {}

    def put(rel: str, data, why: str):
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data) if isinstance(data, bytes) else path.write_text(data, encoding="utf-8")
        expected[f"content/{rel}"] = why

    (year / "tai-lieu.pdf").symlink_to("/proc/self/environ")
    expected[f"content/{YEAR}/tai-lieu.pdf"] = "[liên kết]"
    (year / "bi-mat.pdf").symlink_to(outside / "bi-mat.pdf")
    expected[f"content/{YEAR}/bi-mat.pdf"] = "[liên kết]"
    (year / "anh-ngoai").symlink_to(outside / "thu-muc", target_is_directory=True)
    expected[f"content/{YEAR}/anh-ngoai"] = "[liên kết]"
    os.link(outside / "lien-ket-cung.pdf", year / "lien-ket-cung.pdf")
    expected[f"content/{YEAR}/lien-ket-cung.pdf"] = "[liên kết]"
    os.mkfifo(year / "ong-dan.pdf")
    expected[f"content/{YEAR}/ong-dan.pdf"] = "[loại tệp]"

    put(f"{YEAR}/anh.jpg", tiny_jpeg(), "")
    expected.pop(f"content/{YEAR}/anh.jpg")  # a real photo: accepted
    put(f"{YEAR}/hinh.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script>'
        '<circle r="4"/></svg>', "[nội dung tệp]")
    put(f"{YEAR}/hinh-ngoai.svg", '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<image xlink:href="https://evil.example/x.png"/></svg>', "[nội dung tệp]")
    put(f"{YEAR}/hinh-js.svg", '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><circle r="4"/>'
        '</a></svg>', "[nội dung tệp]")
    put(f"{YEAR}/trang.html", f"<script>alert('{SECRET}')</script>", "[loại tệp]")
    put(f"{YEAR}/ma.js", "alert(1)", "[loại tệp]")
    put(f"{YEAR}/gia-anh.jpg", b"<html><script>alert(1)</script></html>", "[nội dung tệp]")
    put(f"{YEAR}/gia-tai-lieu.pdf", b"<svg onload=alert(1)>", "[nội dung tệp]")
    put(f"{YEAR}/.env", f"GITHUB_TOKEN={SECRET}\n", "[tên tệp]")
    put(f"{UNIT}/.DS_Store", b"\0\0\0\1Bud1" + SECRET.encode(), "[tên tệp]")
    put(f"{UNIT}/.git/config", f"[credential]\n\thelper = {SECRET}\n", "[tên tệp]")
    expected[f"content/{UNIT}/.git"] = expected.pop(f"content/{UNIT}/.git/config")  # refused as a folder
    put("extra/.htaccess", "Redirect / https://evil.example/", "[tên tệp]")
    put("extra/index.html", "<script>alert(1)</script>", "[tệp]")

    put(f"{YEAR}/moi-truong.md", every_field_article(), "[source_url]")
    put(f"{YEAR}/bom-yaml.md", "---\n" + BILLION_LAUGHS + "\ntitle: x\n---\nx\n", "[front matter]")
    put(f"{YEAR}/long-sau.md", "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\nx\n", "[front matter]")
    put(f"{YEAR}/qua-nang.md", article(title="Bài rất dài", body="Đoàn viên. " * 5_000_000), "[dung lượng]")
    put(f"{YEAR}/muoi-nghin-the.md", article(title="Nhiều thẻ", tags=json.dumps([f"thẻ {i}" for i in range(10_000)])),
        "[tags]")
    put(f"{YEAR}/tieu-de-an.md", article(title="Tin \u202egnol\u202c vui \u200b ẩn"), "[title]")
    put(f"{YEAR}/anh-bom.md", article(title="Ảnh bom", image="bom.png", image_alt='"Ảnh"'), "[image]")
    put(f"{YEAR}/bom.png", bomb_png(), "")
    expected.pop(f"content/{YEAR}/bom.png")  # named through the article that uses it
    # the same name twice, once NFC and once NFD (macOS): they look identical to a reviewer
    put(f"{YEAR}/ảnh-tách-dấu.jpg", tiny_jpeg(), "[tên tệp]")
    put(f"{YEAR}/{unicodedata.normalize('NFD', 'ảnh-tách-dấu.jpg')}", tiny_jpeg(), "[tên tệp]")
    put(f"{YEAR}/ten-\u202egpj.exe", tiny_jpeg(), "[tên tệp]")
    put("units/don-vi-doc/unit.yml", HOSTILE_UNIT, "[fanpage]")
    put("units/don-vi-bom/unit.yml", BILLION_LAUGHS + "\nname: x\nlevel: co-so\nparent: cong-doan-nganh\n", "[yaml]")
    put("pages/trang-doc.md", "---\ntitle: Trang\nsave_as: index.html\ntemplate: ../../../etc/passwd\n---\nx\n",
        "[save_as]")
    return expected


BUILD = """
import sys
sys.path.insert(0, sys.argv[4])
from conftest import run_pelican
from pathlib import Path
run_pelican(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
"""


def run(args, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": f"{ROOT / 'plugins'}:{ROOT}",
           "HOME": str(cwd), "CDCT_SECRET_TOKEN": SECRET, "LANG": "C.UTF-8"}
    return subprocess.run(args, capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    expected = hostile_content(root, root / "ngoai-kho")
    content = root / "content"
    check = run([sys.executable, "-m", "content_check", str(content)], root)
    builds = {}
    for name, settings in (("preview", "pelicanconf.py"), ("publish", "publishconf.py")):
        builds[name] = run([sys.executable, "-c", BUILD, str(content), str(root / name), settings,
                            str(ROOT / "tests")], root)
    return {"root": root, "expected": expected, "check": check, "builds": builds}


def test_the_checker_names_every_hostile_file_in_vietnamese(hostile):
    check = hostile["check"]
    out = check.stdout
    assert check.returncode == 1, out + check.stderr
    assert "Traceback" not in out + check.stderr
    lines = out.splitlines()
    missing = []
    for display, field in hostile["expected"].items():
        named = [line for line in lines if line.startswith(str(hostile["root"] / display)) and field in line]
        if not named or not all("Cách sửa:" in line for line in named):
            missing.append(f"{display} {field}")
    assert missing == [], "\n".join(missing) + "\n\n" + out
    assert SECRET not in out  # the checker never prints what a linked file holds


def test_the_publish_build_fails_and_writes_nothing(hostile):
    publish = hostile["builds"]["publish"]
    assert publish.returncode != 0
    assert "bản xuất bản dừng lại" in publish.stdout + publish.stderr
    out = hostile["root"] / "publish"
    assert not out.exists() or not any(out.rglob("*.html"))


def test_the_preview_leaves_every_hostile_file_out(hostile):
    preview = hostile["builds"]["preview"]
    assert preview.returncode == 0, preview.stdout[-3000:] + preview.stderr[-3000:]
    out = hostile["root"] / "preview"
    assert (out / "index.html").is_file()
    names = {p.name for p in out.rglob("*")}
    for refused in ("tai-lieu.pdf", "bi-mat.pdf", "anh-ngoai", "lien-ket-cung.pdf", "ong-dan.pdf", "hinh.svg",
                    "hinh-ngoai.svg", "hinh-js.svg", "trang.html", "ma.js", "gia-anh.jpg", "gia-tai-lieu.pdf", ".env",
                    ".DS_Store", ".git", ".htaccess", "bai-ngoai"):
        assert refused not in names, refused
    assert not (out / "index.html").read_text(encoding="utf-8").startswith("<script")  # extra/index.html
    assert (out / "don-vi/cd-thu-nghiem/2024/moi-truong/index.html").is_file()  # built, its slug ignored


def test_no_output_file_carries_the_secret_or_an_unescaped_value(hostile):
    out = hostile["root"] / "preview"
    files = [p for p in out.rglob("*") if p.is_file() and not p.is_symlink()]
    assert len(files) > 20
    for path in files:
        data = path.read_bytes()
        assert SECRET.encode() not in data, path
        if path.suffix == ".yml":
            # The web editor's config is data, not markup: names are YAML strings that Decap shows as
            # text. It must stay valid YAML (a payload cannot add keys or break out of a value).
            assert isinstance(yaml.safe_load(data), dict), path
            continue
        assert b"<script>alert" not in data and b"<img src=x onerror" not in data, path
    for path in out.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        assert unsafe_things(soup) == [], path
        for script in soup.find_all("script", type="application/ld+json"):
            json.loads(script.string)  # valid JSON: the values inside are data, escaped once
            assert "&#34;" not in script.string and "&amp;" not in script.string, path


def test_metadata_is_shown_as_text_where_it_is_written(hostile):
    out = hostile["root"] / "preview"
    page = BeautifulSoup((out / "don-vi/cd-thu-nghiem/2024/moi-truong/index.html").read_text(encoding="utf-8"), "lxml")
    # The title loses its tags (safe_html.markup_free_text); what is left is text, in the page and its attributes.
    assert page.find("h1").get_text() == markup_free_text(PAYLOAD) == '"'
    assert page.find("meta", property="og:title")["content"] == '"'
    # Other fields keep every character, shown as typed.
    assert PAYLOAD in page.get_text()
    assert any(tag.get_text() == PAYLOAD for tag in page.find_all("a", href=re.compile(r"/the/")))
    crumbs = [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]
    trail = next(c for c in crumbs if c["@type"] == "BreadcrumbList")
    assert trail["itemListElement"][-1]["name"] == '"'  # as typed, not &#34;-escaped
    unit = BeautifulSoup((out / "don-vi/don-vi-doc/index.html").read_text(encoding="utf-8"), "lxml")
    assert "alert('xss')" in unit.get_text()
    assert not any(a.get("href", "").startswith(("javascript:", "https://evil")) for a in unit.find_all("a"))


def test_feeds_carry_metadata_as_text_only(hostile):
    out = hostile["root"] / "preview"
    feeds = [p for p in out.rglob("*.xml") if p.name != "sitemap.xml"]
    assert feeds, "no feed was written"
    checked = 0
    for feed in feeds:
        root = etree.parse(str(feed)).getroot()
        for el in root.iter():
            local = etree.QName(el).localname
            # HTML carried as text: an RSS item's description and content:encoded, Atom type="html" (a
            # channel's title and description are plain text in RSS 2.0)
            in_item = etree.QName(el.getparent()).localname == "item" if el.getparent() is not None else False
            if el.text and ((in_item and local in ("description", "encoded")) or el.get("type") == "html"):
                checked += 1
                assert unsafe_things(BeautifulSoup(el.text, "lxml")) == [], f"{feed.name}: {el.tag}"
            elif el.text and PAYLOAD in el.text:
                checked += 1  # a title or name: text, escaped by the XML writer
    assert checked

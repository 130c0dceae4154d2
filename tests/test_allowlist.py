"""The allow-list's pure functions, case by case (site_core.allowlist, frontmatter.load_yaml).

tests/test_hostile.py runs them all together through the checker and both builds; these say which
rule refuses what, so a rule removed fails here by name.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata

import pytest
import yaml

from conftest import BASE_FILES
from site_core import allowlist
from site_core.frontmatter import UnsafeYaml, load_yaml, read_source
from realfiles import docx, jpeg, pdf, xlsx

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


@pytest.mark.parametrize("inside, refused", [
    ('<circle r="4" fill="url(#g)"/><defs><linearGradient id="g"/></defs>', None),
    ('<text x="1" y="2">Công đoàn</text><use href="#a"/>', None),
    ("<script>alert(1)</script>", "thẻ <script>"),
    ('<circle r="4" onclick="alert(1)"/>', "mã lệnh onclick="),
    ('<a href="javascript:alert(1)"><circle r="4"/></a>', "thẻ <a>"),
    ('<image xlink:href="https://evil.example/x.png"/>', "thẻ <image>"),
    ('<use href="https://evil.example/x.svg#a"/>', "liên kết ra ngoài"),
    ('<rect style="fill:url(https://evil.example/x)"/>', "url(...)"),
    ('<circle r="4" fill="url(https://evil.example/x)"/>', "url(...)"),
    ("<foreignObject><p>x</p></foreignObject>", "thẻ <foreignObject>"),
    ("<style>@import url(https://evil.example/x.css);</style>", "thẻ <style>"),
    ('<set attributeName="href" to="javascript:alert(1)"/>', "thẻ <set>"),
])
def test_svg_drawings_without_script_or_outside_references_only(inside, refused):
    problem = allowlist.svg_problem(SVG.format(inside).encode())
    assert (problem is None) if refused is None else (refused in (problem or "")), problem


def test_svg_entities_and_doctype_are_refused():
    bomb = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>' + SVG.format("&b;")
    assert "DOCTYPE" in allowlist.svg_problem(bomb.encode())


@pytest.mark.parametrize("suffix, data, ok", [
    (".jpg", jpeg(), True),
    (".jpg", b"<html><script>alert(1)</script>", False),
    (".png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20, True),
    (".png", jpeg(), False),
    (".pdf", pdf(), True),
    (".pdf", b"<svg onload=alert(1)>", False),
    (".docx", docx(), True),
    (".docx", xlsx(), False),  # a zip, but not a Word document
    (".xlsx", xlsx(), True),
    (".xlsx", b"PK\x03\x04 broken", False),
    (".mp4", b"\0\0\0\x18ftypmp42" + b"\0" * 20, True),
    (".mp4", b"<html>", False),
])
def test_bytes_must_be_what_the_extension_says(suffix, data, ok):
    assert (allowlist.content_problem(suffix, data) is None) is ok


def _tree(tmp_path, files: dict):
    content = tmp_path / "content"
    for rel, data in {**BASE_FILES, **files}.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return content


def _verdicts(content):
    return {rel: (v.problem.field if v.problem else v.kind.name) for rel, v in allowlist.walk(content)}


def test_walk_judges_links_special_files_and_names_without_entering_links(tmp_path):
    outside = tmp_path / "ngoai"
    (outside / "sau").mkdir(parents=True)
    (outside / "sau" / "anh.jpg").write_bytes(jpeg())
    (outside / "a.pdf").write_bytes(pdf())
    content = _tree(tmp_path, {"units/cd-thu-nghiem/2024/bai/index.md": "---\ntitle: x\n---\n",
                               "units/cd-thu-nghiem/2024/bai/anh.jpg": jpeg(),
                               "units/cd-thu-nghiem/2024/bai/.env": "SECRET=1",
                               "units/cd-thu-nghiem/.github/x.yml": "a: 1",
                               "units/cd-thu-nghiem/2024/bai/trang.html": "<p>x</p>",
                               "units/cd-thu-nghiem/2024/bai/ten\u202egnp.exe": jpeg(),
                               "units/cd-thu-nghiem/2024/bai/Anh.JPG": jpeg(),
                               "units/cd-thu-nghiem/2024/bai/ảnh.jpg": jpeg(),
                               "units/cd-thu-nghiem/2024/bai/" + unicodedata.normalize("NFD", "ảnh.jpg"): jpeg()})
    folder = content / "units/cd-thu-nghiem/2024/bai"
    (folder / "lien-ket.pdf").symlink_to(outside / "a.pdf")
    (folder / "thu-muc").symlink_to(outside / "sau", target_is_directory=True)
    os.link(outside / "a.pdf", folder / "cung.pdf")
    os.mkfifo(folder / "ong.pdf")
    found = _verdicts(content)
    prefix = "units/cd-thu-nghiem/2024/bai/"
    assert found[prefix + "index.md"] == "MARKDOWN" and found[prefix + "anh.jpg"] == found[prefix + "Anh.JPG"] == "PHOTO"
    # the same name in NFC and in NFD: both named
    assert found[prefix + "ảnh.jpg"] == found[prefix + unicodedata.normalize("NFD", "ảnh.jpg")] == "tên tệp"
    assert found[prefix + "lien-ket.pdf"] == "liên kết" and found[prefix + "thu-muc"] == "liên kết"
    assert not any(rel.startswith(prefix + "thu-muc/") for rel in found)  # never entered
    assert found[prefix + "cung.pdf"] == "liên kết" and found[prefix + "ong.pdf"] == "loại tệp"
    assert found[prefix + ".env"] == "tên tệp" and found["units/cd-thu-nghiem/.github"] == "tên tệp"
    assert found[prefix + "trang.html"] == "loại tệp" and found[prefix + "ten\u202egnp.exe"] == "tên tệp"
    assert found["units/cd-thu-nghiem/unit.yml"] == "PROFILE"


def test_an_nfd_name_alone_is_accepted(tmp_path):
    name = unicodedata.normalize("NFD", "Kế hoạch.pdf")
    content = _tree(tmp_path, {f"units/cd-thu-nghiem/2024/bai/{name}": pdf()})
    assert _verdicts(content)[f"units/cd-thu-nghiem/2024/bai/{name}"] == "DOCUMENT"


def test_read_regular_never_follows_a_link_nor_reads_past_the_cap(tmp_path):
    target = tmp_path / "that.md"
    target.write_text("---\ntitle: x\n---\n", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(target)
    with pytest.raises(allowlist.Refused, match="symlink"):
        read_source(tmp_path / "link.md")
    os.mkfifo(tmp_path / "fifo.md")
    with pytest.raises(allowlist.Refused):
        read_source(tmp_path / "fifo.md")  # would block forever if opened for reading without O_NONBLOCK
    (tmp_path / "big.md").write_bytes(b"x" * 2000)
    with pytest.raises(allowlist.Refused, match="quá giới hạn"):
        read_source(tmp_path / "big.md", limit=1000)
    assert read_source(target).startswith("---")


@pytest.mark.parametrize("text, refused", [
    ("title: Tin & bài\ntags: [a, b]\nsummary: '*Lưu ý* & *nhớ*'", None),
    ("a: &x [1, 2]\nb: *x", "tham chiếu"),
    ("a: !!python/object:os.system x", "nhãn kiểu"),
    ("title: " + "[" * 50 + "]" * 50, "lồng nhau"),
    ("a:\n" + "".join(" " * (2 * i) + f"k{i}:\n" for i in range(1, 40)) + " " * 80 + "v: 1", "lồng nhau"),
])
def test_yaml_anchors_aliases_tags_and_deep_nesting_are_refused(text, refused):
    if refused is None:
        assert isinstance(load_yaml(text), dict)
    else:
        with pytest.raises(UnsafeYaml, match=refused):
            load_yaml(text)
        assert issubclass(UnsafeYaml, yaml.YAMLError)  # every caller already reports YAML errors


@pytest.mark.slow
def test_ignore_files_alone_keeps_dotfiles_out_of_a_build(tmp_path):
    """Pelican's own filter (IGNORE_FILES, extended with '.*') holds even without content_check."""
    from pelican.settings import DEFAULT_CONFIG, read_settings

    from conftest import ROOT

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    assert set(DEFAULT_CONFIG["IGNORE_FILES"]) <= set(settings["IGNORE_FILES"]) and ".*" in settings["IGNORE_FILES"]
    content = _tree(tmp_path, {"units/cd-thu-nghiem/2024/bai/index.md": "---\ntitle: Bài\ndate: 2024-05-01\n"
                               "category: hoat-dong-cong-doan\n---\nx\n",
                               "units/cd-thu-nghiem/2024/bai/.env": "SECRET=1",
                               "units/cd-thu-nghiem/.git/config": "[x]", "extra/.htaccess": "x"})
    (content / "categories.yml").write_text((ROOT / "content/categories.yml").read_text(encoding="utf-8"),
                                            encoding="utf-8")
    out = tmp_path / "out"
    plugins = [p for p in settings["PLUGINS"] if p not in ("content_check", "vi_search")]
    # In its own process: blinker's receivers are global, so in this one content_check may already
    # be connected by an earlier build and would hide what IGNORE_FILES alone does.
    build = ("import sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path; from conftest import run_pelican; "
             "run_pelican(Path(sys.argv[2]), Path(sys.argv[3]), 'pelicanconf.py', PLUGINS=sys.argv[4].split(','))")
    subprocess.run([sys.executable, "-c", build, str(ROOT / "tests"), str(content), str(out), ",".join(plugins)],
                   check=True, capture_output=True, cwd=tmp_path, timeout=300)
    assert (out / "don-vi/cd-thu-nghiem/2024/bai/index.html").is_file()
    assert not [p for p in out.rglob(".*")]

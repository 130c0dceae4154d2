"""`invoke check` (python -m content_check): every problem in one run, exit status for CI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import BASE_FILES, article

ROOT = Path(__file__).resolve().parent.parent


def run_check(content: Path):
    return subprocess.run([sys.executable, "-m", "content_check", str(content)], capture_output=True, text=True,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT / "plugins"), "PATH": "/usr/bin:/bin"})


def write(content: Path, files: dict):
    (content).mkdir(parents=True, exist_ok=True)
    (content / "categories.yml").write_text((ROOT / "content" / "categories.yml").read_text(encoding="utf-8"), encoding="utf-8")
    for rel, text in {**BASE_FILES, **files}.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text) if isinstance(text, bytes) else path.write_text(text, encoding="utf-8")


def test_the_sample_content_is_clean():
    result = run_check(ROOT / "content")
    assert result.returncode == 0, result.stdout
    assert "✓ Nội dung hợp lệ" in result.stdout
    assert "0 tệp lỗi không dựng được; 0 vấn đề" in result.stdout


def test_every_problem_is_listed_in_one_run(tmp_path):
    content = tmp_path / "content"
    write(content, {
        "units/cd-thu-nghiem/2024/a.md": article("A", category="khong-co"),
        "units/cd-thu-nghiem/2024/b.md": "---\ntitle: B\ndate: 2024-02-30\ncategory: doi-ngoai\n---\nx\n",
        "units/cd-thu-nghiem/2024/c.md": article("C", image="anh.jpg"),
        "units/cd-thu-nghiem/2024/ghi-chu.docx.tmp": "x",
        "units/cd-thu-nghiem/2024/d.md": article("D").encode("utf-16"),
    })
    result = run_check(content)
    assert result.returncode == 1
    out = result.stdout
    expected = [
        "units/cd-thu-nghiem/2024/a.md:4: [category] Chuyên mục 'khong-co' không có trong danh mục.",
        "units/cd-thu-nghiem/2024/b.md:3: [date] Ngày đăng '2024-02-30' không đúng dạng.",
        "units/cd-thu-nghiem/2024/c.md:5: [image] Không tìm thấy tệp 'anh.jpg' trong thư mục của bài.",
        "units/cd-thu-nghiem/2024/c.md:5: [image_alt] Ảnh đại diện chưa có mô tả (alt)",
        "units/cd-thu-nghiem/2024/d.md: [encoding] Tệp không phải mã UTF-8",
        "units/cd-thu-nghiem/2024/ghi-chu.docx.tmp: [loại tệp] Không nhận loại tệp .tmp (ghi-chu.docx.tmp).",
    ]
    for line in expected:
        assert line in out
    assert "✗ Có 6 vấn đề cần sửa." in out
    assert all("→ Cách sửa:" in line for line in out.splitlines() if line.startswith(str(content)))


def upper_unit(name: str) -> str:
    return f'name: "{name}"\nlevel: cap-tren-co-so\nparent: cong-doan-nganh\nmaintainers: [nguoi-thu]\n'


TL, HD = "tai-lieu-dinh-huong", "hoat-dong-truc-tiep"


def test_kind_hint_for_an_upper_level_union_whose_target_is_at_risk(tmp_path):
    """Target 2.2 (two of each kind a year) counts `kind:`; a union that publishes without it is told how
    to mark its articles. A hint is no problem: the check passes and a publish build goes on."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from content_check import check_site

    content = tmp_path / "content"
    write(content, {
        "units/ctcs-thu/unit.yml": upper_unit("Công đoàn Tổng công ty Thử"),
        "units/ctcs-thu/2024/a.md": article("A", "2024-02-01 08:00", kind=TL),
        "units/ctcs-thu/2024/b.md": article("B", "2024-03-01 08:00"),
        "units/ctcs-thu/2024/c.md": article("C", "2024-04-01 08:00", status="draft", kind=HD),  # not counted
        "units/ctcs-du/unit.yml": upper_unit("Công đoàn Tổng công ty Đủ"),
        **{f"units/ctcs-du/2024/{kind}-{n}.md": article(f"{kind} {n}", f"2024-0{n}-02 08:00", kind=kind)
           for kind in (TL, HD) for n in (1, 2)},
        "units/ctcs-lang/unit.yml": upper_unit("Công đoàn Tổng công ty Lặng"),  # nothing this half-year
        "units/ctcs-lang/2023/cu.md": article("Cũ", "2023-11-01 08:00"),
        "units/cd-thu-nghiem/2024/d.md": article("D", "2024-05-01 08:00"),  # grassroots: 2.2 does not apply
    })
    report = check_site(content, now=dt.datetime(2024, 5, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
    assert report.problems == []
    assert [str(h) for h in report.hints] == [
        "content/units/ctcs-thu/: [kind] Đơn vị đã đăng 2 bài trong 6 tháng đầu năm 2024, nhưng từ đầu năm 2024 "
        "mới có tài liệu định hướng 1/2; hoạt động truyền thông trực tiếp 0/2 (chỉ tiêu 2.2: mỗi loại ít nhất 02 "
        "bài một năm). → Cách sửa: Nếu bài nào là tài liệu định hướng hoặc hoạt động truyền thông trực tiếp, thêm "
        "vào phần đầu bài dòng kind: tai-lieu-dinh-huong hoặc kind: hoat-dong-truc-tiep (xem HUONG-DAN-DONG-GOP.md, "
        "mục \"Loại bài\"); nếu chưa có, báo cáo sẽ ghi \"Chưa đạt\"."]
    # In July the new half-year has nothing yet: no hint until the union publishes again.
    assert check_site(content, now=dt.datetime(2024, 7, 2, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))).hints == []


def test_invoke_check_shows_hints_and_still_passes(tmp_path):
    import datetime as dt
    from zoneinfo import ZoneInfo

    today = dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh"))
    content = tmp_path / "content"
    write(content, {"units/ctcs-thu/unit.yml": upper_unit("Công đoàn Tổng công ty Thử"),
                    f"units/ctcs-thu/{today:%Y}/a.md": article("A", f"{today:%Y-%m-%d} 00:00")})
    result = run_check(content)
    assert result.returncode == 0, result.stdout
    assert f"Gợi ý: {content}/units/ctcs-thu/: [kind] Đơn vị đã đăng 1 bài" in result.stdout
    assert "✓ Nội dung hợp lệ" in result.stdout


def _contributed_problem_fields(content: Path, plugins) -> set[str]:
    from content_check import check_site

    return {p.field for p in check_site(content, plugins=plugins).problems}


def test_the_checker_runs_the_checks_of_the_plugins_in_plugins_only(tmp_path):
    """The checker imports no plugin (site_core.checks): safe_html's and photo_variants' checks run
    because PLUGINS names them; a site without photo_variants runs no photo check."""
    from pelican.settings import read_settings

    content = tmp_path / "content"
    write(content, {"units/cd-thu-nghiem/2024/bai/index.md": article(
        "Bài", image="hong.jpg", image_alt="Ảnh hỏng", body="Chữ.\n\n<script>alert(1)</script>\n\n![](hong.jpg)"),
        "units/cd-thu-nghiem/2024/bai/hong.jpg": b"\xff\xd8\xff\xe0 not a photo"})
    plugins = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    assert {"safe_html", "photo_variants"} <= set(plugins)
    assert {"nội dung", "image", "ảnh trong bài"} <= _contributed_problem_fields(content, plugins)
    without_photos = _contributed_problem_fields(content, [p for p in plugins if p != "photo_variants"])
    assert "nội dung" in without_photos and not without_photos & {"image", "ảnh trong bài"}
    assert not _contributed_problem_fields(content, ()) & {"nội dung", "image", "ảnh trong bài"}


def test_a_plugin_contributes_a_check_by_defining_content_checks(tmp_path, monkeypatch):
    """Any module in PLUGINS may add checks: CONTENT_CHECKS, functions (CheckedFile) -> list[Problem]."""
    plugin = tmp_path / "plugins" / "short_titles"
    plugin.mkdir(parents=True)
    (plugin / "__init__.py").write_text(
        "from site_core.problems import Problem\n\n"
        "def long_title(source):\n"
        "    title = str(source.front_matter.meta.get('title', ''))\n"
        "    return [Problem(source.display, source.front_matter.lines.get('title'), 'title', 'Tiêu đề dài.',\n"
        "                    'Rút gọn.')] if len(title) > 10 else []\n\n"
        "CONTENT_CHECKS = [long_title]\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "plugins"))
    content = tmp_path / "content"
    write(content, {"units/cd-thu-nghiem/2024/a.md": article("Một tiêu đề khá dài"),
                    "units/cd-thu-nghiem/2024/b.md": article("Ngắn", date="2024-05-02 08:00")})
    from content_check import check_site

    (problem,) = check_site(content, plugins=["short_titles"]).problems
    assert str(problem) == "content/units/cd-thu-nghiem/2024/a.md:2: [title] Tiêu đề dài. → Cách sửa: Rút gọn."
    assert check_site(content).problems == []

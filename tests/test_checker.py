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

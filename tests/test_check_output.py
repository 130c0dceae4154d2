"""What a contributor reads from the checker: `invoke check` and the pull request's content job.

Run as a person or CI does (subprocess, bytes captured): Vietnamese letters are never split (invoke
decoded a child's output 1,000 bytes at a time), one line per problem, no traceback, and with
``--format github`` one annotation per problem plus a Vietnamese job summary.
"""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import BASE_FILES, ROOT, article

INVOKE = [sys.executable, "-m", "invoke"]
N_BAD = 40  # enough problems for several thousand bytes of output


def bad_content(tmp_path):
    content = tmp_path / "content"
    files = dict(BASE_FILES)
    for i in range(N_BAD):
        files[f"units/cd-thu-nghiem/2024/bai-co-ma-doc-so-{i}.md"] = article(
            title=f"Bài thử số {i}", category="khong-co-chuyen-muc-nay")
    for rel, text in files.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    (content / "categories.yml").write_bytes((ROOT / "content" / "categories.yml").read_bytes())
    return content


def run(args, tmp_path, **env):
    return subprocess.run(args, cwd=ROOT, capture_output=True, timeout=120,
                          env={**os.environ, "COLUMNS": "80", "PYTHONPATH": str(ROOT / "plugins"), **env})


def test_invoke_check_prints_every_problem_whole_on_one_line(tmp_path):
    content = bad_content(tmp_path)
    result = run(INVOKE + ["check", "--content", str(content)], tmp_path)
    out = result.stdout.decode("utf-8")  # strict: a split letter would raise here
    assert result.returncode == 1
    assert len(result.stdout) > 5000 and "\ufffd" not in out
    assert "Traceback" not in out + result.stderr.decode("utf-8")
    lines = [line for line in out.splitlines() if "bai-co-ma-doc-so-" in line]
    assert len(lines) == N_BAD and all("→ Cách sửa:" in line and "[category]" in line for line in lines)


def test_the_github_format_annotates_each_file_and_line_and_writes_a_vietnamese_summary(tmp_path):
    content = bad_content(tmp_path)
    summary = tmp_path / "summary.md"
    result = run([sys.executable, "-m", "content_check", str(content), "--format", "github"], tmp_path,
                 GITHUB_STEP_SUMMARY=str(summary))
    out = result.stdout.decode("utf-8")
    assert result.returncode == 1
    annotations = [line for line in out.splitlines() if line.startswith("::error ")]
    assert len(annotations) == N_BAD
    first = sorted(annotations)[0]
    assert first.startswith(f"::error file={content}/units/cd-thu-nghiem/2024/bai-co-ma-doc-so-0.md,line=4,title=category::")
    assert "Cách sửa:" in first
    text = summary.read_text(encoding="utf-8")
    assert text.startswith(f"## ✗ Có {N_BAD} vấn đề cần sửa trước khi đăng")
    assert text.count("| `") == N_BAD


def test_the_github_summary_says_when_all_is_well(tmp_path):
    content = bad_content(tmp_path)
    for path in content.rglob("bai-co-ma-doc-so-*.md"):
        path.unlink()
    summary = tmp_path / "summary.md"
    result = run([sys.executable, "-m", "content_check", str(content), "--format", "github"], tmp_path,
                 GITHUB_STEP_SUMMARY=str(summary))
    assert result.returncode == 0 and "::error" not in result.stdout.decode("utf-8")
    assert summary.read_text(encoding="utf-8").startswith("## ✓ Nội dung hợp lệ")


def test_a_refused_publish_lists_whole_lines_and_ends_without_a_traceback(tmp_path):
    content = bad_content(tmp_path)
    result = run(INVOKE + ["publish", "--content", str(content), "--target", str(tmp_path / "site"), "--no-rsync"],
                 tmp_path)
    out = (result.stdout + result.stderr).decode("utf-8")
    assert result.returncode == 1
    assert "Traceback" not in out and "\ufffd" not in out
    lines = [line for line in out.splitlines() if "bai-co-ma-doc-so-" in line]
    assert len(lines) == N_BAD and all(line.endswith(".") and "→ Cách sửa:" in line for line in lines)
    assert f"[check] {N_BAD} vấn đề trong nội dung" in out
    assert not (tmp_path / "site").exists()  # nothing published

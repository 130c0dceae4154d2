"""Warm builds (issue 16): with the caches on, as every build has them (pelicanconf), a warm build
writes exactly what a cold build writes, and it really is warm.

One site (the sample content plus generated articles over several years, small search shards so
that a warm build mixes cached and rebuilt shards) is built with the project's own cache settings:
A cold (empty cache), B warm into another folder (nothing changed: every article from Pelican's
content cache, every photo and search shard from theirs), then B again (skipped: nothing written),
then one article edited: C warm in place, D cold with an empty cache. A == B byte for byte, every
file; C == D except the three Pagefind files Pagefind writes in an arbitrary order (see
tests/test_build.py::test_the_publish_build_is_reproducible).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
from pelican.settings import read_settings

from conftest import ROOT, article, run_pelican
from site_core.state import build_state

pytestmark = pytest.mark.slow

# The English section (en/, site_i18n) has its own Pagefind bundle, with the same unstable files.
PAGEFIND_UNSTABLE = re.compile(r"^(en/)?pagefind/[^/]+/(filter/|pagefind-entry\.json$|pagefind\.[^/]*pf_meta$)")
SHARDS = {"VI_SEARCH_SHARD_MAX": 15}  # several shards: a warm build reuses some and rebuilds one
EDITED = "units/may-binh-an/2024/chuyen-xe-tet-sum-vay-dua-300-doan-vien-may-binh-an-ve-que/index.md"
EDITED_PAGE = "don-vi/may-binh-an/2024/chuyen-xe-tet-sum-vay-dua-300-doan-vien-may-binh-an-ve-que/index.html"
UNITS = ("thep-song-hong", "det-may-phuong-nam", "hoa-chat-duyen-hai", "co-khi-song-hong")


def tree(root) -> dict:
    """Every file under ``root``: relative path -> bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def change_behind_the_builds_back(path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in a file and give it back its modification time (the stamp the
    content cache and the page record compare)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, path
    stat = path.stat()
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def differences(a: dict, b: dict, ignore=None) -> list:
    names = sorted(set(a) | set(b))
    return [n for n in names if not (ignore and ignore.match(n)) and a.get(n) != b.get(n)]


@pytest.fixture
def content(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    for i in range(24):
        unit, year = UNITS[i % len(UNITS)], 2021 + i % 5
        path = content / f"units/{unit}/{year}/bai-tao-san-{i:02d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article(f"Bài tạo sẵn số {i}", date=f"{year}-0{1 + i % 9}-1{i % 10} 08:00",
                                tags="[Đoàn viên, An toàn lao động]",
                                body=f"Công đoàn cơ sở **{unit}** tổ chức hoạt động số {i}.\n\nĐoạn thứ hai."),
                        encoding="utf-8")
    return content


def test_warm_builds_write_what_cold_builds_write(content, tmp_path):
    cache = tmp_path / "cache"  # the project's settings keep the cache on; only its folder is ours
    a_out, b_out, d_out = tmp_path / "a" / "output", tmp_path / "b" / "output", tmp_path / "d" / "output"
    project = read_settings(str(ROOT / "pelicanconf.py"))
    assert project["LOAD_CONTENT_CACHE"] and project["CACHE_CONTENT"]  # on where people build
    run_pelican(content, a_out, CACHE_PATH=str(cache), **SHARDS)
    a = tree(a_out)
    assert (cache / "ArticlesGenerator-Readers").is_file()

    # B: a warm build into another folder, nothing changed: the same bytes, every file.
    run_pelican(content, b_out, CACHE_PATH=str(cache), **SHARDS)
    assert differences(a, tree(b_out)) == []

    # Built again with nothing changed: skipped (up_to_date), not a single file written.
    stamps = {p: p.stat().st_mtime_ns for p in b_out.rglob("*")}
    run_pelican(content, b_out, CACHE_PATH=str(cache), **SHARDS)
    assert {p: p.stat().st_mtime_ns for p in b_out.rglob("*")} == stamps

    # One article edited: C warm in place, D cold with an empty cache.
    source = content / EDITED
    source.write_text(source.read_text(encoding="utf-8").replace('title: "', 'title: "Đã sửa: ', 1)
                      + "\nMột đoạn thêm sau khi sửa.\n", encoding="utf-8")
    run_pelican(content, b_out, CACHE_PATH=str(cache), **SHARDS)
    c = tree(b_out)
    run_pelican(content, d_out, CACHE_PATH=str(tmp_path / "cold-cache"), **SHARDS)
    d = tree(d_out)
    page = c[EDITED_PAGE].decode()
    assert "Đã sửa: " in page and "Một đoạn thêm sau khi sửa." in page
    assert differences(c, d, ignore=PAGEFIND_UNSTABLE) == []  # names and bytes
    assert any(PAGEFIND_UNSTABLE.match(n) for n in c)  # the exception names files that exist


def test_a_warm_build_reads_unchanged_articles_from_the_cache(content, tmp_path):
    """The proof that a warm build is warm: an article changed behind the cache's back (same
    modification time, the stamp Pelican's cache compares) still shows what the cache holds."""
    cache, out = tmp_path / "cache", tmp_path / "output"
    run_pelican(content, out, CACHE_PATH=str(cache))
    change_behind_the_builds_back(content / "units/thep-song-hong/2021/bai-tao-san-00.md",
                                  "Đoạn thứ hai.", "Đoạn thứ hai, viết lại dài hơn.")
    run_pelican(content, out, CACHE_PATH=str(cache))  # runs: the file's size changed (up_to_date)
    page = (out / "don-vi/thep-song-hong/2021/bai-tao-san-00/index.html").read_text(encoding="utf-8")
    assert "Đoạn thứ hai." in page and "viết lại" not in page


# Each round edits the content (or the theme) the way people do, then builds warm in place; the
# output must be what a cold build with an empty cache writes, every file, and no file more.
def _edit_body(content, theme):
    source = content / "units/det-may-phuong-nam/2022/bai-tao-san-01.md"
    source.write_text(source.read_text(encoding="utf-8").replace("Đoạn thứ hai.", "Đoạn thứ hai, đã sửa."),
                      encoding="utf-8")


def _edit_title(content, theme):
    source = content / "units/hoa-chat-duyen-hai/2023/bai-tao-san-02.md"
    source.write_text(source.read_text(encoding="utf-8").replace('title: "', 'title: "Tiêu đề mới: ', 1),
                      encoding="utf-8")


def _add_article(content, theme):
    (content / "units/thep-song-hong/2025/bai-moi-them.md").write_text(
        article("Bài mới thêm vào", date="2025-12-30 08:00", tags="[Đoàn viên]", body="Bài **mới**."),
        encoding="utf-8")


def _delete_article(content, theme):
    (content / "units/co-khi-song-hong/2024/bai-tao-san-03.md").unlink()


def _edit_template(content, theme):
    template = theme / "templates/article.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        '<div class="cdct-layout cdct-layout--aside">', '<div class="cdct-layout cdct-layout--aside" data-sua="1">', 1),
        encoding="utf-8")


def _edit_unit(content, theme):
    unit = content / "units/thep-song-hong/unit.yml"
    text = unit.read_text(encoding="utf-8")
    assert "Sông Hồng" in text
    unit.write_text(text.replace("Sông Hồng", "Sông Hồng Mới", 1), encoding="utf-8")


def _break_article(content, theme):
    """A checked-good article (its check result cached) made bad: checked again, not built."""
    source = content / "units/thep-song-hong/2025/bai-tao-san-04.md"
    source.write_text(source.read_text(encoding="utf-8").replace("category: ", "category: khong-co-", 1),
                      encoding="utf-8")


def _edit_summary(content, theme):
    """The first paragraph is the summary the listing pages show (content_model): they change."""
    source = content / "units/hoa-chat-duyen-hai/2023/bai-tao-san-02.md"
    source.write_text(source.read_text(encoding="utf-8").replace("tổ chức hoạt động", "tổ chức hội thi", 1),
                      encoding="utf-8")


ROUNDS = [_edit_body, _edit_title, _add_article, _delete_article, _edit_template, _edit_body, _edit_summary,
          _break_article, _edit_unit]


def test_warm_builds_after_each_kind_of_edit_write_what_cold_builds_write(content, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "themes" / "cdct", theme)
    warm_out, cache = tmp_path / "warm" / "output", tmp_path / "warm" / "cache"
    settings = {"CACHE_PATH": str(cache), "THEME": str(theme), **SHARDS}
    run_pelican(content, warm_out, **settings)
    for i, edit in enumerate(ROUNDS):
        edit(content, theme)
        run_pelican(content, warm_out, **settings)
        cold_out = tmp_path / f"cold-{i}" / "output"
        run_pelican(content, cold_out, **{**settings, "CACHE_PATH": str(tmp_path / f"cold-{i}" / "cache")})
        assert differences(tree(warm_out), tree(cold_out), ignore=PAGEFIND_UNSTABLE) == [], edit.__name__
        assert not (cache / "previous-output").exists()  # the old output, moved aside, is gone
        shutil.rmtree(cold_out.parent)


# With the yearly report on (as the organisation's site has it): the report's "generated at" time
# differs in every build, and was once in the context every article page is digested from.
@pytest.mark.parametrize("reports", [None, "2024"], ids=["no-report", "report"])
def test_a_warm_build_copies_the_pages_whose_inputs_did_not_change(content, tmp_path, reports):
    """The proof that unchanged article pages are not rendered again: a page changed behind the
    build's back (same size and modification time, what the page record compares) is put back as
    it is — an article page and a listing page — while the edited article's page is rendered again."""
    out, cache = tmp_path / "output", tmp_path / "cache"
    settings = {"CACHE_PATH": str(cache), "REPORTS_PERIOD": reports, "REPORTS_PATH": str(tmp_path / "reports")}
    run_pelican(content, out, **settings)
    other = out / "don-vi/thep-song-hong/2021/bai-tao-san-00/index.html"
    change_behind_the_builds_back(other, "Đoạn thứ hai.", "Đoạn thứ HAI.")  # same length
    # Listing pages too: the unit's page lists the edited article (its summary, the first paragraph, stays).
    listing = out / "don-vi/det-may-phuong-nam/index.html"
    assert "bai-tao-san-01" in listing.read_text(encoding="utf-8")
    change_behind_the_builds_back(listing, "</main>", "</MAIN>")
    _edit_body(content, None)
    run_pelican(content, out, **settings)
    assert "Đoạn thứ HAI." in other.read_text(encoding="utf-8")  # copied, not rendered
    assert "</MAIN>" in listing.read_text(encoding="utf-8")
    edited = out / "don-vi/det-may-phuong-nam/2022/bai-tao-san-01/index.html"
    assert "Đoạn thứ hai, đã sửa." in edited.read_text(encoding="utf-8")
    # A new title is on every article page (latest articles): all rendered again.
    _edit_title(content, None)
    run_pelican(content, out, **settings)
    assert "Đoạn thứ hai." in other.read_text(encoding="utf-8")
    assert "</main>" in listing.read_text(encoding="utf-8")


def test_an_output_folder_that_is_a_link_stays_a_link(content, tmp_path):
    """The old output is moved aside by renaming the folder: a link to the folder (a web server's
    root) is left where it is and Pelican empties its target as usual."""
    target = tmp_path / "www"
    target.mkdir()
    out = tmp_path / "site" / "output"
    out.parent.mkdir()
    out.symlink_to(target, target_is_directory=True)
    run_pelican(content, out, CACHE_PATH=str(tmp_path / "cache"))
    _edit_body(content, None)
    run_pelican(content, out, CACHE_PATH=str(tmp_path / "cache"))
    assert out.is_symlink()
    page = target / "don-vi/det-may-phuong-nam/2022/bai-tao-san-01/index.html"
    assert "Đoạn thứ hai, đã sửa." in page.read_text(encoding="utf-8")


def test_a_bad_article_is_reported_on_every_build_not_only_the_first(content, tmp_path):
    """content_check's cache gives an unchanged file's last result instead of checking it again:
    its problems are in the build's report again, which content_check logs (and a publish build
    stops on) each time. (The report, not the log: in one process Pelican logs a warning once.)"""
    bad = content / "units/thep-song-hong/2021/bai-loi.md"
    bad.write_text(article("Bài lỗi", date="2021-03-03 08:00", category="khong-co"), encoding="utf-8")
    out, cache = tmp_path / "output", tmp_path / "cache"
    for edit in (None, _edit_body, _edit_title):
        if edit:
            edit(content, None)
        report = build_state(run_pelican(content, out, CACHE_PATH=str(cache))).check_report
        assert [p.field for p in report.problems if p.path == "content/units/thep-song-hong/2021/bai-loi.md"] \
            == ["category"], edit
        assert report.cached == (0 if edit is None else len(report.meta) - 1)  # only the edited file checked again
    assert (cache / "content-check.pickle").is_file()


def test_a_cold_build_leaves_caches_the_next_build_uses(content, tmp_path):
    """A build that does not load the content cache (LOAD_CONTENT_CACHE off: `pelican --ignore-cache`,
    or turned off by up_to_date's guard on a first build, which site_i18n's section then copies) still
    writes caches keyed like a warm build's: how a build ran is not what it read, so the next build,
    warm, checks and reads only the file edited in between."""
    out, cache = tmp_path / "output", tmp_path / "cache"
    run_pelican(content, out, CACHE_PATH=str(cache), LOAD_CONTENT_CACHE=False)
    _edit_body(content, None)
    report = build_state(run_pelican(content, out, CACHE_PATH=str(cache))).check_report
    assert report.cached == len(report.meta) - 1


def test_a_publish_build_that_failed_fails_again_with_nothing_changed(content):
    """A strict build that failed on a problem found while building (a script, removed by safe_html)
    saves no "up to date" state: run again with nothing changed, the README's `invoke build --publish`
    builds, and fails, again, naming the file each time (a fresh process each time, as people run it)."""
    sys.path.insert(0, str(ROOT))
    from tools.bench import runners  # the site folder around a content folder, as the bench makes it

    (content / "units/thep-song-hong/2021/co-ma.md").write_text(
        article("Bài có mã", date="2021-04-04 08:00", body="Đoạn một.\n\n<script>alert(1)</script>"), encoding="utf-8")
    site = runners.ours_site(content, content.parent / "bench-work")
    for attempt in (1, 2):
        done = subprocess.run(site.command(site.output(), cache=True), cwd=site.folder, capture_output=True,
                              text=True, check=False, timeout=600)
        log = done.stdout + done.stderr
        assert done.returncode != 0, (attempt, log[-2000:])
        assert "content/units/thep-song-hong/2021/co-ma.md" in log and "Traceback" not in log, (attempt, log[-2000:])

"""up_to_date: a cached build with nothing changed writes nothing; any change builds."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re

from conftest import ROOT, article, run_pelican
from pelican.contents import Article, Page
from pelican.settings import read_settings
from up_to_date import is_up_to_date
from up_to_date.pages import LISTING_TEMPLATES, PAGE_TEMPLATES, Digester

UNIT = "units/cd-thu-nghiem"
CACHED = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
SKIPPED = "[up_to_date] Không có gì thay đổi"


def settings_as_read(site):
    """The settings as a new build reads them (before any plugin adds its defaults)."""
    return read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(site.content), "OUTPUT_PATH": str(site.output), "THEME": str(ROOT / "themes" / "cdct"),
        "PLUGIN_PATHS": [str(ROOT / "plugins")], "CACHE_PATH": str(site.output.parent / "cache"), **CACHED})


def build_again(site, caplog) -> bool:
    """Build ``site`` again in place; True if it built, False if up_to_date skipped it.

    Told by the home page's modification time: Pelican logs a given message only once per process.
    """
    home = site.output / "index.html"
    before = home.stat().st_mtime_ns
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        run_pelican(site.content, site.output, **CACHED)
    return home.stat().st_mtime_ns != before


def test_nothing_changed_means_nothing_written_and_any_change_builds(build_site, caplog):
    files = {f"{UNIT}/2024/a.md": article("Bài A"), f"{UNIT}/2099/hen-gio.md": article("Hẹn giờ", date="2099-01-01 08:00")}
    site = build_site(files, **CACHED)
    page = site.output / "don-vi/cd-thu-nghiem/2024/a/index.html"
    assert is_up_to_date(settings_as_read(site))

    written = page.stat().st_mtime_ns
    assert build_again(site, caplog) is False
    assert SKIPPED in caplog.text
    assert page.stat().st_mtime_ns == written

    # An edited article builds.
    source = site.content / f"{UNIT}/2024/a.md"
    source.write_text(article("Bài A đã sửa"), encoding="utf-8")
    assert build_again(site, caplog) is True
    assert "Bài A đã sửa" in page.read_text(encoding="utf-8")

    # The output was changed by hand: build, and the page is right again.
    page.write_text("hỏng", encoding="utf-8")
    assert build_again(site, caplog) is True
    assert "Bài A đã sửa" in page.read_text(encoding="utf-8")
    assert build_again(site, caplog) is False

    # A scheduled article falls due: build, so that it is published on its day.
    assert not is_up_to_date(settings_as_read(site), now=dt.datetime(2099, 1, 2, tzinfo=dt.timezone.utc))


COLD = {"CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False}


def test_a_cold_build_always_builds(build_site, caplog):
    site = build_site({f"{UNIT}/2024/a.md": article("Bài A")}, **COLD)
    home = site.output / "index.html"
    before = home.stat().st_mtime_ns
    run_pelican(site.content, site.output, **COLD)
    assert home.stat().st_mtime_ns != before


# Pagefind writes these in an arbitrary order (see test_the_publish_build_is_reproducible).
PAGEFIND_UNSTABLE = re.compile(r"^pagefind/[^/]+/(filter/|pagefind-entry\.json$|pagefind\.[^/]*pf_meta$)")


def _tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and not PAGEFIND_UNSTABLE.match(p.relative_to(root).as_posix())}


def test_a_warm_build_after_an_edit_writes_what_a_cold_build_writes(build_site, tmp_path):
    files = {f"{UNIT}/2023/cu.md": article("Bài năm 2023", date="2023-05-01 08:00", tags="[Đoàn viên]"),
             f"{UNIT}/2024/a.md": article("Bài A", date="2024-05-01 08:00", tags="[Đoàn viên]"),
             f"{UNIT}/2024/b.md": article("Bài B", date="2024-06-01 08:00", body="Công đoàn **đồng hành**.")}
    site = build_site(files, VI_SEARCH_SHARD_MAX=1, **CACHED)  # cache primed; one search shard per article
    (site.content / f"{UNIT}/2024/a.md").write_text(article("Bài A đã sửa", date="2024-05-01 08:00",
                                                            tags="[Đoàn viên]"), encoding="utf-8")
    run_pelican(site.content, site.output, VI_SEARCH_SHARD_MAX=1, **CACHED)  # warm: content cache and shards reused
    warm = _tree(site.output)
    cold_out = tmp_path / "cold" / "output"
    run_pelican(site.content, cold_out, VI_SEARCH_SHARD_MAX=1, **COLD)  # its own, empty cache
    cold = _tree(cold_out)
    assert "Bài A đã sửa" in warm["don-vi/cd-thu-nghiem/2024/a/index.html"].decode()
    assert sorted(warm) == sorted(cold)
    assert [name for name in warm if warm[name] != cold[name]] == []


def test_a_changed_unit_profile_or_a_file_beside_an_article_is_read_again(build_site, caplog):
    """Pelican's content cache reads again only the files that changed; an article's page also
    shows its unit's name and links the files in its folder, so those changes read everything again."""
    from conftest import GRASSROOTS_UNIT

    files = {f"{UNIT}/2024/a/index.md": article("Bài A", body="Xem [tài liệu](tai-lieu.pdf)."),
             f"{UNIT}/2024/a/tai-lieu.pdf": b"%PDF-1.4\n%%EOF\n"}
    site = build_site(files, **CACHED)
    page = site.output / "don-vi/cd-thu-nghiem/2024/a/index.html"
    assert "Công đoàn Công ty Thử Nghiệm" in page.read_text(encoding="utf-8")
    (site.content / f"{UNIT}/unit.yml").write_text(
        GRASSROOTS_UNIT.replace("Công ty Thử Nghiệm", "Công ty Đổi Tên"), encoding="utf-8")
    run_pelican(site.content, site.output, **CACHED)
    assert "Công đoàn Công ty Đổi Tên" in page.read_text(encoding="utf-8")
    assert "Công ty Thử Nghiệm" not in page.read_text(encoding="utf-8")
    # Only Markdown edited: the cache is used (the reading inputs saved with it still match).
    from up_to_date import READING_FILE, reading_inputs
    saved = json.loads((site.output.parent / "cache" / READING_FILE).read_text(encoding="utf-8"))
    (site.content / f"{UNIT}/2024/a/index.md").write_text(article("Bài A sửa", body="Xem [tài liệu](tai-lieu.pdf)."),
                                                         encoding="utf-8")
    assert saved["reading"] == reading_inputs(settings_as_read(site))



def test_a_fresh_checkout_keeps_the_content_cache_warm(build_site, tmp_path):
    """CI checks the repository out afresh on every run (every file's time is the checkout's):
    `invoke stamp-files` gives each file a time from its git blob, so the content cache that
    actions/cache restores still holds the unchanged articles, and an edited one is read again."""
    import shutil
    import subprocess

    from pelican.readers import Readers
    from up_to_date import stamp_checkout

    site = build_site({f"{UNIT}/2024/a.md": article("Bài A"), f"{UNIT}/2024/b.md": article("Bài B")})
    repo = tmp_path / "repo"
    site.content.rename(repo)

    def git(*args, cwd=repo):
        return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.vn", *args], cwd=cwd,
                              check=True, capture_output=True, text=True).stdout

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "bài")

    def checkout():
        """A fresh clone at the same path (Pelican's cache is keyed on it), stamped as CI does."""
        shutil.rmtree(site.content, ignore_errors=True)
        git("clone", "-q", str(repo), str(site.content), cwd=tmp_path)
        assert stamp_checkout(site.content) > 3

    def cached(name):
        settings = settings_as_read(site)
        readers = Readers(settings, "ArticlesGenerator-Readers")
        return readers.get_cached_data(str(site.content / f"{UNIT}/2024/{name}.md"), None) is not None

    checkout()
    run_pelican(site.content, site.output, **CACHED)  # the run that saves the cache
    (repo / f"{UNIT}/2024/a.md").write_text(article("Bài A đã sửa"), encoding="utf-8")
    git("commit", "-qam", "sửa bài A")
    checkout()  # the next run: new files, the same times for the same contents
    assert cached("b") and not cached("a")
    run_pelican(site.content, site.output, **CACHED)
    assert "Bài A đã sửa" in (site.output / "don-vi/cd-thu-nghiem/2024/a/index.html").read_text(encoding="utf-8")

    # A file edited but not committed keeps its own time: its blob is not its content.
    edited = site.content / f"{UNIT}/2024/b.md"
    edited.write_text(article("Bài B chưa commit"), encoding="utf-8")
    before = edited.stat().st_mtime_ns
    stamp_checkout(site.content)
    assert edited.stat().st_mtime_ns == before


def test_a_changed_plugin_reads_every_article_again(build_site, tmp_path):
    """The content cache holds what the plugins' reader returned: new plugin code invalidates it."""
    from up_to_date import reading_inputs

    site = build_site({f"{UNIT}/2024/a.md": article("Bài A")}, **CACHED)
    extra = tmp_path / "more-plugins"
    extra.mkdir()
    (extra / "helper.py").write_text("X = 1\n", encoding="utf-8")
    settings = {**settings_as_read(site), "PLUGIN_PATHS": [str(ROOT / "plugins"), str(extra)]}
    before = reading_inputs(settings)
    (extra / "helper.py").write_text("X = 22\n", encoding="utf-8")
    assert reading_inputs(settings) != before


def test_the_walk_lists_every_file_once_with_its_size_and_time(tmp_path):
    """The fingerprint's walk: nested files by their relative path, sorted; no __pycache__; a link to
    a folder not followed (as os.walk); a changed file gives another stat."""
    import os

    from up_to_date import walk_files

    (tmp_path / "b/c").mkdir(parents=True)
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__/x.pyc").write_bytes(b"x")
    (tmp_path / "b/c/d.md").write_text("d", encoding="utf-8")
    (tmp_path / "a.yml").write_text("a: 1", encoding="utf-8")
    (tmp_path / "b.txt").write_text("bb", encoding="utf-8")
    os.symlink(tmp_path / "b", tmp_path / "link-to-b")
    found = walk_files(tmp_path)
    assert [stamp.rel for stamp in found] == ["a.yml", "b.txt", "b/c/d.md"]
    assert [stamp.size for stamp in found] == [4, 2, 1]
    (tmp_path / "b/c/d.md").write_text("dd", encoding="utf-8")
    assert walk_files(tmp_path)[2].size == 2


def test_the_walk_gives_the_paths_in_sorted_order_one_folder_at_a_time(tmp_path):
    """A folder sorts as its name and "/": "a-b/x" and "a.txt" come before "a/x", as sorted() has them."""
    from up_to_date import iter_files

    rels = ["a-b/x", "a.txt", "a/x", "a/y/z", "a/y-1", "a0", "b/c/d", "b/c.d", "B", "_", "~"]
    for rel in rels:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(rel, encoding="utf-8")
    found = [stamp.rel for stamp in iter_files(tmp_path)]
    assert found == sorted(rels)
    assert found.index("a-b/x") < found.index("a.txt") < found.index("a/x") < found.index("a0")


def test_listing_pages_are_rendered_when_a_summary_would_come_from_a_body():
    """A listing page is copied only when every summary it can show is in the frame: an article
    without ``summary`` metadata (Pelican would cut one from its body) makes them rendered."""
    def content_object(path, metadata, kind=Article):  # the attributes Pelican's Article has, without its signals
        obj = kind.__new__(kind)
        obj.__dict__.update(source_path=path, relative_source_path=path, metadata=metadata,
                            title=metadata["title"], _content=f"<p>{metadata['title']}.</p>")
        return obj

    with_summary = content_object("mot.md", {"title": "Một", "summary": "Một."})
    without = content_object("hai.md", {"title": "Hai"})
    page = content_object("gioi-thieu.md", {"title": "Giới thiệu"}, kind=Page)  # listed by title only
    digester = Digester()
    digester.frame({"articles": [with_summary], "pages": [page]})
    assert digester.summaries_in_metadata
    digester = Digester()
    digester.frame({"articles": [with_summary, without]})
    assert not digester.summaries_in_metadata


def test_copied_templates_show_no_other_articles_body():
    """The rule up_to_date.pages copies pages by: a template it copies (PAGE_TEMPLATES,
    LISTING_TEMPLATES) and everything they share (base.html, _list.html, macros/, partials/) shows
    no article's body but the page's own. A body is ``.content`` or ``|sanitised``."""
    templates = ROOT / "themes" / "cdct" / "templates"
    own = {"article.html": {"article"}, "page.html": {"page"}}
    body = re.compile(r"(\w+)\s*(?:\.\s*content\b|\|\s*sanitised\b)")
    checked, broken = 0, []
    for path in sorted(templates.rglob("*.html")):
        rel = path.relative_to(templates).as_posix()
        shared = rel.startswith(("macros/", "partials/")) or rel in ("base.html", "_list.html")
        if not (shared or rel in PAGE_TEMPLATES | LISTING_TEMPLATES):
            continue
        checked += 1
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            broken += [f"{rel}:{number}: {m.group(0)}" for m in body.finditer(line) if m.group(1) not in own.get(rel, set())]
    assert checked >= len(LISTING_TEMPLATES) and broken == []
    # The pattern finds what it must: a listing that showed a card's body would be refused.
    assert body.search('{{ a.content }}') and body.search("{{ a|sanitised }}")

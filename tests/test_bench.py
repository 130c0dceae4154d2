"""The benchmark harness (tools/bench) runs and fails loudly; no timing is asserted here."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from site_core.filekinds import FileKind  # noqa: E402
from content_check import check_site  # noqa: E402
from tools.bench import checks, corpus as corpus_mod, report, runners  # noqa: E402
from tools.bench.runners import BenchError  # noqa: E402

N = 30


@pytest.fixture(scope="module")
def bench_corpus(tmp_path_factory):
    return corpus_mod.generate(tmp_path_factory.mktemp("bench") / "corpus", N)


@pytest.fixture(scope="module")
def ours_built(bench_corpus, tmp_path_factory):
    """Our site built from the corpus by the harness itself: the README's `invoke build --publish` in a
    site folder around the corpus, a fresh process."""
    work = tmp_path_factory.mktemp("bench-work")
    site = runners.ours_site(bench_corpus.ours, work, period=str(corpus_mod.LAST_YEAR))
    run = site.build("cold", cache=True)
    return site, run, work


def test_corpus_is_deterministic_and_covers_the_content_model(bench_corpus):
    again = corpus_mod.plan(N, bench_corpus.seed)
    assert [corpus_mod.ours_markdown(a) for a in again.articles] == \
        [corpus_mod.ours_markdown(a) for a in bench_corpus.articles]
    assert {a.category for a in bench_corpus.articles} == {slug for slug, _ in corpus_mod.read_categories()}
    assert {a.kind for a in bench_corpus.articles} == set(corpus_mod.KINDS)
    assert {level for _, level, _ in bench_corpus.units.values()} == {"cap-nganh", "cap-tren-co-so", "co-so"}
    assert 35 <= len(bench_corpus.units) <= 45
    # Words as Vietnamese counts them (syllables); the last sentence may run a little past the target.
    assert all(400 <= len(a.body.split()) <= 930 for a in bench_corpus.articles)
    assert any(any(ch in "ăâđêôơư" for ch in tag.lower()) for a in bench_corpus.articles for tag in a.tags)


def test_photos_are_real_jpegs_at_distinct_paths(bench_corpus):
    photos = sorted(bench_corpus.ours.rglob("*.jpg"))
    assert len(photos) == bench_corpus.photos() > 0
    assert len({p.relative_to(bench_corpus.ours) for p in photos}) == len(photos)
    with Image.open(photos[0]) as img:
        assert img.format == "JPEG"
    assert len(list(bench_corpus.plain.rglob("*.jpg"))) == len(photos)


def test_our_corpus_passes_the_content_checker(bench_corpus):
    result = check_site(bench_corpus.ours)
    assert result.problems == []
    assert result.count()[FileKind.ARTICLE] == len(bench_corpus.published)


def test_plain_corpus_uses_pelican_native_metadata(bench_corpus):
    text = (bench_corpus.plain / bench_corpus.articles[0].rel).read_text(encoding="utf-8")
    assert text.startswith("Title: ") and "\nCategory: " in text and "\nTags: " in text and "---" not in text


def test_harness_measures_a_build_and_verifies_every_plugin(bench_corpus, ours_built):
    site, run, work = ours_built
    assert run.wall_s > 0 and run.cpu_s > 0 and run.peak_rss_mb > 10
    # The README's command, with nothing of the benchmark's own: no -e overrides, no cache flags.
    assert [str(c) for c in run.command[-2:]] == ["build", "--publish"] and "-e" not in run.command
    assert "invoke build --publish" in (runners.ROOT / "README.md").read_text(encoding="utf-8")
    assert (site.cache / "up-to-date.json").is_file() and site.photo_cache.is_dir()
    assert run.html_pages > len(bench_corpus.published)
    found = checks.verify_ours(site.output(), ["content_model", "union_units"], bench_corpus)
    assert set(found) == {"content_model", "union_units"}


def test_a_plugin_that_produced_nothing_fails_the_benchmark(bench_corpus, ours_built, tmp_path):
    site, _, _ = ours_built
    broken = tmp_path / "output"
    shutil.copytree(site.output(), broken)
    shutil.rmtree(broken / "don-vi" / bench_corpus.articles[0].unit)
    with pytest.raises(BenchError, match=r"\[content_model\]|\[union_units\]"):
        checks.verify_ours(broken, ["content_model", "union_units"], bench_corpus)


def test_a_plugin_without_a_check_fails_the_benchmark(bench_corpus, ours_built):
    site, _, _ = ours_built
    with pytest.raises(BenchError, match="no benchmark check for plugin"):
        checks.verify_ours(site.output(), ["content_model", "a_new_plugin"], bench_corpus)


def test_a_failing_build_fails_the_benchmark(tmp_path):
    with pytest.raises(BenchError, match="exited 3"):
        runners.measure("cold", "ours", [runners.PY, "-c", "import sys; sys.exit(3)"], tmp_path, tmp_path / "x.log")


def test_plain_pelican_builds_and_table_renders(bench_corpus, ours_built):
    site, run, work = ours_built
    plain = runners.plain_site(bench_corpus.plain, work)
    plain_run = plain.build("cold", cache=False)
    assert checks.verify_plain(plain.output(), bench_corpus)["articles"].startswith(str(len(bench_corpus.published)))
    results = {"command": "test", "corpus": bench_corpus.summary(),
               "runs": [run.as_dict(), plain_run.as_dict(),
                        {**run.as_dict(), "name": "warm"}, {**run.as_dict(), "name": "edit-one"}],
               "previews": [], "verified": {"ours": {"x": "y"}}, "cpus": 2, "load_start": [1.0, 1.0, 1.0]}
    results["headline"] = report.headline(results)
    text = report.table(results)
    assert "| cold | ours |" in text and "cold wall / plain cold" in text
    assert "cold peak RSS, process tree, MB" in text and "2 cores" in text
    path = report.write_json(results, work / "results")
    assert path.name == f"bench-{N}.json"


def test_every_plugin_enabled_in_publishconf_produced_its_output(bench_corpus, ours_built):
    from tools.bench.__main__ import read_settings

    site, _, work = ours_built
    warm = site.build("warm", cache=True)  # nothing changed since the cold build: up_to_date says so
    plugins = list(read_settings(runners.ROOT / "publishconf.py")["PLUGINS"])
    check = runners.measure("content_check", "ours", [runners.PY, "-m", "content_check", bench_corpus.ours],
                            runners.ROOT, work / "check.log", env={"PYTHONPATH": str(runners.ROOT / "plugins")})
    found = checks.verify_ours(site.output(), plugins, bench_corpus, {
        "content_check_summary": Path(check.log).read_text(encoding="utf-8"),
        "reports_path": site.folder / "reports", "reports_period": str(corpus_mod.LAST_YEAR),
        "cache_path": site.cache, "warm_log": warm.log})
    assert set(found) == set(plugins)
    assert found["up_to_date"] == "warm build: nothing changed, nothing rewritten"


def test_measure_reports_the_whole_process_tree_and_the_load(tmp_path):
    """Peak RSS of the tree, not only of its largest process (Pagefind runs beside Pelican)."""
    from tools.bench.runners import measure

    child = "import time; b = bytearray(120 * 2**20); b[::4096] = b'x' * len(b[::4096]); time.sleep(1.5)"
    parent = ("import subprocess, sys, time; b = bytearray(80 * 2**20); b[::4096] = b'x' * len(b[::4096]); "
              f"subprocess.run([sys.executable, '-c', {child!r}])")
    run = measure("tree", "test", [sys.executable, "-c", parent], tmp_path, tmp_path / "log.txt")
    assert run.peak_rss_mb >= 120  # the child, the largest process
    assert run.tree_peak_rss_mb >= 195  # parent and child at once
    assert run.user_s + run.sys_s == pytest.approx(run.cpu_s, abs=0.01)
    assert len(run.load_start) == 3 and len(run.load_end) == 3


def test_the_tree_peak_does_not_count_a_fork_before_its_exec_twice(tmp_path):
    """A forked child that has not exec'd shares its parent's pages: the tree is the parent's size."""
    from tools.bench.runners import measure

    parent = ("import os, time; b = bytearray(200 * 2**20); b[::4096] = b'x' * len(b[::4096]); pid = os.fork()\n"
              "if pid == 0:\n    time.sleep(1.5); os._exit(0)\nos.waitpid(pid, 0)")
    run = measure("fork", "test", [sys.executable, "-c", parent], tmp_path, tmp_path / "log.txt")
    assert 195 <= run.tree_peak_rss_mb < 300


def _results(cold_wall: float) -> dict:
    """A benchmark JSON as tools.bench writes it, with the runs the README table shows."""
    def run(name, site, wall, cpu, rss, photos=None):
        return {"name": name, "site": site, "wall_s": wall, "cpu_s": cpu, "user_s": cpu - 1, "sys_s": 1.0,
                "peak_rss_mb": rss, "tree_peak_rss_mb": rss, "load_start": [1.5, 1, 1], "load_end": [2.5, 1, 1],
                "html_pages": 100, "files": 200, "extra": {"photo_cache": photos} if photos else {}}
    return {"command": "python -m tools.bench --n=30", "date": "2026-12-03", "cpus": 2,
            "corpus": {"articles": 30, "published": 29, "photos": 3},
            "load_start": [1.0, 1, 1], "load_end": [3.0, 1, 1],
            "runs": [run("cold", "plain", 10.0, 10.0, 100), run("cold", "ours", cold_wall, 13.0, 400, "warm"),
                     run("cold-images", "ours", 30.0, 33.0, 410, "cold"), run("warm", "plain", 5.0, 5.0, 90),
                     run("warm", "ours", 1.0, 1.0, 60, "warm")],
            "headline": {"cold wall / plain cold": {"value": round(cold_wall / 10, 2), "goal": "≤ 1.0"}}}


def test_the_readme_table_is_rebuilt_between_its_markers_only():
    from tools.bench.readme_table import END, START, render, update

    readme = f"# Site\n\nbefore\n{START}\nstale\n{END}\nafter\n"
    table = render(_results(12.0))
    updated = update(readme, table)
    assert updated.startswith("# Site\n\nbefore\n" + START + "\n") and updated.endswith(END + "\nafter\n")
    assert "stale" not in updated and update(updated, table) == updated
    row = next(line for line in table.splitlines() if line.startswith("| cold | ours |"))
    # wall, CPU, tree RSS, the photo cache's state, the load before and after, the three ratios to plain
    assert row == ("| cold | ours | warm | 12.00 | 13.00 (12.0 + 1.0) | 400 | 1.5 → 2.5 | 100 | "
                   "**1.2** | **1.3** | **4.0** |")
    assert "| cold, photos too | ours | cold | 30.00 |" in table  # compared with plain's cold build
    assert "2 cores" in table and "load average 1.0 at the start and 3.0 at the end" in table
    assert update(readme, render(_results(15.0))) != updated  # a new figure is a new table
    with pytest.raises(ValueError):
        update("# no markers\n", table)


def test_the_readme_shows_the_committed_benchmark_json():
    """README.md's table is docs/benchmark.json's (regenerate: invoke bench-readme)."""
    import json

    from tools.bench.readme_table import COMMITTED, README, main, render, update

    results = json.loads(COMMITTED.read_text(encoding="utf-8"))
    readme = README.read_text(encoding="utf-8")
    assert update(readme, render(results)) == readme, "README.md is stale: run .venv/bin/invoke bench-readme"
    assert main(["--check"]) == 0
    cold = next(r for r in results["runs"] if (r["site"], r["name"]) == ("ours", "cold"))
    assert f"| cold | ours | {cold['extra']['photo_cache']} | {cold['wall_s']:.2f} |" in readme


def test_the_build_series_runs_each_build_and_checks_each_edit_shows(tmp_path):
    """build_series as `invoke bench` runs it, on its own small corpus (it edits the articles): the
    runs the README's table lists, in order, each edit seen on the article's page."""
    corpus = corpus_mod.generate(tmp_path / "corpus", 12)
    newest = corpus.newest()
    site = runners.ours_site(corpus.ours, tmp_path / "work", period=str(corpus_mod.LAST_YEAR))
    runs = runners.build_series(site, newest.rel_for("ours"), checks.ours_article_page(newest))
    assert [r.name for r in runs] == ["cold-images", "cold", "warm", "edit-one", "edit-body"]
    page = (site.output() / checks.ours_article_page(newest)).read_text(encoding="utf-8")
    assert "SỬA-OURS-1" in page and "THÂN-BÀI-OURS-1" in page
    assert [r.extra["photo_cache"] for r in runs] == ["cold", "warm", "warm", "warm", "warm"]


def test_phases_names_the_steps_of_a_real_build(tmp_path):
    """tools.bench.phases samples a real Pelican build: reading and writing are among its steps."""
    import subprocess

    from conftest import article, write_content

    content = write_content(tmp_path / "content", {
        f"units/cd-thu-nghiem/2024/bai-{i}.md": article(f"Bài {i}", f"2024-03-0{i + 1} 08:00") for i in range(3)})
    done = subprocess.run(
        [sys.executable, "-m", "tools.bench.phases", "--interval", "0.001", "--", str(content), "-s", "pelicanconf.py",
         "-o", str(tmp_path / "out"), "--cache-path", str(tmp_path / "cache")],
        cwd=runners.ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "out" / "index.html").is_file()
    steps = done.stdout.split("CPU s (this process)", 1)[1]
    assert "generators.py:generate_context" in steps and "generators.py:generate_output" in steps
    assert "peak RSS" in steps

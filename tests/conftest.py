"""Shared fixtures: real Pelican builds in tmp_path, never mocks.

- ``build_site(files, settings="pelicanconf.py", **overrides)`` builds a tiny site from a dict of
  ``{"units/x/2024/a.md": "...", ...}`` (written under a fresh content folder, with the real
  categories.yml and two units unless the dict gives its own) and returns a ``Built`` result.
- ``sample_site`` / ``publish_site``: the real sample content built once per session with
  pelicanconf.py / publishconf.py; each is the output folder (a Path).
"""

from __future__ import annotations

import locale
import logging
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
# Plugins by their own names, the tools too (tools/: local_site, live_preview, contrib_tools), and the
# repository root for `tools.bench` and `tasks`.
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "tools"), str(ROOT)]

from pelican import Pelican, signals  # noqa: E402
from pelican.generators import ArticlesGenerator  # noqa: E402
from pelican.settings import read_settings  # noqa: E402

TOP_UNIT = """name: Công đoàn Công Thương Việt Nam
short_name: CĐCT Việt Nam
level: cap-nganh
members: 150000
maintainers: [ban-tuyen-giao]
"""
GRASSROOTS_UNIT = """name: Công đoàn Công ty Thử Nghiệm
level: co-so
parent: cong-doan-nganh
members: 800
maintainers: [nguoi-thu]
"""
BASE_FILES = {
    "units/cong-doan-nganh/unit.yml": TOP_UNIT,
    "units/cd-thu-nghiem/unit.yml": GRASSROOTS_UNIT,
}


def article(title="Bài thử", date="2024-05-01 08:00", category="hoat-dong-cong-doan", body="Nội dung bài thử.", **meta):
    """Markdown text of one article with YAML front matter (values written as given)."""
    lines = ["---", f'title: "{title}"', f"date: {date}", f"category: {category}"]
    lines += [f"{key}: {value}" for key, value in meta.items()]
    return "\n".join(lines + ["---", body, ""])


class Captured:
    """The articles generator of the next build, as it is when all generators have finished."""

    def __init__(self):
        self.generator = None

    def __call__(self, generators):
        self.generator = next(g for g in generators if isinstance(g, ArticlesGenerator))

    def __enter__(self):
        signals.all_generators_finalized.connect(self)
        return self

    def __exit__(self, *exc):
        signals.all_generators_finalized.disconnect(self)


@dataclass
class Built:
    content: Path
    output: Path
    settings: dict

    def html(self, rel: str) -> BeautifulSoup:
        return soup(self.output / rel)

    def exists(self, rel: str) -> bool:
        return (self.output / rel).exists()


def run_pelican(content: Path, output: Path, settings_file: str = "pelicanconf.py", **overrides) -> dict:
    """Build ``content`` into ``output`` in this process with the project's real settings."""
    saved_locale = locale.setlocale(locale.LC_ALL)
    try:
        settings = read_settings(str(ROOT / settings_file), override={
            "PATH": str(content), "OUTPUT_PATH": str(output), "THEME": str(ROOT / "themes" / "cdct"),
            "PLUGIN_PATHS": [str(ROOT / "plugins")], "CACHE_PATH": str(output.parent / "cache"), **overrides})
        Pelican(settings).run()
        return settings
    finally:
        locale.setlocale(locale.LC_ALL, saved_locale)


def write_content(content: Path, files: dict, base: bool = True) -> Path:
    """A fresh content folder: the project's categories.yml, BASE_FILES (unless ``base`` is false) and
    ``files`` ({relative path: text or bytes})."""
    if content.exists():
        shutil.rmtree(content)
    content.mkdir(parents=True)
    shutil.copy(ROOT / "content" / "categories.yml", content / "categories.yml")
    for rel, text in ({**BASE_FILES, **files} if base else files).items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return content


@pytest.fixture
def build_site(tmp_path):
    def build(files: dict, settings: str = "pelicanconf.py", base: bool = True, **overrides) -> Built:
        content = write_content(tmp_path / "content", files, base)
        output = tmp_path / "output"
        return Built(content, output, run_pelican(content, output, settings, **overrides))

    return build


# Warnings and errors logged while building the sample site, per fixture ("sample", "publish").
SAMPLE_BUILD_LOG: dict[str, list[logging.LogRecord]] = {}


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def _build_sample(tmp_path_factory, name: str, settings_file: str) -> Path:
    output = tmp_path_factory.mktemp(name) / "output"
    collect = _Collect()
    logging.getLogger().addHandler(collect)
    try:
        run_pelican(ROOT / "content", output, settings_file)
    finally:
        logging.getLogger().removeHandler(collect)
    SAMPLE_BUILD_LOG[name] = collect.records
    return output


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample content built with pelicanconf.py (relative URLs, drafts under /ban-nhap/)."""
    return _build_sample(tmp_path_factory, "sample", "pelicanconf.py")


@pytest.fixture(scope="session")
def publish_site(tmp_path_factory) -> Path:
    """The sample content built with publishconf.py (absolute SITEURL, strict checks)."""
    return _build_sample(tmp_path_factory, "publish", "publishconf.py")


def soup(path: Path) -> BeautifulSoup:
    if path.is_dir():
        path = path / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


# Fixtures that build the whole sample site: a test that needs one is `slow` by the marker's definition
# (pytest.ini), whether or not its author remembered the marker, so `invoke test --fast` stays fast.
WHOLE_SITE_FIXTURES = frozenset({"sample_site", "publish_site", "acceptance_site"})


def pytest_collection_modifyitems(config, items):
    for item in items:
        if WHOLE_SITE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
# --- The acceptance archive (tests/acceptance): 300+ articles shaped like real contributions ---
ACCEPTANCE_SITEURL = "https://congdoancongthuong.example.vn"


@pytest.fixture(scope="session")
def acceptance_corpus(tmp_path_factory):
    from acceptance.archive_corpus import write_corpus

    return write_corpus(tmp_path_factory.mktemp("archive") / "content")


@pytest.fixture(scope="session")
def acceptance_site(acceptance_corpus, tmp_path_factory) -> Path:
    """The archive built once with publishconf.py (strict: any content problem fails it)."""
    output = tmp_path_factory.mktemp("archive-public") / "public"
    collect = _Collect()
    logging.getLogger().addHandler(collect)
    try:
        run_pelican(acceptance_corpus.content, output, "publishconf.py", SITEURL=ACCEPTANCE_SITEURL)
    finally:
        logging.getLogger().removeHandler(collect)
    SAMPLE_BUILD_LOG["acceptance"] = collect.records
    output.chmod(0o755)  # linkchecker drops to user nobody when run as root
    return output


@pytest.fixture(scope="session")
def acceptance_served(acceptance_site):
    """The publish build on 127.0.0.1, its production host replaced as `invoke serve --publish` does."""
    from local_site import serve

    with serve(acceptance_site, rewrite_host=ACCEPTANCE_SITEURL) as base:
        yield base

"""The acceptance archive built with the publish settings, served on 127.0.0.1 and link-checked.

Fails before issue 13's fixes: past 200 files the worker lost tables and footnotes, inline photos and
documents were 404s in publish builds, the BOM/CRLF files stopped the build, ``TPHCM:`` was eaten.
"""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from lxml import etree, html

from conftest import SAMPLE_BUILD_LOG

pytestmark = pytest.mark.slow
LINKCHECKER = str(Path(sys.executable).with_name("linkchecker"))
FILE_RE = re.compile(r"\.[A-Za-z0-9]{2,5}$")


def test_the_archive_is_real_sized_and_builds_without_a_warning(acceptance_corpus, acceptance_site):
    assert len(acceptance_corpus.articles) >= 300
    units = {url.split("/")[1] for url in acceptance_corpus.articles}
    years = {url.split("/")[2] for url in acceptance_corpus.articles}
    assert len(units) == 10 and years == {"2022", "2023", "2024", "2025", "2026"}
    assert [r.getMessage() for r in SAMPLE_BUILD_LOG["acceptance"]] == []
    missing = [url for url in acceptance_corpus.articles if not (acceptance_site / url / "index.html").is_file()]
    assert missing == []


def test_every_table_and_footnote_is_rendered(acceptance_corpus, acceptance_site):
    bad = []
    for url in acceptance_corpus.articles:
        doc = html.parse(str(acceptance_site / url / "index.html"))
        body = doc.xpath("//article")[0]
        if len(body.xpath(".//table")) != 1 or not body.xpath(".//div[@class='footnote']//li"):
            bad.append(url)
        first = acceptance_corpus.first_lines.get(url)
        if first and first not in body.text_content():
            bad.append(f"{url}: first line lost")
    assert bad == []


def test_documents_are_shown_with_type_and_size(acceptance_corpus, acceptance_site):
    for url in acceptance_corpus.attachments:
        folder = url.rsplit("/", 1)[0] + "/"
        page = html.parse(str(acceptance_site / folder / "index.html"))
        box = page.xpath("//div[@class='cdct-attachments']//li")
        assert box and all(re.search(r"\((PDF|Word|Excel), \d+ KB\)$", li.text_content()) for li in box), url
        assert (acceptance_site / url).is_file(), url


# LinkChecker parses HTML, CSS and sitemaps but not RSS/Atom: a feed given as a start URL is fetched and
# then reported "content type not parseable" (a warning that also made it exit 1), its links never checked.
# So the test reads every feed itself and gives LinkChecker each URL the feeds hold as a start URL.
LINKCHECKER_RC = "[filtering]\nignorewarnings=url-content-type-unparseable\n"
FEED_URL_XPATH = ("//link/text() | //guid[not(@isPermaLink='false')]/text() | //@url"
                  " | //*[local-name()='link']/@href")


def _urls_in_feed(feed_url: str) -> set[str]:
    with urllib.request.urlopen(feed_url) as response:
        tree = etree.fromstring(response.read())
    urls = {u.strip() for u in tree.xpath(FEED_URL_XPATH)}
    for encoded in tree.xpath("//*[local-name()='encoded']/text() | //*[local-name()='content']/text()"):
        fragment = html.fromstring(encoded)
        urls |= set(fragment.xpath("//@src | //@href"))
        urls |= {p.strip().split(" ")[0] for s in fragment.xpath("//@srcset") for p in s.split(",")}
    return {urldefrag(u).url for u in urls if u.startswith("http://127.0.0.1")}  # LinkChecker reports URLs without #fragment


def test_linkchecker_finds_no_broken_internal_link_in_pages_and_feeds(acceptance_site, acceptance_served, tmp_path):
    feeds = sorted(p.relative_to(acceptance_site).as_posix() for p in acceptance_site.rglob("*.xml")
                   if p.name.endswith(("rss.xml", "atom.xml")))
    assert len(feeds) >= 2 * (1 + 10 + 8)
    from_feeds = set().union(*(_urls_in_feed(acceptance_served + f) for f in feeds))
    assert len(from_feeds) > 300  # articles, their photos, enclosures, the channels' own links
    (tmp_path / "linkcheckerrc").write_text(LINKCHECKER_RC, encoding="utf-8")
    run = subprocess.run([LINKCHECKER, "-f", str(tmp_path / "linkcheckerrc"), "--no-status", "--verbose",
                          "-o", "csv", "--threads", "4", "--stdin"],
                         input="\n".join([acceptance_served, *sorted(from_feeds)]) + "\n",
                         capture_output=True, text=True, timeout=1200)
    rows = list(csv.reader(io.StringIO("\n".join(line for line in run.stdout.splitlines() if not line.startswith("#"))),
                           delimiter=";"))
    header, rows = rows[0], rows[1:]
    valid, url, parent = header.index("valid"), header.index("urlname"), header.index("parentname")
    warning = header.index("warningstring")
    broken = [f"{r[url]} (from {r[parent] or 'a feed'})" for r in rows if r[valid] != "True"]
    assert broken == []
    assert [f"{r[url]}: {r[warning]}" for r in rows if r[warning]] == []
    checked = {r[url] for r in rows}
    assert from_feeds <= checked  # every URL a feed holds was checked, not only the pages' links
    assert len(rows) > 500  # it really walked the site
    assert run.returncode == 0, run.stderr[-2000:]


def _fetch(url: str) -> int:
    request = urllib.request.Request(url, method="HEAD")
    with urllib.request.urlopen(request) as response:
        return response.status


def test_every_photo_and_document_of_pages_and_feeds_is_served(acceptance_corpus, acceptance_site, acceptance_served):
    wanted = set()
    for url in acceptance_corpus.articles:
        doc = html.parse(str(acceptance_site / url / "index.html"))
        refs = doc.xpath("//article//@src | //article//@href")
        refs += [p.strip().split(" ")[0] for s in doc.xpath("//article//@srcset") for p in s.split(",")]
        wanted |= {urljoin(acceptance_served + url, r) for r in refs}
    from conftest import ACCEPTANCE_SITEURL

    for feed in [acceptance_site / "feeds/tat-ca.rss.xml", *acceptance_site.glob("don-vi/*/rss.xml")]:
        tree = etree.parse(str(feed))
        for encoded in tree.xpath("//*[local-name()='encoded']/text()"):
            frag = html.fromstring(encoded)
            refs = frag.xpath("//@src | //@href") + [p.strip().split(" ")[0] for s in frag.xpath("//@srcset")
                                                    for p in s.split(",")]
            for ref in refs:
                assert not ref.startswith(("/", ".")) and "://" in ref or ref.startswith(("mailto:", "#")), ref
                wanted.add(ref.replace(ACCEPTANCE_SITEURL + "/", acceptance_served))
        wanted |= {u.replace(ACCEPTANCE_SITEURL + "/", acceptance_served) for u in tree.xpath("//enclosure/@url")}
    files = sorted(u for u in wanted if u.startswith(acceptance_served) and FILE_RE.search(urlsplit(u).path))
    photos = [u for u in files if u.endswith((".jpg", ".webp", ".png"))]
    documents = [u for u in files if u.endswith((".pdf", ".docx", ".xlsx"))]
    assert len(photos) > 100 and len(documents) >= len(acceptance_corpus.attachments)
    failed = []
    for url in files:
        try:
            _fetch(url)
        except Exception as exc:  # noqa: BLE001 - list every failure, not the first
            failed.append(f"{url}: {exc}")
    assert failed == []


def test_a_warm_publish_build_after_edits_writes_what_a_cold_build_writes(tmp_path):
    """The archive (photos, documents, BOM and CRLF files, the English section) built cold, then two
    articles edited — a paragraph added to one, another's first paragraph (its summary, shown on the
    listing pages) changed — and built warm in place, with the caches: every file equals a cold build
    of the edited archive's (but the Pagefind files Pagefind orders arbitrarily)."""
    from acceptance.archive_corpus import write_corpus
    from conftest import ACCEPTANCE_SITEURL, run_pelican
    from test_warm_build import PAGEFIND_UNSTABLE, differences, tree

    content = write_corpus(tmp_path / "content").content
    settings = {"SITEURL": ACCEPTANCE_SITEURL, "CACHE_PATH": str(tmp_path / "cache")}
    warm = tmp_path / "public"
    run_pelican(content, warm, "publishconf.py", **settings)
    sources = sorted(content.glob("units/*/*/*.md"))
    for source, change in ((sources[0], "end"), (sources[len(sources) // 2], "summary")):
        raw = source.read_bytes()
        newline = b"\r\n" if b"\r\n" in raw else b"\n"
        if change == "end":
            raw = raw.rstrip() + newline * 2 + "Đoạn bổ sung khi sửa bài.".encode() + newline
        else:
            closing = newline + b"---" + newline  # the end of the front matter: the first paragraph follows
            end = raw.index(closing, 3) + len(closing)
            raw = raw[:end] + "Mở đầu đã sửa. ".encode() + raw[end:]
        source.write_bytes(raw)
    run_pelican(content, warm, "publishconf.py", **settings)
    cold = tmp_path / "cold" / "public"
    run_pelican(content, cold, "publishconf.py", **{**settings, "CACHE_PATH": str(tmp_path / "cold" / "cache")})
    warm_files, cold_files = tree(warm), tree(cold)
    assert len(warm_files) > 1000
    assert differences(warm_files, cold_files, ignore=PAGEFIND_UNSTABLE) == []
    assert any("Mở đầu đã sửa." in text.decode("utf-8", "replace") for name, text in warm_files.items()
               if name.startswith("don-vi/") and name.count("/") == 2)  # a unit's listing shows the new summary

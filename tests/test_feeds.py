"""Press feeds of the sample site built with publishconf.py: every feed, every rule of issue 4.

Each feed is parsed with lxml (structure) and feedparser (what a reader gets back); the expected
content of a unit's feed is worked out from the Markdown files themselves, not from the plugin.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import re
from pathlib import Path
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import feedparser
import pytest
import yaml
from lxml import etree
from PIL import Image, ImageOps

from conftest import ROOT
from site_core.frontmatter import split_front_matter
from site_core.rules import parse_date
from press_feeds.render import relative_urls_in

NS = {"atom": "http://www.w3.org/2005/Atom", "content": "http://purl.org/rss/1.0/modules/content/",
      "dc": "http://purl.org/dc/elements/1.1/", "media": "http://search.yahoo.com/mrss/"}
RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                    r"\d{4} \d{2}:\d{2}:\d{2} \+0700$")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+07:00$")
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CONTENT = ROOT / "content"


def publish_siteurl() -> str:
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "publishconf.py"))["SITEURL"].rstrip("/")


SITEURL = publish_siteurl()
# The English section's feeds (site_i18n) are under /en/ and say so: language, terms, the section's URLs.
ENGLISH = "en/"


def feed_lang(rel: str) -> str:
    return "en" if rel.startswith(ENGLISH) else "vi"


def feed_base(rel: str) -> str:
    """The URL of the site (or section) a feed belongs to."""
    return f"{SITEURL}/en" if rel.startswith(ENGLISH) else SITEURL


TERMS = {"vi": ("đăng lại", "Công đoàn Công Thương Việt Nam"), "en": ("republish", "Vietnam Industry and Trade Union")}


def feed_files(output: Path) -> list[Path]:
    found = set()
    for pattern in ("*.rss.xml", "*.atom.xml", "rss.xml", "atom.xml"):
        found.update(output.rglob(pattern))
    return sorted(found)


def expected_feed_paths() -> set[str]:
    paths = {"feeds/tat-ca.rss.xml", "feeds/tat-ca.atom.xml"}
    for unit in (CONTENT / "units").iterdir():
        if (unit / "unit.yml").is_file():
            paths |= {f"don-vi/{unit.name}/rss.xml", f"don-vi/{unit.name}/atom.xml"}
    for cat in yaml.safe_load((CONTENT / "categories.yml").read_text(encoding="utf-8")):
        paths |= {f"chuyen-muc/{cat['slug']}/rss.xml", f"chuyen-muc/{cat['slug']}/atom.xml"}
    return paths


def local_file(output: Path, url: str) -> Path | None:
    """The output file an absolute URL of the site points to (None for another host)."""
    if not url.startswith(SITEURL + "/"):
        return None
    rel = unquote(url[len(SITEURL) + 1:].split("#")[0].split("?")[0])
    path = output / rel
    return path / "index.html" if rel == "" or rel.endswith("/") else path


def published_sources(lang: str = "vi") -> list[dict]:
    """Every published, past-dated article of the sample content in ``lang``, read from its Markdown file."""
    now = dt.datetime.now(dt.timezone.utc)
    found = []
    folders = sorted((CONTENT / "units").glob("*/*/*/index.md"))  # an article folder: its name is the slug
    for path in sorted((CONTENT / "units").glob("*/*/*.md")) + folders:
        meta = split_front_matter(path.read_text(encoding="utf-8")).meta
        date = parse_date(meta.get("date"), "Asia/Ho_Chi_Minh")
        if meta.get("status") in ("draft", "hidden") or date is None or date > now or (meta.get("lang") or "vi") != lang:
            continue
        in_folder = path.name == "index.md"
        slug = path.parent.name if in_folder else meta.get("slug") or path.stem
        unit = (path.parent.parent.parent if in_folder else path.parent.parent).name
        found.append({"path": path, "meta": meta, "date": date, "unit": unit,
                      "url": f"{SITEURL}/{'' if lang == 'vi' else lang + '/'}don-vi/{unit}/{date.astimezone(TZ):%Y}/{slug}/"})
    return sorted(found, key=lambda a: a["date"], reverse=True)


@pytest.fixture(scope="module")
def feeds(publish_site):
    return {p.relative_to(publish_site).as_posix(): p for p in feed_files(publish_site)}


def test_every_feed_is_written(feeds):
    assert expected_feed_paths() <= set(feeds)
    # Pelican's own feeds stay off.
    assert not [p for p in feeds if p.startswith("feeds/") and p not in {"feeds/tat-ca.rss.xml", "feeds/tat-ca.atom.xml"}]


def rss_checks(path: Path, output: Path, rel: str):
    raw = path.read_bytes()
    assert len(raw) <= 2_000_000
    root = etree.fromstring(raw)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("title") and channel.findtext("description")
    assert channel.findtext("link").startswith(SITEURL + "/")
    assert local_file(output, channel.findtext("link")).is_file()
    assert channel.findtext("language") == feed_lang(rel)
    assert all(words in channel.findtext("copyright") for words in TERMS[feed_lang(rel)])
    logo = channel.findtext("image/url")
    assert logo.endswith((".png", ".jpg", ".gif")) and local_file(output, logo).is_file()
    self_links = channel.findall("atom:link[@rel='self']", NS)
    assert [link.get("href") for link in self_links] == [f"{SITEURL}/{rel}"]
    items = channel.findall("item")
    assert len(items) <= 50
    dates = []
    for item in items:
        link = item.findtext("link")
        guid = item.find("guid")
        assert guid.text == link and guid.get("isPermaLink") == "true"
        assert local_file(output, link).is_file(), link
        assert item.findtext("title")
        assert item.findtext("description") is not None
        body = item.findtext("content:encoded", namespaces=NS)
        assert body and relative_urls_in(body) == [], (link, relative_urls_in(body))
        assert relative_urls_in(item.findtext("description")) == []
        for url in re.findall(r'(?:href|src)="([^"]+)"', body):
            target = local_file(output, url)
            assert target is None or target.exists(), (link, url)
        # The source line links to the original, in the feed's language (PRESS_FEEDS_TEXTS).
        assert f'href="{link}"' in body and ("Source:" if feed_lang(rel) == "en" else "Nguồn:") in body
        assert item.findtext("dc:creator", namespaces=NS)
        domains = {c.get("domain") for c in item.findall("category")}
        assert {f"{feed_base(rel)}/chuyen-muc/", f"{feed_base(rel)}/don-vi/"} <= domains
        pub = item.findtext("pubDate")
        assert RFC822.match(pub), pub
        dates.append(email.utils.parsedate_to_datetime(pub))
        media = item.find("media:content", NS)
        if media is not None:
            image = local_file(output, media.get("url"))
            assert image is not None and image.is_file()
            with Image.open(image) as im:
                assert (int(media.get("width")), int(media.get("height"))) == ImageOps.exif_transpose(im).size
            enclosure = item.find("enclosure")
            assert enclosure.get("url") == media.get("url")
            assert int(enclosure.get("length")) == image.stat().st_size and enclosure.get("type").startswith("image/")
    assert dates == sorted(dates, reverse=True), "newest first"
    build = channel.findtext("lastBuildDate")
    assert RFC822.match(build)
    if dates:
        assert email.utils.parsedate_to_datetime(build) >= dates[0]
    return [i.findtext("link") for i in items]


def atom_checks(path: Path, output: Path, rel: str):
    root = etree.fromstring(path.read_bytes())
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == feed_lang(rel)
    assert root.findtext("atom:id", namespaces=NS) and root.findtext("atom:title", namespaces=NS)
    assert RFC3339.match(root.findtext("atom:updated", namespaces=NS))
    assert TERMS[feed_lang(rel)][0] in root.findtext("atom:rights", namespaces=NS)
    assert [link.get("href") for link in root.findall("atom:link[@rel='self']", NS)] == [f"{SITEURL}/{rel}"]
    assert root.find("atom:author/atom:name", NS) is not None
    links = []
    for entry in root.findall("atom:entry", NS):
        alternates = [x for x in entry.findall("atom:link", NS) if x.get("rel", "alternate") == "alternate"]
        assert len(alternates) == 1
        link = alternates[0].get("href")
        assert entry.findtext("atom:id", namespaces=NS) == link
        for tag in ("updated", "published"):
            assert RFC3339.match(entry.findtext(f"atom:{tag}", namespaces=NS))
        content = entry.find("atom:content", NS)
        assert content.get("type") == "html" and relative_urls_in(content.text) == []
        assert entry.findtext("atom:author/atom:name", namespaces=NS)
        for x in entry.findall("atom:link", NS):
            assert x.get("href").startswith(("https://", "http://"))
        links.append(link)
    return links


def test_every_rss_feed_follows_the_rules(feeds, publish_site):
    rss = {rel: path for rel, path in feeds.items() if rel.endswith("rss.xml")}
    assert len(rss) >= 19  # the site, 10 units, 8 categories
    for rel, path in rss.items():
        rss_checks(path, publish_site, rel)


def test_every_atom_feed_follows_the_rules(feeds, publish_site):
    atom = {rel: path for rel, path in feeds.items() if rel.endswith("atom.xml")}
    assert len(atom) >= 19
    for rel, path in atom.items():
        atom_checks(path, publish_site, rel)


def test_feedparser_reads_every_field_back(feeds):
    for rel, path in feeds.items():
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (rel, parsed.get("bozo_exception"))
        lang = feed_lang(rel)
        assert parsed.feed.language == lang if rel.endswith("rss.xml") else parsed.feed.get("language") in (lang, None)
        assert parsed.feed.title and parsed.feed.link.startswith(feed_base(rel)) and TERMS[lang][0] in parsed.feed.rights
        assert parsed.feed.image.href.startswith(SITEURL) if rel.endswith("rss.xml") else parsed.feed.logo
        for entry in parsed.entries:
            assert entry.title and entry.link.startswith(feed_base(rel) + "/don-vi/") and entry.id == entry.link
            assert entry.published_parsed and entry.author
            assert entry.content[0].value and entry.summary is not None
            schemes = {t.scheme for t in entry.tags}
            assert {f"{feed_base(rel)}/chuyen-muc/", f"{feed_base(rel)}/don-vi/"} <= schemes


def test_site_feed_holds_the_newest_published_articles(feeds, publish_site):
    expected = [a["url"] for a in published_sources()][:50]
    assert rss_checks(feeds["feeds/tat-ca.rss.xml"], publish_site, "feeds/tat-ca.rss.xml") == expected
    assert atom_checks(feeds["feeds/tat-ca.atom.xml"], publish_site, "feeds/tat-ca.atom.xml") == expected


def test_the_english_section_feeds_hold_the_english_articles_only(feeds, publish_site):
    """Issue 19: /en/feeds/all.rss.xml and .atom.xml carry the English articles, the Vietnamese feeds none."""
    expected = [a["url"] for a in published_sources("en")][:50]
    assert expected, "the sample content should have English articles"
    assert rss_checks(feeds["en/feeds/all.rss.xml"], publish_site, "en/feeds/all.rss.xml") == expected
    assert atom_checks(feeds["en/feeds/all.atom.xml"], publish_site, "en/feeds/all.atom.xml") == expected


def test_a_unit_feed_holds_exactly_that_units_published_articles(feeds, publish_site):
    sources = published_sources()
    for unit in {p.name for p in (CONTENT / "units").iterdir() if (p / "unit.yml").is_file()}:
        expected = [a["url"] for a in sources if a["unit"] == unit][:50]
        for kind in ("rss", "atom"):
            rel = f"don-vi/{unit}/{kind}.xml"
            got = (rss_checks if kind == "rss" else atom_checks)(feeds[rel], publish_site, rel)
            assert got == expected, rel


def test_lead_images_and_republished_sources_are_carried(feeds):
    parsed = {e.link: e for e in feedparser.parse(feeds["feeds/tat-ca.rss.xml"].read_bytes()).entries}
    sources = [a for a in published_sources() if a["url"] in parsed]
    with_image = [a for a in sources if a["meta"].get("image")]
    assert with_image, "the sample content should have lead photos"
    for a in with_image:
        entry = parsed[a["url"]]
        assert entry.media_content and entry.media_content[0]["width"] and entry.media_content[0]["height"]
        assert entry.enclosures and int(entry.enclosures[0]["length"]) > 0
        assert html.escape(str(a["meta"]["image_alt"])) in entry.content[0].value  # the lead figure
    for a in sources:
        source = a["meta"].get("source")
        if source:
            entry = parsed[a["url"]]
            assert str(source) in entry.content[0].value
            if a["meta"].get("source_url"):
                assert f'href="{a["meta"]["source_url"]}"' in entry.content[0].value


def test_press_page_lists_every_feed(publish_site, feeds):
    from conftest import soup

    page = soup(publish_site / "bao-chi")
    listed = {a["href"] for a in page.select(".cdct-feeds a[href]")}
    assert {f"{SITEURL}/{rel}" for rel in expected_feed_paths()} <= listed
    text = page.get_text(" ", strip=True)
    assert "Điều kiện đăng lại" in text


def test_page_heads_point_at_the_feeds(publish_site):
    from conftest import soup

    home = soup(publish_site)
    hrefs = {link["href"] for link in home.select('link[rel="alternate"]')}
    assert {f"{SITEURL}/feeds/tat-ca.rss.xml", f"{SITEURL}/feeds/tat-ca.atom.xml"} <= hrefs
    unit = next(p.name for p in (CONTENT / "units").iterdir() if (p / "unit.yml").is_file())
    hrefs = {link["href"] for link in soup(publish_site / "don-vi" / unit).select('link[rel="alternate"]')}
    assert f"{SITEURL}/don-vi/{unit}/rss.xml" in hrefs
    assert (publish_site / "don-vi" / unit / "rss.xml").is_file()


def test_preview_build_feeds_use_the_local_server(sample_site):
    root = etree.parse(str(sample_site / "feeds" / "tat-ca.rss.xml")).getroot()
    assert root.find("channel/atom:link[@rel='self']", NS).get("href") == "http://127.0.0.1:8000/feeds/tat-ca.rss.xml"
    for item in root.iter("item"):
        assert item.findtext("link").startswith("http://127.0.0.1:8000/don-vi/")
        assert relative_urls_in(item.findtext("content:encoded", namespaces=NS)) == []


def test_feed_settings_defaults_terms_and_checks():
    from press_feeds.rules import DEFAULTS, DEV_SITEURL, feed_settings, feed_siteurl, links_to_dev_server

    values = feed_settings({"SITENAME": "Liên đoàn Lao động tỉnh", "PRESS_FEEDS_MAX_ITEMS": 10})
    assert values["PRESS_FEEDS_MAX_ITEMS"] == 10 and values["PRESS_FEEDS_ALL_RSS"] == DEFAULTS["PRESS_FEEDS_ALL_RSS"]
    assert "“Liên đoàn Lao động tỉnh”" in values["PRESS_FEEDS_TERMS"] and "{site}" not in values["PRESS_FEEDS_TERMS"]
    for key, wrong in (("PRESS_FEEDS_MAX_ITEMS", 0), ("PRESS_FEEDS_MAX_BYTES", True), ("PRESS_FEEDS_HUB", "hub.example"),
                       ("PRESS_FEEDS_SITEURL", "/feeds")):
        with pytest.raises(ValueError, match=key):
            feed_settings({key: wrong})
    assert feed_siteurl({"SITEURL": ""}) == DEV_SITEURL and links_to_dev_server({"SITEURL": ""})
    assert feed_siteurl({"SITEURL": "https://a.example/"}) == "https://a.example"
    assert not links_to_dev_server({"SITEURL": "", "PRESS_FEEDS_SITEURL": "https://a.example"})

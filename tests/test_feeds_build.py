"""Press feeds on tiny sites (real Pelican builds) and the pure functions behind them."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
import urllib.parse
from zoneinfo import ZoneInfo

import feedparser
import pytest
from lxml import etree
from PIL import Image

from conftest import article
from press_feeds import feed_urls_in, ping_hub
from press_feeds.render import (
    ChannelConfig, FeedItem, FeedSpec, absolute_srcset, absolute_url, absolutize_html, relative_urls_in,
    render_capped,
)

NS = {"atom": "http://www.w3.org/2005/Atom", "content": "http://purl.org/rss/1.0/modules/content/",
      "media": "http://search.yahoo.com/mrss/"}
BASE = "https://site.vn/don-vi/x/2024/bai/"


@pytest.mark.parametrize("url, expected", [
    ("anh.jpg", "https://site.vn/don-vi/x/2024/bai/anh.jpg"),
    ("../../khac/", "https://site.vn/don-vi/x/khac/"),
    ("/luu-tru/", "https://site.vn/luu-tru/"),
    ("#chu-thich-1", "https://site.vn/don-vi/x/2024/bai/#chu-thich-1"),
    ("", "https://site.vn/don-vi/x/2024/bai/"),
    ("//cdn.example/a.png", "https://cdn.example/a.png"),
    ("{static}anh.jpg", "https://site.vn/don-vi/x/2024/bai/anh.jpg"),
    ("https://baochi.vn/a?b=1&amp;c=2", "https://baochi.vn/a?b=1&c=2"),
    ("mailto:bantuyengiao@example.vn", "mailto:bantuyengiao@example.vn"),
    ("tel:02438250000", "tel:02438250000"),
])
def test_absolute_url(url, expected):
    assert absolute_url(url, BASE) == expected


def test_absolute_srcset():
    assert absolute_srcset("a-480.webp 480w, /b/a-960.webp 960w", BASE) == \
        "https://site.vn/don-vi/x/2024/bai/a-480.webp 480w, https://site.vn/b/a-960.webp 960w"


@pytest.mark.parametrize("fragment, expected", [
    ('<a href="../">x</a>', '<a href="https://site.vn/don-vi/x/2024/">x</a>'),
    ("<img src='a.jpg' alt='Ảnh'>", "<img src=\"https://site.vn/don-vi/x/2024/bai/a.jpg\" alt='Ảnh'>"),
    ('<img src=a.jpg>', '<img src="https://site.vn/don-vi/x/2024/bai/a.jpg">'),
    ('<source srcset="a.webp 1x, b.webp 2x" type="image/webp">',
     '<source srcset="https://site.vn/don-vi/x/2024/bai/a.webp 1x, https://site.vn/don-vi/x/2024/bai/b.webp 2x" type="image/webp">'),
    ('<p>href="x.html" in text stays</p>', '<p>href="x.html" in text stays</p>'),
    ('<a title="../x" href="https://a.vn/">t</a>', '<a title="../x" href="https://a.vn/">t</a>'),
])
def test_absolutize_html(fragment, expected):
    result = absolutize_html(fragment, BASE)
    assert result == expected
    assert relative_urls_in(result) == []


def test_relative_urls_in_finds_what_absolutize_fixes():
    assert relative_urls_in('<a href="../x">a</a><img srcset="a.jpg 1x, https://s.vn/b.jpg 2x">') == ["../x", "a.jpg"]


def _item(n: int, size: int) -> FeedItem:
    date = dt.datetime(2024, 1, 1, 8, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")) + dt.timedelta(days=n)
    url = f"https://site.vn/don-vi/x/2024/bai-{n}/"
    return FeedItem(url=url, title=f"Bài {n}", summary="Tóm tắt", content="<p>" + "chữ " * (size // 4) + "</p>",
                    published=date, updated=date, author="Tác giả")


def test_render_capped_drops_the_oldest_items_until_under_the_byte_cap():
    spec = FeedSpec("all", "T", "D", "https://site.vn/", "https://site.vn/r.xml", "https://site.vn/a.xml", "r", "a")
    cfg = ChannelConfig("Site", "https://site.vn/", "Holder", "Terms.", max_items=50, max_bytes=60_000)
    items = [_item(n, 10_000) for n in range(12)]
    for kind in ("rss", "atom"):
        data, kept = render_capped(spec, items, cfg, kind)
        assert len(data) <= 60_000 and 0 < kept < 12
        links = [e.link for e in feedparser.parse(data).entries]
        assert links == [f"https://site.vn/don-vi/x/2024/bai-{n}/" for n in range(11, 11 - kept, -1)]


def _jpeg(size=(320, 200)) -> bytes:
    import io

    buf = io.BytesIO()
    Image.new("RGB", size, "navy").save(buf, "JPEG")
    return buf.getvalue()


BROKEN = {
    "units/cd-thu-nghiem/2024/anh-that.jpg": _jpeg(),
    "units/cd-thu-nghiem/2024/mat-anh.md": article(
        title="Bài mất ảnh", date="2024-05-02 08:00", image="khong-co.jpg", image_alt="Ảnh không có",
        body="Xem [bài khác](../../cong-doan-nganh/) và [chú thích](#cuoi), [lưu trữ](/luu-tru/).\n\n"
             "![ảnh thật](anh-that.jpg)\n\n<img src=\"anh-that.jpg\" srcset=\"anh-that.jpg 1x, anh-that.jpg 2x\" alt=\"a\">"),
    "units/cong-doan-nganh/2024/ban-nhap.md": article(title="Bản nháp bí mật", date="2024-05-03 08:00", status="draft"),
    "units/cong-doan-nganh/2099/tuong-lai.md": article(title="Bài hẹn giờ tương lai", date="2099-05-03 08:00"),
    "units/cong-doan-nganh/2024/cu.md": article(title="Bài cũ", date="2024-04-01 08:00", author="Lê Thị B",
                                                  source="Báo Lao Động", source_url="https://laodong.vn/bai-goc"),
}


def _feeds(output):
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*.xml"))
            if p.name != "sitemap.xml"}


def test_broken_image_relative_links_drafts_and_future_in_a_preview_build(build_site):
    built = build_site(BROKEN)
    feeds = _feeds(built.output)
    assert "feeds/tat-ca.rss.xml" in feeds and "don-vi/cd-thu-nghiem/atom.xml" in feeds
    for rel, data in feeds.items():
        assert "Bản nháp bí mật".encode() not in data and "tương lai".encode() not in data, rel
        root = etree.fromstring(data)
        for text in root.xpath("//content:encoded/text() | //atom:content/text() | //description/text()"
                               " | //atom:summary/text()", namespaces=NS):
            assert relative_urls_in(text) == [], (rel, relative_urls_in(text))
        for url in root.xpath("//@href | //@url | //link/text() | //guid/text()"):
            assert url.startswith("http://127.0.0.1:8000/") or url.startswith("https://"), (rel, url)
    rss = feedparser.parse(feeds["feeds/tat-ca.rss.xml"])
    assert [e.title for e in rss.entries] == ["Bài mất ảnh", "Bài cũ"]
    broken = rss.entries[0]
    assert not broken.get("media_content") and not broken.get("enclosures")  # no photo rather than a bad one
    body = broken.content[0].value
    assert 'href="http://127.0.0.1:8000/don-vi/cd-thu-nghiem/cong-doan-nganh/"' in body
    assert 'href="http://127.0.0.1:8000/don-vi/cd-thu-nghiem/2024/mat-anh/#cuoi"' in body
    assert 'href="http://127.0.0.1:8000/luu-tru/"' in body
    old = rss.entries[1]
    assert old.author == "Lê Thị B" and "Báo Lao Động" in old.content[0].value
    assert 'href="https://laodong.vn/bai-goc"' in old.content[0].value
    # The unit feeds split exactly by unit.
    assert [e.title for e in feedparser.parse(feeds["don-vi/cong-doan-nganh/rss.xml"]).entries] == ["Bài cũ"]
    assert [e.title for e in feedparser.parse(feeds["don-vi/cd-thu-nghiem/rss.xml"]).entries] == ["Bài mất ảnh"]


def test_feeds_are_byte_identical_across_two_builds(build_site):
    first = _feeds(build_site(BROKEN, "publishconf.py", CONTENT_CHECK_STRICT=False).output)
    second = _feeds(build_site(BROKEN, "publishconf.py", CONTENT_CHECK_STRICT=False).output)
    assert first and first == second
    root = etree.fromstring(first["feeds/tat-ca.rss.xml"])
    # lastBuildDate is the newest item's date, not the build time.
    assert root.findtext("channel/lastBuildDate") == "Thu, 02 May 2024 08:00:00 +0700"


def test_item_cap_and_websub_hub_link(build_site):
    files = {f"units/cong-doan-nganh/2024/bai-{n}.md": article(title=f"Bài {n}", date=f"2024-05-0{n} 08:00")
             for n in range(1, 5)}
    files["units/cong-doan-nganh/2024/anh.jpg"] = _jpeg((300, 450))
    files["units/cong-doan-nganh/2024/bai-4.md"] = article(title="Bài 4", date="2024-05-04 08:00", image="anh.jpg",
                                                          image_alt="Ảnh dọc")
    built = build_site(files, PRESS_FEEDS_MAX_ITEMS=3, PRESS_FEEDS_HUB="https://hub.example.vn/")
    rss = etree.parse(str(built.output / "feeds/tat-ca.rss.xml")).getroot()
    assert [i.findtext("title") for i in rss.iter("item")] == ["Bài 4", "Bài 3", "Bài 2"]
    assert rss.find("channel/atom:link[@rel='hub']", NS).get("href") == "https://hub.example.vn/"
    # The photo as published (photo_variants' processed file when it runs, else the original).
    media = rss.find("channel/item/media:content", NS)
    published = built.output / media.get("url").removeprefix("http://127.0.0.1:8000/")
    with Image.open(published) as im:
        assert (media.get("width"), media.get("height")) == tuple(str(n) for n in im.size)
        assert im.size[1] > im.size[0]  # still the portrait photo
    assert media.get("type") == "image/jpeg" and media.get("fileSize") == str(published.stat().st_size)
    atom = etree.parse(str(built.output / "feeds/tat-ca.atom.xml")).getroot()
    assert atom.find("atom:link[@rel='hub']", NS).get("href") == "https://hub.example.vn/"
    enclosure = atom.find("atom:entry/atom:link[@rel='enclosure']", NS)
    assert enclosure.get("href") == media.get("url") and enclosure.get("length") == str(published.stat().st_size)
    assert len(atom.findall("atom:entry", NS)) == 3


def test_bad_settings_fail_early(build_site):
    with pytest.raises(ValueError, match="PRESS_FEEDS_MAX_ITEMS"):
        build_site({}, PRESS_FEEDS_MAX_ITEMS=0)


class _Hub(http.server.BaseHTTPRequestHandler):
    received: list = []
    answer = 204

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        type(self).received.append((self.headers["Content-Type"], urllib.parse.parse_qs(body)))
        self.send_response(type(self).answer)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def hub_server():
    _Hub.received, _Hub.answer = [], 204
    server = http.server.HTTPServer(("127.0.0.1", 0), _Hub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hub", _Hub
    server.shutdown()
    server.server_close()


def test_ping_hub_posts_every_feed_of_a_build(build_site, hub_server):
    hub, handler = hub_server
    built = build_site({"units/cong-doan-nganh/2024/a.md": article()}, "publishconf.py")
    urls = feed_urls_in(built.output)
    assert "https://congdoancongthuong.example.vn/feeds/tat-ca.rss.xml" in urls or any(
        u.endswith("/feeds/tat-ca.rss.xml") for u in urls)
    assert any(u.endswith("/don-vi/cong-doan-nganh/atom.xml") for u in urls)
    results = ping_hub(hub, urls)
    assert [r.ok for r in results] == [True] * len(urls)
    assert [(ct, q["hub.mode"], q["hub.url"]) for ct, q in handler.received] == \
        [("application/x-www-form-urlencoded", ["publish"], [u]) for u in urls]


def test_ping_hub_reports_a_refusing_or_absent_hub_without_raising(hub_server):
    hub, handler = hub_server
    handler.answer = 500
    assert [(r.ok, r.status) for r in ping_hub(hub, ["https://s.vn/rss.xml"])] == [(False, 500)]
    closed = http.server.HTTPServer(("127.0.0.1", 0), _Hub)
    port = closed.server_port
    closed.server_close()
    result = ping_hub(f"http://127.0.0.1:{port}/", ["https://s.vn/rss.xml"], timeout=2)
    assert result[0].status is None and not result[0].ok and result[0].error
    with pytest.raises(ValueError):
        ping_hub("ftp://hub", [])

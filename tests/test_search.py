"""vi_search without a browser: folding, the indexed documents, and the bundle a real build writes."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from bs4 import BeautifulSoup

from conftest import article
from vi_search import fold_d, fold_full
from vi_search.document import SearchDocument, indexed_html, render
from vi_search.fold import mark_words


def fragments(bundle) -> list[dict]:
    """Every indexed page as Pagefind stored it (fragments are gzip'd JSON after a signature)."""
    out = []
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"pagefind_dcd")
        out.append(json.loads(raw[len(b"pagefind_dcd"):]))
    return out


@pytest.mark.parametrize("text, expected", [
    ("đoàn", "doàn"), ("Đoàn", "Doàn"), ("ĐẠI HỘI", "DẠI HỘI"), ("lương", "lương"), ("", ""),
])
def test_fold_d_changes_only_d(text, expected):
    assert fold_d(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Công đoàn", "cong doan"), ("ĐOÀN VIÊN", "doan vien"), ("lương tối thiểu", "luong toi thieu"),
    ("Tết sum vầy", "tet sum vay"), ("Phân đạm", "phan dam"),
    ("đoa\u0300n", "doan"),  # tone written as a combining mark
])
def test_fold_full(text, expected):
    assert fold_full(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Công đoàn, Đoàn viên", "Côngq doànq, Doànq viênq"),
    ("doanh nghiệp", "doanhq nghiệpq"),
    ("COVID-19 năm 2024", "COVIDq-19q nămq 2024q"),
    ("\u0110oa\u0300n", "Doànq"),  # NFC first: precomposed and combining forms index alike
])
def test_mark_words_folds_d_and_ends_every_word(text, expected):
    assert mark_words(text) == expected


def test_a_whole_syllable_is_never_the_prefix_of_another_marked_word():
    # The property search.js relies on: "doanq" is a prefix of "doànq" (tones folded) only.
    marked = mark_words("đoàn doanh đoán doãn doa").split()
    assert [w for w in marked if fold_full(w).startswith("doanq")] == ["doànq", "doánq", "doãnq"]


def test_indexed_html_marks_text_not_markup():
    out = indexed_html('<p>Công đoàn &amp; <a href="/đ-x" title="đoàn">Đông</a></p><script>var đ = 1;</script>')
    assert out == '<p>Côngq doànq &amp; <a href="/đ-x" title="đoàn">Dôngq</a></p><script>var đ = 1;</script>'


def test_render_puts_filters_meta_and_the_text_as_written():
    doc = SearchDocument(url="/don-vi/x/2024/a/", title="Đoàn viên & công nhân",
                         body_html="<p>Công đoàn <b>đồng</b>\nhành.</p>", meta={"unit": "Công đoàn X"},
                         filters={"unit": "x", "category": "hoat-dong-cong-doan"}, sort={"date": "2024-05-01T08:00"})
    html = render(doc)
    soup = BeautifulSoup(html, "lxml")
    body = soup.select_one("main[data-pagefind-body]")
    assert body.h1.get_text() == "Doànq viênq & côngq nhânq"
    assert body.p.get_text() == "Côngq doànq dồngq\nhànhq."
    metas = {m["data-pagefind-meta"]: m["content"] for m in body.select("meta[data-pagefind-meta]")}
    assert metas == {"title[content]": "Đoàn viên & công nhân", "unit[content]": "Công đoàn X",
                     "text[content]": "Công đoàn đồng hành."}
    filters = {m["data-pagefind-filter"]: m["content"] for m in body.select("meta[data-pagefind-filter]")}
    assert filters == {"unit[content]": "x", "category[content]": "hoat-dong-cong-doan"}
    assert body.select_one("meta[data-pagefind-sort]")["content"] == "2024-05-01T08:00"
    assert "đ" not in body.h1.get_text() + body.p.get_text()


SITE = {
    "units/cong-doan-nganh/2024/dai-hoi.md": article(
        "Đại hội Công đoàn ngành", date="2024-03-01 08:00", category="hoat-dong-cong-doan",
        body="Đại hội đại biểu đoàn viên lần thứ nhất.\n\nMột đoạn thứ hai."),
    "units/cd-thu-nghiem/2024/luong.md": article(
        "Tăng lương tối thiểu vùng", date="2024-07-02 08:00", category="chinh-sach-phap-luat",
        body="Mức lương tối thiểu tăng 6%."),
    "units/cd-thu-nghiem/2024/nhap.md": article("Bản nháp bí mật", status="draft", body="Chưa đăng."),
    "pages/gioi-thieu.md": '---\ntitle: "Giới thiệu"\n---\nCông đoàn Công Thương Việt Nam.\n',
}


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    from conftest import BASE_FILES, ROOT, run_pelican
    import shutil

    base = tmp_path_factory.mktemp("search-small")
    content = base / "content"
    content.mkdir()
    shutil.copy(ROOT / "content" / "categories.yml", content / "categories.yml")
    for rel, text in {**BASE_FILES, **SITE}.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    run_pelican(content, base / "output")
    return base / "output"


def test_build_indexes_articles_and_pages_only(small_site):
    bundle = small_site / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert not (bundle / "pagefind-ui.js").exists()  # Pagefind's own UI is not shipped
    pages = {f["url"]: f for f in fragments(bundle)}
    assert set(pages) == {"/don-vi/cong-doan-nganh/2024/dai-hoi/", "/don-vi/cd-thu-nghiem/2024/luong/", "/gioi-thieu/"}
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    assert entry["languages"]["vi"]["page_count"] == 3


def test_indexed_article_has_unit_category_date(small_site):
    pages = {f["url"]: f for f in fragments(small_site / "pagefind")}
    luong = pages["/don-vi/cd-thu-nghiem/2024/luong/"]
    assert luong["filters"] == {"unit": ["cd-thu-nghiem"], "category": ["chinh-sach-phap-luat"]}
    assert luong["meta"]["title"] == "Tăng lương tối thiểu vùng"
    assert luong["meta"]["unit"] == "Công đoàn Công ty Thử Nghiệm"
    assert luong["meta"]["date"] == "2024-07-02" and luong["meta"]["date_vi"] == "02/07/2024"
    assert luong["meta"]["text"] == "Mức lương tối thiểu tăng 6%."
    page = pages["/gioi-thieu/"]
    assert page["filters"] == {} and page["meta"]["kind"] == "Trang"


def test_the_index_holds_marked_words_and_the_text_as_written(small_site):
    pages = {f["url"]: f for f in fragments(small_site / "pagefind")}
    dai_hoi = pages["/don-vi/cong-doan-nganh/2024/dai-hoi/"]
    assert dai_hoi["content"].split()[:4] == ["Dạiq", "hộiq", "Côngq", "doànq"]
    assert "đ" not in dai_hoi["content"]
    assert dai_hoi["meta"]["text"] == "Đại hội đại biểu đoàn viên lần thứ nhất. Một đoạn thứ hai."


def test_search_page_has_filters_and_fallback(small_site):
    soup = BeautifulSoup((small_site / "tim-kiem" / "index.html").read_text(encoding="utf-8"), "lxml")
    root = soup.select_one("[data-vi-search]")
    assert root["data-bundle"] == "../pagefind/"
    form = soup.select_one("form[data-vi-search-form]")
    assert form["action"] == "../tim-kiem/" and form["method"] == "get"
    units = [o["value"] for o in soup.select("#loc-don-vi option")]
    assert units[0] == "" and {"cong-doan-nganh", "cd-thu-nghiem"} <= set(units)
    categories = [o["value"] for o in soup.select("#loc-chuyen-muc option")]
    assert "chinh-sach-phap-luat" in categories
    fallback = soup.select_one("[data-search-fallback]")
    assert fallback.select_one('a[href="../luu-tru/"]') is not None
    assert soup.select_one('script[src$="js/search.js"]') is not None


def test_disabled_search_writes_no_bundle(build_site):
    built = build_site({"units/cd-thu-nghiem/2024/a.md": article()}, VI_SEARCH_ENABLED=False)
    assert not built.exists("pagefind")
    soup = built.html("tim-kiem/")
    assert soup.select_one('script[src$="js/search.js"]') is None
    assert "đang tắt" in soup.select_one("[data-search-fallback]").get_text()

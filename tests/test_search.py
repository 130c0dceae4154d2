"""vi_search without a browser: folding, the indexed documents, and the bundle a real build writes."""

from __future__ import annotations

import gzip
import json
import logging
import re

import pytest
from bs4 import BeautifulSoup

from conftest import article
from vi_search import fold_d, fold_full, plan_shards
from vi_search.document import BITS_ALPHABET, SearchDocument, indexed_html, render
from vi_search.fold import mark_words
from vi_search.indexer import shard_start


def fragments(bundle) -> list[dict]:
    """Every indexed page as Pagefind stored it (fragments are gzip'd JSON after a signature)."""
    out = []
    for path in sorted(bundle.glob("*/fragment/*.pf_fragment")):
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
    ("Công đoàn, Đoàn viên", "qCôngq qdoànq, qDoànq qviênq"),
    ("doanh nghiệp", "qdoanhq qnghiệpq"),
    ("COVID-19 năm 2024", "qCOVIDq-q19q qnămq q2024q"),
    ("\u0110oa\u0300n", "qDoànq"),  # NFC first: precomposed and combining forms index alike
])
def test_mark_words_folds_d_and_ends_every_word(text, expected):
    assert mark_words(text) == expected


def test_a_whole_syllable_is_never_the_prefix_of_another_marked_word():
    # What search.js relies on: "qdoanq" is a prefix of the whole syllables only (tones folded),
    # "qdoan" of every word starting with "doan", and no marked word is a prefix of a query.
    marked = mark_words("đoàn doanh đoán doãn doa").split()
    assert [w for w in marked if fold_full(w).startswith("qdoanq")] == ["qdoànq", "qdoánq", "qdoãnq"]
    assert [w for w in marked if fold_full(w).startswith("qdoan")] == ["qdoànq", "qdoanhq", "qdoánq", "qdoãnq"]
    # Pagefind's fallback for a word with no extension (the longest indexed word that is a prefix of it)
    # finds nothing: "doanhx" is in no document, and no marked word is a prefix of "qdoanhx".
    assert not [w for w in marked if "qdoanhx".startswith(fold_full(w))]


def test_indexed_html_marks_text_not_markup():
    out = indexed_html('<p>Công đoàn &amp; <a href="/đ-x" title="đoàn">Đông</a></p><script>var đ = 1;</script>')
    assert out == '<p>qCôngq qdoànq &amp; <a href="/đ-x" title="đoàn">qDôngq</a></p><script>var đ = 1;</script>'


def test_render_puts_filters_meta_and_the_text_as_written():
    doc = SearchDocument(url="/don-vi/x/2024/a/", title="Đoàn viên & công nhân",
                         body_html="<p>Công đoàn <b>đồng</b>\nhành.</p>", meta={"unit": "Công đoàn X"},
                         filters={"unit": "x", "category": "hoat-dong-cong-doan"}, sort={"date": "2024-05-01T08:00"})
    html = render(doc)
    soup = BeautifulSoup(html, "lxml")
    body = soup.select_one("main[data-pagefind-body]")
    assert body.h1.get_text() == "qDoànq qviênq & qcôngq qnhânq"
    assert body.p.get_text() == "qCôngq qdoànq qdồngq\nqhànhq."
    metas = {m["data-pagefind-meta"]: m["content"] for m in body.select("meta[data-pagefind-meta]")}
    # d letters: Đoàn, đoàn, đồng are đ (bits 111 -> "4" = 0b111000); no copy of the text itself.
    assert metas == {"title[content]": "Đoàn viên & công nhân", "unit[content]": "Công đoàn X", "dd[content]": "4"}
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
    assert json.loads((bundle / "shards.json").read_text()) == {"shards": ["2024"]}  # a small site: one shard
    assert (bundle / "2024" / "pagefind.js").is_file()
    assert not (bundle / "2024" / "pagefind-ui.js").exists()  # Pagefind's own UI is not shipped
    pages = {f["url"]: f for f in fragments(bundle)}
    assert set(pages) == {"/don-vi/cong-doan-nganh/2024/dai-hoi/", "/don-vi/cd-thu-nghiem/2024/luong/", "/gioi-thieu/"}
    entry = json.loads((bundle / "2024" / "pagefind-entry.json").read_text())
    assert entry["languages"]["vi"]["page_count"] == 3


def _doc(url, date=None):
    return SearchDocument(url=url, title=url, body_html="", sort={"date": date} if date else {})


def test_plan_shards_packs_years_oldest_first_and_cuts_a_large_year_into_runs_of_days():
    docs = ([_doc(f"/a{i}/", "2019-03-01T08:00") for i in range(2)] + [_doc(f"/b{i}/", "2020-05-01T08:00") for i in range(2)]
            + [_doc(f"/c{i}/", "2021-06-01T08:00") for i in range(3)]
            + [_doc(f"/d{m}/", f"2022-{m:02d}-01T08:00") for m in range(1, 13)] + [_doc("/gioi-thieu/")])
    plan = plan_shards(docs, max_docs=5)
    assert list(plan) == ["2022.3", "2022.2", "2022.1", "2021", "2019-2020"]  # newest first
    assert [d.url for d in plan["2019-2020"]] == ["/a0/", "/a1/", "/b0/", "/b1/"]
    assert len(plan["2021"]) == 3
    # 12 > 5: three runs of days of 2022 (365 days): [0, 121), [121, 243), [243, 365) — 1 May is day 120
    assert [d.url for d in plan["2022.1"]] == ["/d1/", "/d2/", "/d3/", "/d4/", "/d5/"]
    assert [d.url for d in plan["2022.2"]] == ["/d6/", "/d7/", "/d8/"]
    assert shard_start(plan["2022.2"]) == "2022-06-01" and shard_start(plan["2021"]) == "2021-06-01"
    assert [d.url for d in plan["2022.3"]][-1] == "/gioi-thieu/"  # pages go with the newest shard
    assert all(len(v) <= 5 for name, v in plan.items() if name != "2022.3")
    assert plan_shards([_doc("/p/")], max_docs=5) == {"trang": [_doc("/p/")]}
    assert sum(len(v) for v in plan_shards(docs, max_docs=2000).values()) == len(docs)
    assert list(plan_shards(docs, max_docs=2000)) == ["2019-2022"]


def test_a_warm_build_reuses_every_shard_and_an_edit_rebuilds_only_its_own(build_site, caplog):
    files = {"units/cd-thu-nghiem/2023/cu.md": article("Bài năm 2023", date="2023-04-01 08:00"),
             "units/cd-thu-nghiem/2024/moi.md": article("Bài năm 2024", date="2024-04-01 08:00")}
    caplog.set_level(logging.INFO, logger="vi_search")

    def build(**changed):
        caplog.clear()
        # Without Pelican's content cache, so that each build runs (up_to_date would skip the second).
        site = build_site({**files, **changed}, VI_SEARCH_SHARD_MAX=1, LOAD_CONTENT_CACHE=False)
        built = [r.getMessage() for r in caplog.records if "shards" in r.getMessage()]
        return site, built

    site, log = build()
    assert json.loads((site.output / "pagefind" / "shards.json").read_text()) == {"shards": ["2024", "2023"], "auto": 2}
    assert "2 shards (2 rebuilt" in log[0]
    assert (site.output / "pagefind" / "2024" / "pagefind.js").is_file()
    assert not (site.output / "pagefind" / "2023" / "pagefind.js").exists()  # the primary's code serves all
    before = {p.relative_to(site.output).as_posix(): p.read_bytes() for p in (site.output / "pagefind").rglob("*")
              if p.is_file()}
    site, log = build()
    assert "2 shards (0 rebuilt" in log[0]
    after = {p.relative_to(site.output).as_posix(): p.read_bytes() for p in (site.output / "pagefind").rglob("*")
             if p.is_file()}
    assert after == before  # byte-identical to the build that filled the cache
    site, log = build(**{"units/cd-thu-nghiem/2024/moi.md": article("Bài năm 2024, đã sửa", date="2024-04-01 08:00")})
    assert "2 shards (1 rebuilt" in log[0]
    titles = {f["meta"]["title"] for f in fragments(site.output / "pagefind")}
    assert titles == {"Bài năm 2023", "Bài năm 2024, đã sửa"}


def test_indexed_article_has_unit_category_date(small_site):
    pages = {f["url"]: f for f in fragments(small_site / "pagefind")}
    luong = pages["/don-vi/cd-thu-nghiem/2024/luong/"]
    assert luong["filters"] == {"unit": ["cd-thu-nghiem"], "category": ["chinh-sach-phap-luat"]}
    assert luong["meta"]["title"] == "Tăng lương tối thiểu vùng"
    assert luong["meta"]["unit"] == "Công đoàn Công ty Thử Nghiệm"
    assert luong["meta"]["date"] == "2024-07-02" and luong["meta"]["date_vi"] == "02/07/2024"
    assert "text" not in luong["meta"]  # excerpts come from Pagefind's content (see below)
    page = pages["/gioi-thieu/"]
    assert page["filters"] == {} and page["meta"]["kind"] == "Trang"


def test_the_index_holds_marked_words_and_the_text_as_written(small_site):
    pages = {f["url"]: f for f in fragments(small_site / "pagefind")}
    dai_hoi = pages["/don-vi/cong-doan-nganh/2024/dai-hoi/"]
    assert dai_hoi["content"].split()[:4] == ["qDạiq", "qhộiq", "qCôngq", "qdoànq"]
    assert "đ" not in dai_hoi["content"]
    assert as_written(dai_hoi) == "Đại hội Công đoàn ngành. Đại hội đại biểu đoàn viên lần thứ nhất. Một đoạn thứ hai."


def as_written(fragment: dict) -> str:
    """search.js's pageText in Python: Pagefind's content without the marks, its đ put back from ``dd``."""
    text = re.sub(r"[^\W_]+", lambda m: m.group(0)[1:-1].replace("qq", ""), fragment["content"])
    bits = "".join(format(BITS_ALPHABET.index(c), "06b") for c in fragment["meta"].get("dd", ""))
    letters = iter(bits)
    return re.sub("[dD]", lambda m: {"d": "đ", "D": "Đ"}[m.group(0)] if next(letters, "0") == "1" else m.group(0), text)


@pytest.mark.parametrize("title, body", [
    ("Đoàn viên & công nhân", "<p>Công <b>đoàn</b>đồng\nhành dd_đ. Iraq Đà Nẵng, ĐOÀN, adđa.</p>"
                              "<script>var đ = 1;</script><nav>đi</nav><!-- đ --><form><label>đ</label></form>"
                              "<ul><li>Dân đi</li><li>di dời</li></ul><svg><text>đ</text></svg><p hidden>đèn</p>"),
    ("Không có chữ đê", "<p>" + "dân di đi dạ đá " * 40 + "</p><footer>đ</footer><iframe>đ</iframe>"),
])
def test_pagefind_content_and_dd_give_back_the_text_as_written(tmp_path, title, body):
    """Pagefind's content of a real index, un-marked, with đ put back: every word as written, in order
    (elements Pagefind leaves out — script, nav, form, svg… — must not shift the đ bits)."""
    from vi_search.document import pagefind_text
    from vi_search.indexer import write_index

    doc = SearchDocument(url="/a/", title=title, body_html=body)
    write_index([doc], tmp_path / "bundle")
    [fragment] = fragments(tmp_path / "bundle")
    def letters(text):  # word characters only: Pagefind and pagefind_text separate blocks differently
        return "".join(re.findall(r"[^\W_]+", text))

    assert letters(as_written(fragment)) == letters(title + pagefind_text(body))
    assert "đ" in as_written(fragment)


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


def test_shard_digest_covers_documents_language_and_render_code(monkeypatch):
    """Documents are digested before they are rendered (rendering waits for the index thread), so the
    render code is part of the digest: a change to document.py or fold.py re-indexes every shard."""
    from vi_search import indexer

    docs = [SearchDocument(url="/a/", title="Đoàn", body_html="<p>x</p>", meta={"date": "2024-01-01"})]
    digest = indexer._digest(docs, "vi")
    assert indexer._digest(docs, "vi") == digest
    assert indexer._digest(docs, "en") != digest
    assert indexer._digest([SearchDocument(url="/a/", title="Đoàn", body_html="<p>y</p>")], "vi") != digest
    monkeypatch.setattr(indexer, "_render_code_hash", "another render code")
    assert indexer._digest(docs, "vi") != digest
    monkeypatch.setattr(indexer, "_render_code_hash", None)
    monkeypatch.setattr(indexer, "CHUNK_SIZE", indexer.CHUNK_SIZE + 1)
    assert indexer._digest(docs, "vi") != digest  # another chunk size: another bundle


def test_pagefind_cuts_the_index_into_chunks_of_chunk_size(tmp_path):
    """Pagefind reads the chunk size from the environment (``CHUNK_SIZE_ENV``): one page of 3,000
    distinct words (2 units each: one location, one page) makes several chunks, where Pagefind's
    default (20,000) would make one. An upgrade of Pagefind that drops the variable fails here."""
    from vi_search import indexer

    words = " ".join(f"tu{chr(97 + i // 676)}{chr(97 + i // 26 % 26)}{chr(97 + i % 26)}" for i in range(3000))
    indexer.write_index([SearchDocument(url="/a/", title="Trang", body_html=f"<p>{words}</p>")], tmp_path / "bundle")
    chunks = list((tmp_path / "bundle").glob("*/index/*.pf_index"))
    assert len(chunks) >= 3000 * 2 // indexer.CHUNK_SIZE, len(chunks)

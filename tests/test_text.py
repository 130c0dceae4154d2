"""site_core.text.plain_text: markup to the text a reader sees, on one line (the project's one plain_text)."""

from __future__ import annotations

import pytest

from site_core.text import plain_text


@pytest.mark.parametrize("fragment, expected", [
    ("<p>Công đoàn <strong>ngành</strong></p>", "Công đoàn ngành"),
    ("Dòng một<br>dòng hai", "Dòng một dòng hai"),  # a tag is a word break, not nothing
    ("<p>Đoàn viên</p><p>lao động</p>", "Đoàn viên lao động"),
    ("Công đoàn &amp; doanh nghiệp", "Công đoàn & doanh nghiệp"),  # entities decoded
    ("&lt;b&gt; là thẻ", "<b> là thẻ"),  # decoded once: text, for the caller to escape
    ("&amp;lt;", "&lt;"),
    ("  nhiều \n\t khoảng\u00a0trắng  ", "nhiều khoảng trắng"),  # newlines and no-break spaces too
    ("<script>alert('x')</script>Tin<style>p{color:red}</style> bài", "Tin bài"),  # with their content
    ("<SCRIPT type='a'>\nx\n</SCRIPT >Tin", "Tin"),
    (None, ""),
    ("", ""),
])
def test_plain_text_contract(fragment, expected):
    assert plain_text(fragment) == expected


def test_plain_text_of_a_non_string_is_its_text():
    assert plain_text(2026) == "2026"


def test_the_plugins_use_the_one_plain_text():
    """vi_search and theme_helpers have no plain_text of their own: their text is site_core's."""
    import theme_helpers.context
    import theme_helpers.jsonld
    import vi_search.document

    assert vi_search.document.plain_text is plain_text
    assert theme_helpers.jsonld.plain_text is plain_text
    assert theme_helpers.context.FILTERS["plain_text"] is plain_text


def test_search_document_text_and_title_are_plain_text():
    from types import SimpleNamespace

    from vi_search.document import from_content, render

    content = SimpleNamespace(url="a.html", title="Tin &amp; <em>ảnh</em>", content="<p>Một</p><p>hai\n ba</p>",
                              date=None)
    doc = from_content(content, "page")
    assert doc.title == "Tin & ảnh"
    rendered = render(doc)
    # The title meta (what results show) is plain text; the body is indexed as its words, marked, and
    # no longer copied into a `text` meta (excerpts come from Pagefind's own content).
    assert 'data-pagefind-meta="title[content]" content="Tin &amp; ảnh"' in rendered
    assert "<p>qMộtq</p>" in rendered and "<em>" not in rendered and "text[content]" not in rendered

"""One Markdown configuration for the reader, the prerender worker and the checker (issue 13, 1-2)."""

from __future__ import annotations

from markdown import Markdown

from conftest import article
from site_core.markdown_config import markdown_config, markdown_kwargs
from content_model.prerender import Prerender
from pelican.settings import DEFAULT_CONFIG
from safe_html import render_markdown

# The project's setting as pelicanconf writes it: extensions named only by their configs.
SETTING = {"extension_configs": {"markdown.extensions.extra": {}, "markdown.extensions.sane_lists": {}},
           "output_format": "html5"}
TABLE_BODY = ("Bài {n} có bảng và chú thích.[^1]\n\n| Đơn vị | Số đoàn viên |\n| --- | --- |\n"
              "| Thép {n} | {n}00 |\n\n[^1]: Số liệu đến 30/6.\n")


def test_extensions_are_derived_from_their_configs_and_meta_never_leaks():
    kwargs = markdown_kwargs({**SETTING, "extensions": ["markdown.extensions.meta"]})
    assert kwargs["extensions"] == ["markdown.extensions.extra", "markdown.extensions.sane_lists"]
    assert kwargs["output_format"] == "html5"
    # Pelican's MarkdownReader appends meta to the shared setting: it must not change the result.
    leaked = {**SETTING, "extension_configs": {**SETTING["extension_configs"], "markdown.extensions.meta": {}}}
    assert markdown_kwargs(leaked) == markdown_kwargs(SETTING)
    assert "extensions" not in SETTING  # the setting itself is left alone


def test_worker_html_is_byte_identical_to_in_process_on_300_bodies():
    bodies = [(f"content/units/u/2024/bai-{n}.md", TABLE_BODY.format(n=n)) for n in range(300)]
    config = markdown_config({"MARKDOWN": SETTING})
    worker = Prerender(bodies, config)
    try:
        local = Markdown(**config)
        got = {key: worker.get(key) for key, _ in bodies}
    finally:
        worker.close()
    given = [key for key, html in got.items() if html is not None]
    assert len(given) == 200  # two bodies in three go to the worker
    for key, body in bodies:
        if got[key] is None:
            continue
        local.reset()
        assert got[key] == local.convert(body), key
        assert "<table>" in got[key] and 'class="footnote"' in got[key]


def test_the_checker_converts_bodies_as_the_reader_does():
    body = TABLE_BODY.format(n=1)
    assert render_markdown(body, SETTING) == Markdown(**markdown_config({"MARKDOWN": SETTING})).convert(body)
    assert "<table>" in render_markdown(body, DEFAULT_CONFIG["MARKDOWN"])


def test_a_first_body_line_like_metadata_is_kept(build_site):
    body = "TPHCM: sáng 12/3, Công đoàn tổ chức đối thoại với 200 công nhân.\n\nĐoạn hai."
    site = build_site({"units/cd-thu-nghiem/2024/doi-thoai.md": article(body=body)})
    text = site.html("don-vi/cd-thu-nghiem/2024/doi-thoai/").select_one(".cdct-article__body, article").get_text()
    assert "TPHCM: sáng 12/3" in text


def test_a_dot_markdown_file_is_an_article_like_a_dot_md_file(build_site):
    site = build_site({"units/cd-thu-nghiem/2024/bai-markdown.markdown": article(
        title="Bài lưu đuôi .markdown", body="Hà Nội: đoạn đầu.\n\n| a | b |\n| - | - |\n| 1 | 2 |")})
    page = site.html("don-vi/cd-thu-nghiem/2024/bai-markdown/")
    assert page.select_one("table") is not None
    assert "Hà Nội: đoạn đầu." in page.get_text()

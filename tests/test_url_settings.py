"""URLs come from the settings, not from literals: a site with another ARTICLE_URL gets its articles'
documents and share cards under that URL, and the checker finds two articles sharing one URL by it."""

from __future__ import annotations


from conftest import article
from content_check import check_site
from site_core.settings import site_settings

OTHER_URLS = {"ARTICLE_URL": "bai/{date:%Y}/{slug}/", "ARTICLE_SAVE_AS": "bai/{date:%Y}/{slug}/index.html"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_folder_articles_documents_follow_its_article_url(build_site):
    site = build_site({"units/cd-thu-nghiem/2024/ke-hoach/index.md": article(
        title="Kế hoạch", body="Xem [kế hoạch](Kế hoạch.pdf)."),
        "units/cd-thu-nghiem/2024/ke-hoach/Kế hoạch.pdf": PDF}, VI_SEARCH_ENABLED=False, **OTHER_URLS)
    assert (site.output / "bai/2024/ke-hoach/ke-hoach.pdf").read_bytes() == PDF
    assert not (site.output / "don-vi/cd-thu-nghiem/2024/ke-hoach").exists()
    page = site.html("bai/2024/ke-hoach/")
    assert [a["href"] for a in page.select(".cdct-article__body a")][0].endswith("ke-hoach.pdf")


def test_the_checker_finds_one_url_shared_by_two_units_articles_by_the_sites_article_url(tmp_path):
    content = tmp_path / "content"
    from conftest import BASE_FILES, ROOT
    import shutil

    for rel, text in {**BASE_FILES, "units/cong-doan-nganh/2024/hoi-nghi.md": article(title="A"),
                      "units/cd-thu-nghiem/2024/hoi-nghi.md": article(title="B")}.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "content" / "categories.yml", content / "categories.yml")
    slug_problems = lambda report: [p for p in report.problems if p.field == "slug"]  # noqa: E731
    # The engine's ARTICLE_URL has the unit in it: two units may each have a "hoi-nghi" in 2024.
    assert slug_problems(check_site(content)) == []
    shared = check_site(content, site=site_settings(OTHER_URLS))
    assert len(slug_problems(shared)) == 2 and "/bai/2024/hoi-nghi/" in slug_problems(shared)[0].message


def test_an_article_url_the_checker_cannot_form_is_refused_by_name():
    import pytest

    from site_core.settings import SettingsError, build_site_settings

    with pytest.raises(SettingsError) as refused:
        build_site_settings({"ARTICLE_URL": "{category.slug}/{slug}/"})
    assert "ARTICLE_URL" in str(refused.value) and "Cách sửa" in str(refused.value)

"""The editors' preview: a saved article is rewritten with only the pages that show it, and those
pages are exactly what a full build writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, article
from live_preview import PreviewSite, pages_to_write
from pelican.settings import read_settings

UNIT = "units/cd-thu-nghiem"


def make_site(tmp_path, files: dict, name="content") -> PreviewSite:
    from conftest import BASE_FILES

    content = tmp_path / name
    content.mkdir()
    shutil.copy(ROOT / "content" / "categories.yml", content / "categories.yml")
    for rel, text in {**BASE_FILES, **files}.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(content), "OUTPUT_PATH": str(tmp_path / f"{name}-out"), "CACHE_PATH": str(tmp_path / f"{name}-cache"),
        "THEME": str(ROOT / "themes" / "cdct"), "PLUGIN_PATHS": [str(ROOT / "plugins")], "DEFAULT_PAGINATION": 3})
    return PreviewSite(settings)


FILES = {f"{UNIT}/2024/bai-{i:02d}.md": article(f"Bài số {i:02d}", date=f"2024-03-{i:02d} 09:00",
                                                 tags="[Đối thoại, Tháng Công nhân]" if i % 2 else "[Đối thoại]")
         for i in range(1, 11)}


@pytest.mark.parametrize("old, new, expected", [
    (4, 4, {2}),        # same place: the page it is on
    (4, 8, {2, 3}),     # moved down: every page in between
    (0, 0, {1}),
    (None, 5, {2, 3, 4}),   # joins the list: every page from its own on shifts
    (5, None, {2, 3, 4}),   # leaves it (its category changed)
])
def test_pages_to_write(old, new, expected):
    items = [object() for _ in range(12)]
    a = items[old] if old is not None else object()
    b = object()
    old_list = list(items) if old is not None else [i for i in items if i is not items[new]]
    new_list = list(items)
    if new is not None:
        new_list[new] = b
    else:
        new_list = [i for i in items if i is not a]
    assert pages_to_write(old_list, new_list, a, b, 3) == expected


def test_an_edited_article_updates_only_its_pages_and_they_match_a_full_build(tmp_path):
    site = make_site(tmp_path, FILES)
    assert site.full_build().mode == "full"
    out = Path(site.settings["OUTPUT_PATH"])
    other = out / "don-vi/cd-thu-nghiem/2024/bai-02/index.html"
    before_other = other.stat().st_mtime_ns

    path = Path(site.settings["PATH"]) / f"{UNIT}/2024/bai-05.md"
    path.write_text(article("Bài số 05 đã sửa", date="2024-03-05 09:00", tags="[Đối thoại, Tháng Công nhân]"),
                    encoding="utf-8")
    update = site.apply({path})
    assert update.mode == "incremental"
    assert "don-vi/cd-thu-nghiem/2024/bai-05/index.html" in update.written
    assert {"index.html", "don-vi/cd-thu-nghiem/index.html", "feeds/tat-ca.rss.xml"} <= set(update.written)
    assert other.stat().st_mtime_ns == before_other  # an unrelated article page is not rewritten
    # photo_variants remade the retitled article's share card on site_core.signals.article_updated.
    assert "anh/chia-se/cd-thu-nghiem/2024/bai-05.jpg" in update.written
    assert "Bài số 05 đã sửa" in (out / "index.html").read_text(encoding="utf-8") or \
        "Bài số 05 đã sửa" in (out / "trang/2/index.html").read_text(encoding="utf-8")

    # Every page the preview wrote is byte for byte what a full build of the edited content writes.
    full = make_site(tmp_path, {**FILES, f"{UNIT}/2024/bai-05.md": path.read_text(encoding="utf-8")}, name="again")
    full.full_build()
    full_out = Path(full.settings["OUTPUT_PATH"])
    for rel in update.written:
        assert (out / rel).read_bytes() == (full_out / rel).read_bytes(), rel


def test_a_date_change_rewrites_the_pages_in_between(tmp_path):
    site = make_site(tmp_path, FILES)
    site.full_build()
    path = Path(site.settings["PATH"]) / f"{UNIT}/2024/bai-01.md"
    path.write_text(article("Bài số 01", date="2024-03-20 09:00", tags="[Đối thoại]"), encoding="utf-8")
    update = site.apply({path})
    assert update.mode == "incremental"
    assert {"index.html", "trang/2/index.html", "trang/3/index.html", "trang/4/index.html"} <= set(update.written)
    full = make_site(tmp_path, {**FILES, f"{UNIT}/2024/bai-01.md": path.read_text(encoding="utf-8")}, name="again")
    full.full_build()
    for rel in update.written:
        assert (Path(site.settings["OUTPUT_PATH"]) / rel).read_bytes() == \
            (Path(full.settings["OUTPUT_PATH"]) / rel).read_bytes(), rel


def test_a_broken_save_keeps_the_last_good_page_and_other_changes_rebuild_everything(tmp_path, caplog):
    site = make_site(tmp_path, FILES)
    site.full_build()
    out = Path(site.settings["OUTPUT_PATH"]) / "don-vi/cd-thu-nghiem/2024/bai-03/index.html"
    path = Path(site.settings["PATH"]) / f"{UNIT}/2024/bai-03.md"
    path.write_text(article("Bài số 03", date="2024-13-03"), encoding="utf-8")
    update = site.apply({path})
    assert update.mode == "rejected"
    assert [p.field for p in update.problems] == ["date"]
    assert "Bài số 03" in out.read_text(encoding="utf-8")
    unit_yml = Path(site.settings["PATH"]) / UNIT / "unit.yml"
    unit_yml.write_text(unit_yml.read_text(encoding="utf-8").replace("Thử Nghiệm", "Thử Nghiệm Mới"), encoding="utf-8")
    assert site.apply({unit_yml}).mode == "full"


def test_a_new_article_is_added_without_a_full_build_and_matches_one(tmp_path):
    site = make_site(tmp_path, FILES)
    site.full_build()
    new_file = {f"{UNIT}/2024/bai-moi.md": article("Bài mới nhất", date="2024-03-30 09:00", tags="[Đối thoại]")}
    path = Path(site.settings["PATH"]) / f"{UNIT}/2024/bai-moi.md"
    path.write_text(new_file[f"{UNIT}/2024/bai-moi.md"], encoding="utf-8")
    update = site.apply({path})
    assert update.mode == "incremental"
    out = Path(site.settings["OUTPUT_PATH"])
    assert "don-vi/cd-thu-nghiem/2024/bai-moi/index.html" in update.written
    # Newest first: it opens page 1 and pushes one article onto every later page.
    assert {"index.html", "trang/2/index.html", "trang/3/index.html", "trang/4/index.html"} <= set(update.written)
    full = make_site(tmp_path, {**FILES, **new_file}, name="again")
    full.full_build()
    for rel in update.written:
        assert (out / rel).read_bytes() == (Path(full.settings["OUTPUT_PATH"]) / rel).read_bytes(), rel


def test_a_document_added_beside_an_article_is_listed_when_the_article_is_saved_again(tmp_path):
    from realfiles import pdf

    folder = f"{UNIT}/2024/hoi-nghi"
    site = make_site(tmp_path, {**FILES, f"{folder}/index.md": article("Hội nghị", date="2024-03-15 09:00")})
    site.full_build()
    content = Path(site.settings["PATH"])
    (content / folder / "ke-hoach.pdf").write_bytes(pdf())
    path = content / folder / "index.md"
    path.write_text(article("Hội nghị người lao động", date="2024-03-15 09:00"), encoding="utf-8")
    # The readers listed the folder during the full build; the preview's reading sees it as it is now.
    update = site.apply({path})
    assert update.mode == "incremental"
    page = Path(site.settings["OUTPUT_PATH"]) / "don-vi/cd-thu-nghiem/2024/hoi-nghi/index.html"
    assert "ke-hoach.pdf" in page.read_text(encoding="utf-8")

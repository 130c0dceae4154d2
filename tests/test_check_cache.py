"""content_check's per-file cache (checker.CheckCache, issue 16): an unchanged file is not checked
again, and each of the cache's rules is what makes it check again when something it depends on
changed. Every test checks real files twice with one cache file, as two builds do."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from content_check.checker import CheckCache, check_site
from site_core.filekinds import FileKind

from conftest import article
from realfiles import jpeg
from test_checker import write

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2024, 6, 1, 9, 0, tzinfo=VN)
PLUGINS = ["photo_variants"]  # its CONTENT_CHECKS open the photos beside an article
GOOD = "units/cd-thu-nghiem/2024/bai-tot.md"
BAD = "units/cd-thu-nghiem/2024/bai-loi.md"
FOLDER = "units/cd-thu-nghiem/2024/bai-co-anh/index.md"


def check(content, cache_file, now=NOW, inputs="inputs-1"):
    cache = CheckCache(cache_file, inputs)
    report = check_site(content, now=now, plugins=PLUGINS, cache=cache)
    cache.save()
    return report


def problems_of(report, rel):
    return sorted(p.field for p in report.problems if p.path == f"content/{rel}")


def site(tmp_path):
    content = tmp_path / "content"
    write(content, {
        GOOD: article("Bài tốt"),
        BAD: article("Bài lỗi", category="khong-co"),
        FOLDER: article("Bài có ảnh", image="anh.jpg", image_alt="Hội nghị", body="![Ảnh hội nghị](anh.jpg)"),
        "units/cd-thu-nghiem/2024/bai-co-anh/anh.jpg": jpeg(),
    })
    return content


def test_an_unchanged_file_is_not_checked_again_and_its_problems_are_reported_again(tmp_path):
    content, cache_file = site(tmp_path), tmp_path / "check.pickle"
    first = check(content, cache_file)
    assert first.cached == 0 and problems_of(first, BAD) == ["category"]
    again = check(content, cache_file)
    assert again.cached == 3  # the three articles: none checked again
    assert problems_of(again, BAD) == ["category"]  # replayed, as on every build
    assert again.kinds == first.kinds and sorted(again.problems) == sorted(first.problems)
    assert again.meta.keys() == first.meta.keys()  # the hints still count every article
    assert f"content/{GOOD}" not in again.front_matter  # the reader parses it itself if it must


def test_an_edited_file_is_checked_again(tmp_path):
    content, cache_file = site(tmp_path), tmp_path / "check.pickle"
    check(content, cache_file)
    (content / GOOD).write_text(article("Bài tốt", category="khong-co"), encoding="utf-8")  # the file's bytes
    again = check(content, cache_file)
    assert problems_of(again, GOOD) == ["category"]
    assert again.kinds[f"content/{GOOD}"] == FileKind.REJECTED


def test_a_photo_replaced_beside_an_article_is_checked_again(tmp_path):
    content, cache_file = site(tmp_path), tmp_path / "check.pickle"
    assert problems_of(check(content, cache_file), FOLDER) == []
    (content / "units/cd-thu-nghiem/2024/bai-co-anh/anh.jpg").write_bytes(jpeg()[:200])  # same name, truncated
    again = check(content, cache_file)
    assert problems_of(again, FOLDER) != []  # the folder's sizes and times are in the key
    assert again.cached == 2


def test_other_inputs_check_everything_again(tmp_path):
    content, cache_file = site(tmp_path), tmp_path / "check.pickle"
    check(content, cache_file)
    assert check(content, cache_file, inputs="inputs-2").cached == 0  # units, categories, plugins, settings


def test_a_scheduled_article_comes_out_when_its_date_comes_without_being_checked_again(tmp_path):
    content, cache_file = site(tmp_path), tmp_path / "check.pickle"
    (content / GOOD).write_text(article("Bài hẹn giờ", date="2024-06-10 08:00"), encoding="utf-8")
    assert check(content, cache_file).kinds[f"content/{GOOD}"] == FileKind.SCHEDULED
    later = check(content, cache_file, now=dt.datetime(2024, 6, 11, tzinfo=VN))
    assert later.cached == 3 and later.kinds[f"content/{GOOD}"] == FileKind.ARTICLE

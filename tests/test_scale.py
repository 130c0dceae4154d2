"""What a build does in time proportional to the archive, not to its square (issue 16).

Each rule replaces a quadratic step of Pelican's with a linear one that gives the same result; a
timing is too noisy to assert, so these tests count the comparisons the quadratic step would make.
"""

from __future__ import annotations

import datetime as dt

from pelican.generators import ArticlesGenerator

from conftest import Captured, article

UNIT = "units/cd-thu-nghiem"


class Dated:
    """A stand-in article: a date, and an ``==`` that counts how often it is asked."""

    compared = 0

    def __init__(self, date: dt.datetime, name: str):
        self.date, self.name = date, name

    def __eq__(self, other):
        Dated.compared += 1
        return self is other

    __hash__ = object.__hash__

    def __repr__(self):
        return self.name


def test_period_archives_are_grouped_without_comparing_articles_pairwise(build_site):
    dates = [dt.datetime(2023, 11, 30, 9), dt.datetime(2024, 1, 5, 8), dt.datetime(2024, 1, 20, 8),
             dt.datetime(2024, 3, 2, 7), dt.datetime(2024, 3, 2, 19)]
    files = {f"{UNIT}/{d.year}/bai-{i}.md": article(f"Bài {i}", d.strftime("%Y-%m-%d %H:%M"))
             for i, d in enumerate(dates)}
    with Captured() as captured:
        site = build_site(files)
    generator = captured.generator
    # The real build: its archives are what Pelican's own method makes of the same articles.
    pelicans = ArticlesGenerator._build_period_archives(generator, generator.dates, generator.articles,
                                                        generator.settings)
    assert generator.period_archives == pelicans
    assert [len(a["articles"]) for a in generator.period_archives["month"]] == [2, 2, 1]  # newest first
    assert site.html("luu-tru/2024/01/").select("main article, main .cdct-card")

    # At scale, with stand-ins that count comparisons: the site's grouping makes none, Pelican's one
    # per (article, article of its period) pair, for years and months alike.
    many = [Dated(dt.datetime(2022 + i % 3, 1 + i % 12, 1 + i % 28, tzinfo=dt.timezone.utc), f"a{i}")
            for i in range(600)]
    by_date = sorted(many, key=lambda a: a.date)
    newest_first = list(reversed(by_date))  # the order of ``articles``: not that of ``dates``
    Dated.compared = 0
    ours = generator._build_period_archives(by_date, newest_first, generator.settings)
    assert Dated.compared == 0
    theirs = ArticlesGenerator._build_period_archives(generator, by_date, newest_first, generator.settings)
    assert Dated.compared > 600 * 600 // 3 // 2  # quadratic: each article against its year's
    assert ours == theirs
    assert ours["year"][0]["articles"] == [a for a in newest_first if a.date.year == 2022]


def test_a_year_folder_is_listed_once_per_pass_not_once_per_article(build_site, monkeypatch):
    import os

    from content_check.checker import check_site

    year = f"{UNIT}/2024"
    files = {f"{year}/bai-{i:02}.md": article(f"Bài {i}", f"2024-03-{1 + i % 28:02} 08:00") for i in range(30)}
    listed = []
    real_scandir = os.scandir

    def counting_scandir(path="."):
        if str(path).endswith(year):
            listed.append(str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", counting_scandir)
    site = build_site(files)
    # The build walks the tree a few times (Pelican's generators, the allow-list, the checker's cache
    # key, the checker's and the reader's file lists): a number of passes, not one per article.
    assert len(listed) < 12, len(listed)
    assert len(site.html("luu-tru/2024/03/").select("main h3 a, main h2 a")) >= 12
    listed.clear()
    report = check_site(site.content)
    assert len(listed) == 2 and not report.problems  # the allow-list's walk, and the articles' file lists

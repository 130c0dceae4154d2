"""The web editor's files and its generated configuration (plugins/web_editor), from real builds."""

from __future__ import annotations

import re

import yaml
from bs4 import BeautifulSoup

from conftest import ROOT
from site_core.kinds import kind_options
from site_core.rules import KNOWN_KEYS
from web_editor import photo_max_side
from web_editor.schema import ARTICLE_PATH

EXTRA_CATEGORY = "- slug: an-toan-lao-dong\n  name: \"An toàn – Vệ sinh lao động\"\n  order: 9\n"


def _config(built) -> dict:
    return yaml.safe_load((built.output / "admin" / "config.yml").read_text(encoding="utf-8"))


def test_the_editor_is_served_from_the_build_without_any_cdn(build_site):
    built = build_site({})
    admin = built.output / "admin"
    assert (admin / "decap-cms.js").read_bytes() == (ROOT / "node_modules/decap-cms/dist/decap-cms.js").read_bytes()
    page = BeautifulSoup((admin / "index.html").read_text(encoding="utf-8"), "lxml")
    sources = [s["src"] for s in page.find_all("script")] + [link["href"] for link in page.find_all("link")]
    assert sources and all(not re.match(r"^(https?:)?//", s) for s in sources), sources
    assert all((admin / s).is_file() for s in sources)
    assert page.find("script", src="photos.js")["data-max-side"] == str(photo_max_side(built.settings["PHOTO_VARIANTS_WIDTHS"]))
    assert not list(admin.glob("*.map"))


def test_the_config_is_generated_from_the_units_the_categories_and_the_kinds(build_site):
    built = build_site({})
    categories = (built.content / "categories.yml").read_text(encoding="utf-8") + EXTRA_CATEGORY
    (built.content / "categories.yml").write_text(categories, encoding="utf-8")
    built = build_site({"categories.yml": categories})
    config = _config(built)
    assert config["locale"] == "vi" and config["publish_mode"] == "editorial_workflow"
    assert config["local_backend"]["url"] == built.settings["WEB_EDITOR_LOCAL_BACKEND"]
    assert config["backend"]["repo"] == built.settings["WEB_EDITOR_REPO"]
    (articles,) = config["collections"]
    assert articles["folder"] == "content/units" and articles["path"] == ARTICLE_PATH
    assert articles["media_folder"] == "" and articles["public_folder"] == ""
    fields = {f["name"]: f for f in articles["fields"]}
    assert set(fields) - {"body"} <= KNOWN_KEYS
    assert {"title", "date", "unit", "category", "kind", "tags", "summary", "author", "image", "image_alt",
            "source", "source_url", "status"} <= set(fields)
    assert fields["unit"]["options"] == [{"label": "Công đoàn Công Thương Việt Nam", "value": "cong-doan-nganh"},
                                         {"label": "Công đoàn Công ty Thử Nghiệm", "value": "cd-thu-nghiem"}]
    assert {"label": "An toàn – Vệ sinh lao động", "value": "an-toan-lao-dong"} in fields["category"]["options"]
    assert [o["value"] for o in fields["kind"]["options"]] == [k["value"] for k in kind_options()]
    assert all(k["hint"] in fields["kind"]["hint"] for k in kind_options())
    assert fields["date"]["format"] == "YYYY-MM-DD HH:mm" and fields["date"]["picker_utc"] is False


def test_the_article_path_takes_the_year_from_the_date_as_typed_not_utc():
    # Decap lower-cases the path and turns dots into dashes: no {{year}} (UTC), no date('YYYY'), no "fields.".
    assert "{{year}}" not in ARTICLE_PATH and "." not in ARTICLE_PATH and ARTICLE_PATH.lower() == ARTICLE_PATH
    assert ARTICLE_PATH.count("/") == 3 and ARTICLE_PATH.endswith("/{{slug}}/index")


def test_a_site_in_a_subfolder_saves_under_its_folder_as_the_repository_names_it(tmp_path):
    """A union's site made by `invoke init --folder site`: the GitHub backend and decap-server read paths
    from the repository's top, so the editor writes site/content/units/..., not content/units/..."""
    import subprocess

    from web_editor import content_folder_in_repository, repository_top
    from web_editor.schema import EditorOptions, editor_config

    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    content = tmp_path / "repo" / "site" / "content"
    content.mkdir(parents=True)
    assert repository_top(content) == (tmp_path / "repo").resolve()
    assert content_folder_in_repository(content) == "site/content"
    config = editor_config({}, [], EditorOptions(repo="x/y", content_folder=content_folder_in_repository(content)))
    assert config["collections"][0]["folder"] == "site/content/units" == config["media_folder"]
    assert content_folder_in_repository(tmp_path / "elsewhere") == "content"  # not in a repository

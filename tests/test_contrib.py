"""Contributing by pull request: scaffolds, CODEOWNERS, CI workflows, atomic publish (contrib_tools)."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import sys
import unicodedata
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from conftest import BASE_FILES, ROOT, article
from content_check import check_site
from contrib_tools import (
    PublishError, ScaffoldError, article_choices, ask_missing, check_output, codeowners_is_current, make_slug, new_article,
    new_unit, publish, render_codeowners, write_codeowners,
)
from realfiles import jpeg
from site_core.units import load_units
from site_core.filekinds import FileKind

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def content(tmp_path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    shutil.copy(ROOT / "content" / "categories.yml", folder / "categories.yml")
    for rel, text in BASE_FILES.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("title, slug", [
    ("Đoàn viên đón Tết sum vầy", "doan-vien-don-tet-sum-vay"),
    ("ĐẠI HỘI Công đoàn: “Đổi mới – Dân chủ” 2024!", "dai-hoi-cong-doan-doi-moi-dan-chu-2024"),
    ("  Tháng Công nhân   năm 2025  ", "thang-cong-nhan-nam-2025"),
    ("An toàn, vệ sinh lao động (ATVSLĐ)", "an-toan-ve-sinh-lao-dong-atvsld"),
])
def test_make_slug_uses_unidecode(title, slug):
    assert make_slug(title) == slug


def test_new_article_passes_the_checker(content):
    now = dt.datetime(2024, 12, 31, 23, 30, tzinfo=dt.timezone.utc)  # 1 January 2025 in Vietnam
    path = new_article(content, "cd-thu-nghiem", "Phúc lợi đoàn viên", "Đoàn viên đón Tết sum vầy", "Nguyễn Thị Lan", now=now)
    assert path == content / "units/cd-thu-nghiem/2025/doan-vien-don-tet-sum-vay/index.md"
    text = path.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["title"] == "Đoàn viên đón Tết sum vầy" and meta["category"] == "phuc-loi-doan-vien"
    assert str(meta["date"]).startswith("2025-01-01 06:30")  # Vietnam time, UTC+7
    assert meta["author"] == "Nguyễn Thị Lan"
    report = check_site(content, now=dt.datetime(2025, 2, 1, tzinfo=VN))
    assert report.problems == []
    assert report.kinds["content/units/cd-thu-nghiem/2025/doan-vien-don-tet-sum-vay/index.md"] == FileKind.ARTICLE
    # Photos and documents go in the article's folder and pass the checker there.
    (path.parent / "anh-bia.jpg").write_bytes(jpeg())
    assert check_site(content, now=dt.datetime(2025, 2, 1, tzinfo=VN)).problems == []


@pytest.mark.parametrize("option, expected", [
    ("tai-lieu-dinh-huong", "tai-lieu-dinh-huong"), ("Hoạt động truyền thông trực tiếp", "hoat-dong-truc-tiep"),
    ("", "tin-bai"), ("tin-bai", "tin-bai")])
def test_new_article_writes_the_kind_the_checker_and_reports_read(content, option, expected):
    path = new_article(content, "cd-thu-nghiem", "hoat-dong-cong-doan", f"Bài loại {expected} {option}",
                       now=dt.datetime(2025, 1, 5, tzinfo=VN), kind=option)
    text = path.read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta.get("kind", "tin-bai") == expected
    if expected == "tin-bai":  # the other kinds are offered, commented out, with what they count for
        assert "# kind: tai-lieu-dinh-huong  # tài liệu định hướng tuyên truyền cho công đoàn cơ sở (chỉ tiêu 2.2)" in text
        assert "# kind: hoat-dong-truc-tiep  # bài về một buổi truyền thông trực tiếp với đoàn viên (chỉ tiêu 2.2)" in text
    report = check_site(content, now=dt.datetime(2025, 2, 1, tzinfo=VN))
    assert report.problems == []


def test_new_article_refuses_an_unknown_kind_and_says_which_exist(content):
    with pytest.raises(ScaffoldError, match=r"Loại bài 'tin-vat' không có\. Bỏ --kind nếu là tin bài thường, hoặc "
                                            r"ghi --kind là một trong: tai-lieu-dinh-huong = tài liệu định hướng"):
        new_article(content, "cd-thu-nghiem", "hoat-dong-cong-doan", "Bài hai", kind="tin-vat")
    assert not list((content / "units/cd-thu-nghiem").rglob("bai-hai*"))  # neither folder nor file


def test_new_article_refuses_overwrite_unknown_unit_and_category(content):
    new_article(content, "cd-thu-nghiem", "hoat-dong-cong-doan", "Bài một")
    before = next((content / "units/cd-thu-nghiem").rglob("bai-mot/index.md")).read_text(encoding="utf-8")
    with pytest.raises(ScaffoldError, match="Không ghi đè"):
        new_article(content, "cd-thu-nghiem", "hoat-dong-cong-doan", "Bài  một")
    assert next((content / "units/cd-thu-nghiem").rglob("bai-mot/index.md")).read_text(encoding="utf-8") == before
    with pytest.raises(ScaffoldError, match="Không có đơn vị 'khong-co'.*cd-thu-nghiem, cong-doan-nganh"):
        new_article(content, "khong-co", "hoat-dong-cong-doan", "Bài hai")
    with pytest.raises(ScaffoldError, match=r"Không có chuyên mục 'tin-vat'. Chọn một trong \(tên thư mục hoặc tên "
                       r"tiếng Việt\): hoat-dong-cong-doan \(Hoạt động công đoàn\), chinh-sach-phap-luat \(Chính sách"):
        new_article(content, "cd-thu-nghiem", "tin-vat", "Bài hai")
    with pytest.raises(ScaffoldError, match="Thiếu tiêu đề"):
        new_article(content, "cd-thu-nghiem", "hoat-dong-cong-doan", "   ")


@pytest.mark.parametrize("typed", ["Chính sách – Pháp luật", "chính sách - pháp luật", "  CHÍNH SÁCH — PHÁP LUẬT ",
                                   unicodedata.normalize("NFD", "Chính sách – Pháp luật")])
def test_new_article_takes_a_category_by_its_vietnamese_name(content, typed):
    path = new_article(content, "cd-thu-nghiem", typed, "Bài theo tên chuyên mục")
    assert "category: chinh-sach-phap-luat" in path.read_text(encoding="utf-8")


def test_the_prompt_takes_a_category_by_its_vietnamese_name(content):
    from contrib_tools import category_answer

    class Tty(io.StringIO):
        def isatty(self):
            return True

    values = ask_missing({"category": ""}, {"category": ("--category", "Chuyên mục")},
                         article_choices(content), stdin=Tty("phúc lợi đoàn viên\n"), out=io.StringIO(),
                         match={"category": category_answer(content)})
    assert values["category"] == "phuc-loi-doan-vien"


def test_new_unit_writes_a_valid_profile(content):
    path = new_unit(content, "cd-moi", "Công đoàn Công ty Mới", "co-so", "cong-doan-nganh", ["@lan-nguyen", "an-tran"])
    units, problems = load_units(content / "units")
    assert problems == []
    assert units["cd-moi"].parent == "cong-doan-nganh" and units["cd-moi"].maintainers == ["lan-nguyen", "an-tran"]
    assert path.read_text(encoding="utf-8").startswith('name: "Công đoàn Công ty Mới"')
    with pytest.raises(ScaffoldError, match="Không ghi đè"):
        new_unit(content, "cd-moi", "X", "co-so", "cong-doan-nganh")
    with pytest.raises(ScaffoldError, match="không ở cấp cao hơn"):
        new_unit(content, "cd-con", "X", "co-so", "cd-thu-nghiem")
    with pytest.raises(ScaffoldError, match="không hợp lệ"):
        new_unit(content, "Công Đoàn", "Công Đoàn", "co-so", "cong-doan-nganh")
    assert not (content / "units/cd-con").exists()


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_ask_missing_prompts_on_a_terminal_and_fails_clearly_elsewhere():
    labels = {"unit": ("--unit", "Đơn vị"), "title": ("--title", "Tiêu đề bài")}
    choices = {"unit": ["cd-a", "cd-b"]}
    out = io.StringIO()
    values = ask_missing({"unit": "", "title": ""}, labels, choices, stdin=_Tty("9\n2\nBài mới\n"), out=out)
    assert values == {"unit": "cd-b", "title": "Bài mới"}
    assert "Chưa đúng, nhập lại." in out.getvalue()
    with pytest.raises(ScaffoldError) as error:
        ask_missing({"unit": "", "title": "x"}, labels, choices, stdin=io.StringIO(""))
    assert str(error.value) == "Thiếu thông tin:\n  --unit: Đơn vị (một trong: cd-a, cd-b)"


# --- CODEOWNERS ----------------------------------------------------------------------------------

def test_codeowners_gives_each_unit_folder_to_its_maintainers_and_editors(content):
    units, _ = load_units(content / "units")
    text = render_codeowners(units, ["@ban-tuyen-giao", "@cdct/bien-tap"])
    rows = [line.split() for line in text.splitlines() if line and not line.startswith("#")]
    assert rows[0] == ["*", "@ban-tuyen-giao", "@cdct/bien-tap"]
    assert ["/content/units/cd-thu-nghiem/", "@nguoi-thu", "@ban-tuyen-giao", "@cdct/bien-tap"] in rows
    assert ["/content/units/cong-doan-nganh/", "@ban-tuyen-giao", "@cdct/bien-tap"] in rows
    # GitHub applies the last match: unit folders come after the catch-all
    assert [r[0] for r in rows].index("*") == 0


def test_codeowners_check_detects_a_changed_maintainer(content, tmp_path):
    root = tmp_path / "repo"
    path, changed = write_codeowners(root, content)
    assert changed and codeowners_is_current(root, content)
    assert write_codeowners(root, content) == (path, False)
    unit = content / "units/cd-thu-nghiem/unit.yml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("[nguoi-thu]", "[nguoi-thu, nguoi-moi]"), encoding="utf-8")
    assert not codeowners_is_current(root, content)
    write_codeowners(root, content)
    assert "@nguoi-thu @nguoi-moi @ban-tuyen-giao" in path.read_text(encoding="utf-8")


def test_repository_codeowners_is_current():
    """What CI runs (`invoke codeowners --check`): regenerate with `invoke codeowners` when it fails."""
    from pelican.settings import read_settings

    editors = read_settings(str(ROOT / "pelicanconf.py")).get("CONTRIB_EDITORS")
    assert codeowners_is_current(ROOT, ROOT / "content", editors)


# --- CI workflows --------------------------------------------------------------------------------

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
KNOWN_ACTIONS = {"actions/checkout": 4, "actions/configure-pages": 5, "actions/upload-pages-artifact": 3,
                 "actions/deploy-pages": 4, "actions/cache": 4}


def _task_names() -> set[str]:
    from invoke import Collection

    sys.path.insert(0, str(ROOT))
    import tasks

    return set(Collection.from_module(tasks).task_names)


def test_workflows_are_valid_and_run_the_readme_commands():
    assert {p.name for p in WORKFLOWS} >= {"kiem-tra.yml", "xuat-ban.yml"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tasks = _task_names()
    runs = {}
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        flow = yaml.safe_load(text)
        triggers = flow[True]  # YAML 1.1 reads the key `on` as True
        runs[path.name] = []
        for job in flow["jobs"].values():
            assert job["runs-on"] == "ubuntu-latest"
            for step in job["steps"]:
                if "uses" in step:
                    # pinned by commit SHA (tests/test_workflows.py), the version in a comment beside it
                    name, sha = step["uses"].split("@")
                    version = re.search(re.escape(step["uses"]) + r"\s+#\s*v(\d+)\.", text)
                    assert version, f"{step['uses']}: write the version it pins (# vN.N.N)"
                    assert KNOWN_ACTIONS.get(name) == int(version.group(1)), step["uses"]
                else:
                    command = step["run"].strip()
                    runs[path.name].append(command)
                    assert command.startswith(("./dev build", "./dev test", "./dev check", ".venv/bin/invoke ",
                                               ".venv/bin/zizmor ")), command
                    if command.startswith(".venv/bin/invoke "):
                        assert command.split()[1] in tasks, command
                        assert command.split()[1] in readme or command.split()[1] in ("codeowners", "publish"), command
        if path.name == "kiem-tra.yml":
            assert "pull_request" in triggers
        if path.name == "xuat-ban.yml":
            assert triggers["push"]["branches"] == ["main"]
            assert triggers["schedule"] == [{"cron": "5 17 * * *"}]  # 00:05 in Vietnam (UTC+7)
            assert flow["permissions"] == {}
            assert flow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "./dev test" in runs["kiem-tra.yml"] and "./dev build" in runs["kiem-tra.yml"]
    assert "./dev check --format github" in runs["kiem-tra.yml"]
    assert ".venv/bin/invoke codeowners --check" in runs["kiem-tra.yml"]
    assert any(r.startswith(".venv/bin/invoke build --publish") for r in runs["kiem-tra.yml"])
    assert any(r.startswith(".venv/bin/invoke publish --target _site") for r in runs["xuat-ban.yml"])
    assert "./dev build" in readme and "./dev test" in readme


# --- Publishing ----------------------------------------------------------------------------------

def _site_with(content: Path, body: str, category: str = "hoat-dong-cong-doan") -> None:
    path = content / "units/cd-thu-nghiem/2024/bai-xuat-ban.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(article(title="Bài xuất bản", category=category, body=body), encoding="utf-8")


def _tree_stamps(root: Path) -> list:
    return sorted((p.as_posix(), p.stat().st_mtime_ns) for p in root.rglob("*")) if root.exists() else []


def test_publish_is_atomic(content, tmp_path):
    # Another content folder builds cold: the site's own cache (up-to-date state, search shards) is
    # neither written nor pruned by it.
    site_cache = _tree_stamps(ROOT / "cache")
    target = tmp_path / "live"
    target.mkdir()
    (target / "index.html").write_text("trang cũ", encoding="utf-8")
    # 1. a content problem (unknown category): the build fails, the live folder is untouched
    _site_with(content, "Nội dung.", category="khong-co-chuyen-muc")
    with pytest.raises(PublishError, match="giữ nguyên"):
        publish(ROOT, str(content), target, log=lambda *_: None)
    assert [p.name for p in target.iterdir()] == ["index.html"]
    assert (target / "index.html").read_text(encoding="utf-8") == "trang cũ"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "live"]  # no half-built folder left
    # 2. fixed: the fresh build replaces the live folder in one step
    _site_with(content, "Nội dung.")
    result = publish(ROOT, str(content), target, log=lambda *_: None)
    assert result.swapped_atomically and result.pages > 3
    assert (target / "don-vi/cd-thu-nghiem/2024/bai-xuat-ban/index.html").is_file()
    assert "trang cũ" not in (target / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "live"]
    assert _tree_stamps(ROOT / "cache") == site_cache


def test_check_output_finds_what_must_not_be_published(tmp_path):
    (tmp_path / "index.html").write_text('<script type="application/ld+json">{}</script><script src="/a.js"></script>',
                                         encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text(
        '<script>alert(1)</script><img src="x" onerror="alert(1)"><a href=" JaVaScRiPt:alert(1)">x</a>'
        '<img src="{static}thieu.jpg">', encoding="utf-8")
    assert check_output(tmp_path) == [
        "a/index.html: có <script> viết thẳng trong trang (CSP sẽ chặn)",
        "a/index.html: thuộc tính onerror= trong <img>",
        "a/index.html: đường dẫn javascript: ở <a href>",
        "a/index.html: liên kết chưa giải được '{static}thieu.jpg' ở <img src> (tệp được liên kết không có)",
    ]


def test_published_sample_passes_the_output_check(publish_site):
    assert check_output(publish_site) == []


def test_guide_quotes_the_real_checker_messages():
    """Every message in HUONG-DAN-DONG-GOP.md's tables is one the code really writes (… = a variable part)."""
    guide = (ROOT / "HUONG-DAN-DONG-GOP.md").read_text(encoding="utf-8")
    sources = "".join(p.read_text(encoding="utf-8") for p in
                      [*(ROOT / "plugins/content_model").glob("*.py"), *(ROOT / "plugins/union_units").glob("*.py"),
                       *(ROOT / "plugins/site_core").glob("*.py"),
                       *(ROOT / "plugins/content_check").glob("*.py"), ROOT / "plugins/safe_html/__init__.py"])
    quoted = re.findall(r"^\| `([^`]+)` \|", guide, re.M)
    assert len(quoted) >= 30
    for message in quoted:
        for part in (p.strip(" .()") for p in message.split("…")):
            assert len(part) < 4 or part in sources, f"not in the code: {part!r} (from {message!r})"

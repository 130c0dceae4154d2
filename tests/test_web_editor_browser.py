"""The web editor at /admin/, driven in Chromium like a unit's communicator would, offline.

Each test makes a git repository of a tiny site in tmp_path, builds it with the real settings (the
editor's config pointing at a decap-server on a free port), starts decap-server in git mode on that
clone and the built site on 127.0.0.1, and refuses every request that leaves 127.0.0.1.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from PIL import Image, ImageDraw

from site_core.filekinds import FileKind
from conftest import BASE_FILES, ROOT, run_pelican, soup
from content_check import check_site
from site_core.frontmatter import split_front_matter
from local_site import chromium, free_port, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]
pytest.importorskip("playwright")
from playwright.sync_api import sync_playwright  # noqa: E402

DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
UNIT = "cd-thu-nghiem"
HAND_WRITTEN = """---
title: "Hội nghị người lao động năm 2024 của Công ty Thử Nghiệm"
date: 2024-03-15 08:30
category: hoat-dong-cong-doan
tags: [Hội nghị người lao động, Đối thoại]
summary: "Dữ liệu mẫu (hư cấu): hội nghị thông qua thỏa ước lao động tập thể mới."
author: Trần Thị Mẫu
kind: hoat-dong-truc-tiep
source: Báo Lao Động Mẫu
source_url: https://laodong.example.vn/hoi-nghi-2024
featured: true
---
Sáng 15/3, Công đoàn Công ty Thử Nghiệm phối hợp với ban giám đốc tổ chức hội nghị người lao động.

| Nội dung | Kết quả |
| --- | --- |
| Thỏa ước mới | 98% tán thành |

Hội nghị kết thúc lúc 11 giờ.[^1]

[^1]: Số liệu của ban tổ chức.
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def on_main(repo: Path) -> None:
    """Wait until decap-server has finished merging: main checked out, no git command running."""
    deadline = time.monotonic() + 20
    while (repo / ".git" / "index.lock").exists() or git(repo, "rev-parse", "--abbrev-ref", "HEAD").strip() != "main":
        assert time.monotonic() < deadline, "decap-server did not come back to main"
        time.sleep(0.2)


def phone_photo(path: Path, seed: int) -> Path:
    """A 4000 × 3000 JPEG of about 4 MB, like a phone's."""
    noise = Image.effect_noise((4000, 3000), 60 + seed).convert("RGB")
    img = Image.blend(Image.radial_gradient("L").resize((4000, 3000)).convert("RGB"), noise, 0.5)
    draw = ImageDraw.Draw(img)
    for i in range(60):
        draw.ellipse([i * 60, i * 40, i * 60 + 300, i * 40 + 200], fill=(i * 4 % 256, 120, 200 - i * 3))
    img.save(path, quality=92)
    return path


@pytest.fixture
def editor(tmp_path):
    """(repo, base URL of the built site, page) with decap-server running on the repo."""
    if not DECAP_SERVER.is_file() or shutil.which("node") is None:
        pytest.fail("decap-server is missing: run ./dev test (npm ci installs it)")
    repo = tmp_path / "repo"
    content = repo / "content"
    for rel, text in {**BASE_FILES, f"units/{UNIT}/2024/hoi-nghi-nguoi-lao-dong.md": HAND_WRITTEN}.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "content" / "categories.yml", content / "categories.yml")
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=Ban Tuyên giáo", "-c", "user.email=btg@example.vn", "commit", "-qm", "Nội dung ban đầu")

    port = free_port()
    output = tmp_path / "output"
    run_pelican(content, output, WEB_EDITOR_LOCAL_BACKEND=f"http://127.0.0.1:{port}/api/v1", VI_SEARCH_ENABLED=False)
    env = {**os.environ, "MODE": "git", "GIT_REPO_DIRECTORY": str(repo), "PORT": str(port), "BIND_HOST": "127.0.0.1",
           "GIT_AUTHOR_NAME": "Cán bộ Thử", "GIT_AUTHOR_EMAIL": "thu@example.vn",
           "GIT_COMMITTER_NAME": "Cán bộ Thử", "GIT_COMMITTER_EMAIL": "thu@example.vn"}
    log = (tmp_path / "decap-server.log").open("w")
    server = subprocess.Popen(["node", str(DECAP_SERVER)], env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.1)
        # Served with the built _headers, as the host sends them: the editor runs under the policy it
        # will have online, and the test fails if that policy stops it.
        with serve(output, host_headers=True) as base, sync_playwright() as p, chromium(p) as browser:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            left, refused_by_policy = [], []

            def only_local(route):
                url = route.request.url
                if url.startswith(("data:", "blob:")) or urlsplit(url).hostname == "127.0.0.1":
                    route.continue_()
                else:
                    left.append(url)
                    route.abort()

            page.on("console", lambda msg: "Content Security Policy" in msg.text and refused_by_policy.append(msg.text))
            page.on("pageerror", lambda err: "Content Security Policy" in str(err) and refused_by_policy.append(str(err)))

            page.route("**/*", only_local)
            page.on("dialog", lambda dialog: dialog.accept())
            page.set_default_timeout(60_000)  # the machine is shared; Decap loads a 5 MB bundle
            try:
                policy = page.goto(base + "admin/", wait_until="domcontentloaded").headers["content-security-policy"]
                assert "frame-ancestors 'none'" in policy and "style-src 'self';" not in policy
                page.get_by_role("button", name="Đăng nhập").click()
                page.get_by_text("Bài viết").first.wait_for()
                yield repo, base, page
            except Exception as exc:
                page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
                for refused in refused_by_policy:
                    exc.add_note(f"refused by the /admin/ policy: {refused}")
                raise
            assert left == [], f"requests off 127.0.0.1: {left}"
            assert refused_by_policy == [], "the /admin/ policy of _headers refused what the editor needs"
    finally:
        server.terminate()
        server.wait(10)
        log.close()


def upload(page, chooser_button, file: Path):
    """Open the media library from ``chooser_button``, upload ``file`` and insert it."""
    chooser_button.click()
    page.set_input_files("input[type=file]", str(file))
    page.get_by_role("button", name="Chèn mục đã chọn").click()


def publish(page):
    """Mark the saved entry ready for review, then publish it (what an editor does after review)."""
    page.get_by_role("button", name="Trạng thái: Bản nháp").click()
    page.get_by_text("Sẵn sàng", exact=True).click()
    page.get_by_role("button", name="Trạng thái: Sẵn sàng").wait_for()
    page.get_by_role("button", name="Công bố", exact=True).click()
    page.get_by_text("Công bố ngay", exact=True).click()  # Decap asks "are you sure?": accepted below


def test_a_unit_writes_an_article_with_photos_and_a_pdf_and_it_is_built(editor, tmp_path):
    repo, base, page = editor
    lead, inline = phone_photo(tmp_path / "IMG_2041.jpg", 0), phone_photo(tmp_path / "IMG_2042.jpg", 9)
    pdf = tmp_path / "ke-hoach-tet.pdf"
    Image.new("RGB", (600, 800), "white").save(pdf)

    # The guide's steps: "Bài viết", then the new-article button.
    page.get_by_role("link", name="Bài viết").first.click()
    page.get_by_text("＋").first.click()
    page.fill("input[id^=title-field]", "Công đoàn trao 120 suất quà Tết cho công nhân")
    # 1 January 05:00 in Vietnam is still 31 December in UTC: the article must go to the 2026 folder.
    page.fill("input[id^=date-field]", "2026-01-01T05:00")
    for field, text in (("unit", "Thử Nghiệm"), ("category", "Phúc lợi")):
        page.click(f"input[id^={field}-field]")
        page.keyboard.type(text)
        page.keyboard.press("Enter")
    upload(page, page.get_by_role("button", name="Chọn một hình").first, lead)
    page.fill("input[id^=image_alt-field]", "Công nhân nhận quà Tết tại nhà máy")
    page.locator("[data-slate-editor]").first.click()
    page.keyboard.type("Sáng 1/1, Công đoàn trao 120 suất quà cho công nhân làm việc theo ca.")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Chèn thành phần").click()
    page.get_by_role("menuitem", name="Ảnh", exact=True).click()
    upload(page, page.get_by_role("button", name="Chọn một hình").last, inline)
    page.locator("input[id^=alt-field]").last.fill("Đại diện công đoàn trao quà cho công nhân ca đêm")
    page.get_by_role("button", name="Chèn thành phần").click()
    page.get_by_role("menuitem", name="Tệp đính kèm").click()
    upload(page, page.get_by_role("button", name="Chọn một tập tin").last, pdf)
    page.locator("input[id^=label-field]").last.fill("Kế hoạch trao quà Tết (PDF)")

    preview = page.frame_locator("iframe").first
    assert preview.locator(".cdct-article__unit").inner_text() == "Công đoàn Công ty Thử Nghiệm"
    assert preview.locator(".cdct-article__category").text_content() == "Phúc lợi đoàn viên"
    assert preview.locator(".cdct-article__meta time").inner_text() == "Thứ Năm, 01/01/2026"

    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Mục đã được lưu", exact=True).wait_for()
    branches = git(repo, "for-each-ref", "--format=%(refname:short)", "refs/heads/cms/").split()
    assert branches == ["cms/bai-viet/cd-thu-nghiem/2026/cong-doan-trao-120-suat-qua-tet-cho-cong-nhan/index"], branches
    publish(page)
    page.get_by_text("Mục đã được công bố", exact=True).wait_for()

    folder = repo / "content/units" / UNIT / "2026" / "cong-doan-trao-120-suat-qua-tet-cho-cong-nhan"
    on_main(repo)
    files = sorted(p.name for p in folder.iterdir())
    assert "index.md" in files and "ke-hoach-tet.pdf" in files, files
    photos = [folder / name for name in files if name.endswith(".jpg")]
    assert len(photos) == 2
    for photo in photos:  # downsized before commit: at most the pipeline's widest need, no EXIF
        with Image.open(photo) as img:
            assert max(img.size) == 1600 and not img.getexif()
        assert photo.stat().st_size < 1_000_000
    fm = split_front_matter((folder / "index.md").read_text(encoding="utf-8"))
    assert fm.meta["unit"] == UNIT and fm.meta["category"] == "phuc-loi-doan-vien"
    assert str(fm.meta["date"]).startswith("2026-01-01 05:00")
    assert fm.meta["image"] in files and fm.meta["image_alt"] == "Công nhân nhận quà Tết tại nhà máy"

    report = check_site(repo / "content")
    assert report.problems == []
    assert report.kinds[f"content/units/{UNIT}/2026/{folder.name}/index.md"] == FileKind.ARTICLE

    built = tmp_path / "site"
    run_pelican(repo / "content", built, VI_SEARCH_ENABLED=False)
    page_dir = built / "don-vi" / UNIT / "2026" / folder.name
    html = soup(page_dir)
    assert html.select_one("h1").get_text(strip=True) == "Công đoàn trao 120 suất quà Tết cho công nhân"
    assert html.select_one(".cdct-article__figure img")
    assert len(html.select(".cdct-article__body img")) == 1
    link = html.select_one('.cdct-article__body a[href$="ke-hoach-tet.pdf"]')
    assert link and (page_dir / link["href"]).is_file()


def test_editing_a_hand_written_article_keeps_every_key_and_the_body(editor):
    repo, base, page = editor
    rel = f"content/units/{UNIT}/2024/hoi-nghi-nguoi-lao-dong.md"
    before = split_front_matter(HAND_WRITTEN)
    page.goto(base + "admin/#/collections/bai-viet")
    page.get_by_text("Hội nghị người lao động năm 2024").click()
    title = page.locator("input[id^=title-field]")
    title.fill(title.input_value() + " (cập nhật)")
    # The preview names the unit from the article's folder (it has no unit: key).
    assert page.frame_locator("iframe").first.locator(".cdct-article__unit").inner_text() == "Công đoàn Công ty Thử Nghiệm"
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Mục đã được lưu", exact=True).wait_for()
    publish(page)
    page.get_by_text("Mục đã được công bố", exact=True).wait_for()
    on_main(repo)

    after = split_front_matter((repo / rel).read_text(encoding="utf-8"))
    assert after.meta["title"] == before.meta["title"] + " (cập nhật)"
    for key, value in before.meta.items():
        if key != "title":
            assert str(after.meta.get(key)) == str(value), key
    assert set(after.meta) == set(before.meta)
    assert after.body.split() == before.body.split()
    assert check_site(repo / "content").problems == []
    assert yaml.safe_load(git(repo, "show", "HEAD~1:" + rel).split("---")[1])["title"] == before.meta["title"]


def test_every_phrase_of_the_editor_is_in_vietnamese(editor):
    """Decap's own "vi" lacks 77 of its 248 phrases (they would show in English); locale-vi.js completes
    it. Read from the running editor: every English phrase has a Vietnamese one, and the Markdown
    toolbar a unit's officer sees says "In đậm", not "Bold"."""
    _repo, _base, page = editor
    missing = page.evaluate("""() => {
        const flat = (o, p = "") => Object.entries(o).flatMap(([k, v]) =>
            v && typeof v === "object" ? flat(v, p + k + ".") : [[p + k, v]]);
        const vi = new Map(flat(CMS.getLocale("vi")));
        return flat(CMS.getLocale("en")).filter(([k, v]) => !vi.has(k) || !vi.get(k)).map(([k]) => k);
    }""")
    assert missing == []
    page.get_by_role("link", name="Bài viết").first.click()
    page.get_by_text("＋").first.click()
    page.locator("[data-slate-editor]").first.click()
    page.get_by_role("button", name="Chèn thành phần").click()
    assert page.get_by_role("menuitem", name="Ảnh", exact=True).count() == 1
    assert page.get_by_role("button", name="Add Component").count() == 0
    assert page.get_by_role("menuitem", name="Image").count() == 0

"""Preview and publish folders, and serving them on 127.0.0.1 (issue 13, failure 9 and the serve fixes).

Real processes: `invoke serve` and `invoke livereload` are started as editors start them, stopped with
SIGINT as Ctrl+C does, and the port is checked free afterwards.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT
from contrib_tools.publish import check_output
from local_site import free_port
from pelican.settings import read_settings

INVOKE = str(Path(sys.executable).with_name("invoke"))


def settings(name):
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return read_settings(str(ROOT / name))
    finally:
        os.chdir(cwd)


def test_preview_and_publish_builds_have_their_own_folders():
    preview, publish = settings("pelicanconf.py"), settings("publishconf.py")
    assert Path(preview["OUTPUT_PATH"]) == ROOT / "output"
    assert Path(publish["OUTPUT_PATH"]) == ROOT / "public" == ROOT / publish["PUBLISH_TARGET"]
    assert publish["DRAFT_SAVE_AS"] == "" and publish["DRAFT_PAGE_SAVE_AS"] == ""


def test_drafts_and_scheduled_articles_never_reach_a_publish_build(publish_site, sample_site):
    assert (sample_site / "ban-nhap").is_dir()  # the preview shows them to editors
    assert not (publish_site / "ban-nhap").exists()
    assert check_output(publish_site) == []
    assert any("ban-nhap/" in p for p in check_output(sample_site))  # invoke publish refuses a preview


def start(args, **kwargs):
    return subprocess.Popen([INVOKE, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True, **kwargs)


def wait_for(process, pattern, timeout=240):
    deadline, seen = time.time() + timeout, []
    while time.time() < deadline:
        line = process.stdout.readline()
        if not line:
            if process.poll() is not None:
                break
            continue
        seen.append(line)
        if re.search(pattern, line):
            return line
    raise AssertionError("".join(seen))


def port_is_free(port) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


@pytest.mark.slow
def test_serve_publish_serves_the_publish_build_with_working_assets(publish_site):
    port = free_port()
    process = start(["serve", "--publish", "--port", str(port), "--output", str(publish_site)])
    try:
        wait_for(process, "Đang phục vụ")
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/").read().decode()
        css = re.search(r'<link rel="stylesheet" href="([^"]+)"', page).group(1)
        assert css.startswith(f"http://127.0.0.1:{port}/") and "example.vn" not in page
        assert urllib.request.urlopen(css).status == 200
        assert (publish_site / "index.html").read_text(encoding="utf-8").count("congdoancongthuong.example.vn") > 0
    finally:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(30)


@pytest.mark.slow
def test_serve_on_a_busy_port_says_so_in_vietnamese(publish_site):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        run = subprocess.run([INVOKE, "serve", "--port", str(port), "--output", str(publish_site)], cwd=ROOT,
                             capture_output=True, text=True, timeout=60)
    out = run.stdout + run.stderr
    assert run.returncode == 1
    assert f"Cổng {port} đang được một chương trình khác dùng" in out and f"--port {port + 1}" in out
    assert "Traceback" not in out and "OSError" not in out


@pytest.mark.slow
def test_livereload_leaves_no_process_holding_the_port_after_ctrl_c(tmp_path):
    port = free_port()
    process = start(["livereload", "--port", str(port), "--output", str(tmp_path / "output")])
    try:
        wait_for(process, "READY")
        assert urllib.request.urlopen(f"http://127.0.0.1:{port}/").status == 200
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl+C reaches invoke (as from a terminal without a pty)
        process.wait(60)
    deadline = time.time() + 10
    while not port_is_free(port) and time.time() < deadline:
        time.sleep(0.2)
    assert port_is_free(port)
    os.killpg(process.pid, signal.SIGKILL) if _group_alive(process.pid) else None


def _group_alive(pgid) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False

"""The security headers a real host sends (issue 14): nginx, Netlify/Cloudflare ``_headers``, and
what the ``<meta>`` policy (all GitHub Pages applies) carries.

The nginx test starts Debian's nginx on 127.0.0.1 with the snippet ``python -m safe_html nginx``
prints, serves the publish build of the sample site, and reads the headers of real responses.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from local_site import headers_for, host_rules
from safe_html import DEFAULT_CSP, DEFAULT_EMBED_HOSTS, DEFAULT_HEADERS, build_csp, security_headers

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
EXPECTED = security_headers(DEFAULT_CSP, DEFAULT_HEADERS)


def test_the_policy_is_generated_from_the_embed_hosts():
    assert "frame-src https://www.youtube.com https://www.youtube-nocookie.com https://www.facebook.com" in DEFAULT_CSP
    assert build_csp(DEFAULT_EMBED_HOSTS) == DEFAULT_CSP
    assert "frame-src https://video.example.vn;" in build_csp({"video.example.vn": "/nhung/"})
    assert "frame-src 'none'" in build_csp({})
    assert "unsafe-inline" not in DEFAULT_CSP and "style-src-attr" not in DEFAULT_CSP


def test_a_site_with_its_own_embed_hosts_gets_a_matching_policy(build_site):
    from conftest import article

    site = build_site({"units/cd-thu-nghiem/2024/video.md": article(
        title="Video", body='<iframe src="https://video.example.vn/nhung/1" title="Video"></iframe>\n\n'
                            '<iframe src="https://www.youtube.com/embed/x" title="YouTube"></iframe>')},
        SAFE_HTML_EMBED_HOSTS={"video.example.vn": "/nhung/"})
    page = site.html("don-vi/cd-thu-nghiem/2024/video/")
    assert [f["src"] for f in page.find_all("iframe")] == ["https://video.example.vn/nhung/1"]
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "frame-src https://video.example.vn;" in policy
    headers = (site.output / "_headers").read_text(encoding="utf-8")
    assert "frame-src https://video.example.vn;" in headers and "frame-ancestors 'self'" in headers


def test_pages_need_no_inline_style(publish_site):
    """The policy has no 'unsafe-inline' for styles: no page may carry a style attribute or element."""
    for path in publish_site.rglob("*.html"):
        if "pagefind" in path.parts:
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        assert soup.select("[style]") == [] and soup.find_all("style") == [], path


def test_the_meta_policy_carries_what_a_meta_can(publish_site):
    soup = BeautifulSoup((publish_site / "index.html").read_text(encoding="utf-8"), "lxml")
    assert soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"] == DEFAULT_CSP
    assert soup.find("meta", attrs={"name": "referrer"})["content"] == DEFAULT_HEADERS["Referrer-Policy"]
    headers = (publish_site / "_headers").read_text(encoding="utf-8")
    for name, value in EXPECTED.items():
        assert f"  {name}: {value}\n" in headers


def test_the_editor_folder_has_its_own_policy_and_the_site_keeps_its_own(publish_site):
    """Decap cannot run under the site's policy (run-time styles, Ajv's new Function, the GitHub API):
    /admin/ detaches it and gets the editor's, every other path keeps the site's."""
    rules = host_rules((publish_site / "_headers").read_text(encoding="utf-8"))
    site = headers_for(rules, "/don-vi/")["content-security-policy"]
    editor = headers_for(rules, "/admin/")["content-security-policy"]
    assert site == EXPECTED["Content-Security-Policy"]
    assert "unsafe-eval" in editor and "https://api.github.com" in editor and "frame-ancestors 'none'" in editor
    assert "'unsafe-eval'" not in site and "unsafe-inline" not in site
    assert headers_for(rules, "/admin/")["x-content-type-options"] == "nosniff"  # the rest still applies


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers


@pytest.mark.slow
def test_nginx_sends_every_security_header(publish_site, tmp_path):
    assert Path(NGINX).exists(), "nginx missing: ./dev test installs Debian's nginx-light"
    snippet = subprocess.run([sys.executable, "-m", "safe_html", "nginx", "publishconf.py"], cwd=ROOT,
                             capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")}).stdout
    (tmp_path / "security-headers.conf").write_text(snippet, encoding="utf-8")
    port = _free_port()
    temp = {name: tmp_path / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for folder in temp.values():
        folder.mkdir()
    (tmp_path / "nginx.conf").write_text(f"""
daemon off;
master_process off;
worker_processes 1;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{ worker_connections 64; }}
http {{
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path {temp['body']};
  proxy_temp_path {temp['proxy']};
  fastcgi_temp_path {temp['fastcgi']};
  uwsgi_temp_path {temp['uwsgi']};
  scgi_temp_path {temp['scgi']};
  server {{
    listen 127.0.0.1:{port};
    root {publish_site};
    include {tmp_path}/security-headers.conf;
    error_page 404 /404.html;
    location / {{ try_files $uri $uri/ =404; }}
  }}
}}
""", encoding="utf-8")
    server = subprocess.Popen([NGINX, "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c",
                               str(tmp_path / "nginx.conf")], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}/"
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert server.poll() is None, server.stdout.read().decode()
                time.sleep(0.05)
        article = next(publish_site.glob("don-vi/*/*/*/index.html")).parent.relative_to(publish_site).as_posix()
        code, headers = _get(base + "admin/")
        assert code == 200 and "unsafe-eval" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        for path, status in (("", 200), (article + "/", 200), ("khong-co-trang-nay/", 404)):
            code, headers = _get(base + path)
            assert code == status, path
            for name, value in EXPECTED.items():
                assert headers.get(name) == value, (path, name)
            policy = headers["Content-Security-Policy"]
            assert "frame-ancestors 'self'" in policy and "unsafe-inline" not in policy
            assert headers["Strict-Transport-Security"].startswith("max-age=")
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_folder_rule_detaches_the_site_policy_as_cloudflare_pages_does():
    """local_site.headers_for, which invoke serve and the editor's browser test serve with."""
    rules = host_rules("/*\n  Content-Security-Policy: style-src 'self'\n\n/admin/*\n  ! Content-Security-Policy\n"
                       "  Content-Security-Policy: style-src 'self' 'unsafe-inline'\n")
    assert headers_for(rules, "/")["content-security-policy"] == "style-src 'self'"
    assert headers_for(rules, "/admin/")["content-security-policy"] == "style-src 'self' 'unsafe-inline'"

"""local_site: serve a built site on 127.0.0.1 and drive Debian's headless Chromium.

Not a Pelican plugin: the one place for what the preview (`invoke serve`, `invoke livereload`), the
benchmarks (page weight, Lighthouse, search latency), the theme's icon script and the browser
tests all need. Chromium is Debian's (/usr/bin/chromium, driven by Playwright: no browser
download); the flags keep it off the network, which this machine does not have.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import http.server
import socket
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CHROME_FLAGS = " ".join(CHROMIUM_FLAGS)  # as one string, for Lighthouse's --chrome-flags

__all__ = ["CHROMIUM", "CHROMIUM_FLAGS", "CHROME_FLAGS", "PortInUse", "serve", "chromium", "free_port",
           "host_rules", "headers_for"]

# Served with the site's own host replaced by the local one (serve(..., rewrite=...)).
TEXT_SUFFIXES = {".html", ".xml", ".css", ".js", ".json", ".txt", ".webmanifest"}


class PortInUse(OSError):
    """The port is taken by another program; the message says what to do (Vietnamese)."""


def host_rules(headers_file: str) -> list[tuple[str, list[str]]]:
    """The rules of a ``_headers`` file (Cloudflare Pages, Netlify): (path pattern, its lines), in order."""
    rules: list[tuple[str, list[str]]] = []
    for line in headers_file.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0].isspace() and rules:
            rules[-1][1].append(line.strip())
        elif not line[0].isspace():
            rules.append((line.strip(), []))
    return rules


def headers_for(rules: list[tuple[str, list[str]]], path: str) -> dict[str, str]:
    """The headers Cloudflare Pages sends for ``path``: every matching rule applies, in order, a header
    set twice is joined with a comma, and a ``! Name`` line detaches what an earlier rule set
    (https://developers.cloudflare.com/pages/configuration/headers/). Names are lower-cased."""
    headers: dict[str, str] = {}
    for pattern, lines in rules:
        if not (path == pattern or (pattern.endswith("*") and path.startswith(pattern[:-1]))):
            continue
        for line in lines:
            if line.startswith("!"):
                headers.pop(line[1:].strip().lower(), None)
            elif ":" in line:
                name, value = line.split(":", 1)
                key, value = name.strip().lower(), value.strip()
                headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return headers


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files; with ``rewrite`` (old, new), text files are sent with ``old`` replaced by ``new``,
    so a publish build (absolute URLs of the production host) works on 127.0.0.1 unchanged on disk;
    with ``rules`` (of the site's ``_headers``), each response carries the headers a host sends."""

    rewrite: tuple[bytes, bytes] | None = None
    rules: list | None = None
    quiet = True

    def end_headers(self):
        for name, value in headers_for(self.rules or [], self.path.split("?", 1)[0]).items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        if not self.quiet:
            super().log_message(*args)

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        if self.rewrite is None or path.suffix.lower() not in TEXT_SUFFIXES or not path.is_file():
            return super().send_head()
        import io

        body = path.read_bytes().replace(*self.rewrite)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(folder, port: int = 0, quiet: bool = True, rewrite_host: str | None = None, host_headers: bool = False):
    """Serve ``folder`` on http://127.0.0.1:<port> (0: any free port) from a thread; yields the
    base URL, ending with ``/``. ``quiet=False`` logs each request (for editors previewing).
    ``rewrite_host`` (e.g. publishconf's SITEURL) is replaced by the local base URL in the text files
    sent. ``host_headers``: send the headers of the folder's ``_headers`` file (the security policy of
    each path) as Cloudflare Pages would. A port already taken raises PortInUse."""
    attrs = {"quiet": quiet}
    headers_file = Path(folder) / "_headers"
    if host_headers and headers_file.is_file():
        attrs["rules"] = host_rules(headers_file.read_text(encoding="utf-8"))
    handler_class = type("Handler", (_Handler,), attrs)
    handler = functools.partial(handler_class, directory=str(Path(folder)))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", int(port)), handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise PortInUse(exc.errno, f"Cổng {port} đang được một chương trình khác dùng (có thể là một lần "
                            f"invoke serve/livereload khác). Dừng chương trình đó (Ctrl+C trong cửa sổ của nó), "
                            f"hoặc chọn cổng khác: --port {int(port) + 1}.") from None
        raise
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    if rewrite_host:
        handler_class.rewrite = (rewrite_host.rstrip("/").encode(), base.rstrip("/").encode())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium(playwright):
    """Debian's Chromium, headless, launched through a Playwright instance."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
    try:
        yield browser
    finally:
        browser.close()

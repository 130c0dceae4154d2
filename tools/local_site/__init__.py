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

__all__ = ["CHROMIUM", "CHROMIUM_FLAGS", "CHROME_FLAGS", "PortInUse", "serve", "chromium", "free_port"]

# Served with the site's own host replaced by the local one (serve(..., rewrite=...)).
TEXT_SUFFIXES = {".html", ".xml", ".css", ".js", ".json", ".txt", ".webmanifest"}


class PortInUse(OSError):
    """The port is taken by another program; the message says what to do (Vietnamese)."""


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files; with ``rewrite`` (old, new), text files are sent with ``old`` replaced by ``new``,
    so a publish build (absolute URLs of the production host) works on 127.0.0.1 unchanged on disk."""

    rewrite: tuple[bytes, bytes] | None = None
    quiet = True

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
def serve(folder, port: int = 0, quiet: bool = True, rewrite_host: str | None = None):
    """Serve ``folder`` on http://127.0.0.1:<port> (0: any free port) from a thread; yields the
    base URL, ending with ``/``. ``quiet=False`` logs each request (for editors previewing).
    ``rewrite_host`` (e.g. publishconf's SITEURL) is replaced by the local base URL in the text files
    sent. A port already taken raises PortInUse."""
    attrs = {"quiet": quiet}
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

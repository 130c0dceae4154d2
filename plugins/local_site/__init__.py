"""local_site: serve a built site on 127.0.0.1 and drive Debian's headless Chromium.

Not a Pelican plugin: the one place for what the preview (`invoke serve`, `invoke livereload`), the
benchmarks (page weight, Lighthouse, search latency), the theme's icon script and the browser
tests all need. Chromium is Debian's (/usr/bin/chromium, driven by Playwright: no browser
download); the flags keep it off the network, which this machine does not have.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CHROME_FLAGS = " ".join(CHROMIUM_FLAGS)  # as one string, for Lighthouse's --chrome-flags

__all__ = ["CHROMIUM", "CHROMIUM_FLAGS", "CHROME_FLAGS", "serve", "chromium", "free_port"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve(folder, port: int = 0, quiet: bool = True):
    """Serve ``folder`` on http://127.0.0.1:<port> (0: any free port) from a thread; yields the
    base URL, ending with ``/``. ``quiet=False`` logs each request (for editors previewing)."""
    handler_class = _QuietHandler if quiet else http.server.SimpleHTTPRequestHandler
    handler = functools.partial(handler_class, directory=str(Path(folder)))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", int(port)), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
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

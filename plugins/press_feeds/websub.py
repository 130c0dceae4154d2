"""WebSub (PubSubHubbub) publishing: tell a hub that our feeds changed, after a publish.

``ping_hub(hub, feed_urls)`` posts ``hub.mode=publish`` and ``hub.url=<feed>`` (one request per
feed, which every hub accepts) and returns what each answered; it never raises for a network error,
since a hub that is down must not fail a publish that already succeeded.
``feed_urls_in(output)`` lists the self URLs of the feeds a build wrote, read back from the files.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

logger = logging.getLogger(__name__)

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_NAMES = ("*.rss.xml", "*.atom.xml", "rss.xml", "atom.xml")


@dataclass(frozen=True)
class PingResult:
    feed_url: str
    status: int | None  # HTTP status, None when the hub could not be reached
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


def ping_hub(hub: str, feed_urls, timeout: float = 10.0) -> list[PingResult]:
    """Notify the WebSub ``hub`` that each of ``feed_urls`` has new content."""
    if not hub.startswith(("http://", "https://")):
        raise ValueError(f"PRESS_FEEDS_HUB must be an http(s) URL, not {hub!r}")
    results = []
    for url in feed_urls:
        body = urllib.parse.urlencode({"hub.mode": "publish", "hub.url": url}).encode("ascii")
        headers = {"Content-Type": "application/x-www-form-urlencoded", "User-Agent": "cdct-press-feeds"}
        request = urllib.request.Request(hub, data=body, method="POST", headers=headers)  # noqa: S310 - http(s) checked above
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) only)
                results.append(PingResult(url, response.status))
        except urllib.error.HTTPError as exc:
            results.append(PingResult(url, exc.code, str(exc.reason)))
        except (urllib.error.URLError, OSError) as exc:
            results.append(PingResult(url, None, str(getattr(exc, "reason", exc))))
        if not results[-1].ok:
            logger.warning("[press_feeds] hub %s refused %s: %s %s", hub, url, results[-1].status, results[-1].error)
    return results


def feed_urls_in(output: str | Path) -> list[str]:
    """The rel=self URL of every feed under ``output`` (sorted), as the build wrote them."""
    urls = set()
    for pattern in FEED_NAMES:
        for path in Path(output).rglob(pattern):
            try:
                root = etree.parse(str(path)).getroot()
            except etree.XMLSyntaxError:
                continue
            for link in root.iter(f"{{{ATOM_NS}}}link"):
                if link.get("rel") == "self" and link.get("href"):
                    urls.add(link.get("href"))
    return sorted(urls)

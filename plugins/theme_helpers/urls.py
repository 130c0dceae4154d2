"""Absolute URLs from Pelican's relative ones (JSON-LD, share links and images need them)."""

from __future__ import annotations


def join_url(siteurl: str, url: str) -> str:
    """``SITEURL`` + a Pelican relative URL, as templates write ``{{ SITEURL }}/{{ x.url }}``."""
    if not url:
        return f"{siteurl}/"
    if url.startswith(("http://", "https://", "//")):
        return url
    return f"{siteurl}/{url.lstrip('/')}"

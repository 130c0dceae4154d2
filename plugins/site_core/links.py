"""Local links in an article body: find them, resolve them in the article's folder, point them at
the published files (pure functions; the reader and the checker both call them).

A local link is a relative path to a file (``anh-1.jpg``, ``Tài liệu.PDF``, ``<tài liệu 2.docx>``,
``t%C3%A0i%20li%E1%BB%87u.pdf``): no scheme, not ``/``, ``#`` or a Pelican ``{static}`` link, and
with a suffix. It resolves to a file of the folder whose name is the same once unquoted and
NFC-normalised, else to the only one equal ignoring case. The reader turns a resolved link into a
Pelican ``{static}`` link, so it reaches the published file in preview, publish and feeds alike; an
unresolved one is a checker problem naming the line and the nearest existing name.
"""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import unquote

from .layout import ATTACHMENTS, human_size, is_attachment, nfc, suffix

SCHEME_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|/|#|\?|\{)", re.IGNORECASE)
# Markdown inline links and images ](target "title"), <target> allowed; reference definitions;
# raw HTML href/src.
MD_TARGET_RE = re.compile(r"(!?)\[[^\]\n]*\]\(\s*(?:<([^>\n]+)>|([^)\s]+))")
MD_REFERENCE_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*(?:<([^>\n]+)>|(\S+))")
HTML_TARGET_RE = re.compile(r"<(?:a|img|source|video|audio|track)\b[^>]*?\b(?:href|src)\s*=\s*[\"']([^\"']*)[\"']",
                            re.IGNORECASE)
A_RE = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.IGNORECASE | re.DOTALL)
HREF_RE = re.compile(r"(\bhref\s*=\s*)([\"'])(.*?)\2", re.IGNORECASE)
SRC_RE = re.compile(r"(<(?:img|source|video|audio|track)\b[^>]*?\bsrc\s*=\s*)([\"'])(.*?)\2", re.IGNORECASE)


def local_path(target: str) -> str | None:
    """The file path a link target names, unquoted and NFC; None for URLs, anchors and pages."""
    target = html.unescape((target or "").strip())
    if not target or SCHEME_RE.match(target):
        return None
    path = target.split("#", 1)[0].split("?", 1)[0]
    path = nfc(unquote(path))
    if not suffix(path.rstrip("/")) or path.endswith("/"):
        return None  # a page (../bai-khac/), not a file
    return path


def resolve(path: str, names) -> str | None:
    """The on-disk name among ``names`` (files of the article's folder) that ``path`` names."""
    by_nfc = {nfc(n): n for n in names}
    if path in by_nfc:
        return by_nfc[path]
    folded = [n for key, n in by_nfc.items() if key.casefold() == path.casefold()]
    return folded[0] if len(folded) == 1 else None


def body_links(body: str, first_line: int = 1) -> list[tuple[str, int, str]]:
    """(target as written, line, "image" or "link") for every link and image of a Markdown body."""
    found = []
    for offset, line in enumerate(body.split("\n")):
        for m in MD_TARGET_RE.finditer(line):
            found.append((m.group(2) or m.group(3), first_line + offset, "image" if m.group(1) else "link"))
        m = MD_REFERENCE_RE.match(line)
        if m:
            found.append((m.group(1) or m.group(2), first_line + offset, "link"))
        for m in HTML_TARGET_RE.finditer(line):
            found.append((m.group(1), first_line + offset, "image" if m.group(0)[1:4].lower() == "img" else "link"))
    return found


def static_link(name: str) -> str:
    """A Pelican ``{static}`` link to a file of the folder, the name as on disk (Pelican looks the raw
    path up first; percent-quoting it would make Pelican's static-link scan name a missing file)."""
    return "{static}" + html.escape(name, quote=True)


def link_local_files(content: str, files: dict) -> tuple[str, set]:
    """Point every local link of an HTML body at its file; note each attachment's type and size.

    ``files``: on-disk name -> size in bytes, for the files of the article's folder. Returns the new
    HTML and the names linked. Unresolved links are left as written (the checker reports them).
    """
    linked = set()

    def target(value: str) -> str | None:
        path = local_path(value)
        name = resolve(path, files) if path and ".." not in path.split("/") else None
        if name is not None:
            linked.add(name)
        return name

    def anchor(m: re.Match) -> str:
        attrs, text = m.group(1), m.group(2)
        href = HREF_RE.search(attrs)
        name = target(href.group(3)) if href else None
        if name is None:
            return m.group(0)
        attrs = attrs[:href.start()] + f'{href.group(1)}"{static_link(name)}"' + attrs[href.end():]
        note = f" ({ATTACHMENTS[suffix(name)][0]}, {human_size(files[name])})" if is_attachment(name) else ""
        return f"<a{attrs}>{text}</a>{note}"

    def source(m: re.Match) -> str:
        name = target(m.group(3))
        return m.group(0) if name is None else f'{m.group(1)}"{static_link(name)}"'

    return SRC_RE.sub(source, A_RE.sub(anchor, content)), linked


ATTACHMENTS_HEADING = "Tệp đính kèm"  # the engine's ATTACHMENTS_HEADING setting (a language section sets its own)


def attachments_html(files: dict, heading: str = ATTACHMENTS_HEADING) -> str:
    """The attachments list ending an article: every document of its folder, type and size."""
    names = sorted((n for n in files if is_attachment(n)), key=lambda n: nfc(n).casefold())
    if not names:
        return ""
    items = "".join(
        f'<li><a href="{static_link(n)}">{html.escape(nfc(posixpath.basename(n)))}</a> '
        f"({ATTACHMENTS[suffix(n)][0]}, {human_size(files[n])})</li>" for n in names)
    return f'<div class="cdct-attachments"><h2>{html.escape(heading)}</h2><ul>{items}</ul></div>'

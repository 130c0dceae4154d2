"""safe_html: sanitise contributed HTML with nh3, say what was removed, and mark the result safe.

Python-Markdown passes raw HTML through, so every article and page body is cleaned after conversion,
on ``content_object_init`` (before Pelican replaces ``{static}`` links, which nh3 keeps as relative
URLs). Everything built from ``_content``/``_summary`` afterwards (pages, feeds, JSON-LD) gets the
cleaned HTML. Allowed: the tags Markdown writes, figures, audio/video from the site, and ``<iframe>``
video embeds whose ``src`` is https on an exact allowed host and path (YouTube, Facebook video). Gone:
scripts, event handlers, ``javascript:``/``data:`` URLs, forms, every ``style`` (table-cell
``text-align`` becomes a ``cdct-u-align-*`` class), ``<base>``, ``<meta>``, ``<object>``/``<embed>``,
SVG and MathML.

Templates autoescape (pelicanconf JINJA_ENVIRONMENT); the Jinja filter ``sanitised`` defined here is
the one place HTML is marked safe: ``{{ article|sanitised }}`` (body) and
``{{ article|sanitised("summary") }}``. Metadata shown by the theme (``title``, ``image_alt``,
``image_caption``, ``image_credit``, ``source``) is plain text: it loses any HTML tag, and the
templates escape what is left.

Settings read:
    SAFE_HTML_EMBED_HOSTS  {host: path prefix} for iframe embeds (default site_core.settings'
                           DEFAULT_EMBED_HOSTS; read and validated through site_settings, as the
                           checker reads it; the CSP's frame-src is generated from it)
    CSP_POLICY             None (default): build_csp(SAFE_HTML_EMBED_HOSTS); "" for none. base.html
                           renders it as a <meta> (all GitHub Pages applies)
    SAFE_HTML_HEADERS      HTTP headers sent with the policy (DEFAULT_HEADERS: HSTS, nosniff,
                           Referrer-Policy, Permissions-Policy), written into ``_headers`` (Netlify /
                           Cloudflare Pages); SAFE_HTML_HEADERS_FILE ("_headers", "" for none).
                           ``python -m safe_html nginx`` prints the same headers for nginx.
Adds to the context: nothing. Writes ``_headers`` at the output root on ``finalized``.

``check_body(body, display, first_line)`` is pure: one Problem per file listing what the sanitiser
would remove, so ``invoke check`` names the file and line. The checker runs it through
``CONTENT_CHECKS`` (site_core.checks) and does not import this plugin.
"""

from __future__ import annotations

import html
import logging
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import nh3
from markdown import Markdown
from markupsafe import Markup
from pelican import signals

from site_core.checks import CheckedFile
from site_core.problems import Problem
from site_core.settings import DEFAULT_EMBED_HOSTS, site_settings
from site_core.state import build_state

logger = logging.getLogger(__name__)

__all__ = ["DEFAULT_EMBED_HOSTS", "DEFAULT_CSP", "build_csp", "sanitize", "removed_items", "check_body", "CONTENT_CHECKS",
           "headers_file", "nginx_snippet", "security_headers", "markup_free_text", "sanitised", "register"]

# Exact host -> path prefix an embed's src must start with: site_core.settings.DEFAULT_EMBED_HOSTS,
# re-exported; a site's SAFE_HTML_EMBED_HOSTS is read through site_settings(settings).embed_hosts.

# One policy, satisfied by the cdct theme, generated from the embed hosts the sanitiser allows (one
# home: SAFE_HTML_EMBED_HOSTS). Scripts and styles from the site only, no 'unsafe-inline' for either
# (JSON-LD blocks are data, not scripts, so script-src does not apply to them; table alignment is a
# class, see CELL_STYLE_RE); 'wasm-unsafe-eval' for Pagefind's WebAssembly; frames only from the
# embed hosts. A <meta> policy cannot carry frame-ancestors (nor report-to or sandbox): those, and
# the headers below, only a real HTTP header gives (_headers for Netlify/Cloudflare, nginx_snippet).
def build_csp(hosts: dict) -> str:
    frames = " ".join(f"https://{host}" for host in hosts) or "'none'"
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' https: data:",
        "font-src 'self'",
        "media-src 'self'",
        "connect-src 'self'",
        f"frame-src {frames}",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


DEFAULT_CSP = build_csp(DEFAULT_EMBED_HOSTS)
DEFAULT_HEADERS = {
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
}
HEADER_ONLY_DIRECTIVES = "frame-ancestors 'self'"
# A folder with a policy of its own (the web editor) is never framed, not even by the site.
FOLDER_HEADER_ONLY_DIRECTIVES = "frame-ancestors 'none'"


MARKDOWN_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "em", "strong", "b", "i", "u", "s",
    "del", "ins", "sub", "sup", "small", "mark", "abbr", "cite", "q", "code", "pre", "kbd", "samp", "var",
    "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "table", "caption", "colgroup", "col", "thead",
    "tbody", "tfoot", "tr", "th", "td", "div", "span", "figure", "figcaption", "picture", "source",
    "video", "audio", "track", "time", "details", "summary", "wbr", "iframe",
}
# Removed with everything inside them (nh3 keeps the text of other removed tags).
CLEAN_CONTENT_TAGS = {"script", "style", "template", "noscript", "object", "embed", "applet", "svg", "math",
                      "xmp", "noembed", "noframes", "select", "textarea", "title"}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang", "target"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "source": {"src", "srcset", "sizes", "type", "media"},
    "video": {"src", "controls", "width", "height", "poster", "preload", "muted", "loop", "playsinline"},
    "audio": {"src", "controls", "preload", "loop"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "iframe": {"src", "width", "height", "title", "allow", "allowfullscreen", "loading", "referrerpolicy"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "th": {"colspan", "rowspan", "scope", "headers", "style"},
    "td": {"colspan", "rowspan", "headers", "style"},
    "col": {"span"},
    "colgroup": {"span"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "time": {"datetime"},
    "details": {"open"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
STYLE_PROPERTIES = {"text-align"}
URL_ATTRIBUTES = {"href", "src", "cite", "poster", "srcset", "action", "formaction", "data", "background",
                  "xlink:href", "content"}
# What embed codes copied from YouTube/Facebook carry and HTML5 does not need: dropped without a report.
QUIET_ATTRIBUTES = {"frameborder", "scrolling", "marginheight", "marginwidth", "allowtransparency", "rel",
                    "style", "align", "border", "cellpadding", "cellspacing", "valign"}
NUMBER_RE = re.compile(r"^\d{1,4}%?$")
ALLOW_TOKEN_RE = re.compile(r"^[a-z-]+$")
SAFE_URL_SCHEME_RE = re.compile(r"^\s*(?:https?:|/|\.|#|\{|[^:/?#\s]+(?:[/?#]|$))", re.IGNORECASE)
PLAIN_TEXT_FIELDS = ("title", "image_alt", "image_caption", "image_credit", "source")


# --- pure functions -------------------------------------------------------------------------------

def embed_allowed(src: str, hosts: dict | None = None) -> bool:
    """True when ``src`` is an https URL on an exact allowed host, under its allowed path."""
    hosts = DEFAULT_EMBED_HOSTS if hosts is None else hosts
    try:
        parts = urlsplit(src.strip())
    except ValueError:
        return False
    if parts.scheme != "https" or parts.username or parts.password or parts.port not in (None, 443):
        return False
    host = (parts.hostname or "").lower()
    return host in hosts and parts.path.startswith(hosts[host])


def _srcset_safe(value: str) -> bool:
    return all(SAFE_URL_SCHEME_RE.match(c.strip().split(" ")[0] or "x") for c in value.split(",") if c.strip())


def _attribute_filter(hosts: dict):
    def keep(tag: str, name: str, value: str):
        if tag == "iframe":
            if name == "src":
                return value if embed_allowed(value, hosts) else None
            if name in ("width", "height"):
                return value if NUMBER_RE.match(value.strip()) else None
            if name == "allow":
                tokens = [t.strip() for t in value.split(";")]
                return "; ".join(t for t in tokens if ALLOW_TOKEN_RE.match(t)) or None
            # Free text on an iframe loses angle brackets, so the iframe tag can be found by a regex.
            return value.replace("<", "").replace(">", "")
        if name in ("srcset",):
            return value if _srcset_safe(value) else None
        return value
    return keep


def cleaner(hosts: dict | None = None) -> nh3.Cleaner:
    """The nh3 cleaner for these embed hosts, built once per distinct host table.

    Building one costs about 0.4 ms (the tag and attribute tables cross into Rust), as much as cleaning
    a body: built per article, it was a third of the sanitiser's time (docs/performance.md).
    """
    hosts = DEFAULT_EMBED_HOSTS if hosts is None else hosts
    key = tuple(sorted(hosts.items()))  # host -> path prefix, both strings
    if key not in _CLEANERS:
        _CLEANERS[key] = nh3.Cleaner(
            tags=MARKDOWN_TAGS, clean_content_tags=CLEAN_CONTENT_TAGS, attributes=ATTRIBUTES,
            attribute_filter=_attribute_filter(dict(hosts)),
            url_schemes=URL_SCHEMES, filter_style_properties=STYLE_PROPERTIES, link_rel="noopener noreferrer",
            strip_comments=True)
    return _CLEANERS[key]


_CLEANERS: dict[tuple, nh3.Cleaner] = {}


# An iframe the filter left without src (a refused host, or srcdoc): nh3 escapes <> in attribute values
# and the filter removes them from free text, so [^<>]* cannot run past the tag.
EMPTY_IFRAME_RE = re.compile(r"<iframe(?![^<>]*\ssrc=)[^<>]*>.*?</iframe>", re.DOTALL)


# A table cell nh3 kept with its (only allowed) style, text-align: written as a class instead, so that
# the CSP needs no 'unsafe-inline' for style attributes. nh3 writes attributes double-quoted and
# escaped, so [^<>]* stays inside the tag.
CELL_STYLE_RE = re.compile(r"<(th|td)\b([^<>]*?) style=\"text-align:\s*(left|right|center|justify)\s*;?\"([^<>]*)>",
                           re.IGNORECASE)
EMPTY_STYLE_RE = re.compile(r'(<[a-zA-Z][^<>]*?) style=""')  # every property was filtered out
CLASS_ATTR_RE = re.compile(r'\sclass="([^"]*)"')
ALIGN_CLASS = "cdct-u-align-"


def _align_class(match: re.Match) -> str:
    tag, before, align, after = match.group(1), match.group(2), match.group(3).lower(), match.group(4)
    attrs = before + after
    existing = CLASS_ATTR_RE.search(attrs)
    added = f"{existing.group(1)} {ALIGN_CLASS}{align}" if existing else f"{ALIGN_CLASS}{align}"
    attrs = CLASS_ATTR_RE.sub(f' class="{added}"', attrs, count=1) if existing else f' class="{added}"' + attrs
    return f"<{tag}{attrs}>"


def sanitize(fragment: str, hosts: dict | None = None, clean: nh3.Cleaner | None = None) -> str:
    """The fragment with everything unsafe removed, and no style attribute left."""
    if not fragment:
        return fragment
    out = (clean or cleaner(hosts)).clean(fragment)
    out = EMPTY_IFRAME_RE.sub("", out)
    if " style=" not in out:
        return out
    return EMPTY_STYLE_RE.sub(r"\1", CELL_STYLE_RE.sub(_align_class, out))


class _Inventory(HTMLParser):
    """Counts start tags, attributes and style properties of a fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items = Counter()
        self.first_values = {}
        self.iframes = []  # the attributes of each iframe

    def handle_starttag(self, tag, attrs):
        self.items[("tag", tag, "")] += 1
        seen = set()
        for name, value in attrs:
            value = value or ""
            if name in seen:
                continue  # a repeated attribute: the parser keeps the first
            seen.add(name)
            if name == "class" and ALIGN_CLASS in value:
                # the alignment the sanitiser moved from style= to a class is not a removal
                self.items[("style", tag, "text-align")] += 1
            if name == "style":
                for decl in value.split(";"):
                    prop = decl.split(":", 1)[0].strip().lower()
                    if prop:
                        self.items[("style", tag, prop)] += 1
                continue
            key = ("attr", tag, name)
            self.items[key] += 1
            self.first_values.setdefault(key, value)
        if tag == "iframe":
            self.iframes.append(dict(attrs))

    handle_startendtag = handle_starttag


def _inventory(fragment: str) -> _Inventory:
    parser = _Inventory()
    parser.feed(fragment)
    parser.close()
    return parser


def _describe(kind: str, tag: str, name: str, value: str) -> str | None:
    if kind == "tag":
        return f"thẻ <{tag}>" if tag not in MARKDOWN_TAGS else None
    if kind == "style":
        return None if tag == "iframe" else f"định dạng style “{name}” trong <{tag}>"
    if name in QUIET_ATTRIBUTES:
        return None
    if name.startswith("on"):
        return f"mã lệnh {name}= trong <{tag}>"
    if name in URL_ATTRIBUTES:
        plain = re.sub(r"[\s\x00-\x1f]+", "", html.unescape(value))
        scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", plain)
        what = f"{scheme.group(1).lower()}:" if scheme else "không an toàn"
        return f"đường dẫn {what} ở <{tag} {name}>"
    return f"thuộc tính {name}= trong <{tag}>"


def allowed_embeds(hosts=None) -> str:
    """Which embeds this site takes, in Vietnamese: the contributor reads the site's own hosts
    (SAFE_HTML_EMBED_HOSTS), the same ones the sanitiser keeps."""
    hosts = DEFAULT_EMBED_HOSTS if hosts is None else hosts
    if dict(hosts) == dict(DEFAULT_EMBED_HOSTS):
        return "video YouTube, Facebook"
    return "khung nhúng từ " + ", ".join(sorted(hosts)) if hosts else "không khung nhúng nào"


def _describe_iframe(attrs: dict, hosts=None) -> str:
    src = (attrs.get("src") or "").strip()
    if not src:
        return "khung nhúng <iframe> không có địa chỉ video (src)"
    host = urlsplit(src).hostname or src[:40]
    return f"khung nhúng <iframe> từ {host} (chỉ nhận {allowed_embeds(hosts)})"


def removed_items(before: str, after: str, hosts=None) -> list[str]:
    """What the sanitiser took out of ``before`` to give ``after``, in Vietnamese, each named once
    (``hosts``: the embed hosts it kept, named when an iframe went)."""
    was, now = _inventory(before), _inventory(after)
    found = []
    kept_srcs = [a.get("src") for a in now.iframes]
    for attrs in was.iframes:
        if attrs.get("src") in kept_srcs:
            kept_srcs.remove(attrs.get("src"))
        else:
            found.append(_describe_iframe(attrs, hosts))
    for (kind, tag, name), count in (was.items - now.items).items():
        if tag == "iframe" and (kind == "tag" or name == "src"):
            continue  # reported above, with the host
        if kind == "attr" and ("tag", tag, "") not in now.items:
            continue  # the whole element went: its tag is reported
        text = _describe(kind, tag, name, was.first_values.get((kind, tag, name), ""))
        if text and text not in found:
            found.append(text)
    return sorted(set(found))


def _first_line(body: str, items: list[str]) -> int | None:
    """0-based line of the body where the first removed thing is written."""
    needles = []
    for item in items:
        match = re.search(r"<(\w+)", item)
        attr = re.search(r"(\w+)=", item)
        if attr:
            needles.append(attr.group(1) + "=")
        if match:
            needles.append("<" + match.group(1))
        scheme = re.search(r"đường dẫn (\w+):", item)
        if scheme:
            needles.append(scheme.group(1) + ":")
    lowered = body.lower()
    positions = [lowered.find(n.lower()) for n in needles]
    positions = [p for p in positions if p >= 0]
    return lowered.count("\n", 0, min(positions)) if positions else None


def render_markdown(body: str, config: dict | None = None) -> str:
    """``config``: a MARKDOWN setting (None: Pelican's default), turned into Markdown's arguments the
    way the reader does (site_core.markdown_config), so the checker sees the build's HTML."""
    from site_core.markdown_config import markdown_kwargs  # noqa: PLC0415 - only the checker needs Markdown here
    from pelican.settings import DEFAULT_CONFIG  # noqa: PLC0415

    return Markdown(**markdown_kwargs(DEFAULT_CONFIG["MARKDOWN"] if config is None else config)).convert(body)


def check_body(body: str, display: str, first_line: int = 1, hosts: dict | None = None,
               markdown_config: dict | None = None) -> list[Problem]:
    """One Problem naming what the sanitiser would remove from this Markdown body (none if clean)."""
    rendered = render_markdown(body, markdown_config)
    items = removed_items(rendered, sanitize(rendered, hosts), hosts)
    if not items:
        return []
    offset = _first_line(body, items)
    return [Problem(
        display, first_line + offset if offset is not None else None, "nội dung",
        "Bài có mã HTML không an toàn, sẽ bị gỡ khi đăng: " + "; ".join(items) + ".",
        "Xóa phần mã đó khỏi bài (chỉ viết chữ, ảnh, liên kết https://). " + _embed_fix(hosts)
        + " Xem HUONG-DAN-DONG-GOP.md, mục \"Mã HTML bị gỡ\".")]


def _embed_fix(hosts=None) -> str:
    hosts = DEFAULT_EMBED_HOSTS if hosts is None else hosts
    if dict(hosts) == dict(DEFAULT_EMBED_HOSTS):
        return "Muốn nhúng video, dán mã nhúng <iframe> của YouTube hoặc Facebook."
    if not hosts:
        return "Trang này không nhận khung nhúng <iframe> nào: đặt liên kết https:// thay cho khung nhúng."
    return f"Muốn nhúng, dán mã nhúng <iframe> từ {', '.join(sorted(hosts))}."


def check_source_body(source: CheckedFile) -> list[Problem]:
    """check_body for the content checker (site_core.checks); nothing when bodies are not rendered."""
    if not source.render_bodies:
        return []
    fm = source.front_matter
    return check_body(fm.body, source.display, fm.body_line, source.settings.embed_hosts, markdown_config=source.markdown)


CONTENT_CHECKS = [check_source_body]


MARKUP_RE = re.compile(r"[<>]|&#?\w+;")


def markup_free_text(value: str) -> str:
    """A metadata value (title, alt, caption...) rewritten so that no markup is left in it.

    A value without ``<``, ``>`` or an entity comes back as it is (whitespace included: this rewrites
    the content object's field in place). Otherwise nh3 removes the tags (scripts, styles and the like
    with their content), entities are decoded, and any ``<``/``>`` the decoding produced is dropped, so
    the value can never become markup again, even if a later step decodes it once more.

    The result is text, never HTML: templates escape it (autoescape), feedgen escapes it in feeds and
    ``jsonld`` in JSON-LD, so a quote or an ampersand is shown as typed and cannot break out. For the
    text a reader sees in a body's HTML, use ``site_core.text.plain_text``.
    """
    value = str(value)
    if not MARKUP_RE.search(value):
        return value
    text = html.unescape(nh3.clean(value, tags=set(), clean_content_tags=CLEAN_CONTENT_TAGS))
    return text.replace("<", "").replace(">", "")


def security_headers(policy: str, headers: dict | None = None) -> dict:
    """Every HTTP header a host should send with each page: the policy (with what only a header can
    carry) first, then ``headers`` (default DEFAULT_HEADERS)."""
    return {"Content-Security-Policy": f"{policy}; {HEADER_ONLY_DIRECTIVES}",
            **(DEFAULT_HEADERS if headers is None else headers)}


def headers_file(policy: str, headers: dict | None = None, path_policies: dict | None = None) -> str:
    """A Cloudflare Pages / Netlify ``_headers`` file applying ``policy`` to every path, and each of
    ``path_policies`` ({"/admin/": policy}) to its folder instead.

    A request matching several rules gets the headers of all of them, and two Content-Security-Policy
    headers are both enforced (the stricter wins), so a folder's rule first detaches the site's policy
    with Cloudflare's ``! Content-Security-Policy`` line.
    """
    lines = ["# Tạo tự động bởi plugin safe_html từ SAFE_HTML_EMBED_HOSTS/CSP_POLICY — không sửa tay.", "/*"]
    lines += [f"  {name}: {value}" for name, value in security_headers(policy, headers).items()]
    for prefix, folder_policy in (path_policies or {}).items():
        lines += ["", f"{prefix.rstrip('/')}/*", "  ! Content-Security-Policy",
                  f"  Content-Security-Policy: {folder_policy}; {FOLDER_HEADER_ONLY_DIRECTIVES}"]
    return "\n".join(lines) + "\n"


def _add_header_lines(headers: dict) -> list[str]:
    lines = []
    for name, value in headers.items():
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'add_header {name} "{escaped}" always;')
    return lines


def nginx_snippet(policy: str, headers: dict | None = None, path_policies: dict | None = None) -> str:
    """The same headers as nginx ``add_header`` lines for a ``server`` block, and a ``location`` block per
    folder of ``path_policies`` (nginx does not inherit add_header into a location that has its own, so
    each location repeats every header, with its own policy).

    ``always`` sends them with error pages too.
    """
    lines = ["# Generated by `python -m safe_html nginx` from the site's settings; include it in the server block."]
    lines += _add_header_lines(security_headers(policy, headers))
    for prefix, folder_policy in (path_policies or {}).items():
        folder = {**security_headers(policy, headers), "Content-Security-Policy":
                  f"{folder_policy}; {FOLDER_HEADER_ONLY_DIRECTIVES}"}
        lines += [f"location {prefix.rstrip('/')}/ {{", *(f"  {line}" for line in _add_header_lines(folder)),
                  "  try_files $uri $uri/ =404;", "}"]
    return "\n".join(lines) + "\n"


# --- Pelican signal handlers ----------------------------------------------------------------------

def set_defaults(pelican):
    settings = pelican.settings
    hosts = site_settings(settings).embed_hosts  # validated: one Vietnamese line on a wrong value
    if settings.get("CSP_POLICY") is None:
        settings["CSP_POLICY"] = build_csp(hosts)  # frame-src from the hosts the sanitiser allows
    settings.setdefault("SAFE_HTML_HEADERS", DEFAULT_HEADERS)
    # SAFE_HTML_HEADERS_FILE is the engine's ("_headers"; site_core.engine_settings); None writes none.
    # A folder served with its own policy instead of CSP_POLICY is in the build's state
    # (site_core.state: path_policies, added by web_editor on ``initialized``); the hosts' files carry it.


def sanitize_content(content):
    """Clean one article/page body and summary in place, and log what went."""
    raw = getattr(content, "_content", None)
    hosts = site_settings(content.settings).embed_hosts
    clean = cleaner(hosts)
    source = getattr(content, "relative_source_path", None) or getattr(content, "source_path", "?")
    if raw:
        cleaned = sanitize(raw, clean=clean)
        if cleaned != raw:
            items = removed_items(raw, cleaned, hosts)
            if items:
                logger.warning("[safe_html] content/%s: đã gỡ mã không an toàn: %s", source, "; ".join(items))
            content._content = cleaned
    summary = getattr(content, "_summary", None)
    if summary:
        content._summary = sanitize(summary, clean=clean)
        content.metadata["summary"] = content._summary
    setattr(content, SANITISED, True)
    for key in PLAIN_TEXT_FIELDS:
        value = getattr(content, key, None)
        if isinstance(value, str) and value:
            safe = markup_free_text(value)
            if safe != value:
                setattr(content, key, safe)
                content.metadata[key] = safe


SANITISED = "_safe_html_sanitised"  # set on each article/page whose body and summary were cleaned


def sanitised(content, part: str = "content") -> Markup:
    """The body (or ``part="summary"``) of an article or page as HTML, for ``{{ article|sanitised }}``.

    The one place the theme's HTML is marked safe (autoescape is on for every template): it is
    the HTML ``sanitize_content`` cleaned when the object was made. An object that did not pass
    through it (never the case with this plugin on) is cleaned here first.
    """
    if part not in ("content", "summary"):
        raise ValueError(f"sanitised: part must be 'content' or 'summary', not {part!r}")
    value = getattr(content, part, "") or ""
    if not getattr(content, SANITISED, False):
        value = sanitize(str(value), site_settings(content.settings).embed_hosts)
    return Markup(value)  # noqa: S704 - the one place HTML is marked safe: sanitised just above or at read time


def add_filter(generator):
    generator.env.filters["sanitised"] = sanitised


def write_headers(pelican):
    name = pelican.settings.get("SAFE_HTML_HEADERS_FILE")
    policy = pelican.settings.get("CSP_POLICY")
    if not name or not policy:
        return
    path = Path(pelican.output_path) / name
    path.write_text(headers_file(policy, pelican.settings.get("SAFE_HTML_HEADERS"),
                                 build_state(pelican.settings).path_policies), encoding="utf-8")


def register():
    signals.initialized.connect(set_defaults)
    signals.content_object_init.connect(sanitize_content)
    signals.generator_init.connect(add_filter)
    signals.finalized.connect(write_headers)

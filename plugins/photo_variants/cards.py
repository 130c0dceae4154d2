"""Share cards (pure): a 1200×630 JPEG per article for og:image / twitter:image.

The card has the identity colours (the IDENTITY_COLORS setting, through ``site_core.identity``), the
emblem (a PNG, or the theme's ``logo.svg`` drawn here: Pillow cannot read SVG, so a small renderer
handles the path/circle/polygon subset the emblem uses), the site and unit names, the title wrapped
on word boundaries (the font shrinks before any word is cut) and the lead photo when there is one.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import threading
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFont, ImageOps
from site_core.identity import identity_rgb  # noqa: F401 - photo_variants reads it as cards.identity_rgb

# Bump when render_card/encode_card's output changes (the card cache is keyed by it).
# 3: header drawn once per build (template), baseline JPEG.
CARD_VERSION = "3"
CARD_SIZE = (1200, 630)
PHOTO_PANEL = 680  # x where the lead photo starts (it fills the right of the card)
HEADER_TOP = 52
# --- The emblem: a tiny SVG renderer for the shapes logo.svg uses -----------------------------

PATH_TOKEN_RE = re.compile(r"[MmLlHhVvQqCcZz]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _bezier(points, steps=16):
    out = []
    for i in range(1, steps + 1):
        t = i / steps
        if len(points) == 3:
            (x0, y0), (x1, y1), (x2, y2) = points
            out.append(((1 - t) ** 2 * x0 + 2 * (1 - t) * t * x1 + t * t * x2,
                        (1 - t) ** 2 * y0 + 2 * (1 - t) * t * y1 + t * t * y2))
        else:
            (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t ** 3
            out.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return out


def parse_path(d: str) -> list[tuple[list, bool]]:
    """Subpaths of an SVG path (M L H V Q C Z, absolute and relative) as (points, closed)."""
    tokens = PATH_TOKEN_RE.findall(d)
    subpaths, points, cmd, i = [], [], None, 0
    x = y = 0.0
    start = (0.0, 0.0)

    def nums(n):
        nonlocal i
        values = [float(t) for t in tokens[i:i + n]]
        if len(values) < n or any(t.isalpha() for t in tokens[i:i + n]):
            raise ValueError(f"bad path data near {tokens[i:i + n]}")
        i += n
        return values

    while i < len(tokens):
        if tokens[i].isalpha():
            cmd = tokens[i]
            i += 1
            if cmd in "Zz":
                if points:
                    subpaths.append((points, True))
                points, (x, y) = [], start
                continue
        if cmd is None:
            raise ValueError("path data must start with a command")
        rel = cmd.islower()
        c = cmd.upper()
        if c == "M":
            dx, dy = nums(2)
            if points:
                subpaths.append((points, False))
            x, y = (x + dx, y + dy) if rel else (dx, dy)
            start, points = (x, y), [(x, y)]
            cmd = "l" if rel else "L"
        elif c == "L":
            dx, dy = nums(2)
            x, y = (x + dx, y + dy) if rel else (dx, dy)
            points.append((x, y))
        elif c == "H":
            (v,) = nums(1)
            x = x + v if rel else v
            points.append((x, y))
        elif c == "V":
            (v,) = nums(1)
            y = y + v if rel else v
            points.append((x, y))
        elif c in "QC":
            n = 4 if c == "Q" else 6
            v = nums(n)
            ctrl = [(v[k] + (x if rel else 0), v[k + 1] + (y if rel else 0)) for k in range(0, n, 2)]
            points += _bezier([(x, y)] + ctrl)
            x, y = ctrl[-1]
        else:
            raise ValueError(f"unsupported path command {cmd!r}")
    if points:
        subpaths.append((points, False))
    return subpaths


def render_svg(svg: str, size: int, supersample: int = 4) -> Image.Image:
    """Render a simple SVG (path, circle, rect, polygon; fill/stroke colours) to an RGBA square."""
    root = ET.fromstring(svg)  # noqa: S314 - the theme's own emblem, never contributed content
    vb = [float(v) for v in (root.get("viewBox") or f"0 0 {root.get('width', 64)} {root.get('height', 64)}").split()]
    scale = size * supersample / max(vb[2], vb[3])
    canvas = Image.new("RGBA", (size * supersample,) * 2, (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)

    def pt(p):
        return ((p[0] - vb[0]) * scale, (p[1] - vb[1]) * scale)

    def paint(name):
        value = el.get(name)
        if value is None and name == "fill":
            value = "#000"
        return None if value in (None, "none") else ImageColor.getrgb(value)

    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        fill, stroke = paint("fill"), paint("stroke")
        width = max(1, round(float(el.get("stroke-width", 1)) * scale))
        if tag == "path":
            for points, closed in parse_path(el.get("d", "")):
                pts = [pt(p) for p in points]
                if fill and closed and len(pts) > 2:
                    draw.polygon(pts, fill=fill)
                if stroke and len(pts) > 1:
                    draw.line(pts + ([pts[0]] if closed else []), fill=stroke, width=width, joint="curve")
                    if el.get("stroke-linecap") == "round":
                        for end in (pts[0], pts[-1]):
                            draw.ellipse([end[0] - width / 2, end[1] - width / 2, end[0] + width / 2,
                                          end[1] + width / 2], fill=stroke)
        elif tag == "circle":
            cx, cy = pt((float(el.get("cx", 0)), float(el.get("cy", 0))))
            r = float(el.get("r", 0)) * scale
            draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=fill, outline=stroke,
                         width=width if stroke else 0)
        elif tag == "rect":
            x0, y0 = pt((float(el.get("x", 0)), float(el.get("y", 0))))
            draw.rectangle([x0, y0, x0 + float(el.get("width", 0)) * scale, y0 + float(el.get("height", 0)) * scale],
                           fill=fill, outline=stroke)
        elif tag == "polygon":
            nums = [float(v) for v in re.split(r"[\s,]+", el.get("points", "").strip()) if v]
            draw.polygon([pt((nums[k], nums[k + 1])) for k in range(0, len(nums) - 1, 2)], fill=fill, outline=stroke)
    return canvas.resize((size, size), Image.LANCZOS)


def load_logo(png: Path | None, svg: Path | None, size: int) -> Image.Image | None:
    """The emblem as RGBA ``size`` px square: the PNG when given, else the SVG drawn here, else None."""
    try:
        if png is not None and Path(png).is_file():
            with Image.open(png) as im:
                logo = im.convert("RGBA")
            logo.thumbnail((size, size), Image.LANCZOS)
            return logo
        if svg is not None and Path(svg).is_file():
            return render_svg(Path(svg).read_text("utf-8"), size)
    except (OSError, ValueError, ET.ParseError):
        return None
    return None


# --- Text ---------------------------------------------------------------------------------------

_fonts = threading.local()  # a FreeType face per thread: Pillow's font objects are not shared across threads


def font_at(path, size: int) -> ImageFont.FreeTypeFont:
    """``ImageFont.truetype(path, size)``, loaded once per thread (fit_text tries up to 16 sizes per text,
    for every card: opening the font file each time was a tenth of a card's time)."""
    cache = getattr(_fonts, "cache", None)
    if cache is None:
        cache = _fonts.cache = {}
    key = (str(path), size)
    if key not in cache:
        cache[key] = ImageFont.truetype(str(path), size)
    return cache[key]


def cannot_fit(text_length: float, font: ImageFont.FreeTypeFont, size: int, width: int, lines: int) -> bool:
    """True when text ``text_length`` px long surely needs more than ``lines`` lines of ``width``.

    Wrapping only removes the spaces where lines break, so ``lines`` lines hold at most
    ``lines × (width + one space)`` of the text's length; a quarter of the size per line covers the
    kerning lost at each break. One measure instead of wrapping word by word at every size that fails.
    """
    space = font.getlength(" ")
    return text_length > lines * (width + space + size / 4)


def wrap_words(text: str, font: ImageFont.FreeTypeFont, width: int, limit: int | None = None) -> list[str] | None:
    """Lines of ``text`` no wider than ``width``, broken only between words; None if a word is too wide.

    With ``limit``, stops (returning the lines so far, more than ``limit``) once more than ``limit``
    lines are needed: the caller refuses that size anyway, and the rest of the text is not measured.
    """
    lines, current = [], ""
    for word in text.split():
        if font.getlength(word) > width:
            return None
        candidate = f"{current} {word}" if current else word
        if font.getlength(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
            if limit is not None and len(lines) >= limit:
                return lines + [current]
    if current:
        lines.append(current)
    return lines


def fit_text(text: str, font_path: Path, width: int, height: int, max_size: int = 60, min_size: int = 30,
             line_height: float = 1.22, max_lines: int = 99) -> tuple[ImageFont.FreeTypeFont, list[str], int]:
    """(font, lines, line step) for the largest size whose word-wrapped text fits the box.

    Words are never cut. If even ``min_size`` is too tall, the lines that fit are kept and the last
    one ends with "…" after a whole word.
    """
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    # First the largest size within max_lines; failing that, the largest size that fits the box at all.
    for line_cap in dict.fromkeys((max_lines, 99)):
        for size in range(max_size, min_size - 1, -2):
            font = font_at(font_path, size)
            step = round(size * line_height)
            allowed = min(line_cap, height // step)
            if cannot_fit(font.getlength(text), font, size, width, allowed):
                continue
            lines = wrap_words(text, font, width, allowed)
            if lines is not None and len(lines) * step <= height and len(lines) <= line_cap:
                return font, lines, step
    size = min_size
    while True:  # a single word wider than the box: shrink further (never cut it)
        font = font_at(font_path, size)
        lines = wrap_words(text, font, width)
        if lines is not None or size <= 12:
            break
        size -= 2
    step = round(size * line_height)
    lines = lines or [text]
    keep = max(1, height // step)
    if len(lines) > keep:
        lines = lines[:keep]
        last = lines[-1]
        while last and font.getlength(last + " …") > width and " " in last:
            last = last.rsplit(" ", 1)[0]
        lines[-1] = last.rstrip(" ,.;:–-") + " …"
    return font, lines, step


# --- The card -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CardStyle:
    colors: dict
    bold_font: Path
    regular_font: Path
    logo: Image.Image | None = None
    logo_key: str = ""
    fonts_key: str = ""  # digest of the font files, computed once per build (see fonts_digest)
    frames: dict = field(default_factory=dict, compare=False, repr=False)  # _frame's, per (site, footer, photo)


def card_key(title: str, unit: str, site: str, footer: str, photo_key: str, style: CardStyle) -> str:
    data = {"v": CARD_VERSION, "title": title, "unit": unit, "site": site, "footer": footer, "photo": photo_key,
            "colors": {k: list(v) for k, v in sorted(style.colors.items())}, "logo": style.logo_key,
            "fonts": style.fonts_key}
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def fonts_digest(bold: Path, regular: Path) -> str:
    return _file_digest(bold) + _file_digest(regular)


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return ""


def cover(photo: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Scale and centre-crop ``photo`` to fill ``size``."""
    return ImageOps.fit(photo.convert("RGB"), size, Image.LANCZOS, centering=(0.5, 0.4))


def _frame(style: CardStyle, site: str, footer: str, with_photo: bool) -> tuple[Image.Image, int]:
    """(the card without its photo, unit and title; the text's right edge), made once per build.

    The background, rules, emblems, site name and footer are the same on every card: drawing them
    (two emblem resizes, a fit of the site name, two text renders) was a third of each card's time.
    """
    key = (site, footer, with_photo)
    cached = style.frames.get(key)
    if cached is not None:
        return cached
    c = style.colors
    bg, white, red = c["cdct-blue-900"], c["cdct-white"], c["cdct-red-700"]
    muted = c.get("cdct-line", white)
    width, height = CARD_SIZE
    card = Image.new("RGB", CARD_SIZE, bg)
    draw = ImageDraw.Draw(card)
    margin = 64
    if with_photo:
        panel = PHOTO_PANEL
        draw.rectangle([panel - 8, 0, panel - 1, height], fill=red)
        text_right = panel - 8 - 48
    else:
        panel = width
        if style.logo is not None:  # the emblem large on the right, as the card's picture
            big = style.logo.resize((380, 380), Image.LANCZOS) if style.logo.size != (380, 380) else style.logo
            card.paste(big, (width - 380 - 70, (height - 380) // 2), big)
        text_right = width - 380 - 70 - 56
    draw.rectangle([0, 0, panel - (8 if with_photo else 0), 10], fill=red)
    # Header: emblem and the site's name.
    x = margin
    top = HEADER_TOP
    if style.logo is not None:
        small = style.logo.resize((76, 76), Image.LANCZOS)
        card.paste(small, (margin, top), small)
        x = margin + 76 + 20
    site_font, site_lines, site_step = fit_text(site.upper(), style.bold_font, text_right - x, 34, 26, 18)
    if site_lines[-1].endswith("…"):  # too long for one line even at 18 px: use two lines
        site_font, site_lines, site_step = fit_text(site.upper(), style.bold_font, text_right - x, 76, 26, 16)
    y = top + (76 - len(site_lines) * site_step) // 2
    for line in site_lines:
        draw.text((x, y), line, font=site_font, fill=white)
        y += site_step
    # Footer: a red rule and the site address (or subtitle).
    draw.rectangle([margin, height - 62, margin + 56, height - 56], fill=red)
    if footer:
        draw.text((margin + 72, height - 73), footer, font=font_at(style.regular_font, 24), fill=muted)
    style.frames[key] = (card, text_right)
    return card, text_right


def render_card(title: str, unit: str, site: str, footer: str, style: CardStyle,
                photo: Image.Image | None = None) -> Image.Image:
    """The share card as an RGB image of CARD_SIZE: the build's frame, the lead photo on the right
    (when there is one), the unit's name (gold) and the title (white)."""
    frame, text_right = _frame(style, site, footer, photo is not None)
    card = frame.copy()
    width, height = CARD_SIZE
    if photo is not None:
        card.paste(cover(photo, (width - PHOTO_PANEL, height)), (PHOTO_PANEL, 0))
    draw = ImageDraw.Draw(card)
    margin = 64
    box_top, box_bottom = HEADER_TOP + 76 + 44, height - 96
    y = box_top
    if unit:
        unit_font, unit_lines, unit_step = fit_text(unit, style.regular_font, text_right - margin, 70, 30, 20)
        for line in unit_lines:
            draw.text((margin, y), line, font=unit_font, fill=style.colors["cdct-gold-400"])
            y += unit_step
        y += 14
    font, lines, step = fit_text(title, style.bold_font, text_right - margin, box_bottom - y, 60, 30, max_lines=4)
    for line in lines:
        draw.text((margin, y), line, font=font, fill=style.colors["cdct-white"])
        y += step
    return card


def encode_card(card: Image.Image, quality: int = 85) -> bytes:
    """Baseline JPEG with optimised Huffman tables: progressive coding cost a third of a card's time
    for a 1200×630 image that social sites fetch whole anyway."""
    buf = io.BytesIO()
    card.save(buf, "JPEG", quality=quality, optimize=True)
    return buf.getvalue()


def write_card(path: Path, title: str, unit: str, site: str, footer: str, style: CardStyle,
               photo_file: Path | None = None) -> None:
    """Render the card (with the lead photo read from ``photo_file``) and store it at ``path`` atomically."""
    photo = None
    if photo_file is not None:
        with Image.open(photo_file) as im:
            photo = im.convert("RGB")
    blob = encode_card(render_card(title, unit, site, footer, style, photo))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_bytes(blob)
    os.replace(tmp, path)


# --- Worker processes: cards are drawn mostly under the GIL (text layout), so threads share one core.

_worker_style: CardStyle | None = None


def init_worker(style: CardStyle) -> None:
    """ProcessPoolExecutor initializer: the build's style, sent once per worker, not once per card."""
    global _worker_style
    _worker_style = style


def write_cards(jobs: list[tuple]) -> None:
    """In a worker: ``write_card`` for each (path, title, unit, site, footer, photo_file)."""
    for path, title, unit, site, footer, photo_file in jobs:
        write_card(path, title, unit, site, footer, _worker_style, photo_file)

"""photo_variants: responsive photo variants, ``<picture>`` markup and share cards.

Every photo an article or page uses (``image:`` and ``![alt](anh.jpg)`` in the body) is decoded once
per content hash and published as 480/800/1200 px wide WebP plus a JPEG fallback (PNG when it has
transparency), never upscaled, oriented by EXIF, converted to sRGB and stripped of all metadata (EXIF,
GPS, XMP). The originals are not published: their Pelican ``Static`` objects are taken out of the
static generator's files and their URL points at the largest fallback variant, so any remaining
``{static}anh.jpg`` link still works. Photos no published content uses are not published at all.
Each article also gets a 1200×630 share card (identity colours, emblem, unit, title, lead photo).

Settings read (through site_core.settings, validated with the checker's: ``photos``):
  PHOTO_VARIANTS_WIDTHS (480, 800, 1200); PHOTO_VARIANTS_WEBP_QUALITY 75; PHOTO_VARIANTS_JPEG_QUALITY 80;
  PHOTO_VARIANTS_MAX_PIXELS 120_000_000 (a bigger photo is refused as a decompression bomb);
Settings read (defaults set on ``initialized``):
  PHOTO_VARIANTS_CACHE (None: ``<CACHE_PATH>/anh``); PHOTO_VARIANTS_OUTPUT "anh" (output folder);
  PHOTO_VARIANTS_SIZES (the ``sizes`` attribute); PHOTO_VARIANTS_DEFAULT_WIDTH 800 (the ``src`` variant);
  PHOTO_VARIANTS_PATHS (None: ARTICLE_PATHS + PAGE_PATHS, where originals are withheld);
  PHOTO_VARIANTS_WORKERS (threads, or processes for cards, default min(4, CPUs));
  PHOTO_VARIANTS_PROCESS_MIN 64 (from this many cards to draw, worker processes rather than threads);
  PHOTO_VARIANTS_SHARE_CARDS True;
  PHOTO_VARIANTS_CARD_COLORS {} (colour name -> colour, over IDENTITY_COLORS, for the cards only);
  PHOTO_VARIANTS_CARD_LOGO None (a PNG; else THEME/static/identity/logo-512.png, else logo.svg);
  PHOTO_VARIANTS_CARD_FONTS None (bold, regular TTF; else THEME/static/fonts/NotoSans-*.ttf);
  also SITEURL, RELATIVE_URLS, SITENAME, SITESUBTITLE, THEME, CACHE_PATH, OUTPUT_PATH.

Adds to each article/page: ``lead_image`` (a LeadImage: url, width, height, length, mime_type/type of
the largest fallback; src/src_width/src_height for ``<img src>``; webp and fallback variant lists;
srcset, webp_srcset; alt, credit, caption) and ``photos`` (content-relative path -> PhotoSet); each
article also ``share_card`` (a Variant: url, width 1200, height 630, length, mime_type).
The macro ``themes/cdct/templates/macros/picture.html`` renders a LeadImage as ``<picture>``.
Contributes to the checker (``CONTENT_CHECKS``, site_core.checks): every photo problem (checks.py).
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from urllib.parse import unquote

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.utils import get_relative_path
from unidecode import unidecode

from site_core.layout import UNITS_FOLDER
from site_core.settings import site_settings
from site_core.signals import article_updated
from site_core.text import plain_text

from . import cards
from .checks import check_source_photos
from .markup import DEFAULT_SIZES, PhotoSet, Variant, rewrite_images
from .process import EXT, MIME, RASTER_SUFFIXES, PhotoCache, PhotoError, ProcessSettings, content_key, publish_file

logger = logging.getLogger(__name__)

__all__ = ["CONTENT_CHECKS", "LeadImage", "PhotoSet", "Variant", "register"]

# Run by content_check for every article and page while photo_variants is in PLUGINS.
CONTENT_CHECKS = [check_source_photos]

# What only this plugin reads. The widths, qualities and pixel limit are site_core.settings' (the
# checker reads them too); PHOTO_VARIANTS_CACHE is the engine's (engine_settings).
DEFAULTS = {
    "PHOTO_VARIANTS_OUTPUT": "anh",
    "PHOTO_VARIANTS_SIZES": DEFAULT_SIZES,
    "PHOTO_VARIANTS_DEFAULT_WIDTH": 800,
    "PHOTO_VARIANTS_PATHS": None,
    "PHOTO_VARIANTS_WORKERS": min(4, os.cpu_count() or 1),
    "PHOTO_VARIANTS_SHARE_CARDS": True,
    "PHOTO_VARIANTS_PROCESS_MIN": 64,
    "PHOTO_VARIANTS_CARD_COLORS": {},
    "PHOTO_VARIANTS_CARD_LOGO": None,
    "PHOTO_VARIANTS_CARD_FONTS": None,
}
CARD_FOLDER = "chia-se"
URL_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)
LINK_PREFIX_RE = re.compile(r"^\{(?:static|attach|filename)\}")


@dataclass
class LeadImage(PhotoSet):
    """A processed lead photo with its text; ``url``/``width``/``height``/``length``/``mime_type`` are
    the largest fallback (JPEG unless transparent), for og:image and feeds (media:content, enclosure)."""

    alt: str = ""
    credit: str = ""
    caption: str = ""
    src_width_limit: int = 800

    @property
    def url(self) -> str:
        return self.largest.url

    @property
    def width(self) -> int:
        return self.largest.width

    @property
    def height(self) -> int:
        return self.largest.height

    @property
    def length(self) -> int:
        return self.largest.length

    @property
    def mime_type(self) -> str:
        return self.largest.mime_type

    type = mime_type

    @property
    def path(self) -> str:
        return self.largest.url

    @property
    def src(self) -> str:
        return self.default(self.src_width_limit).url

    @property
    def src_width(self) -> int:
        return self.default(self.src_width_limit).width

    @property
    def src_height(self) -> int:
        return self.default(self.src_width_limit).height

    def __bool__(self) -> bool:
        return bool(self.fallback)


# --- Pure helpers ---------------------------------------------------------------------------


def slug_name(stem: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", unidecode(stem).lower()).strip("-") or "anh"


def output_folder(rel: str, output: str) -> str:
    """``units/x/2024/anh.jpg`` -> ``anh/x/2024``; ``pages/anh.jpg`` -> ``anh/pages``."""
    folder = posixpath.dirname(rel)
    if folder.startswith(f"{UNITS_FOLDER}/"):
        folder = folder[len(UNITS_FOLDER) + 1:]
    elif folder == UNITS_FOLDER:
        folder = ""
    return posixpath.join(output, folder) if folder else output


def output_stems(rels) -> dict:
    """Output name stem for each photo; two photos of one folder with one stem keep their extension."""
    groups = {}
    for rel in rels:
        groups.setdefault((posixpath.dirname(rel), slug_name(posixpath.splitext(posixpath.basename(rel))[0])), []).append(rel)
    stems = {}
    for (_, stem), members in groups.items():
        for rel in members:
            stems[rel] = stem if len(members) == 1 else slug_name(posixpath.basename(rel))
    return stems


def resolve_source(src: str, source_dir: str) -> str | None:
    """Content-relative path of a photo written ``src`` in a content whose folder is ``source_dir``."""
    src = LINK_PREFIX_RE.sub("", (src or "").strip())
    if not src or URL_RE.match(src):
        return None
    src = unquote(src.split("?", 1)[0].split("#", 1)[0])  # the reader quotes names with spaces/accents
    if src.startswith("/"):
        return posixpath.normpath(src.lstrip("/"))
    return posixpath.normpath(posixpath.join(source_dir, src))


def url_prefix(content, settings: dict) -> str:
    """What goes before a site-root-relative URL in this content's HTML (Pelican's own rule)."""
    if settings.get("RELATIVE_URLS"):
        return get_relative_path(content.save_as) + "/"
    return settings.get("SITEURL", "").rstrip("/") + "/"


def card_url(article, output: str) -> str:
    """Where an article's share card goes: its URL under the card folder, without the units' own
    prefix (UNITS_INDEX_URL, e.g. ``don-vi/``), which every article URL repeats."""
    path = article.url.strip("/") or slug_name(article.slug)
    prefix = str(article.settings.get("UNITS_INDEX_URL") or "").strip("/")
    if prefix and path.startswith(prefix + "/"):
        path = path[len(prefix) + 1:]
    if path.endswith(".html"):
        path = path[:-5]
    return f"{output}/{CARD_FOLDER}/{path}.jpg"


# --- Settings -------------------------------------------------------------------------------


def set_defaults(pelican):
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    site_settings(settings)  # validated before any photo is read: one Vietnamese line on a wrong value
    if settings.get("PHOTO_VARIANTS_CACHE") is None:
        settings["PHOTO_VARIANTS_CACHE"] = os.path.join(settings.get("CACHE_PATH", "cache"), "anh")
    if settings["PHOTO_VARIANTS_PATHS"] is None:
        settings["PHOTO_VARIANTS_PATHS"] = list(settings.get("ARTICLE_PATHS", [])) + list(settings.get("PAGE_PATHS", []))


def process_settings(settings: dict) -> ProcessSettings:
    photos = site_settings(settings).photos
    return ProcessSettings(photos.widths, photos.webp_quality, photos.jpeg_quality, photos.max_pixels)


def card_style(settings: dict) -> cards.CardStyle | None:
    theme = Path(settings.get("THEME", ""))
    fonts = settings.get("PHOTO_VARIANTS_CARD_FONTS") or (theme / "static/fonts/NotoSans-Bold.ttf",
                                                         theme / "static/fonts/NotoSans-Regular.ttf")
    bold, regular = (Path(f) for f in fonts)
    if not bold.is_file() or not regular.is_file():
        logger.warning("[photos] no font for share cards (%s); cards not made", bold)
        return None
    colors = cards.identity_rgb(settings, settings.get("PHOTO_VARIANTS_CARD_COLORS"))
    png = settings.get("PHOTO_VARIANTS_CARD_LOGO") or theme / "static/identity/logo-512.png"
    svg = theme / "static/identity/logo.svg"
    logo = cards.load_logo(Path(png), svg, 380)
    logo_key = ""
    for path in (Path(png), svg):
        if path.is_file():
            logo_key = cards._file_digest(path)
            break
    return cards.CardStyle(colors, bold, regular, logo, logo_key, cards.fonts_digest(bold, regular))


# --- The build step -------------------------------------------------------------------------


def _contents(generators):
    """(written contents, articles) among the generators' articles and pages."""
    contents, articles, seen = [], [], set()
    for gen in generators:
        if isinstance(gen, ArticlesGenerator):
            names = ("articles", "translations", "drafts", "drafts_translations", "hidden_articles",
                     "hidden_translations")
        elif isinstance(gen, PagesGenerator):
            names = ("pages", "translations", "hidden_pages", "hidden_translations", "draft_pages",
                     "draft_translations")
        else:
            continue
        for name in names:
            for content in getattr(gen, name, None) or []:
                if content.save_as and id(content) not in seen:
                    seen.add(id(content))
                    contents.append(content)
                    if isinstance(gen, ArticlesGenerator):
                        articles.append(content)
    return contents, articles


def _referenced(content) -> list[str]:
    source_dir = posixpath.dirname(content.relative_source_path.replace(os.sep, "/"))
    found = []
    image = getattr(content, "image", None)
    if image:
        rel = resolve_source(str(image), source_dir)
        if rel:
            found.append(rel)
    for match in re.finditer(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", content._content or "", re.IGNORECASE):
        rel = resolve_source(match.group(1), source_dir)
        if rel:
            found.append(rel)
    return found


def build_photos(generators):
    """Process, publish and link every photo (``all_generators_finalized``)."""
    static_gen = next((g for g in generators if isinstance(g, StaticGenerator)), None)
    articles_gen = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    if static_gen is None or articles_gen is None:
        return
    settings = static_gen.settings
    content_root = Path(settings["PATH"])
    output_root = Path(settings["OUTPUT_PATH"])
    roots = tuple(p.rstrip("/") + "/" for p in settings["PHOTO_VARIANTS_PATHS"])
    statics = {s.relative_source_path.replace(os.sep, "/"): s for s in static_gen.staticfiles}
    photos = {rel: s for rel, s in statics.items()
              if posixpath.splitext(rel)[1].lower() in RASTER_SUFFIXES and rel.startswith(roots)}

    contents, articles = _contents(generators)
    used = {}
    for content in contents:
        for rel in _referenced(content):
            if rel in photos:
                used.setdefault(rel, []).append(content)

    cache = PhotoCache(settings["PHOTO_VARIANTS_CACHE"], process_settings(settings))
    results, failed = _process_all(sorted(used), content_root, cache, settings["PHOTO_VARIANTS_WORKERS"])
    stems = output_stems(sorted(results))
    output = settings["PHOTO_VARIANTS_OUTPUT"].strip("/")
    sets = {}
    for rel, processed in results.items():
        folder = output_folder(rel, output)
        photo_set = PhotoSet(rel)
        for v in processed.variants:
            url = f"{folder}/{stems[rel]}-{v.width}w.{EXT[v.format]}"
            publish_file(processed.folder / v.file, output_root / url)
            variant = Variant(url, v.width, v.height, v.length, MIME[v.format])
            (photo_set.webp if v.format == "webp" else photo_set.fallback).append(variant)
        sets[rel] = photo_set
        photos[rel].override_url = photo_set.largest.url  # leftover {static} links reach the variant
        photos[rel].override_save_as = photo_set.largest.url

    # Originals are never copied: processed ones are replaced, unused ones are private.
    withheld = {rel for rel in photos if rel not in failed}
    unused = sorted(rel for rel in photos if rel not in used)
    static_gen.staticfiles = [s for s in static_gen.staticfiles
                              if s.relative_source_path.replace(os.sep, "/") not in withheld]
    static_gen.context["staticfiles"] = static_gen.staticfiles
    if unused:
        logger.info("[photos] %d photo(s) no published page uses, not published: %s", len(unused), ", ".join(unused))

    for content in contents:
        _link_content(content, sets, settings)
    forget_rendered(contents)

    made = from_cache = 0
    if settings["PHOTO_VARIANTS_SHARE_CARDS"]:
        made, from_cache = _share_cards(articles, sets, results, settings, output_root)
    hits = sum(1 for p in results.values() if p.from_cache)
    logger.info("[photos] %d processed, %d from cache, %d bad; share cards: %d made, %d from cache",
                len(results) - hits, hits, len(failed), made, from_cache)


def forget_rendered(contents) -> None:
    """Drop Pelican's memoised HTML of ``contents``, whose ``_content`` was just rewritten.

    ``Content.get_content(siteurl)`` is memoised per (content, siteurl). A plugin that reads
    ``article.content`` before this step (vi_search gathers its documents early) fixed the HTML with
    the original ``<img>``; a publish build writes with the same siteurl, so without this its pages kept
    the unprocessed photo (a link to a file never written). A preview writes with a relative siteurl
    and never hit the stale entry, which is why only publish builds showed broken photos.
    """
    from pelican.contents import Content  # noqa: PLC0415

    ids = {id(c) for c in contents}
    for method in (Content.get_content, Content.get_summary):
        cache = method.cache
        for key in [k for k in cache if k and id(k[0]) in ids]:
            del cache[key]


def _process_all(rels, content_root: Path, cache: PhotoCache, workers: int):
    """({rel: ProcessedPhoto}, {rel: PhotoError}); each distinct content is processed once."""
    by_key, keys, failed = {}, {}, {}
    for rel in rels:
        try:
            data = (content_root / rel).read_bytes()
        except OSError as exc:
            failed[rel] = PhotoError("unreadable", str(exc))
            continue
        key = content_key(data, cache.settings)
        keys[rel] = key
        by_key.setdefault(key, data)

    def work(item):
        key, data = item
        try:
            return key, cache.process(data, key)
        except PhotoError as exc:
            return key, exc

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        done = dict(pool.map(work, by_key.items()))
    results = {}
    for rel, key in keys.items():
        if isinstance(done[key], PhotoError):
            failed[rel] = done[key]
            if done[key].kind == "animated":
                logger.info("[photos] animated image published unchanged: content/%s", rel)
            else:
                logger.warning("[photos] ảnh lỗi, giữ nguyên không xử lý: content/%s (%s)", rel, done[key])
        else:
            results[rel] = done[key]
    return results, failed


def _link_content(content, sets: dict, settings: dict) -> None:
    source_dir = posixpath.dirname(content.relative_source_path.replace(os.sep, "/"))
    content.photos = {}
    lead = None
    image = getattr(content, "image", None)
    if image:
        rel = resolve_source(str(image), source_dir)
        if rel in sets:
            base = sets[rel]
            lead = LeadImage(base.source, base.webp, base.fallback,
                             alt=str(getattr(content, "image_alt", "") or ""),
                             credit=str(getattr(content, "image_credit", "") or ""),
                             caption=str(getattr(content, "image_caption", "") or ""),
                             src_width_limit=settings["PHOTO_VARIANTS_DEFAULT_WIDTH"])
            content.photos[rel] = base
    content.lead_image = lead

    def resolve(src):
        rel = resolve_source(src, source_dir)
        if rel in sets:
            content.photos[rel] = sets[rel]
            return sets[rel]
        return None

    content._content, _ = rewrite_images(
        content._content or "", resolve, url_prefix(content, settings), settings["PHOTO_VARIANTS_SIZES"],
        lazy_from=0 if lead else 1, default_width=settings["PHOTO_VARIANTS_DEFAULT_WIDTH"])


def share_card_without_photo(article, settings) -> str | None:
    """Make (or take from the cache) and publish the share card of one article without a lead
    photo. Returns its output path."""
    _share_cards([article], {}, {}, settings, Path(settings["OUTPUT_PATH"]))
    card = getattr(article, "share_card", None)
    return card.url if card else None


def update_article(article, old=None, settings=None, **_kwargs) -> str | None:
    """On site_core.signals.article_updated (the live preview, which runs only when the article's
    photos did not change): keep the previous version's photos, and remake the share card of an
    article without a lead photo, whose title may be new. Returns the card's output path."""
    if settings is None or "PHOTO_VARIANTS_CACHE" not in settings:
        return None  # a site without this plugin (blinker's signals outlive the build that connected them)
    for attr in ("lead_image", "share_card", "photos"):
        if old is not None and hasattr(old, attr):
            setattr(article, attr, getattr(old, attr))
    if getattr(article, "lead_image", None) is not None:
        return None
    return share_card_without_photo(article, settings)


def _share_cards(articles, sets, results, settings, output_root: Path) -> tuple[int, int]:
    style = card_style(settings)
    for article in articles:
        article.share_card = None
    if style is None:
        return 0, 0
    site = settings.get("SITENAME", "")
    siteurl = settings.get("SITEURL", "")
    footer = re.sub(r"^https?://", "", siteurl).rstrip("/") if siteurl.startswith("http") else settings.get("SITESUBTITLE", "")
    cache_root = Path(settings["PHOTO_VARIANTS_CACHE"]) / "the"
    output = settings["PHOTO_VARIANTS_OUTPUT"].strip("/")
    jobs = []
    for article in articles:
        lead = getattr(article, "lead_image", None)
        photo_key = results[lead.source].key if lead else ""
        unit = getattr(article, "unit", None)
        unit_name = getattr(unit, "name", "") or ""
        title = plain_text(article.title)
        key = cards.card_key(title, unit_name, site, footer, photo_key, style)
        jobs.append((article, key, title, unit_name, lead))

    done, cold = [], {}
    for article, key, title, unit_name, lead in jobs:
        path = cache_root / key[:2] / f"{key}.jpg"
        hit = path.is_file()
        done.append((path, hit))
        if not hit and path not in cold:
            photo_file = None
            if lead:
                processed = results[lead.source]
                photo_file = processed.folder / next(v.file for v in processed.variants if v.width == lead.largest.width
                                                     and v.format == processed.fallback_format)
            cold[path] = (path, title, unit_name, site, footer, photo_file)
    _draw_cards(list(cold.values()), style, max(1, settings["PHOTO_VARIANTS_WORKERS"]),
                settings.get("PHOTO_VARIANTS_PROCESS_MIN", DEFAULTS["PHOTO_VARIANTS_PROCESS_MIN"]))
    made = hits = 0
    for (article, *_), (path, hit) in zip(jobs, done):
        url = card_url(article, output)
        publish_file(path, output_root / url)
        article.share_card = Variant(url, *cards.CARD_SIZE, path.stat().st_size, "image/jpeg")
        hits += hit
        made += not hit
    return made, hits


def _draw_cards(cold: list[tuple], style: cards.CardStyle, workers: int, process_min: int) -> None:
    """Draw the cards not in the cache: in ``workers`` processes when there are at least
    ``process_min`` (a card is mostly text layout under the GIL: threads used one core only), else
    in threads (a process costs ≈ 0.3 s to start). Spawned, not forked: a fork of the build at this
    point would copy (and count twice in the tree's RSS) every article read so far."""
    if not cold:
        return
    if workers > 1 and len(cold) >= process_min:
        chunk = max(1, min(64, len(cold) // (workers * 4)))
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers, mp_context=context, initializer=cards.init_worker,
                                 initargs=(style,)) as pool:
            list(pool.map(cards.write_cards, [cold[i:i + chunk] for i in range(0, len(cold), chunk)]))
        logger.info("[photos] %d share cards drawn in %d processes", len(cold), workers)
        return
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda job: cards.write_card(*job[:5], style, job[5]), cold))


def register():
    signals.initialized.connect(set_defaults)
    signals.all_generators_finalized.connect(build_photos)
    article_updated.connect(update_article)

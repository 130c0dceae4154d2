"""Turn one photo into its published variants (pure: bytes in, files in a cache folder out).

A variant set is keyed by the photo's content hash and the processing settings, so an unchanged
photo is never decoded twice (``PhotoCache``). Everything published is stripped of EXIF, GPS, XMP
and comments; orientation is applied first and colours are converted to sRGB.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pillow_heif
from PIL import Image, ImageCms, ImageOps

from site_core.layout import PHOTO_SUFFIXES
from site_core.settings import DEFAULT_JPEG_QUALITY, DEFAULT_MAX_PIXELS, DEFAULT_PHOTO_WIDTHS, DEFAULT_WEBP_QUALITY

# iPhones save HEIC by default: Pillow opens HEIC/HEIF through libheif (pillow-heif), which applies
# the stored rotation itself and leaves EXIF orientation 1, so orient() does not turn it twice.
pillow_heif.register_heif_opener()

# Bump when the output of process_photo changes, so caches are rebuilt.
PROCESSOR_VERSION = "1"
RASTER_SUFFIXES = PHOTO_SUFFIXES  # decoded into variants (site_core.layout is their one home)
MIME = {"webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}
EXT = {"webp": "webp", "jpeg": "jpg", "png": "png"}
ORIENTATION_TAG = 0x0112


class PhotoError(ValueError):
    """A photo that is not processed; ``kind``: unreadable, not-image, truncated, too-large, animated
    (the last is not an error: an animated GIF/WebP is published unchanged)."""

    def __init__(self, kind: str, detail: str = ""):
        self.kind = kind
        self.detail = detail
        super().__init__(f"{kind}: {detail}" if detail else kind)


@dataclass(frozen=True)
class ProcessSettings:
    widths: tuple = DEFAULT_PHOTO_WIDTHS
    webp_quality: int = DEFAULT_WEBP_QUALITY
    jpeg_quality: int = DEFAULT_JPEG_QUALITY
    max_pixels: int = DEFAULT_MAX_PIXELS

    def key_data(self) -> bytes:
        data = {"v": PROCESSOR_VERSION, "widths": list(self.widths), "webp": self.webp_quality,
                "jpeg": self.jpeg_quality}
        return json.dumps(data, sort_keys=True).encode()


@dataclass(frozen=True)
class VariantFile:
    """One encoded variant inside a cache entry."""

    file: str  # name inside the cache entry, e.g. "800w.webp"
    format: str  # webp | jpeg | png
    width: int
    height: int
    length: int

    @property
    def mime_type(self) -> str:
        return MIME[self.format]


@dataclass
class ProcessedPhoto:
    """The cache entry of one photo: where its variants are and what they are."""

    key: str
    folder: Path
    width: int  # after orientation, before resizing
    height: int
    alpha: bool
    variants: list = field(default_factory=list)  # VariantFile, smallest first, webp then fallback
    from_cache: bool = False

    def of_format(self, fmt: str) -> list:
        return [v for v in self.variants if v.format == fmt]

    @property
    def fallback_format(self) -> str:
        return "png" if self.alpha else "jpeg"


def content_key(data: bytes, settings: ProcessSettings) -> str:
    digest = hashlib.sha256(settings.key_data())
    digest.update(data)
    return digest.hexdigest()


def target_widths(width: int, widths) -> list[int]:
    """The widths to make for a photo ``width`` px wide: never wider than the photo (no upscaling)."""
    targets = sorted({w for w in widths if w <= width})
    if width < max(widths) and width not in targets:
        targets.append(width)
    return targets


def header_only(data: bytes, max_pixels: int) -> Image.Image:
    """Open without decoding pixels (format and size from the header); PhotoError when refused."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:  # Pillow's own limit (2 × MAX_IMAGE_PIXELS) hit on open
        pixels = re.search(r"\((\d+) pixels\)", str(exc))
        raise PhotoError("too-large", pixels.group(1) if pixels else "") from None
    except Image.UnidentifiedImageError:
        raise PhotoError("not-image") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise PhotoError("unreadable", str(exc)) from None
    if im.width * im.height > max_pixels:
        raise PhotoError("too-large", str(im.width * im.height))
    return im


def open_photo(data: bytes, max_pixels: int, largest: int | None = None) -> tuple[Image.Image, tuple[int, int]]:
    """Decode ``data`` fully (raising PhotoError), at reduced scale when ``largest`` allows it (JPEG).

    Returns the image and its full size as shown (width and height swapped for a sideways photo).
    """
    im = header_only(data, max_pixels)
    try:
        rotated = im.getexif().get(ORIENTATION_TAG, 1) in (5, 6, 7, 8)
    except Exception:  # noqa: BLE001 - broken EXIF is ignored, the pixels matter
        rotated = False
    shown = (im.height, im.width) if rotated else (im.width, im.height)
    if largest and im.format == "JPEG":
        # DCT scaling (1/2, 1/4, 1/8) while keeping at least `largest` px across the shown width.
        im.draft(None, (1, largest) if rotated else (largest, 1))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            im.load()
    except Image.DecompressionBombError as exc:
        raise PhotoError("too-large", str(exc)) from None
    except OSError as exc:
        kind = "truncated" if "truncated" in str(exc) or "broken" in str(exc) else "unreadable"
        raise PhotoError(kind, str(exc)) from None
    except (ValueError, SyntaxError, EOFError) as exc:
        raise PhotoError("truncated", str(exc)) from None
    return im, shown


def orient(im: Image.Image) -> Image.Image:
    """Apply the EXIF orientation (phones store photos sideways and say so in EXIF)."""
    try:
        return ImageOps.exif_transpose(im)
    except Exception:  # noqa: BLE001 - a corrupt EXIF block must not lose the photo
        return im


def normalise_mode(im: Image.Image) -> Image.Image:
    """RGB, RGBA, L or CMYK (kept for its ICC conversion); palette, 16-bit and alpha variants handled."""
    mode = im.mode
    if mode in ("RGB", "RGBA", "L", "CMYK"):
        return im
    if mode in ("I;16", "I;16L", "I;16B", "I;16N", "I"):
        i32 = im if mode == "I" else im.convert("I")
        lo, hi = i32.getextrema()
        scale = 1 / 256 if hi > 255 else 1
        return i32.point(lambda v: v * scale).convert("L")
    if mode == "F":
        return im.convert("L")
    if mode in ("P", "PA"):
        return im.convert("RGBA" if "transparency" in im.info or mode == "PA" else "RGB")
    if mode in ("LA", "La", "RGBa", "RGBX"):
        return im.convert("RGBA" if mode != "RGBX" else "RGB")
    if mode == "1":
        return im.convert("L")
    return im.convert("RGB")


@functools.lru_cache(maxsize=1)
def _srgb_profile():
    return ImageCms.createProfile("sRGB")


def to_srgb(im: Image.Image, icc: bytes | None) -> Image.Image:
    """Convert to sRGB using the embedded ICC profile; CMYK without a profile by Pillow's formula."""
    out_mode = "RGBA" if im.mode == "RGBA" else ("L" if im.mode == "L" and not icc else "RGB")
    if icc and im.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            return ImageCms.profileToProfile(im, source, _srgb_profile(), outputMode=out_mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass
    return im if im.mode == out_mode else im.convert(out_mode)


def has_alpha(im: Image.Image) -> bool:
    return im.mode == "RGBA" and im.getchannel("A").getextrema()[0] < 255


def encode(im: Image.Image, fmt: str, settings: ProcessSettings) -> bytes:
    """Encode with no metadata at all (no EXIF, GPS, XMP, ICC or comment). Clears ``im.info``."""
    im.info = {}
    buf = io.BytesIO()
    if fmt == "webp":
        im.save(buf, "WEBP", quality=settings.webp_quality, method=4)
    elif fmt == "jpeg":
        if im.mode not in ("RGB", "L"):
            im = im.convert("RGB")
        im.save(buf, "JPEG", quality=settings.jpeg_quality, optimize=True, progressive=True)
    else:
        im.save(buf, "PNG", optimize=False)
    return buf.getvalue()


def render_variants(data: bytes, settings: ProcessSettings) -> tuple[dict, dict]:
    """(meta, {file name: bytes}) for one photo. Raises PhotoError for a bad photo."""
    largest = max(settings.widths)
    im, (ow, oh) = open_photo(data, settings.max_pixels, largest)  # (ow, oh): before any draft() scaling
    if getattr(im, "n_frames", 1) > 1:  # an animation is published as it is, not flattened to one frame
        raise PhotoError("animated")
    icc = im.info.get("icc_profile")
    im = normalise_mode(orient(im))
    if im.mode == "RGBA" and not has_alpha(im):
        im = im.convert("RGB")
    width, height = im.size
    targets = target_widths(ow, settings.widths)
    base_w = targets[-1]
    base_h = max(1, round(oh * base_w / ow))
    base = im if (width, height) == (base_w, base_h) else im.resize((base_w, base_h), Image.LANCZOS, reducing_gap=3.0)
    base = to_srgb(base, icc)
    alpha = has_alpha(base)
    fallback = "png" if alpha else "jpeg"
    base.info = {}  # encode() strips metadata; clearing it once here spares a pixel copy per variant
    # Each width is resized once and encoded in both formats (it used to be resized per format).
    scaled = {w: base if w == base_w else base.resize((w, max(1, round(oh * w / ow))), Image.LANCZOS)
              for w in targets}
    files, variants = {}, []
    for fmt in ("webp", fallback):
        for w in targets:
            h = max(1, round(oh * w / ow))
            name = f"{w}w.{EXT[fmt]}"
            files[name] = encode(scaled[w], fmt, settings)
            variants.append({"file": name, "format": fmt, "width": w, "height": h, "length": len(files[name])})
    meta = {"width": ow, "height": oh, "alpha": alpha, "variants": variants}
    return meta, files


class PhotoCache:
    """Variants stored by content key under ``root/<key[:2]>/<key>/`` with a meta.json."""

    def __init__(self, root: str | os.PathLike, settings: ProcessSettings):
        self.root = Path(root)
        self.settings = settings

    def folder(self, key: str) -> Path:
        return self.root / key[:2] / key

    def load(self, key: str) -> ProcessedPhoto | None:
        folder = self.folder(key)
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            variants = [VariantFile(**v) for v in meta["variants"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not all((folder / v.file).is_file() for v in variants):
            return None
        return ProcessedPhoto(key, folder, meta["width"], meta["height"], meta["alpha"], variants, from_cache=True)

    def process(self, data: bytes, key: str | None = None) -> ProcessedPhoto:
        """The cached entry for ``data``, rendering and storing it first when absent."""
        key = key or content_key(data, self.settings)
        cached = self.load(key)
        if cached is not None:
            return cached
        meta, files = render_variants(data, self.settings)
        folder = self.folder(key)
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{key[:8]}-", dir=folder.parent))
        for name, blob in files.items():
            (tmp / name).write_bytes(blob)
        (tmp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        try:
            os.replace(tmp, folder)
        except OSError:  # another process stored it first
            shutil.rmtree(tmp, ignore_errors=True)
        variants = [VariantFile(**v) for v in meta["variants"]]
        return ProcessedPhoto(key, folder, meta["width"], meta["height"], meta["alpha"], variants)


def publish_file(source: Path, target: Path) -> None:
    """Put a cached file into the output: a hard link when possible (no copy), else a copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.unlink()
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)

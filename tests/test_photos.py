"""photo_variants: variants, markup, metadata stripping, orientation, cache, share cards, bad photos.

Every image is made here with Pillow; one tiny site is built twice (cold, then warm from the cache).
"""

from __future__ import annotations

import io
import logging
import os
import struct
import zlib

import pytest
from bs4 import BeautifulSoup
from PIL import ExifTags, Image, ImageCms

from conftest import BASE_FILES, ROOT, article, run_pelican, soup

from site_core.frontmatter import split_front_matter
from photo_variants import cards
from photo_variants.checks import check_article_photos
from photo_variants.markup import PhotoSet, Variant, rewrite_images
from photo_variants.process import PhotoError, ProcessSettings, open_photo, render_variants, target_widths

RED, BLUE = (220, 20, 30), (20, 40, 200)


# --- Images made for the tests -------------------------------------------------------------------


def phone_jpeg(size=(1600, 1200), orientation=6) -> bytes:
    """A landscape-stored phone photo with EXIF orientation, GPS position, maker and an ICC profile.
    The stored top-left quarter is red, the rest blue: after rotation 6 the red is top-right."""
    im = Image.new("RGB", size, BLUE)
    im.paste(RED, (0, 0, size[0] // 2, size[1] // 2))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif.get_ifd(ExifTags.IFD.GPSInfo).update({1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 51.0, 0.0)})
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=90, exif=exif, icc_profile=icc)
    return buf.getvalue()


def png_bytes(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def transparent_palette_png() -> bytes:
    im = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    im.paste((200, 16, 46, 255), (50, 50, 250, 150))
    return png_bytes(im.convert("P", palette=Image.ADAPTIVE).convert("RGBA").quantize(8))


def cmyk_jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("CMYK", (1000, 800), (0, 200, 200, 20)).save(buf, "JPEG")
    return buf.getvalue()


def sixteen_bit_png() -> bytes:
    im = Image.linear_gradient("L").resize((600, 400)).convert("I")
    im = im.point(lambda v: v * 256)  # 0..65280
    return png_bytes(im.convert("I;16"))


def bomb_png(width=40000, height=40000) -> bytes:
    """A valid tiny PNG whose header claims ``width`` × ``height`` pixels."""
    data = png_bytes(Image.new("L", (1, 1)))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return data[:8] + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk)) + data[33:]


def animated_gif() -> bytes:
    frames = [Image.new("RGB", (60, 40), c) for c in (RED, BLUE, (250, 200, 0))]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buf.getvalue()


BODY = """Đoạn mở đầu.

![Biểu tượng trong suốt](trong-suot.png)

![Ảnh CMYK của nhà máy](cmyk.jpg){: .anh-rong }

<img src="xam-16bit.png" alt="Ảnh xám 16 bit" title="Tiêu đề ảnh">
"""


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    """A tiny site built twice: (output, content, log lines of the warm build)."""
    base = tmp_path_factory.mktemp("photos")
    content = base / "content"
    folder = content / "units/cd-thu-nghiem/2024"
    folder.mkdir(parents=True)
    (content / "categories.yml").write_bytes((ROOT / "content/categories.yml").read_bytes())
    for rel, text in BASE_FILES.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    (folder / "dien-thoai.jpg").write_bytes(phone_jpeg())
    (folder / "trong-suot.png").write_bytes(transparent_palette_png())
    (folder / "cmyk.jpg").write_bytes(cmyk_jpeg())
    (folder / "xam-16bit.png").write_bytes(sixteen_bit_png())
    (folder / "khong-dung.jpg").write_bytes(phone_jpeg((800, 600), 1))
    (folder / "co-anh.md").write_text(article(
        title="Công đoàn trao quà cho đoàn viên có hoàn cảnh khó khăn nhân dịp Tết Nguyên đán",
        image="dien-thoai.jpg", image_alt='"Đoàn viên nhận quà"', image_credit="Nguyễn Văn A",
        image_caption='"Trao quà tại nhà máy"', body=BODY), encoding="utf-8")
    (folder / "khong-anh.md").write_text(article(title="Hội nghị người lao động", date="2024-05-02 08:00",
                                                 body="![Ảnh đầu tiên](cmyk.jpg)\n\n![Ảnh sau](trong-suot.png)\n"),
                                         encoding="utf-8")
    (content / "pages").mkdir()
    (content / "pages/tru-so.jpg").write_bytes(phone_jpeg((1000, 700), 1))
    (content / "pages/dong.gif").write_bytes(animated_gif())
    (content / "pages/gioi-thieu.md").write_text(
        '---\ntitle: "Giới thiệu"\n---\n![Trụ sở công đoàn](tru-so.jpg)\n\n![Hình động](dong.gif)\n', encoding="utf-8")
    output = base / "output"
    run_pelican(content, output)
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("photo_variants")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    # One article touched, as after an edit: a build with nothing changed is skipped altogether
    # (up_to_date), this one runs with the other article and the page from Pelican's content cache.
    os.utime(folder / "khong-anh.md")
    try:
        run_pelican(content, output)  # warm: every photo and share card from the cache
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    return output, content, [r.getMessage() for r in records]


PAGE = "don-vi/cd-thu-nghiem/2024/co-anh/index.html"
NO_LEAD_PAGE = "don-vi/cd-thu-nghiem/2024/khong-anh/index.html"
PHOTO_DIR = "anh/cd-thu-nghiem/2024"


# --- Pure functions ------------------------------------------------------------------------------


@pytest.mark.parametrize("width, expected", [
    (4000, [480, 800, 1200]), (1200, [480, 800, 1200]), (1000, [480, 800, 1000]), (480, [480]), (300, [300]),
])
def test_target_widths_never_upscale(width, expected):
    assert target_widths(width, (480, 800, 1200)) == expected


def test_rotated_phone_photo_comes_out_upright_and_clean():
    meta, files = render_variants(phone_jpeg(), ProcessSettings())
    assert (meta["width"], meta["height"]) == (1200, 1600)  # stored 1600×1200, orientation 6
    assert sorted(files) == ["1200w.jpg", "1200w.webp", "480w.jpg", "480w.webp", "800w.jpg", "800w.webp"]
    im = Image.open(io.BytesIO(files["480w.jpg"]))
    assert im.size == (480, 640)
    assert im.getpixel((470, 10))[0] > 180 and im.getpixel((10, 10))[2] > 150  # red moved to the top right
    assert im.getpixel((470, 630))[2] > 150


def test_lead_photo_gets_picture_and_lazy_body_images():
    photos = PhotoSet("units/x/a.jpg",
                      [Variant("anh/x/a-480w.webp", 480, 320, 10, "image/webp"),
                       Variant("anh/x/a-800w.webp", 800, 533, 20, "image/webp")],
                      [Variant("anh/x/a-480w.jpg", 480, 320, 10, "image/jpeg"),
                       Variant("anh/x/a-800w.jpg", 800, 533, 20, "image/jpeg")])
    html = ('<p><img alt="Một &amp; hai" src="{static}a.jpg" class="rong" /></p>'
            '<p><img alt="B" src="{static}a.jpg"></p><p><img src="https://x.example/y.jpg" alt="ngoài"></p>'
            '<img src="a.jpg" srcset="a.jpg 1x" alt="có sẵn">')
    out, count = rewrite_images(html, lambda src: photos if src.endswith("}a.jpg") else None, "../../", "100vw", 1)
    assert count == 2
    doc = BeautifulSoup(out, "html.parser")
    first, second = doc.select("picture")
    source = first.find("source")
    assert source["type"] == "image/webp"
    assert source["srcset"] == "../../anh/x/a-480w.webp 480w, ../../anh/x/a-800w.webp 800w"
    img = first.find("img")
    assert img["src"] == "../../anh/x/a-800w.jpg" and img["width"] == "800" and img["height"] == "533"
    assert img["srcset"] == "../../anh/x/a-480w.jpg 480w, ../../anh/x/a-800w.jpg 800w" and img["sizes"] == "100vw"
    assert img["alt"] == "Một & hai" and img["class"] == ["rong"] and img["decoding"] == "async"
    assert not img.has_attr("loading")  # the first image is above the fold
    assert second.find("img")["loading"] == "lazy"
    assert doc.find("img", src="https://x.example/y.jpg") is not None
    assert doc.find("img", srcset="a.jpg 1x") is not None


def test_title_wraps_on_words_and_shrinks():
    font = ROOT / "themes/cdct/static/fonts/NotoSans-Bold.ttf"
    title = ("Công đoàn Công Thương Việt Nam phát động Tháng Công nhân và Tháng hành động về an toàn, vệ sinh "
             "lao động năm 2024 tại các doanh nghiệp dệt may, cơ khí, hóa chất và thép trên toàn quốc")
    font_obj, lines, step = cards.fit_text(title, font, 560, 330, 60, 30)
    assert " ".join(lines) == title  # every word whole, none dropped
    assert font_obj.size < 60 and len(lines) * step <= 330
    assert all(font_obj.getlength(line) <= 560 for line in lines)
    short_font, short_lines, _ = cards.fit_text("Hội nghị người lao động", font, 560, 330, 60, 30)
    assert short_font.size == 60 and " ".join(short_lines) == "Hội nghị người lao động"
    narrow_font, narrow_lines, _ = cards.fit_text("Chủ tịch Công đoàn", font, 200, 330, 60, 30)
    assert narrow_lines == ["Chủ tịch", "Công đoàn"] or narrow_lines == ["Chủ", "tịch", "Công", "đoàn"]


def test_emblem_svg_is_drawn():
    logo = cards.render_svg((ROOT / "themes/cdct/static/identity/logo.svg").read_text("utf-8"), 64)
    assert logo.size == (64, 64) and logo.mode == "RGBA"
    assert logo.getpixel((32, 32))[:3] != (0, 0, 0) and logo.getpixel((32, 32))[3] == 255
    assert logo.getpixel((0, 0))[3] == 0


# --- Bad photos: the checker's problems ----------------------------------------------------------


def _check(tmp_path, files: dict, body: str = "Nội dung.", **meta):
    folder = tmp_path / "units/cd-thu-nghiem/2024"
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    fm = split_front_matter(article(body=body, **meta))
    return check_article_photos(fm, folder, "content/units/cd-thu-nghiem/2024/bai.md")


def test_not_an_image(tmp_path):
    (problem,) = _check(tmp_path, {"anh.jpg": b"<html>day khong phai anh</html>"}, image="anh.jpg", image_alt="Ảnh")
    assert problem.path == "content/units/cd-thu-nghiem/2024/bai.md" and problem.field == "image"
    assert problem.message == ("Ảnh 'anh.jpg' (content/units/cd-thu-nghiem/2024/anh.jpg) không phải là tệp ảnh "
                               "(không nhận ra định dạng JPEG, PNG, WebP hay GIF).")
    assert problem.fix.startswith("Xuất lại ảnh ở dạng JPEG")


def test_truncated_upload(tmp_path):
    data = phone_jpeg()
    (problem,) = _check(tmp_path, {"cut.jpg": data[: len(data) // 2]}, body="![Ảnh bị cắt](cut.jpg)")
    assert problem.field == "ảnh trong bài" and problem.line == 6
    assert problem.message == ("Ảnh 'cut.jpg' (content/units/cd-thu-nghiem/2024/cut.jpg) bị hỏng hoặc tải lên "
                               "chưa hết (tệp bị cắt cụt, ảnh sẽ hiện không đủ).")
    assert "Tải lại ảnh gốc" in problem.fix


def test_decompression_bomb(tmp_path):
    (problem,) = _check(tmp_path, {"bom.png": bomb_png()}, image="bom.png", image_alt="Ảnh")
    assert problem.message == ("Ảnh 'bom.png' (content/units/cd-thu-nghiem/2024/bom.png) có kích thước bất thường "
                               "(1600 triệu điểm ảnh, giới hạn 120 triệu điểm ảnh); ảnh như vậy làm treo máy "
                               "dựng trang.")
    with pytest.raises(PhotoError) as info:  # below Pillow's own limit, above ours: checked from the header
        open_photo(bomb_png(12000, 11000), 120_000_000)
    assert (info.value.kind, info.value.detail) == ("too-large", "132000000")


def test_missing_alt_in_body(tmp_path):
    body = "Mở đầu.\n\n![](anh.png)\n\n<img src=\"anh.png\">\n\n![Có mô tả](anh.png)"
    problems = _check(tmp_path, {"anh.png": png_bytes(Image.new("RGB", (10, 10)))}, body=body)
    assert [(p.line, p.field) for p in problems] == [(8, "ảnh trong bài"), (10, "ảnh trong bài")]
    assert problems[0].message == ("Ảnh 'anh.png' trong bài chưa có mô tả (alt) cho người khiếm thị và khi ảnh "
                                   "không tải được.")
    assert problems[0].fix == "Viết mô tả ngắn vào giữa hai dấu ngoặc vuông: ![Mô tả những gì có trong ảnh](anh.png)."


def test_good_photos_have_no_problem(tmp_path):
    files = {"a.jpg": phone_jpeg(), "b.png": transparent_palette_png(), "c.jpg": cmyk_jpeg(), "d.png": sixteen_bit_png()}
    body = "![A](a.jpg) ![B](b.png) ![C](c.jpg) ![D](d.png)"
    assert _check(tmp_path, files, body=body, image="a.jpg", image_alt="Ảnh") == []


def test_bad_photo_warns_in_preview_and_stops_publish(build_site):
    from content_check import ContentCheckFailed

    files = {"units/cd-thu-nghiem/2024/bai.md": article(image="hong.jpg", image_alt="Ảnh hỏng"),
             "units/cd-thu-nghiem/2024/khac.md": article(title="Bài khác", date="2024-05-02 08:00"),
             "units/cd-thu-nghiem/2024/hong.jpg": b"not a photo"}
    built = build_site(files)
    assert built.exists("don-vi/cd-thu-nghiem/2024/bai/index.html")
    assert built.exists("don-vi/cd-thu-nghiem/2024/khac/index.html")
    with pytest.raises(ContentCheckFailed):
        build_site(files, settings="publishconf.py")


# --- The built site ------------------------------------------------------------------------------


def test_variants_sizes_and_formats(photo_site):
    output, _, _ = photo_site
    made = sorted(p.name for p in (output / PHOTO_DIR).iterdir())
    assert made == sorted(
        [f"dien-thoai-{w}w.{e}" for w in (480, 800, 1200) for e in ("webp", "jpg")]
        + [f"cmyk-{w}w.{e}" for w in (480, 800, 1000) for e in ("webp", "jpg")]
        + ["trong-suot-300w.webp", "trong-suot-300w.png"]
        + [f"xam-16bit-{w}w.{e}" for w in (480, 600) for e in ("webp", "jpg")])
    for path in (output / PHOTO_DIR).iterdir():
        with Image.open(path) as im:
            width = int(path.stem.rsplit("-", 1)[1][:-1])
            assert im.width == width
            assert im.format == {"webp": "WEBP", "jpg": "JPEG", "png": "PNG"}[path.suffix[1:]]
    with Image.open(output / PHOTO_DIR / "dien-thoai-1200w.jpg") as im:
        assert im.size == (1200, 1600)
    with Image.open(output / PHOTO_DIR / "trong-suot-300w.webp") as im:
        assert im.mode == "RGBA" and im.getpixel((0, 0))[3] == 0  # transparency kept
    with Image.open(output / PHOTO_DIR / "cmyk-480w.jpg") as im:
        assert im.mode == "RGB"
    with Image.open(output / PHOTO_DIR / "xam-16bit-600w.jpg") as im:
        assert im.getextrema()[1] > 200  # 16-bit scaled, not clipped to white


def test_no_metadata_left(photo_site):
    output, _, _ = photo_site
    with Image.open(photo_site[1] / "units/cd-thu-nghiem/2024/dien-thoai.jpg") as source:
        assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test photo does carry a position
    for path in (output / "anh").rglob("*.*"):
        with Image.open(path) as im:
            assert len(im.getexif()) == 0, path
            assert not {"exif", "xmp", "icc_profile", "XML:com.adobe.xmp", "comment"} & set(im.info), path
        assert b"PhoneMaker" not in path.read_bytes()


def test_originals_not_published(photo_site):
    output, _, _ = photo_site
    names = {"dien-thoai.jpg", "trong-suot.png", "cmyk.jpg", "xam-16bit.png", "khong-dung.jpg"}
    assert not [p for p in output.rglob("*") if p.name in names]
    assert not list(output.rglob("khong-dung*"))  # a photo no page uses is not published in any form


def test_article_markup(photo_site):
    output, _, _ = photo_site
    page = soup(output / PAGE)
    body = page.select_one(".cdct-article__body")
    pictures = body.select("picture")
    assert len(pictures) == 3
    for picture in pictures:
        img = picture.find("img")
        assert img["loading"] == "lazy" and img["decoding"] == "async"  # the lead photo is the first
        assert img["width"] and img["height"] and img["alt"]
        assert picture.find("source", type="image/webp")["srcset"].endswith("w")
    cmyk = body.find("img", alt="Ảnh CMYK của nhà máy")
    assert cmyk["src"] == "../../../../anh/cd-thu-nghiem/2024/cmyk-800w.jpg"
    assert (cmyk["width"], cmyk["height"]) == ("800", "640")
    assert cmyk["srcset"].endswith("cmyk-1000w.jpg 1000w")
    gray = body.find("img", alt="Ảnh xám 16 bit")
    assert gray["title"] == "Tiêu đề ảnh"
    transparent = body.find("img", alt="Biểu tượng trong suốt")
    assert transparent["src"].endswith("trong-suot-300w.png") and not transparent.has_attr("srcset")
    for img in page.find_all("img"):  # every URL points at a file that exists
        src = img["src"]
        if not src.startswith("http"):
            assert (output / PAGE).parent.joinpath(src).resolve().is_file(), src
    first = soup(output / NO_LEAD_PAGE).select_one(".cdct-article__body").find_all("img")
    assert not first[0].has_attr("loading") and first[1]["loading"] == "lazy"


def test_share_cards(photo_site):
    output, _, _ = photo_site
    for name in ("co-anh", "khong-anh"):
        with Image.open(output / f"anh/chia-se/cd-thu-nghiem/2024/{name}.jpg") as card:
            assert card.size == (1200, 630) and card.format == "JPEG"
    with Image.open(output / "anh/chia-se/cd-thu-nghiem/2024/co-anh.jpg") as card:
        assert card.getpixel((1150, 20))[0] > 150  # the rotated photo's red corner, composed on the right
        assert card.getpixel((20, 300)) == pytest.approx((10, 38, 86), abs=6)  # identity blue-900


def test_cards_drawn_in_worker_processes_are_the_same(photo_site, tmp_path):
    """From PHOTO_VARIANTS_PROCESS_MIN cold cards on, cards are drawn in spawned worker processes;
    the cards are byte for byte those the threads drew (photo_site's build, below the threshold)."""
    thread_output, content, _ = photo_site
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("photo_variants")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    try:
        output = tmp_path / "output"
        run_pelican(content, output, PHOTO_VARIANTS_PROCESS_MIN=1, PHOTO_VARIANTS_WORKERS=2,
                    PHOTO_VARIANTS_CACHE=str(tmp_path / "anh"), CACHE_CONTENT=False, LOAD_CONTENT_CACHE=False)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    assert "[photos] 2 share cards drawn in 2 processes" in [r.getMessage() for r in records]
    for name in ("co-anh", "khong-anh"):
        rel = f"anh/chia-se/cd-thu-nghiem/2024/{name}.jpg"
        assert (output / rel).read_bytes() == (thread_output / rel).read_bytes()


def test_card_jpeg_is_baseline_without_metadata(photo_site):
    output, _, _ = photo_site
    with Image.open(output / "anh/chia-se/cd-thu-nghiem/2024/co-anh.jpg") as card:
        assert not card.info.get("progressive") and not card.info.get("progression")
        assert "exif" not in card.info and "icc_profile" not in card.info and card.mode == "RGB"


def test_second_build_processes_nothing(photo_site):
    _, _, messages = photo_site
    assert "[photos] 0 processed, 5 from cache, 1 bad; share cards: 0 made, 2 from cache" in messages


def test_sample_site_serves_variants(sample_site):
    pictures = [p for p in sample_site.joinpath("don-vi").rglob("index.html") if "<picture>" in p.read_text("utf-8")]
    assert pictures, "the sample content has photos in article bodies"
    assert not [p for p in sample_site.rglob("*") if p.suffix in (".jpg", ".png") and "anh" not in p.parts
                and "theme" not in p.parts]


def test_picture_macro_for_the_theme():
    from jinja2 import Environment, FileSystemLoader

    from photo_variants import LeadImage

    lead = LeadImage("units/x/a.jpg", [Variant("anh/x/a-480w.webp", 480, 360, 9, "image/webp"),
                                       Variant("anh/x/a-1200w.webp", 1200, 900, 30, "image/webp")],
                     [Variant("anh/x/a-480w.jpg", 480, 360, 20, "image/jpeg"),
                      Variant("anh/x/a-1200w.jpg", 1200, 900, 90, "image/jpeg")], alt='Ảnh "đẹp"')
    assert (lead.url, lead.width, lead.height, lead.length, lead.mime_type) == ("anh/x/a-1200w.jpg", 1200, 900, 90,
                                                                                "image/jpeg")
    assert lead.srcset == "anh/x/a-480w.jpg 480w, anh/x/a-1200w.jpg 1200w" and lead.src == "anh/x/a-480w.jpg"
    env = Environment(loader=FileSystemLoader(str(ROOT / "themes/cdct/templates")), autoescape=True)
    template = env.from_string('{% from "macros/picture.html" import picture, share_image_meta with context %}'
                               '{{ picture(lead, lazy=False, fetchpriority="high") }}{{ share_image_meta(a) }}')
    a = type("A", (), {"share_card": Variant("anh/chia-se/x.jpg", 1200, 630, 5, "image/jpeg"), "lead_image": lead,
                       "title": "Tiêu đề"})()
    doc = BeautifulSoup(template.render(lead=lead, a=a, SITEURL="https://cd.example.vn"), "html.parser")
    img = doc.find("img")
    assert img["src"] == "https://cd.example.vn/anh/x/a-480w.jpg" and img["alt"] == 'Ảnh "đẹp"'
    assert img["srcset"].endswith("a-1200w.jpg 1200w") and not img.has_attr("loading")
    assert doc.find("source")["srcset"].startswith("https://cd.example.vn/anh/x/a-480w.webp 480w")
    assert doc.find("meta", property="og:image")["content"] == "https://cd.example.vn/anh/chia-se/x.jpg"
    assert doc.find("meta", property="og:image:width")["content"] == "1200"


def test_page_photos_and_animations(photo_site):
    output, _, _ = photo_site
    page = soup(output / "gioi-thieu/index.html")
    img = page.find("img", alt="Trụ sở công đoàn")
    assert img["src"] == "../anh/pages/tru-so-800w.jpg" and img.find_parent("picture") is not None
    assert (output / "gioi-thieu" / img["src"]).resolve().is_file()
    gif = page.find("img", alt="Hình động")  # an animation is published unchanged, not flattened
    assert gif.find_parent("picture") is None
    with Image.open(output / "pages/dong.gif") as im:  # copied as Pelican copies any static file
        assert im.n_frames == 3


def _jpeg_with_thumbnail(progressive=False) -> bytes:
    im = Image.new("RGB", (640, 480), BLUE)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 1
    buf = io.BytesIO()
    im.save(buf, "JPEG", exif=exif, progressive=progressive)
    return buf.getvalue()


@pytest.mark.parametrize("data, whole", [
    (phone_jpeg(), True),
    (_jpeg_with_thumbnail(progressive=True), True),
    (phone_jpeg() + b"MotionPhoto_Data" + b"\0" * 64, True),  # a phone's trailer after the end marker
    (phone_jpeg()[:-2], False),
    (phone_jpeg()[:5000], False),
    (png_bytes(Image.new("RGB", (50, 50), RED)), True),
    (png_bytes(Image.new("RGB", (50, 50), RED))[:-12], False),
])
def test_truncation_found_without_decoding(tmp_path, data, whole):
    from photo_variants.checks import check_photo_file

    path = tmp_path / "anh"
    path.write_bytes(data)
    error = check_photo_file(path)
    assert (error is None) == whole and (whole or error.kind == "truncated")

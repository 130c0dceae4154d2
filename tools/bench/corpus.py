"""A deterministic synthetic corpus, written twice: in our content model and for plain Pelican.

``generate(root, n, seed)`` writes

- ``root/ours/content/``: ``categories.yml`` (copied from the project's content/), ~40 units across the
  three levels (``units/<unit>/unit.yml``), ``n`` articles ``units/<unit>/<yyyy>/<slug>.md`` with YAML
  front matter (every category and kind, tags with diacritics, authors, summaries, sources, featured,
  a few drafts) and, for a share of them, a lead photo beside the article (a small real JPEG);
- ``root/plain/content/``: the same articles with Pelican's native Markdown metadata
  (``Title:``/``Date:``/``Category:``/``Tags:``...), the same folders and photos, read by Pelican with
  no plugin at all;

and returns a ``Corpus`` describing what it wrote (the newest article, counts per unit...), which the
runners use to pick the article to edit and the checks use to know what must exist.

The text is built from a seeded generator of Vietnamese words and sentences: the same ``n`` and
``seed`` give byte-identical files on every machine.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CATEGORIES_FILE = ROOT / "content" / "categories.yml"
KINDS = ["tin-bai", "tai-lieu-dinh-huong", "hoat-dong-truc-tiep"]
KIND_WEIGHTS = [80, 10, 10]
PHOTO_SHARE = 0.10  # articles with a lead photo
PHOTO_VARIANTS = 8  # distinct JPEG images, copied to distinct paths
FIRST_YEAR, LAST_YEAR = 2019, 2025  # never in the future: a future date is a scheduled draft

# Words (one or more syllables) of union news; the generator strings them into sentences.
WORDS = """công đoàn|đoàn viên|người lao động|công nhân|doanh nghiệp|ban chấp hành|chủ tịch|phó chủ tịch|
hội nghị|tổng kết|triển khai|kế hoạch|năm|tháng|quý|nhiệm vụ|giải pháp|thực hiện|hiệu quả|chăm lo|
đời sống|việc làm|thu nhập|tiền lương|phúc lợi|an toàn|vệ sinh lao động|bảo hộ|sức khỏe|khám bệnh|
nhà máy|phân xưởng|dây chuyền|ca làm việc|tổ sản xuất|sáng kiến|cải tiến|kỹ thuật|năng suất|chất lượng|
thi đua|khen thưởng|gương sáng|điển hình|tiên tiến|phong trào|văn hóa|thể thao|văn nghệ|giao lưu|
đối thoại|thương lượng|thỏa ước|lao động tập thể|quy chế|dân chủ|cơ sở|pháp luật|chính sách|bảo hiểm|
xã hội|y tế|thất nghiệp|hợp đồng|kỷ luật|quyền lợi|nghĩa vụ|hỗ trợ|khó khăn|hoàn cảnh|mái ấm|
nhà ở|con em|học bổng|khuyến học|Tết|sum vầy|chuyến xe|nghĩa tình|tháng công nhân|hành động|
tuyên truyền|truyền thông|thông tin|bản tin|mạng xã hội|trang tin|nội dung|bài viết|hình ảnh|phóng viên|
ngành|Công Thương|cấp trên|trực tiếp|tổ chức|phát triển|thành lập|kết nạp|mới|đại hội|nhiệm kỳ|
điều lệ|nghị quyết|chỉ thị|hướng dẫn|văn bản|đề cương|tài liệu|học tập|bồi dưỡng|tập huấn|kỹ năng|
cán bộ|chuyên trách|kiêm nhiệm|nữ công|bình đẳng|giới|gia đình|trẻ em|người cao tuổi|cựu chiến binh|
thanh niên|sáng tạo|khởi nghiệp|chuyển đổi số|công nghệ|điện lực|dầu khí|hóa chất|dệt may|da giày|
cơ khí|luyện kim|thép|xi măng|khai khoáng|thương mại|xuất khẩu|thị trường|đơn hàng|sản lượng|
doanh thu|lợi nhuận|chi phí|tiết kiệm|môi trường|xanh|sạch|đẹp|bền vững|vững mạnh|đoàn kết|
đồng lòng|chung tay|quan tâm|kịp thời|thiết thực|ý nghĩa|sâu sắc|rộng rãi|tích cực|chủ động|
nghiêm túc|đầy đủ|thường xuyên|định kỳ|hằng năm|lần thứ|đợt|buổi|chương trình|hoạt động|sự kiện|
lễ|mít tinh|hưởng ứng|phát động|ký kết|trao tặng|quà|suất quà|tiền mặt|hiện vật|trị giá|triệu đồng|
tỷ đồng|gần|hơn|khoảng|tất cả|toàn thể|các|những|nhiều|một số|đã|đang|sẽ|được|cùng|với|cho|của|
tại|trong|ngoài|về|theo|để|và|nhưng|nên|vì|do|khi|sau|trước|từ|đến|bằng|như|rất|đều|vẫn|còn|
ngày càng|nâng cao|đẩy mạnh|tăng cường|củng cố|đổi mới|phương thức|lề lối|gắn bó|lắng nghe|
tâm tư|nguyện vọng|kiến nghị|giải quyết|tranh chấp|hòa giải|đình công|ổn định|hài hòa|tiến bộ|
Hà Nội|Hải Phòng|Đà Nẵng|Thành phố Hồ Chí Minh|Bình Dương|Đồng Nai|Thái Nguyên|Quảng Ninh|Nghệ An|
Cần Thơ|Việt Nam|Tổng Liên đoàn|Bộ Công Thương|người sử dụng lao động|ban giám đốc|lãnh đạo""".replace("\n", "").split("|")
TITLE_OPENERS = ["Công đoàn", "Đoàn viên", "Người lao động", "Hội nghị", "Tháng Công nhân", "Chăm lo",
                 "Đối thoại", "Tập huấn", "Tuyên truyền", "Trao tặng", "Phát động", "Tổng kết", "Gương sáng",
                 "Sáng kiến", "An toàn", "Mái ấm", "Tết sum vầy", "Đại hội", "Giao lưu", "Hỗ trợ"]
TAGS = ["Tháng Công nhân", "An toàn vệ sinh lao động", "Tết sum vầy", "Mái ấm công đoàn", "Đối thoại",
        "Thỏa ước lao động tập thể", "Tiền lương", "Bảo hiểm xã hội", "Nữ công", "Khuyến học",
        "Chuyển đổi số", "Sáng kiến", "Thi đua", "Đại hội công đoàn", "Tập huấn", "Văn hóa doanh nghiệp",
        "Thể thao", "Văn nghệ", "Phát triển đoàn viên", "Quy chế dân chủ", "Nhà ở công nhân",
        "Chăm sóc sức khỏe", "Khám bệnh miễn phí", "Hiến máu", "Thiện nguyện", "Đồng hành cùng doanh nghiệp",
        "Điện lực", "Dầu khí", "Hóa chất", "Dệt may", "Da giày", "Cơ khí", "Thép", "Xi măng", "Khai khoáng",
        "Thương mại", "Xuất khẩu", "Tiết kiệm năng lượng", "Môi trường xanh", "Pháp luật lao động",
        "Bộ luật Lao động", "Luật Công đoàn", "Nghị quyết", "Học tập và làm theo", "Đối ngoại",
        "Hợp tác quốc tế", "Gương điển hình", "Cách làm hay", "Người tốt việc tốt", "Kỹ năng truyền thông",
        "Mạng xã hội", "Zalo", "Fanpage", "Tháng hành động", "Ngày Quốc tế Lao động 1/5",
        "Ngày Gia đình Việt Nam", "Trung thu", "Học bổng", "Cựu chiến binh", "Đoàn thanh niên"]
AUTHORS = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Quốc Dũng", "Hoàng Thị Duyên",
           "Vũ Đức Giang", "Đặng Thu Hà", "Bùi Văn Hải", "Đỗ Thị Hòa", "Ngô Quang Huy", "Dương Thị Lan",
           "Lý Văn Long", "Phan Thị Mai", "Trịnh Đình Nam", "Đinh Thị Phương"]
SOURCES = [("Báo Lao Động", "https://laodong.example.vn/bai-viet-{i}.html"),
           ("Báo Công Thương", "https://congthuong.example.vn/tin-{i}.html"),
           ("Người Lao Động", "https://nld.example.vn/{i}.htm")]
SECTORS = ["Điện lực", "Dầu khí", "Hóa chất", "Dệt may", "Da giày", "Cơ khí", "Thép", "Xi măng",
           "Khai khoáng", "Thương mại", "Giấy", "Thuốc lá", "Rượu bia", "Nhựa", "Phân bón", "Điện tử"]
PLACES = ["Hà Nội", "Hải Phòng", "Đà Nẵng", "Bình Dương", "Đồng Nai", "Thái Nguyên", "Quảng Ninh",
          "Nghệ An", "Cần Thơ", "Bắc Ninh", "Long An", "Thanh Hóa"]
# One article embeds a video (raw HTML the sanitiser must keep: an allowed https embed host).
EMBED_HTML = ('\n<iframe src="https://www.youtube.com/embed/bench0001" title="Video hoạt động công đoàn" '
              'width="560" height="315"></iframe>\n')


@dataclass
class ArticleSpec:
    unit: str
    year: int
    slug: str
    title: str
    date: dt.datetime
    category: str  # slug
    category_name: str
    kind: str
    tags: list
    author: str
    summary: str | None
    image: str | None
    featured: bool
    draft: bool
    source: tuple | None
    body: str

    @property
    def rel(self) -> str:
        """Its file in plain Pelican's tree (flat: Pelican does not mind photos beside articles)."""
        return f"units/{self.unit}/{self.year}/{self.slug}.md"

    @property
    def ours_rel(self) -> str:
        """Its file in our tree: an article with a photo is a folder holding it (the project's layout)."""
        return f"units/{self.unit}/{self.year}/{self.slug}/index.md" if self.image else self.rel

    def rel_for(self, site_name: str) -> str:
        return self.ours_rel if site_name == "ours" else self.rel


@dataclass
class Corpus:
    root: Path
    n: int
    seed: int
    units: dict = field(default_factory=dict)  # slug -> (name, level, parent)
    articles: list = field(default_factory=list)  # ArticleSpec, in generation order
    categories: list = field(default_factory=list)  # (slug, name)

    @property
    def ours(self) -> Path:
        return self.root / "ours" / "content"

    @property
    def plain(self) -> Path:
        return self.root / "plain" / "content"

    @property
    def published(self) -> list:
        return [a for a in self.articles if not a.draft]

    def newest(self) -> ArticleSpec:
        """The newest published article: on the home page and its unit's first page."""
        return max(self.published, key=lambda a: (a.date, a.rel))

    def photos(self) -> int:
        return sum(1 for a in self.articles if a.image)

    def summary(self) -> dict:
        return {"articles": len(self.articles), "published": len(self.published),
                "drafts": sum(a.draft for a in self.articles), "units": len(self.units),
                "photos": self.photos(), "categories": len(self.categories),
                "kinds": sorted({a.kind for a in self.articles}),
                "words": sum(len(a.body.split()) for a in self.articles)}


def read_categories(path: Path = CATEGORIES_FILE) -> list[tuple[str, str]]:
    """(slug, name) of each category in categories.yml, without importing the plugins."""
    import yaml

    return [(c["slug"], str(c["name"])) for c in yaml.safe_load(path.read_text(encoding="utf-8"))]


def make_units(rng: random.Random) -> dict:
    """1 industry union, 7 upper-level unions, 32 grassroots unions (slug -> (name, level, parent))."""
    units = {"cong-doan-nganh": ("Công đoàn Công Thương Việt Nam", "cap-nganh", None)}
    uppers = []
    for i, sector in enumerate(SECTORS[:7], start=1):
        slug = f"tong-cong-ty-{i:02d}"
        units[slug] = (f"Công đoàn Tổng công ty {sector} số {i}", "cap-tren-co-so", "cong-doan-nganh")
        uppers.append(slug)
    for i in range(1, 33):
        slug = f"cong-ty-{i:02d}"
        units[slug] = (f"Công đoàn cơ sở Công ty {rng.choice(SECTORS)} {rng.choice(PLACES)} {i}", "co-so",
                       uppers[i % len(uppers)])
    return units


def unit_yaml(slug: str, name: str, level: str, parent: str | None, rng: random.Random) -> str:
    lines = ["# Synthetic benchmark data", f'name: "{name}"', f"level: {level}"]
    if parent:
        lines.append(f"parent: {parent}")
    members = rng.choice([300, 650, 1200, 2400, 5000, 12000])
    lines += [f"members: {members}", f"trained_communicators: {rng.randint(0, 3)}",
              f'email: "congdoan@{slug}.example.vn"', f'maintainers: ["bien-tap-{slug}"]',
              f'description: "{name} tham gia chương trình truyền thông của ngành."']
    if members >= 1000:
        lines.append(f'fanpage: "https://www.facebook.com/{slug.replace("-", "")}.example"')
    return "\n".join(lines) + "\n"


class TextGenerator:
    """Seeded Vietnamese sentences and paragraphs."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def sentence(self, low=8, high=22) -> str:
        words = [self.rng.choice(WORDS) for _ in range(self.rng.randint(low, high))]
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(3, 6)))

    def title(self) -> str:
        words = [self.rng.choice(WORDS) for _ in range(self.rng.randint(5, 11))]
        return f"{self.rng.choice(TITLE_OPENERS)} {' '.join(words)}"

    def body(self, target_words: int) -> str:
        """Paragraphs with one heading and one list, about ``target_words`` words (syllables)."""
        parts, count, heading_done, list_done = [], 0, False, False
        while count < target_words:
            if not heading_done and len(parts) == 3:
                heading = "## " + self.sentence(3, 7).rstrip(".")
                parts.append(heading)
                heading_done = True
            elif not list_done and len(parts) == 5:
                items = [f"- {self.sentence(4, 10)}" for _ in range(self.rng.randint(3, 5))]
                parts.append("\n".join(items))
                list_done = True
            else:
                sentences = []
                for _ in range(self.rng.randint(3, 6)):
                    sentence = self.sentence()
                    if sentences and count + len(sentence.split()) > target_words:
                        break
                    sentences.append(sentence)
                    count += len(sentence.split())
                parts.append(" ".join(sentences))
                continue
            count += len(parts[-1].split())
        return "\n\n".join(parts) + "\n"


def make_photos(rng: random.Random, count: int = PHOTO_VARIANTS) -> list[bytes]:
    """Small real JPEGs (800×533, a few tens of KB), like a resized phone photo."""
    from PIL import Image, ImageDraw

    photos = []
    for i in range(count):
        img = Image.new("RGB", (800, 533), (rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255)))
        draw = ImageDraw.Draw(img)
        for _ in range(40):
            x, y = rng.randint(0, 800), rng.randint(0, 533)
            draw.ellipse((x, y, x + rng.randint(20, 200), y + rng.randint(20, 200)),
                         fill=(rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255)))
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=80)
        photos.append(buf.getvalue())
    return photos


def plan(n: int, seed: int = 2024) -> Corpus:
    """Decide every article (pure; writes nothing)."""
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    rng = random.Random(seed)
    corpus = Corpus(root=Path("."), n=n, seed=seed)
    corpus.categories = read_categories()
    corpus.units = make_units(rng)
    text = TextGenerator(rng)
    unit_slugs = list(corpus.units)
    start = dt.datetime(FIRST_YEAR, 1, 1, 7, 0)
    span_minutes = int((dt.datetime(LAST_YEAR, 12, 31, 18, 0) - start).total_seconds() // 60)
    used = set()
    for i in range(n):
        # Every category and kind appears in the first articles, whatever n is.
        category, category_name = corpus.categories[i % len(corpus.categories)] if i < len(corpus.categories) \
            else rng.choice(corpus.categories)
        kind = KINDS[i] if i < len(KINDS) else rng.choices(KINDS, KIND_WEIGHTS)[0]
        unit = unit_slugs[i % len(unit_slugs)] if i < len(unit_slugs) else rng.choice(unit_slugs)
        date = start + dt.timedelta(minutes=rng.randrange(span_minutes))
        title = text.title()
        slug = slugify(" ".join(title.split()[:8]), regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
        if slug in used:  # globally unique, so plain Pelican's flat slugs never collide either
            slug += f"-{i}"
        used.add(slug)
        image = f"{slug}.jpg" if rng.random() < PHOTO_SHARE or i == 0 else None
        source = None
        if rng.random() < 0.05:
            name, url = rng.choice(SOURCES)
            source = (name, url.format(i=i))
        corpus.articles.append(ArticleSpec(
            unit=unit, year=date.year, slug=slug, title=title, date=date, category=category,
            category_name=category_name, kind=kind, tags=rng.sample(TAGS, rng.randint(2, 4)),
            author=rng.choice(AUTHORS), summary=text.sentence(12, 25) if rng.random() < 0.5 else None,
            image=image, featured=rng.random() < 0.01, draft=rng.random() < 0.005 and i > 20,
            source=source, body=text.body(rng.randint(400, 900)) + (EMBED_HTML if i == 1 else "")))
    return corpus


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def ours_markdown(a: ArticleSpec) -> str:
    lines = ["---", f"title: {_quote(a.title)}", f"date: {a.date:%Y-%m-%d %H:%M}", f"category: {a.category}",
             f"kind: {a.kind}", "tags: [" + ", ".join(_quote(t) for t in a.tags) + "]", f"author: {_quote(a.author)}"]
    if a.summary:
        lines.append(f"summary: {_quote(a.summary)}")
    if a.image:
        lines += [f"image: {a.image}", f"image_alt: {_quote('Ảnh minh họa: ' + a.title[:80])}",
                  f"image_credit: {_quote(a.author)}"]
    if a.source:
        lines += [f"source: {_quote(a.source[0])}", f"source_url: {a.source[1]}"]
    if a.featured:
        lines.append("featured: true")
    if a.draft:
        lines.append("status: draft")
    return "\n".join(lines + ["---", "", a.body])


def plain_markdown(a: ArticleSpec) -> str:
    """Pelican's native Markdown metadata (read by its own MarkdownReader, no plugin)."""
    lines = [f"Title: {a.title}", f"Date: {a.date:%Y-%m-%d %H:%M}", f"Category: {a.category_name}",
             "Tags: " + ", ".join(a.tags), f"Author: {a.author}"]
    if a.summary:
        lines.append(f"Summary: {a.summary}")
    if a.image:
        lines.append(f"Image: {a.image}")
    if a.draft:
        lines.append("Status: draft")
    return "\n".join(lines + ["", a.body])


def write(corpus: Corpus, root: Path) -> Corpus:
    """Write both trees under ``root`` (replacing them)."""
    corpus.root = Path(root)
    rng = random.Random(corpus.seed + 1)
    photos = make_photos(rng)
    for tree in (corpus.ours, corpus.plain):
        if tree.exists():
            shutil.rmtree(tree)
        tree.mkdir(parents=True)
    shutil.copyfile(CATEGORIES_FILE, corpus.ours / "categories.yml")
    for slug, (name, level, parent) in corpus.units.items():
        folder = corpus.ours / "units" / slug
        folder.mkdir(parents=True)
        (folder / "unit.yml").write_text(unit_yaml(slug, name, level, parent, rng), encoding="utf-8")
    made = set()
    for i, a in enumerate(corpus.articles):
        for tree, text in ((corpus.ours, ours_markdown(a)), (corpus.plain, plain_markdown(a))):
            folder = tree / "units" / a.unit / str(a.year)
            if folder not in made:
                folder.mkdir(parents=True, exist_ok=True)
                made.add(folder)
            path = tree / (a.ours_rel if tree == corpus.ours else a.rel)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        if a.image:
            photo = (corpus.ours / a.ours_rel).parent / a.image
            photo.write_bytes(photos[i % len(photos)])
            # A copy, not a hard link: the allow-list refuses hard links (st_nlink > 1) in content/.
            (corpus.plain / "units" / a.unit / str(a.year) / a.image).write_bytes(photos[i % len(photos)])
    return corpus


def generate(root: Path, n: int = 2000, seed: int = 2024) -> Corpus:
    return write(plan(n, seed), root)

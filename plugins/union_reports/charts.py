"""The report's two charts, articles per unit and per month, for every output.

``chart_data(report)`` is the one source of the bars (the HTML page draws it as SVG, the XLSX as a
native chart, the DOCX as a picture), and each output puts the same figures in a table beside the
chart, so a reader who cannot see the picture loses nothing. ``bar_chart_png`` draws a picture with
Pillow (already pinned for photos): horizontal bars, a value at the end of each, Vietnamese labels in
the theme's font and identity colour (``chart_style(theme, settings)``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

TEXT_COLOUR = (26, 26, 26)
GRID_COLOUR = (190, 190, 190)
BAR_PROPERTY = "cdct-blue-700"  # the identity colour of the bars (a name in IDENTITY_COLORS)


@dataclass(frozen=True)
class ChartStyle:
    bar: tuple = (11, 61, 145)
    regular: Path | None = None  # TTF with Vietnamese letters; None: Pillow's own font
    bold: Path | None = None

    @property
    def bar_hex(self) -> str:
        return "".join(f"{c:02X}" for c in self.bar)


def chart_style(theme: Path, settings: dict) -> ChartStyle:
    """The bar colour from the IDENTITY_COLORS setting and the theme's Noto Sans fonts, where it has them."""
    from site_core.identity import identity_rgb  # noqa: PLC0415 - the one reader of the identity colours

    theme = Path(theme)
    colours = identity_rgb(settings)
    fonts = [theme / "static/fonts" / name for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")]
    regular, bold = (f if f.is_file() else None for f in fonts)
    return ChartStyle(tuple(colours.get(BAR_PROPERTY, ChartStyle.bar))[:3], regular, bold or regular)


@dataclass(frozen=True)
class Chart:
    title: str
    description: str  # one sentence for assistive technology (SVG <desc>, picture alt text)
    label_header: str
    value_header: str
    bars: tuple  # ((label, value), ...)

    @property
    def top(self) -> int:
        return max((value for _, value in self.bars), default=0)


def chart_data(report: dict) -> dict[str, Chart]:
    """``{"units": Chart, "months": Chart}`` for a report dict (counting.build_report)."""
    period = report["period"]["label"]
    units = tuple((u["short_name"] or u["name"], u["own"]["total"]) for u in report["units"])
    months = tuple((m["label"], m["total"]) for m in report["months"])
    busiest = max(units, key=lambda bar: bar[1], default=("", 0))
    peak = max(months, key=lambda bar: bar[1], default=("", 0))
    return {
        "units": Chart(
            f"Số bài của từng đơn vị, {period.lower()}",
            f"Biểu đồ cột ngang: số bài đã đăng của {len(units)} đơn vị; nhiều nhất là {busiest[0]} "
            f"với {busiest[1]} bài. Số liệu đầy đủ ở bảng bên cạnh.",
            "Đơn vị", "Số bài", units),
        "months": Chart(
            f"Số bài theo tháng, {period.lower()}",
            f"Biểu đồ cột ngang: số bài đã đăng mỗi tháng của toàn Công đoàn; nhiều nhất là {peak[0].lower()} "
            f"với {peak[1]} bài. Số liệu đầy đủ ở bảng bên cạnh.",
            "Tháng", "Số bài", months),
    }


def _font(font_path: Path | None, size: int):
    from PIL import ImageFont  # noqa: PLC0415 - only needed when the DOCX is written

    if font_path and Path(font_path).is_file():
        return ImageFont.truetype(str(font_path), size)
    return ImageFont.load_default(size)


def bar_chart_png(chart: Chart, style: ChartStyle = ChartStyle(), width: int = 1600) -> bytes:
    """A PNG of ``chart`` as horizontal bars, ``width`` pixels wide.

    Laid out on a 560-point-wide canvas, so that printed 15–16 cm wide its labels read at about 10 pt.
    """
    from PIL import Image, ImageDraw  # noqa: PLC0415

    scale = width / 560
    font, bold = _font(style.regular, round(13 * scale)), _font(style.bold, round(14 * scale))
    probe = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    text_width = lambda text, f=font: probe.textlength(text, font=f)  # noqa: E731
    row, gap = round(21 * scale), round(5 * scale)
    pad = round(9 * scale)
    label_w = min(max((text_width(label) for label, _ in chart.bars), default=0), width * 0.42)
    value_w = text_width(str(max(chart.top, 0))) + pad
    title_h = round(24 * scale)
    height = int(title_h + pad + row * max(len(chart.bars), 1) + pad)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((pad, pad // 2), chart.title, fill=TEXT_COLOUR, font=bold)
    x0 = pad + label_w + pad
    span = width - x0 - value_w - pad
    top = chart.top or 1
    y = title_h + pad
    draw.line([(x0, y - gap // 2), (x0, y + row * len(chart.bars))], fill=GRID_COLOUR, width=max(1, round(scale)))
    for label, value in chart.bars:
        shown = label
        while text_width(shown) > label_w and len(shown) > 2:
            shown = shown[:-2] + "…"
        middle = y + row / 2
        draw.text((x0 - pad, middle), shown, fill=TEXT_COLOUR, font=font, anchor="rm")
        bar = span * value / top
        if value:
            draw.rectangle([x0, y + gap / 2, x0 + bar, y + row - gap / 2], fill=style.bar)
        draw.text((x0 + bar + pad / 2, middle), str(value), fill=TEXT_COLOUR, font=font, anchor="lm")
        y += row
    buffer = io.BytesIO()
    # zlib's default level, not optimize=True: at 1,600 px optimize took 0.6 s per chart (1.2 s of every
    # publish build) to save 2 % of the PNG's size (docs/performance.md).
    image.save(buffer, "PNG", dpi=(254, 254))
    return buffer.getvalue()

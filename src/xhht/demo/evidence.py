"""Evidence files for the demo, drawn by our own code: no real document, no real person."""

from __future__ import annotations

import io
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont

_FONTS = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
]


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in _FONTS:
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default()


def _page(lines: list[str], size: tuple[int, int]) -> Image.Image:
    image = Image.new("RGB", size, (253, 246, 227))
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.rectangle((12, 12, width - 13, height - 13), outline=(180, 30, 30), width=6)
    font, small = _font(30), _font(20)
    y = 60
    for number, line in enumerate(lines):
        chosen = font if number == 0 else small
        box = draw.textbbox((0, 0), line, font=chosen)
        draw.text(((width - (box[2] - box[0])) / 2, y), line, fill=(120, 20, 20), font=chosen)
        y += 60 if number == 0 else 36
    draw.text(
        (40, height - 50),
        "Ảnh minh họa của bản demo XHHT — không phải giấy tờ thật",
        fill=(90, 90, 90),
        font=_font(16),
    )
    return image


def photo(title: str, subject: str, year: int) -> SimpleUploadedFile:
    """A JPEG "photo" of a certificate of merit for ``subject``."""
    buffer = io.BytesIO()
    _page(["GIẤY KHEN", subject, title, f"Năm {year}"], (800, 560)).save(
        buffer, format="JPEG", quality=80
    )
    return SimpleUploadedFile("giay-khen.jpg", buffer.getvalue(), content_type="image/jpeg")


def minutes_pdf(title: str, subject: str, year: int) -> SimpleUploadedFile:
    """A one-page PDF "minutes of the hamlet meeting" about ``subject``."""
    buffer = io.BytesIO()
    lines = ["BIÊN BẢN HỌP THÔN", f"Bình xét {title.lower()} năm {year}", subject]
    _page(lines, (827, 1169)).save(buffer, format="PDF", resolution=100.0)
    return SimpleUploadedFile("bien-ban-hop.pdf", buffer.getvalue(), content_type="application/pdf")

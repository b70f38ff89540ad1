"""The membership application and the biennial progress report as DOCX, in English or
Vietnamese (python-docx, the fonts and page of ``core.nd30``). Both follow the profile's
sections (``features.SECTIONS``): each gives its live figures in a table (the application:
the year; the report: the two years of the period) and the province's text in the document's
language. Numbers are written as the language writes them (``figures.Figure.formatted``)."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from xhht.core import nd30
from xhht.core.nd30 import paragraph
from xhht.learning_city.features import AREA_TITLES, SECTIONS, Area, sections_of
from xhht.learning_city.figures import Figure, format_count
from xhht.learning_city.models import CityProfile

CENTER = WD_ALIGN_PARAGRAPH.CENTER
LANGS = ("vi", "en")
KINDS = ("application", "report")

WORDS: dict[str, dict[str, str]] = {
    "application": {
        "vi": "HỒ SƠ ĐĂNG KÝ THAM GIA MẠNG LƯỚI THÀNH PHỐ HỌC TẬP TOÀN CẦU CỦA UNESCO",
        "en": "MEMBERSHIP APPLICATION FOR THE UNESCO GLOBAL NETWORK OF LEARNING CITIES",
    },
    "report": {
        "vi": "BÁO CÁO TIẾN ĐỘ HAI NĂM – THÀNH PHỐ HỌC TẬP UNESCO",
        "en": "UNESCO LEARNING CITIES BIENNIAL PROGRESS REPORT",
    },
    "prepared": {
        "vi": "Lập bằng hệ thống XHHT {date}. Số liệu trong các bảng được tính từ cơ sở dữ liệu "
        "của tỉnh, thành phố; phần lời do tỉnh, thành phố viết.",
        "en": "Prepared with XHHT on {date}. The figures in the tables are computed from the "
        "province's records; the texts are written by the province.",
    },
    "period": {"vi": "Kỳ báo cáo: năm {a} và năm {b}", "en": "Reporting period: {a} and {b}"},
    "your_city": {"vi": "1. Thông tin về thành phố", "en": "1. Your city"},
    "city_profile": {"vi": "2. Số liệu về thành phố", "en": "2. Your city profile"},
    "key_features": {
        "vi": "3. Hồ sơ theo các Đặc điểm chính của thành phố học tập",
        "en": "3. Profile along the Key Features of Learning Cities",
    },
    "city": {"vi": "Tên thành phố", "en": "Name of city"},
    "country": {"vi": "Quốc gia", "en": "Country"},
    "country_name": {"vi": "Việt Nam", "en": "Viet Nam"},
    "website": {"vi": "Trang thông tin điện tử", "en": "Official city website"},
    "mayor": {"vi": "Chủ tịch UBND", "en": "Mayor"},
    "contact": {"vi": "Người liên hệ", "en": "Contact person"},
    "data_year": {"vi": "Năm số liệu", "en": "Data year"},
    "area": {"vi": "Diện tích (km²)", "en": "Area (square kilometres)"},
    "gdp": {
        "vi": "GRDP bình quân đầu người (USD)",
        "en": "GDP per capita in the city (US dollars)",
    },
    "schooling_men": {
        "vi": "Số năm đi học bình quân – nam",
        "en": "Average years of schooling – men",
    },
    "schooling_women": {
        "vi": "Số năm đi học bình quân – nữ",
        "en": "Average years of schooling – women",
    },
    "indicator": {"vi": "Chỉ số", "en": "Indicator"},
    "value": {"vi": "Số liệu", "en": "Figure"},
    "no_text": {
        "vi": "(Tỉnh, thành phố chưa viết nội dung này.)",
        "en": "(Not yet written by the city.)",
    },
}


@dataclass(frozen=True)
class Content:
    """What a document is built from: the profile (may be unsaved), the texts by section and
    the figures by year."""

    profile: CityProfile
    texts: dict[str, tuple[str, str]]
    figures: dict[int, dict[str, Figure]]
    today: datetime.date


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip  # not the locale's


def long_date(day: datetime.date, lang: str) -> str:
    if lang == "vi":
        return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _number(value: int | Decimal | None, lang: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        text = f"{value.normalize():f}"
        return text.replace(".", ",") if lang == "vi" else text
    return format_count(value, lang)


#: Column widths (cm) by number of columns: the label wide, the figures narrow; 16.5 cm in all.
WIDTHS = {2: (10.5, 6.0), 3: (9.5, 3.5, 3.5)}


def _table(document: DocxDocument, rows: list[list[str]], *, header: list[str] | None) -> None:
    """A bordered table with fixed columns (``nd30.fixed_table``), the header row bold, the
    figures right-aligned."""
    widths = [Cm(w) for w in WIDTHS[len(rows[0])]]
    lines = [header, *rows] if header else rows
    table = nd30.fixed_table(document, len(lines), widths)
    table.style = "Table Grid"
    for number, values in enumerate(lines):
        for column, (cell, text) in enumerate(zip(table.rows[number].cells, values, strict=True)):
            cell.text = ""
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(12)
            run.bold = bool(header) and number == 0
            if column:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _heading(document: DocxDocument, text: str) -> None:
    paragraph(document, text, bold=True, keep_with_next=True, space_after=6)


def _city_name(content: Content, lang: str) -> str:
    if lang == "en" and content.profile.name_en:
        return content.profile.name_en
    return content.profile.place.name


def _part_one(document: DocxDocument, content: Content, lang: str, year: int) -> None:
    p = content.profile
    _heading(document, WORDS["your_city"][lang])
    mayor = ", ".join(x for x in (p.mayor_name, p.mayor_title) if x) or "—"
    contact = ", ".join(
        x
        for x in (
            p.contact_name,
            p.contact_title,
            p.contact_organisation,
            p.contact_email,
            p.contact_phone,
        )
        if x
    )
    rows = [
        [WORDS["city"][lang], _city_name(content, lang)],
        [WORDS["country"][lang], WORDS["country_name"][lang]],
        [WORDS["website"][lang], p.website or "—"],
        [WORDS["mayor"][lang], mayor],
        [WORDS["contact"][lang], contact or "—"],
    ]
    _table(document, rows, header=None)
    paragraph(document, "")
    _heading(document, WORDS["city_profile"][lang])
    population = content.figures[year]["population"]
    rows = [
        [WORDS["data_year"][lang], str(year)],
        [population.label(lang), population.formatted(lang)],
        [WORDS["area"][lang], _number(p.area_km2, lang)],
        [WORDS["gdp"][lang], _number(p.gdp_per_capita_usd, lang)],
        [WORDS["schooling_men"][lang], _number(p.schooling_years_men, lang)],
        [WORDS["schooling_women"][lang], _number(p.schooling_years_women, lang)],
    ]
    _table(document, rows, header=None)
    paragraph(document, "")


def _section(
    document: DocxDocument, content: Content, key: str, lang: str, years: list[int]
) -> None:
    section = next(s for s in SECTIONS if s.key == key)
    _heading(document, section.title[lang])
    if section.figures:
        rows = [
            [content.figures[years[0]][code].label(lang)]
            + [content.figures[y][code].formatted(lang) for y in years]
            for code in section.figures
        ]
        header = [WORDS["indicator"][lang]] + (
            [str(y) for y in years] if len(years) > 1 else [WORDS["value"][lang]]
        )
        _table(document, rows, header=header)
        paragraph(document, "", size=6)
    vi, en = content.texts.get(key, ("", ""))
    text = vi if lang == "vi" else en
    for block in (text or WORDS["no_text"][lang]).split("\n"):
        if block.strip():
            paragraph(document, block.strip(), italic=not text, space_after=4)
    paragraph(document, "")


def build(content: Content, *, kind: str, lang: str, year: int) -> bytes:
    """The application (``kind="application"``, figures of ``year``) or the biennial report
    (``kind="report"``, figures of ``year - 1`` and ``year``) in ``lang``."""
    if kind not in KINDS or lang not in LANGS:
        raise ValueError(f"unknown document {kind}/{lang}")
    document = nd30.new_document(size=13)
    paragraph(document, WORDS[kind][lang], bold=True, align=CENTER, space_after=6)
    paragraph(document, _city_name(content, lang), bold=True, align=CENTER, space_after=6)
    years = [year] if kind == "application" else [year - 1, year]
    if kind == "report":
        paragraph(document, WORDS["period"][lang].format(a=year - 1, b=year), align=CENTER)
    date = long_date(content.today, lang)
    paragraph(
        document, WORDS["prepared"][lang].format(date=date), italic=True, size=11, space_after=12
    )
    if kind == "application":
        _part_one(document, content, lang, year)
        for section in sections_of(Area.APPLICATION):
            _section(document, content, section.key, lang, years)
        _heading(document, WORDS["key_features"][lang])
    for area in (Area.BENEFITS, Area.BUILDING_BLOCKS, Area.CONDITIONS):
        paragraph(document, AREA_TITLES[area][lang].upper(), bold=True, space_after=6)
        for section in sections_of(area):
            _section(document, content, section.key, lang, years)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

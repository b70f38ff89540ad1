"""The recognition file's documents as DOCX in the NĐ 30/2020/NĐ-CP layout (``core.nd30``):
the commune's self-check record (biên bản tự kiểm tra) and request (tờ trình đề nghị công nhận),
and the province's decision (quyết định công nhận). The figures are the file's, frozen when it was
submitted (``reports.thaw``). Numbers, names of signers and members are left for the office to
fill; the legal bases cited are those confirmed in ../shared/research/vn-criteria.md §7–8.

Who recognises a commune since 1/7/2025 (when the districts were abolished) was not found in a
legal source: the decision is issued by the province's people's committee, as the workflow
(``pcgd.recognition``) routes it, and says nothing more about the authority than its bases.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from xhht.core import nd30
from xhht.core.nd30 import Line, paragraph
from xhht.core.text import vi_number
from xhht.pcgd.models import StandardCode, school_year_label
from xhht.pcgd.reports import StandardLine
from xhht.places.models import Place

CENTER = WD_ALIGN_PARAGRAPH.CENTER
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
BASES = (
    "Căn cứ Nghị định số 20/2014/NĐ-CP ngày 24 tháng 3 năm 2014 của Chính phủ về phổ cập giáo "
    "dục, xóa mù chữ;",
    "Căn cứ Thông tư số 07/2016/TT-BGDĐT ngày 22 tháng 3 năm 2016 của Bộ trưởng Bộ Giáo dục và "
    "Đào tạo quy định về điều kiện bảo đảm và nội dung, quy trình, thủ tục kiểm tra công nhận "
    "đạt chuẩn phổ cập giáo dục, xóa mù chữ;",
)
TABLE_HEADERS = ("Chuẩn", "Đối tượng", "Số đạt/Tổng số", "Tỷ lệ (%)", "Tỷ lệ tối thiểu (%)")
TABLE_WIDTHS = (Cm(3.6), Cm(5.6), Cm(2.6), Cm(2.0), Cm(2.7))
NO_THRESHOLD = "chưa có ngưỡng"


def long_date(day: datetime.date) -> str:
    """ "ngày 05 tháng 02 năm 2026": a zero before days below 10 and months 1 and 2."""
    dd = f"{day.day:02d}" if day.day < 10 else str(day.day)
    mm = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {dd} tháng {mm} năm {day.year}"


def standards_text(codes: Sequence[str]) -> str:
    return "; ".join(str(StandardCode(code).label).lower() for code in codes)


def _percent(value: object) -> str:
    return vi_number(value) if value is not None else "—"


def results_table(document: DocxDocument, standards: Sequence[StandardLine]) -> None:
    """One row per cohort rate of each standard: figures, rate and threshold."""
    table = nd30.fixed_table(document, 1, TABLE_WIDTHS)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, TABLE_HEADERS, strict=True):
        cell.paragraphs[0].alignment = CENTER
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, Pt(11)
    for standard in standards:
        for index, line in enumerate(standard.lines):
            threshold = (NO_THRESHOLD if line.threshold is None else _percent(line.threshold)) + (
                " (tỉnh nhập)" if line.by_province else ""
            )
            values = (
                standard.label if index == 0 else "",
                line.label,
                f"{vi_number(line.numerator)}/{vi_number(line.denominator)}",
                _percent(line.rate),
                threshold,
            )
            cells = table.add_row().cells  # type: ignore[no-untyped-call]  # python-docx's add_row is unannotated
            for column, (cell, text) in enumerate(zip(cells, values, strict=True)):
                cell.width = TABLE_WIDTHS[column]
                run = cell.paragraphs[0].add_run(text)
                run.font.size = Pt(11)
                if column >= 2:
                    cell.paragraphs[0].alignment = RIGHT


def _title(document: DocxDocument, title: str, subtitle: str) -> None:
    paragraph(document, "")
    paragraph(document, title, bold=True, align=CENTER)
    paragraph(document, subtitle, bold=True, align=CENTER)
    paragraph(document, "_" * 10, size=10, align=CENTER, space_after=6)


def _save(document: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _committee(commune: Place) -> str:
    return f"Ủy ban nhân dân {commune.name}"


def self_check_docx(
    *,
    commune: Place,
    school_year: int,
    codes: Sequence[str],
    standards: Sequence[StandardLine],
    today: datetime.date,
) -> bytes:
    """Biên bản tự kiểm tra: the commune's steering committee checks its own figures."""
    document = nd30.new_document(size=14)
    nd30.header(
        document,
        parent_body=_committee(commune),
        issuer="Ban Chỉ đạo phổ cập giáo dục, xóa mù chữ",
        number_line="Số:        /BB-BCĐ",
        place_date=f"{nd30.place_name(commune.name)}, {long_date(today)}",
    )
    _title(
        document,
        "BIÊN BẢN",
        "Tự kiểm tra kết quả phổ cập giáo dục, xóa mù chữ năm học "
        f"{school_year_label(school_year)}",
    )
    paragraph(
        document,
        f"Hôm nay, {long_date(today)}, Ban Chỉ đạo phổ cập giáo dục, xóa mù chữ "
        f"{commune.name} tiến hành tự kiểm tra kết quả thực hiện phổ cập giáo dục, xóa mù chữ "
        f"năm học {school_year_label(school_year)} theo Nghị định số 20/2014/NĐ-CP và "
        "Thông tư số 07/2016/TT-BGDĐT.",
        space_after=6,
    )
    paragraph(document, "I. THÀNH PHẦN", bold=True, keep_with_next=True, space_after=6)
    paragraph(document, "(Ghi họ tên, chức vụ các thành viên tham gia kiểm tra.)", italic=True)
    paragraph(document, "")
    paragraph(document, "II. KẾT QUẢ KIỂM TRA", bold=True, keep_with_next=True, space_after=6)
    results_table(document, [s for s in standards if s.lines])
    paragraph(document, "")
    paragraph(document, "III. KẾT LUẬN", bold=True, keep_with_next=True, space_after=6)
    reached = [s for s in standards if s.reached]
    paragraph(
        document,
        f"{commune.name} đạt chuẩn: {standards_text([s.code for s in reached])}."
        if reached
        else f"{commune.name} chưa đạt chuẩn phổ cập giáo dục, xóa mù chữ nào.",
        space_after=6,
    )
    paragraph(
        document,
        f"Đề nghị công nhận: {standards_text(codes)}.",
        space_after=6,
    )
    paragraph(document, "", keep_with_next=True)
    signers = nd30.fixed_table(document, 1, (Cm(8), Cm(8.5)))
    for cell, lines in zip(
        signers.rows[0].cells,
        (
            [Line("THƯ KÝ", bold=True, size=13), *[Line("", size=13)] * 4],
            [Line("TRƯỞNG BAN", bold=True, size=13), *[Line("", size=13)] * 4],
        ),
        strict=True,
    ):
        cell.paragraphs[0].alignment = CENTER
        for index, line in enumerate(lines):
            target = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            target.alignment = CENTER
            run = target.add_run(line.text)
            run.bold = line.bold
    return _save(document)


def request_docx(
    *,
    commune: Place,
    province: Place,
    school_year: int,
    codes: Sequence[str],
    standards: Sequence[StandardLine],
    today: datetime.date,
) -> bytes:
    """Tờ trình đề nghị công nhận: the commune's people's committee asks the province."""
    document = nd30.new_document(size=14)
    nd30.header(
        document,
        parent_body="",
        issuer=_committee(commune),
        number_line="Số:        /TTr-UBND",
        place_date=f"{nd30.place_name(commune.name)}, {long_date(today)}",
    )
    _title(
        document,
        "TỜ TRÌNH",
        f"Đề nghị công nhận {commune.name} đạt chuẩn phổ cập giáo dục, xóa mù chữ "
        f"năm học {school_year_label(school_year)}",
    )
    paragraph(
        document,
        f"Kính gửi: Ủy ban nhân dân {province.name}.",
        align=CENTER,
        space_after=6,
    )
    for basis in BASES:
        paragraph(document, basis, italic=True, space_after=6)
    paragraph(
        document,
        f"Căn cứ kết quả tự kiểm tra của Ban Chỉ đạo phổ cập giáo dục, xóa mù chữ {commune.name}, "
        f"Ủy ban nhân dân {commune.name} báo cáo kết quả như sau:",
        space_after=6,
    )
    results_table(document, [s for s in standards if s.code in codes])
    paragraph(document, "")
    paragraph(
        document,
        f"Ủy ban nhân dân {commune.name} kính đề nghị Ủy ban nhân dân {province.name} kiểm tra, "
        f"công nhận {commune.name} đạt chuẩn {standards_text(codes)} năm học "
        f"{school_year_label(school_year)}.",
        space_after=6,
    )
    paragraph(document, "", keep_with_next=True)
    signer = [Line("TM. ỦY BAN NHÂN DÂN", bold=True, size=14), Line("CHỦ TỊCH", bold=True)]
    signer += [Line("", size=14)] * 4
    nd30.closing(document, recipients=["- Như trên;", "- Lưu: VT."], signer=signer)
    return _save(document)


def decision_docx(
    *,
    commune: Place,
    province: Place,
    school_year: int,
    codes: Sequence[str],
    decision_number: str,
    decision_date: datetime.date,
) -> bytes:
    """Quyết định công nhận: the province recognises the commune for the file's standards."""
    document = nd30.new_document(size=14)
    nd30.header(
        document,
        parent_body="",
        issuer=f"Ủy ban nhân dân {province.name}",
        number_line=f"Số: {decision_number}",
        place_date=f"{nd30.place_name(province.name)}, {long_date(decision_date)}",
    )
    _title(
        document,
        "QUYẾT ĐỊNH",
        f"Công nhận {commune.name} đạt chuẩn phổ cập giáo dục, xóa mù chữ năm học "
        f"{school_year_label(school_year)}",
    )
    paragraph(
        document,
        f"CHỦ TỊCH ỦY BAN NHÂN DÂN {province.name.upper()}",
        bold=True,
        align=CENTER,
        space_after=6,
    )
    for basis in BASES:
        paragraph(document, basis, italic=True, space_after=6)
    paragraph(
        document,
        f"Xét Tờ trình của Ủy ban nhân dân {commune.name} và kết quả kiểm tra hồ sơ,",
        italic=True,
        space_after=6,
    )
    paragraph(document, "QUYẾT ĐỊNH:", bold=True, align=CENTER, space_after=6)
    paragraph(
        document,
        f"Điều 1. Công nhận {commune.name} đạt chuẩn {standards_text(codes)} năm học "
        f"{school_year_label(school_year)}.",
        space_after=6,
    )
    paragraph(document, "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.", space_after=6)
    paragraph(
        document,
        f"Điều 3. Chánh Văn phòng Ủy ban nhân dân {province.name}, Giám đốc Sở Giáo dục và Đào "
        f"tạo, Chủ tịch Ủy ban nhân dân {commune.name} và các cơ quan, đơn vị có liên quan chịu "
        "trách nhiệm thi hành Quyết định này.",
        space_after=6,
    )
    paragraph(document, "", keep_with_next=True)
    signer = [Line("CHỦ TỊCH", bold=True, size=14), *[Line("", size=14)] * 4]
    nd30.closing(
        document,
        recipients=["- Như Điều 3;", "- Lưu: VT."],
        signer=signer,
    )
    return _save(document)

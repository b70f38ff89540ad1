"""The commendation decision as DOCX in the layout of NĐ 30/2020 (``core.nd30``): a Giấy khen of
the commune chairman or a Bằng khen of the province chairman for one nominated person or
collective.

The legal bases: Luật Thi đua, khen thưởng (số 06/2022/QH15, ngày 15/6/2022) and Nghị định
98/2023/NĐ-CP (ngày 31/12/2023) that details it; the local-government law as recognition's
decisions cite it (``recognition.documents.content``).
"""

from __future__ import annotations

from io import BytesIO

from docx.enum.text import WD_ALIGN_PARAGRAPH

from xhht.commendation.models import Award, Nomination
from xhht.core import nd30
from xhht.core.nd30 import Line, paragraph
from xhht.places.models import Level
from xhht.recognition.documents.content import (
    LOCAL_GOVERNMENT_2025,
    LOCAL_GOVERNMENT_LAW,
    LOCAL_GOVERNMENT_LAW_2015,
    vn_date,
)

CENTER = WD_ALIGN_PARAGRAPH.CENTER
EMULATION_LAW = "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"
EMULATION_DECREE = (
    "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi "
    "hành một số điều của Luật Thi đua, khen thưởng"
)
AWARD_WORD = {Award.COMMUNE_CERTIFICATE: "Giấy khen", Award.PROVINCE_CERTIFICATE: "Bằng khen"}


def subject_line(nomination: Nomination) -> str:
    """Who is commended and where: “Ông/Bà Nguyễn Văn An, Khu vực 1, Phường Ninh Kiều”."""
    name = nomination.subject_name()
    place = nomination.place
    where = (
        place.name if place.level == Level.COMMUNE else f"{place.name}, {nomination.commune.name}"
    )
    if nomination.person is not None:
        honorific = {"M": "Ông", "F": "Bà"}.get(nomination.person.sex, "Ông/Bà")
        return f"{honorific} {name}, {where}"
    return f"{name}, {where}"


def decision_docx(nomination: Nomination) -> bytes:
    award = AWARD_WORD[Award(nomination.award)]
    issuer = nomination.issuer
    date = nomination.decision_date
    assert date is not None  # noqa: S101 - a decided nomination has its date
    document = nd30.new_document(size=14)
    nd30.header(
        document,
        parent_body="",
        issuer=issuer,
        number_line=f"Số: {nomination.decision_number}",
        place_date=f"{nd30.place_name(_dated_at(nomination))}, {vn_date(date)}",
    )
    paragraph(document, "")
    paragraph(document, "QUYẾT ĐỊNH", bold=True, align=CENTER)
    paragraph(document, f"Về việc tặng {award}", bold=True, align=CENTER)
    paragraph(document, "_" * 10, size=10, align=CENTER, space_after=6)
    paragraph(document, nomination.signer_title.upper() or "CHỦ TỊCH", bold=True, align=CENTER)
    paragraph(document, issuer.upper(), bold=True, align=CENTER, space_after=6)
    law = LOCAL_GOVERNMENT_LAW if date >= LOCAL_GOVERNMENT_2025 else LOCAL_GOVERNMENT_LAW_2015
    bases = [f"Căn cứ {law};", f"Căn cứ {EMULATION_LAW};", f"Căn cứ {EMULATION_DECREE};"]
    bases.append(
        f"Xét đề nghị của Hội đồng Thi đua - Khen thưởng {nomination.commune.name} về thành tích "
        f"trong phong trào thi đua “{nomination.movement.name}”."
    )
    for basis in bases:
        paragraph(document, basis, italic=True, space_after=6)
    paragraph(document, "QUYẾT ĐỊNH:", bold=True, align=CENTER, space_after=6)
    articles = [
        f"Điều 1. Tặng {award} cho {subject_line(nomination)}, đã có thành tích xuất sắc trong "
        f"phong trào thi đua “{nomination.movement.name}”, là gương điển hình tiên tiến.",
        f"Thành tích: {' '.join(nomination.achievements.split())}",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        f"Điều 3. Chánh Văn phòng, thủ trưởng các cơ quan, đơn vị có liên quan và "
        f"{nomination.subject_name()} chịu trách nhiệm thi hành Quyết định này.",
    ]
    for article in articles:
        paragraph(document, article, space_after=6)
    paragraph(document, "", keep_with_next=True)
    signer = [Line(nomination.signer_title.upper() or "CHỦ TỊCH", bold=True, size=14)]
    signer += [Line("", size=14)] * 4 + [Line(nomination.signer_name, bold=True, size=14)]
    nd30.closing(document, recipients=["- Như Điều 3;", "- Lưu: VT."], signer=signer)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _dated_at(nomination: Nomination) -> str:
    """The place the decision is dated at: the commune, or the province for a Bằng khen."""
    if nomination.award == Award.PROVINCE_CERTIFICATE:
        province = nomination.commune.parent
        while province is not None and province.level != Level.PROVINCE:
            province = province.parent
        return province.name if province is not None else nomination.commune.name
    return nomination.commune.name

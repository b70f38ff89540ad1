"""The text of a recognition decision in the format of Nghị định 30/2020/NĐ-CP, shared by DOCX and PDF."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from xhht.criteria.models import Title
from xhht.recognition.models import Assessment, Decision, State

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

#: The programme each title belongs to (QĐ 387/QĐ-TTg of 25/3/2022; QĐ 677/QĐ-TTg of 3/6/2022).
PROGRAMME = {
    Title.CITIZEN: "Quyết định số 677/QĐ-TTg ngày 03 tháng 6 năm 2022 của Thủ tướng Chính phủ phê duyệt Chương trình “Xây dựng mô hình Công dân học tập giai đoạn 2021 - 2030”",
}
DEFAULT_PROGRAMME = "Quyết định số 387/QĐ-TTg ngày 25 tháng 3 năm 2022 của Thủ tướng Chính phủ phê duyệt Chương trình “Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng đến năm 2030”"
SUBJECT_WORD = {
    Title.FAMILY: "hộ gia đình",
    Title.CLAN: "dòng họ",
    Title.COMMUNITY: "thôn, tổ dân phố",
    Title.UNIT: "đơn vị",
    Title.CITIZEN: "công dân",
    Title.COMMUNE: "xã, phường",
}


def vn_date(day: datetime.date) -> str:
    """ "ngày 05 tháng 3 năm 2023": NĐ 30 writes days below 10 and months 1–2 with a leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


@dataclass
class AnnexRow:
    number: int
    name: str
    where: str
    total: str


@dataclass
class DecisionText:
    parent_body: str
    issuing_body: str
    number_line: str
    place_date: str
    title: str
    subtitle: str
    authority: str
    bases: list[str]
    articles: list[str]
    recipients: list[str]
    signing_for: str
    signer_position: str
    signer_name: str
    annex_title: str
    annex_subtitle: str
    annex: list[AnnexRow] = field(default_factory=list)


def recognised_in(decision: Decision) -> list[Assessment]:
    """The subjects the decision recognised (revoked ones stay on it: the decision was signed so)."""
    return sorted(
        decision.assessments.filter(state__in=[State.RECOGNISED, State.REVOKED]).select_related(
            "place", "household", "clan", "unit", "person", "subject_place", "criteria_set"
        ),
        key=lambda a: (a.place.sort_key, a.subject_name()),
    )


def decision_text(decision: Decision) -> DecisionText:
    title = Title(decision.title)
    assessments = recognised_in(decision)
    word = SUBJECT_WORD[title]
    body = decision.issuing_body.upper()
    sets = sorted({a.criteria_set.name for a in assessments})
    bases = [f"Căn cứ {PROGRAMME.get(title, DEFAULT_PROGRAMME)};"]
    bases += [f"Căn cứ {name};" for name in sets]
    bases.append(
        f"Xét đề nghị của Hội đồng xét công nhận danh hiệu “{title.label}” năm {decision.year}."
    )
    validity = (
        f"Danh hiệu có giá trị đến {vn_date(decision.valid_until)}." if decision.valid_until else ""
    )
    articles = [
        f"Điều 1. Công nhận danh hiệu “{title.label}” năm {decision.year} cho {len(assessments)} {word} (có danh sách kèm theo).",
        f"Điều 2. Quyết định này có hiệu lực kể từ ngày ký. {validity}".strip(),
        f"Điều 3. Văn phòng {decision.issuing_body}, các cơ quan, đơn vị có liên quan và các {word} có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.",
    ]
    return DecisionText(
        parent_body=decision.parent_body.upper(),
        issuing_body=body,
        number_line=f"Số: {decision.number}",
        place_date=f"{decision.place_name}, {vn_date(decision.date)}",
        title="QUYẾT ĐỊNH",
        subtitle=f"Về việc công nhận danh hiệu “{title.label}” năm {decision.year}",
        authority=f"{decision.signer_position.upper()} {body}".strip(),
        bases=bases,
        articles=articles,
        recipients=["- Như Điều 3;", "- Lưu: VT."],
        signing_for=_signing_for(decision),
        signer_position=decision.signer_position.upper(),
        signer_name=decision.signer_name,
        annex_title=f"DANH SÁCH {word.upper()} ĐƯỢC CÔNG NHẬN DANH HIỆU “{title.label.upper()}” NĂM {decision.year}",
        annex_subtitle=f"(Kèm theo Quyết định số {decision.number} {vn_date(decision.date)} của {decision.issuing_body})",
        annex=[
            AnnexRow(n, a.subject_name(), a.place.name, _points(a))
            for n, a in enumerate(assessments, start=1)
        ],
    )


def _signing_for(decision: Decision) -> str:
    body = decision.issuing_body.upper()
    if body.startswith("ỦY BAN NHÂN DÂN"):
        return "TM. ỦY BAN NHÂN DÂN"
    return ""


def _points(assessment: Assessment) -> str:
    if assessment.total is None:
        return ""
    text = (
        f"{assessment.total:f}".rstrip("0").rstrip(".")
        if "." in f"{assessment.total:f}"
        else f"{assessment.total:f}"
    )
    return text.replace(".", ",")

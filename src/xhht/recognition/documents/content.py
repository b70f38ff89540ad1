"""The text of a recognition decision in the format of Nghị định 30/2020/NĐ-CP, shared by DOCX and PDF."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from xhht.core import nd30
from xhht.core.nd30 import MOTTO as MOTTO
from xhht.core.nd30 import NATIONAL_NAME as NATIONAL_NAME
from xhht.criteria.models import ILLUSTRATIVE_NOTICE, CriteriaSet, Title
from xhht.recognition.models import Assessment, Decision, State
from xhht.recognition.models.assessment import household_name
from xhht.registry.models import Household, Person

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


#: Luật Tổ chức chính quyền địa phương: the 2025 law (số 72/2025/QH15, in force from
#: 01/7/2025) for decisions from that day, the 2015 law and its 2019 amendment before it.
LOCAL_GOVERNMENT_2025 = datetime.date(2025, 7, 1)
LOCAL_GOVERNMENT_LAW = "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"
LOCAL_GOVERNMENT_LAW_2015 = (
    "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số "
    "điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 "
    "năm 2019"
)
#: The kind of a legal document, read from its symbol ("448/QĐ-KHVN" is a Quyết định).
DOCUMENT_KINDS = [
    ("TTLT", "Thông tư liên tịch"),
    ("QĐ", "Quyết định"),
    ("TT", "Thông tư"),
    ("NĐ", "Nghị định"),
    ("CT", "Chỉ thị"),
    ("KH", "Kế hoạch"),
    ("HD", "Hướng dẫn"),
    ("NQ", "Nghị quyết"),
]


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
    issuer_lines: list[str]
    parent_lines: list[str]
    illustrative: str
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
    sets = {a.criteria_set_id: a.criteria_set for a in assessments}.values()
    bases = legal_bases(decision, title, list(sets))
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
        place_date=place_date(decision),
        title="QUYẾT ĐỊNH",
        issuer_lines=nd30.issuer_lines(decision.issuing_body),
        parent_lines=nd30.issuer_lines(decision.parent_body) if decision.parent_body else [],
        illustrative=str(ILLUSTRATIVE_NOTICE) if any(s.illustrative for s in sets) else "",
        subtitle=f"Về việc công nhận danh hiệu “{title.label}” năm {decision.year}",
        authority=f"{decision.signer_position.upper()} {body}".strip(),
        bases=bases,
        articles=articles,
        recipients=["- Như Điều 3;", "- Lưu: VT."],
        signing_for=signing_for(decision),
        signer_position=decision.signer_position.upper(),
        signer_name=decision.signer_name,
        annex_title=f"DANH SÁCH {word.upper()} ĐƯỢC CÔNG NHẬN DANH HIỆU “{title.label.upper()}” NĂM {decision.year}",
        annex_subtitle=f"(Kèm theo Quyết định số {decision.number} {vn_date(decision.date)} của {decision.issuing_body})",
        annex=[
            AnnexRow(n, a.subject_name(), a.place.name, _points(a))
            for n, a in enumerate(assessments, start=1)
        ],
    )


def place_date(decision: Decision) -> str:
    """ "Cái Khế, ngày 15 tháng 5 năm 2026": the place's name without its kind."""
    return f"{nd30.place_name(decision.place_name)}, {vn_date(decision.date)}"


def legal_bases(decision: Decision, title: Title, sets: list[CriteriaSet]) -> list[str]:
    """The "Căn cứ" lines: the law that gives the issuer its power, the programme, the legal
    documents that issued the criteria used (never a criteria set's own name), the proposal."""
    bases = []
    if decision.issuing_body.upper().startswith(nd30.COUNCIL):
        law = (
            LOCAL_GOVERNMENT_LAW
            if decision.date >= LOCAL_GOVERNMENT_2025
            else LOCAL_GOVERNMENT_LAW_2015
        )
        bases.append(f"Căn cứ {law};")
    bases.append(f"Căn cứ {PROGRAMME.get(title, DEFAULT_PROGRAMME)};")
    cited = sorted({citation for s in sets if (citation := criteria_citation(s))})
    bases += [f"Căn cứ {citation};" for citation in cited]
    bases.append(
        f"Xét đề nghị của Hội đồng xét công nhận danh hiệu “{title.label}” năm {decision.year}."
    )
    return bases


def criteria_citation(criteria_set: CriteriaSet) -> str:
    """ "Quyết định số 448/QĐ-KHVN ngày 01 tháng 12 năm 2015 của …": the document that issued
    a set's criteria, or "" when the set names none."""
    symbol = criteria_set.legal_document.strip()
    if not symbol:
        return ""
    kind = next(
        (name for code, name in DOCUMENT_KINDS if re.search(rf"/{code}\b", symbol)), "Văn bản"
    )
    text = f"{kind} số {symbol}"
    if criteria_set.legal_date:
        text += f" {vn_date(criteria_set.legal_date)}"
    if criteria_set.legal_issuer:
        text += f" của {criteria_set.legal_issuer}"
    return text


def holder_name(assessment: Assessment) -> str:
    """The full name the certificate carries: a person's full name, "Hộ ông Bùi Hồng Hiền"
    (ông or bà from the head's sex in the registry), a clan, unit or place by its name."""
    subject = assessment.subject()
    if isinstance(subject, Person):
        return subject.full_name
    if isinstance(subject, Household):
        return household_name(subject)
    return str(subject)


def signing_for(decision: Decision) -> str:
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

"""Reporting duties: who reports to whom, how often and by when, as report types of the regime.

A duty is a sentence that says "báo cáo" with a period ("định kỳ 6 tháng, hằng năm", "hằng quý",
"định kỳ") or a due ("trước ngày 11 tháng 12 năm 2023", "trong tháng 01 năm sau", "trước ngày
15/12 hằng năm"). The reporters are the task's body or the sentence's subject ("Đề nghị các sở,
ban, ngành Thành phố, Ủy ban nhân dân quận, huyện … báo cáo"); a body that stands for a level
("Ủy ban nhân dân các xã, phường") gives ``reporter_level``. The receiver follows "báo cáo" or
"gửi … về"; "thông qua"/"qua" names the body that collects. A report "khi có khó khăn, vướng
mắc" is not a duty.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .bodies import (
    body_name,
    is_bare_body,
    lead_body,
    level_of,
    normalise,
    split_bodies,
    without_courtesy,
)
from .proposal import Frequency, PlaceLevel, ReportProposal, TaskProposal
from .structure import Node
from .textutil import fold_keep, strip_punct

_I = re.IGNORECASE
_SENTENCE = re.compile(r"(?<=\.)\s+(?=[A-ZĐÂƯỦ])")
# "quý" folds to "quy", as the "quy" of "quy định", "quy chế": never followed by those.
_QUARTERLY = re.compile(
    r"\b(?:hang|moi|dinh ky(?: hang| theo)?|theo tung) quy\b(?! (?:dinh|che|trinh|mo|hoach|tac))"
)
_HALF = re.compile(r"\b(?:0?6|sau) thang\b|\bnua nam\b")
_YEARLY = re.compile(r"\b(?:hang|hàng) nam\b|\bdinh ky nam\b|\bmoi nam\b|\bbao cao nam\b")
_PERIODIC = re.compile(r"\bdinh ky\b")
_AD_HOC = re.compile(r"kho khan|vuong mac|phat sinh|dot xuat|khi co yeu cau|khi duoc yeu cau")
_DAY_MONTH = r"(\d{1,2})\s*(?:/|-|\s+tháng\s+)\s*(\d{1,2})"
_FULL_DATE = re.compile(
    r"(?:trước|chậm\s+nhất(?:\s+là)?|không\s+quá|hoàn\s+thành\s+trước)\s+(?:ngày\s+)?"
    + _DAY_MONTH
    + r"\s*(?:/|-|\s+năm\s+)\s*(\d{4})",
    _I,
)
_YEARLY_DAY = re.compile(
    r"(?:trước|chậm\s+nhất(?:\s+là)?|không\s+quá|(?:thời\s+)?hạn\s+(?:gửi\s+)?(?:báo\s+cáo\s+)?(?:là)?)"
    r"\s+(?:ngày\s+)?" + _DAY_MONTH + r"\b(?!\s*(?:/|-|năm)\s*\d)",
    _I,
)
_MONTH_NEXT = re.compile(
    r"(?:trong|vào|trước\s+hết)\s+tháng\s+(\d{1,2})\s+(?:của\s+)?năm\s+sau", _I
)
_MONTH_YEAR = re.compile(r"(?:trong|vào|hết)\s+tháng\s+(\d{1,2})\s*(?:/|\s+năm\s+)\s*(\d{4})", _I)
_DAYS_AFTER = re.compile(
    r"(?:trong\s+(?:vòng\s+)?|sau\s+|chậm\s+nhất\s+)(\d{1,3})\s+ngày\s+(?:làm\s+việc\s+)?"
    r"(?:sau\s+|kể\s+từ\s+)?(?:khi\s+)?(?:kết\s+thúc|hết|cuối)",
    _I,
)
_CUTOFF = re.compile(
    r"(?:số\s+liệu\s+(?:tính|chốt)\s+(?:đến|từ\s+[^;.]{0,30}?đến)|chốt\s+số\s+liệu\s+(?:đến|vào|tại)?"
    r"|thời\s+điểm\s+(?:báo\s+cáo|chốt\s+số\s+liệu|lấy\s+số\s+liệu)\s+(?:là)?)"
    r"\s*(?:ngày\s+)?" + _DAY_MONTH,
    _I,
)
_ANY_DAY_MONTH = re.compile(
    r"(?:ngày\s+|trước\s+|và\s+)" + _DAY_MONTH + r"\b(?!\s*(?:/|-|năm)\s*\d)", _I
)
_YEAR = re.compile(r"\bnăm\s+(\d{4})\b", _I)
_VIA = re.compile(
    r"\(?\s*(?:thông\s+qua|qua)\s+(?P<via>[A-ZĐ][^();,.]{2,80}?)\s*(?:\)|,|;|\.|$|\s+(?:kết quả|tình hình|để|về))"
)
_TO_AFTER_VE = re.compile(
    r"\b(?:gửi\s+)?về\s+(?P<to>[A-ZĐỦ].+?)(?=\s+để\s|\s+nhằm\s|\s+trước\s|;|\.|,|\(|$)"
)
_TO_AFTER_REPORT = re.compile(
    r"báo\s+cáo\s+(?:về\s+)?(?P<to>[A-ZĐỦ].+?)(?=\s+kết\s+quả|\s+tình\s+hình|\s+về\s+việc|\s+trước\s|\s+định\s+kỳ|\s*\(|;|\.|,|$)"
)
_REPORTER_AFTER = re.compile(r"^(?:đề nghị|giao|yêu cầu)\s+", _I)
_REPORTER_STOP = re.compile(
    r",?\s+(?:căn cứ|chủ động|định kỳ|tổng hợp|báo cáo|gửi|theo dõi|có trách nhiệm|thực hiện|hằng|hàng|trước)\b",
    _I,
)


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE.split(text) if part.strip()]


def _frequency(folded: str) -> Frequency | None:
    if _QUARTERLY.search(folded):
        return "quarterly"
    if _HALF.search(folded) and ("bao cao" in folded or "dinh ky" in folded):
        return "half_yearly"
    if _YEARLY.search(folded):
        return "yearly"
    if _PERIODIC.search(folded):
        return ""
    return None


def _receiver(sentence: str) -> tuple[str, str]:
    """(receiver as written, the body that collects)."""
    via = _VIA.search(sentence)
    receiver = ""
    for pattern in (_TO_AFTER_VE, _TO_AFTER_REPORT):
        for match in pattern.finditer(sentence):
            name = strip_punct(match.group("to"))
            if name and not fold_keep(name).startswith(("ke hoach", "de an", "chuong trinh")):
                receiver = name
                break
        if receiver:
            break
    receiver = re.sub(r"\s*\(.*$", "", receiver).strip()
    first = split_bodies(receiver)
    body = strip_punct(via.group("via")) if via else (first[0] if first else receiver)
    return receiver, body


def _reporters(sentence: str, unit: str, sender: str | None, heading_body: str | None) -> list[str]:
    if sender:
        return [sender]
    for text in (sentence, unit):
        subject = _REPORTER_AFTER.sub("", without_courtesy(text.strip()))
        if (lead := lead_body(subject)) is not None:
            return split_bodies(lead) or [lead]
        stop = _REPORTER_STOP.search(subject)
        if stop and (names := split_bodies(subject[: stop.start()])):
            return names
    return [heading_body] if heading_body else []


def _report(
    sentence: str,
    unit: str,
    sender: str | None,
    defined: dict[str, str],
    heading_body: str | None = None,
) -> list[ReportProposal]:
    folded = fold_keep(sentence)
    if "bao cao" not in folded or _AD_HOC.search(folded):
        return []
    frequency = _frequency(folded)
    report = ReportProposal(from_="", to="", due="", text=sentence)
    if match := _FULL_DATE.search(sentence):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
        report.due = f"{year:04d}-{month:02d}-{day:02d}"
        report.due_day, report.due_month, report.year = day, month, year
    elif match := _MONTH_NEXT.search(sentence):
        report.due = f"tháng {int(match[1]):02d} năm sau"
        report.due_day, report.due_month, report.due_next_year = 31, int(match[1]), True
    elif match := _MONTH_YEAR.search(sentence):
        month, year = int(match[1]), int(match[2])
        report.due = f"{month:02d}/{year}"
        report.due_day, report.due_month, report.year = 31, month, year
    elif match := _YEARLY_DAY.search(sentence):
        report.due_day, report.due_month = int(match[1]), int(match[2])
        report.due = f"hằng năm trước {report.due_day:02d}/{report.due_month:02d}"
    if report.due_month is not None and not (1 <= report.due_month <= 12):
        return []
    if report.due_day is not None and frequency in (None, "", "yearly"):
        frequency = "yearly"
    if frequency is None:
        return []
    report.frequency = frequency
    if report.year is not None and frequency != "yearly":
        report.year = None  # "6 tháng … trước ngày 15/6/2024": the first period's date
    elif report.year is not None:
        _results_year(report, sentence)
    if match := _DAYS_AFTER.search(sentence):
        report.due_days_after = int(match[1])
    if match := _CUTOFF.search(sentence):
        report.cutoff_day, report.cutoff_month = int(match[1]), int(match[2])
    if frequency in ("half_yearly", "quarterly") and report.due_days_after is None:
        report.due_day = report.due_month = None  # the model counts days after the period
    receiver, receiver_body = _receiver(sentence)
    if not receiver:
        receiver, receiver_body = _receiver(unit)
    report.receiver = normalise(receiver, defined)
    report.receiver_body = normalise(receiver_body, defined)
    found = _reporters(sentence, unit, sender, heading_body)
    reporters = [normalise(name, defined) for name in found]
    levels = {level_of(name) for name in reporters} - {""}
    level: PlaceLevel = "commune" if "commune" in levels else "district" if levels else ""
    report.reporter_level = level
    report.reporters = [name for name in reporters if not level_of(name)]
    report.from_ = ", ".join(reporters)
    report.to = report.receiver
    report.name = _name(report)
    return _split_two_dues(report, sentence)


def _name(report: ReportProposal) -> str:
    if report.year is not None:
        return f"Báo cáo năm {report.year}"
    return {
        "yearly": "Báo cáo năm",
        "half_yearly": "Báo cáo 6 tháng",
        "quarterly": "Báo cáo quý",
        "": "Báo cáo định kỳ",
    }[report.frequency]


def _split_two_dues(report: ReportProposal, sentence: str) -> list[ReportProposal]:
    """Two dues a year ("Định kỳ 6 tháng, hằng năm … trước ngày 15/6 và 15/12", "trước ngày 25/01
    và 25/6 hằng năm"): the model counts a half-year's due in days after its end, so they become
    two yearly reports, each with its day (the six-month one due 15/6, the year's due 15/12)."""
    if report.frequency not in ("half_yearly", "yearly") or report.year is not None:
        return [report]
    if report.due_days_after is not None:
        return [report]
    cutoff = _CUTOFF.search(sentence)
    days: list[tuple[int, int]] = []
    for match in _ANY_DAY_MONTH.finditer(sentence):
        if cutoff and cutoff.start() <= match.start() < cutoff.end():
            continue
        day, month = int(match[1]), int(match[2])
        if 1 <= month <= 12 and 1 <= day <= 31 and (day, month) not in days:
            days.append((day, month))
    if len(days) != 2:
        return [report]
    split: list[ReportProposal] = []
    for index, (day, month) in enumerate(sorted(days, key=lambda pair: (pair[1], pair[0]))):
        part = replace(report, frequency="yearly", due_day=day, due_month=month)
        part.due = f"hằng năm trước {day:02d}/{month:02d}"
        if report.frequency == "half_yearly":
            part.name = ("Báo cáo 6 tháng", "Báo cáo năm")[index]
        else:
            part.name = f"Báo cáo năm (hạn {day:02d}/{month:02d})"
        split.append(part)
    return split


def _results_year(report: ReportProposal, sentence: str) -> None:
    """A one-off report due early in a year for the year before ("kết quả năm 2023; hoàn thành
    trong tháng 01 năm 2024"): the duty's year is 2023, due the next year."""
    if report.year is None or report.due_month is None:
        return
    years = {int(match[1]) for match in _YEAR.finditer(sentence)}
    if report.due_month <= 3 and report.year - 1 in years:
        report.year -= 1
        report.due_next_year = True


def _units(root: Node) -> list[tuple[str, str | None]]:
    """Every heading and paragraph with "báo cáo", and the body of the heading it is under."""
    units: list[tuple[str, str | None]] = []

    def visit(node: Node, body: str | None) -> None:
        if node.text and is_bare_body(node.text):
            body = body_name(node.text)
        for text in [node.text, *node.paras]:
            if text and "bao cao" in fold_keep(text):
                units.append((text, body))
        for child in node.children:
            visit(child, body)

    visit(root, None)
    return units


def find_reports(
    root: Node, tasks: list[TaskProposal], defined: dict[str, str] | None = None
) -> list[ReportProposal]:
    """The duties stated anywhere in the plan, in document order. A duty in a task is the task
    body's; elsewhere the sentence's subject's, or the body of the heading it is under."""
    table = defined or {}
    reports: list[ReportProposal] = []
    seen: set[tuple[str, str]] = set()
    for unit, heading_body in _units(root):
        task = next((task for task in tasks if unit in task.text), None)
        sender = task.body if task is not None and task.body else None
        for sentence in _sentences(unit):
            found = _report(sentence, unit, sender, table, heading_body)
            for report in found:
                if (report.text, report.due) not in seen:
                    seen.add((report.text, report.due))
                    reports.append(report)
    return reports

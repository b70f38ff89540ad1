"""Reporting obligations: who reports to whom by when ("trước ngày 11 tháng 12 năm 2023 báo cáo
Ủy ban nhân dân Thành phố …", "định kỳ hàng năm (trước ngày 01 tháng 12) gửi báo cáo … về Phòng
Giáo dục và Đào tạo")."""

from __future__ import annotations

import re

from . import deadlines
from .bodies import lead_body
from .proposal import ReportProposal, TaskProposal
from .structure import Node
from .textutil import fold_keep, strip_punct

_TO_AFTER_VE = re.compile(r"\bvề\s+(.+?)(?=\s+để\s|\s+nhằm\s|;|\.|,|$)")
_TO_AFTER_REPORT = re.compile(r"báo cáo\s+(.+?)(?=\s+kết quả|\s+tình hình|\s+về việc|;|\.|$)")


def _recipient(text: str) -> str:
    for pattern in (_TO_AFTER_VE, _TO_AFTER_REPORT):
        for match in pattern.finditer(text):
            if match.group(1)[:1].isupper():
                return strip_punct(match.group(1))
    return ""


def _report(text: str, sender: str | None) -> ReportProposal | None:
    if "bao cao" not in fold_keep(text):
        return None
    due = deadlines.report_due(text)
    if due is None:
        return None
    return ReportProposal(from_=sender or "", to=_recipient(text), due=due, text=text)


def find_reports(report_sections: list[Node], tasks: list[TaskProposal]) -> list[ReportProposal]:
    reports: list[ReportProposal] = []
    for section in report_sections:
        units = [section.full_text] if section.paras else []
        units += [node.full_text for node in section.walk()]
        for unit in units:
            if (report := _report(unit, lead_body(unit))) is not None:
                reports.append(report)
    for task in tasks:
        if (report := _report(task.text, task.body)) is not None:
            reports.append(report)
    return reports

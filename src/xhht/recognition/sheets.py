"""A hamlet's whole evaluation sheet (XLSX): one row per subject, one column per item.

Every row is checked first; only a sheet without problems is saved, in one transaction: each
subject is registered if needed, its self-assessment recorded and reviewed with the sheet's
marks, so the commune sees the computed results on the board and decides on all at once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from xhht.audit.actions import record_step
from xhht.audit.models import AuditEntry
from xhht.core.sheets import RowProblem, SheetError, read_sheet, sheet_bytes
from xhht.criteria.models import CriteriaSet, Title
from xhht.places.models import Place
from xhht.recognition import actions
from xhht.recognition.criteria_link import ItemRow, items_of, usable_set
from xhht.recognition.marks import MarksError, clean_marks
from xhht.recognition.models import Assessment, State
from xhht.recognition.models.assessment import ACTIVE_STATES
from xhht.registry.models import Household, Person

if TYPE_CHECKING:
    from xhht.accounts.models import User

CODE_HEADER: dict[str, str] = {Title.FAMILY: "Mã hộ", Title.CITIZEN: "Số CCCD"}
COMMENT_HEADER = "Nhận xét"


@dataclass
class SheetResult:
    ok: bool = False
    file_error: str = ""
    problems: list[RowProblem] = field(default_factory=list)
    reviewed: int = 0


def criteria_for(title: str, hamlet: Place, year: int) -> CriteriaSet | None:
    return usable_set(title, hamlet, datetime.date(year, 1, 1)) or usable_set(
        title, hamlet, datetime.date.today()
    )


def columns(title: str, items: list[ItemRow]) -> list[tuple[str, str]]:
    return [
        ("code", CODE_HEADER[title]),
        *[(i.code, i.code) for i in items],
        ("comment", COMMENT_HEADER),
    ]


def template_bytes(title: str, criteria_set: CriteriaSet) -> bytes:
    items = items_of(criteria_set)
    headers = [title for _key, title in columns(title, items)]
    hint = [
        "",
        *[
            f"{i.text} ({'đạt/không' if i.kind == 'pass_fail' else f'0–{i.max_points}'})"
            for i in items
        ],
        "",
    ]
    return sheet_bytes("Phieu danh gia", headers, [hint])


def _subject(title: str, hamlet: Place, code: str) -> Household | Person | None:
    if title == Title.FAMILY:
        return Household.objects.filter(place=hamlet, code=code).first()
    return Person.objects.filter(place=hamlet).with_cccd(code).first()


def import_sheet(
    *, actor: User, hamlet: Place, title: str, year: int, upload: IO[bytes]
) -> SheetResult:
    result = SheetResult()
    criteria_set = criteria_for(title, hamlet, year)
    if criteria_set is None or title not in CODE_HEADER:
        result.file_error = _("Chưa có bộ tiêu chí đầy đủ cho danh hiệu này ở địa bàn đã chọn.")
        return result
    items = items_of(criteria_set)
    try:
        sheet = read_sheet(upload, columns(title, items), max_bytes=settings.XHHT_MAX_SHEET_BYTES)
    except SheetError as exc:
        result.file_error = str(exc)
        return result
    planned: list[tuple[int, Household | Person, dict[str, dict[str, Any]], str]] = []
    seen: set[str] = set()
    for number, row in sheet.rows:
        code = str(row.get("code") or "").strip()
        subject = _subject(title, hamlet, code) if code else None
        if subject is None:
            result.problems.append(
                RowProblem(
                    number,
                    _("không tìm thấy “%(code)s” trong %(hamlet)s.")
                    % {"code": code, "hamlet": hamlet.name},
                )
            )
            continue
        if code in seen:
            result.problems.append(
                RowProblem(number, _("“%(code)s” có hai dòng.") % {"code": code})
            )
            continue
        seen.add(code)
        raw = {
            i.code: (
                {"met": row.get(i.code)} if i.kind == "pass_fail" else {"points": row.get(i.code)}
            )
            for i in items
        }
        try:
            marks = clean_marks(items, raw, require_all=True, note_key="comment")
        except MarksError as exc:
            result.problems.extend(RowProblem(number, p) for p in exc.problems)
            continue
        planned.append((number, subject, marks, str(row.get("comment") or "")))
    if not planned and not result.problems:
        result.file_error = _("Bảng tính không có dòng dữ liệu nào.")
    if result.problems or result.file_error:
        return result
    try:
        with transaction.atomic():
            for number, subject, marks, comment in planned:
                _evaluate(actor, title, year, subject, marks, comment, number)
            record_step(
                actor=actor, obj=hamlet, step="import_evaluation_sheet", place=hamlet,
                after={"title": title, "year": year, "rows": len(planned)},
                action=AuditEntry.Action.IMPORT,
            )  # fmt: skip
    except _RowFailed as exc:
        result.problems.append(exc.problem)
        return result
    result.ok, result.reviewed = True, len(planned)
    return result


class _RowFailed(Exception):
    def __init__(self, problem: RowProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _evaluate(
    actor: User, title: str, year: int, subject: Household | Person,
    marks: dict[str, dict[str, Any]], comment: str, number: int,
) -> None:  # fmt: skip
    field_name = "household" if isinstance(subject, Household) else "person"
    try:
        assessment = (
            Assessment.objects.filter(
                title=title, year=year, state__in=ACTIVE_STATES, **{field_name: subject}
            )
            .select_related("place", "criteria_set")
            .first()
        )
        if assessment is None:
            assessment = actions.register(actor=actor, title=title, subject=subject, year=year)
        if assessment.state in (State.REGISTERED, State.RETURNED):
            answers = {code: {**mark, "note": ""} for code, mark in marks.items()}
            actions.submit_self_assessment(actor=actor, assessment=assessment, answers=answers)
        if assessment.state != State.SELF_ASSESSED:
            raise actions.WorkflowError(
                _("hồ sơ đang ở trạng thái “%(state)s”, không nhập lại được.")
                % {"state": State(assessment.state).label}
            )
        actions.review(actor=actor, assessment=assessment, marks=marks, comment=comment)
    except PermissionDenied as exc:
        raise _RowFailed(
            RowProblem(number, _("bạn không có quyền đánh giá đối tượng này."))
        ) from exc
    except MarksError as exc:
        raise _RowFailed(RowProblem(number, "; ".join(exc.problems))) from exc
    except actions.WorkflowError as exc:
        raise _RowFailed(RowProblem(number, exc.message)) from exc

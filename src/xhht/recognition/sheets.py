"""A hamlet's whole evaluation sheet (XLSX): one row per subject, one column per item.

Every row is checked first; only a sheet without problems is saved, in one transaction: each
subject is registered if needed, its self-assessment recorded and reviewed with the sheet's
marks, so the commune sees the computed results on the board and decides on all at once.

A citizen's row is keyed by the CCCD, so the sheet must be no oracle (``registry.pii_guard``):
each row's marks are checked whether or not its number is found, a number is looked for only
among the hamlet's people and never echoed, and a user who may not see the numbers is told
only that some number is not of the hamlet, not which row: the answer is the same whichever
candidate number is true. Checking such a sheet is audited and counted against the user's
limit of previews.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from typing import IO, TYPE_CHECKING, Any

import xlsxwriter  # type: ignore[import-untyped]  # XlsxWriter ships no type information
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from xhht.audit.actions import record_step
from xhht.audit.models import AuditEntry
from xhht.core.sheets import RowProblem, SheetError, read_sheet
from xhht.criteria.models import CriteriaSet, Title
from xhht.places.models import Place
from xhht.recognition import actions
from xhht.recognition.criteria_link import ItemRow, items_of, usable_set
from xhht.recognition.marks import MarksError, clean_marks
from xhht.recognition.models import Assessment, State
from xhht.recognition.models.assessment import ACTIVE_STATES
from xhht.registry import pii, pii_guard
from xhht.registry.models import Household, Person
from xhht.registry.validators import problem, validate_cccd

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


NAME_HEADER: dict[str, str] = {Title.FAMILY: "Chủ hộ", Title.CITIZEN: "Họ và tên"}
MET_CHOICES = ["đạt", "không đạt"]


def _column_hint(item: ItemRow) -> str:
    if item.kind == "pass_fail":
        return _("%(text)s — ghi “đạt” hoặc “không đạt”.") % {"text": item.text}
    return _("%(text)s — từ 0 đến %(max)s điểm.") % {
        "text": item.text,
        "max": _points(item.max_points),
    }


def _points(value: Decimal | None) -> str:
    if value is None:
        return "?"
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f").replace(".", ",")


def template_subjects(actor: User, title: str, hamlet: Place) -> list[tuple[str, str]]:
    """(code, name) of the subjects the hamlet's sheet lists: every household of the hamlet by
    code; for citizens, the adults by name, with the CCCD only for a user who may see it."""
    if title == Title.FAMILY:
        return [
            (h.code, h.head_name)
            for h in Household.objects.visible_to(actor).filter(place=hamlet).order_by("sort_key")
        ]
    shows_cccd = pii_guard.sees_cccd(actor, hamlet)
    adult = datetime.date.today().year - 18
    people = Person.objects.visible_to(actor).filter(place=hamlet, birth_year__lte=adult)
    rows = [
        (
            pii.decrypt_cccd(p.national_id_encrypted)
            if shows_cccd and p.national_id_encrypted
            else "",
            p.full_name,
        )
        for p in people.order_by("sort_key")
    ]
    if any(code for code, _name in rows):  # CCCD numbers leave the app: the trail says so
        record_step(
            actor=actor,
            obj=hamlet,
            step="export-evaluation_sheet",
            place=hamlet,
            after={"title": title, "rows": len(rows)},
            action=AuditEntry.Action.VIEW,
        )
    return rows


def template_bytes(
    title: str, criteria_set: CriteriaSet, subjects: Sequence[tuple[str, str]] = ()
) -> bytes:
    """The sheet a hamlet fills in: a row per subject (code and name filled in), a column per
    item whose header cell carries the item's text and maximum as a note and whose cells accept
    only 0 to the maximum (or "đạt"/"không đạt"); a second sheet explains every column.
    Rows left without any mark are skipped on import, so the list may stay whole."""
    items = items_of(criteria_set)
    buffer = BytesIO()
    book = xlsxwriter.Workbook(buffer, {"strings_to_numbers": False, "strings_to_formulas": False})
    bold = book.add_format(
        {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E8EEF4"}
    )
    text = book.add_format({"num_format": "@"})
    sheet = book.add_worksheet(_("Phiếu đánh giá"))
    headers = [CODE_HEADER[title], NAME_HEADER[title], *[i.code for i in items], COMMENT_HEADER]
    sheet.write_row(0, 0, headers, bold)
    sheet.freeze_panes(1, 2)
    sheet.set_column(0, 0, 16, text)
    sheet.set_column(1, 1, 28)
    sheet.set_column(2, 1 + len(items), 9)
    sheet.set_column(2 + len(items), 2 + len(items), 30)
    last = max(len(subjects), 200)
    for column, item in enumerate(items, start=2):
        sheet.write_comment(0, column, _column_hint(item), {"x_scale": 2, "y_scale": 1.5})
        if item.kind == "pass_fail":
            rule: dict[str, Any] = {"validate": "list", "source": MET_CHOICES}
        else:
            rule = {
                "validate": "decimal",
                "criteria": "between",
                "minimum": 0,
                "maximum": float(item.max_points or 0),
            }
        rule.update(
            input_title=item.code[:32],
            input_message=_column_hint(item)[:255],
            error_title=_("Giá trị không hợp lệ")[:32],
            error_message=_column_hint(item)[:255],
        )
        sheet.data_validation(1, column, last, column, rule)
    for number, (code, name) in enumerate(subjects, start=1):
        sheet.write_string(number, 0, code)
        sheet.write_string(number, 1, name)
    guide = book.add_worksheet(_("Hướng dẫn"))
    guide.set_column(0, 0, 12)
    guide.set_column(1, 1, 70)
    guide.set_column(2, 2, 22)
    guide.write_row(0, 0, [_("Cột"), _("Chỉ báo"), _("Cách ghi")], bold)
    for number, item in enumerate(items, start=1):
        how = (
            _("đạt / không đạt")
            if item.kind == "pass_fail"
            else _("0 – %(max)s điểm") % {"max": _points(item.max_points)}
        )
        guide.write_row(number, 0, [item.code, item.text, how])
    guide.write(
        len(items) + 2,
        0,
        _(
            "Mỗi dòng một đối tượng; dòng nào chưa chấm (không có điểm, không có nhận xét) "
            "được bỏ qua khi nhập."
        ),
    )
    book.close()
    return buffer.getvalue()


def _subject(title: str, hamlet: Place, code: str) -> Household | Person | None:
    if title == Title.FAMILY:
        return Household.objects.filter(place=hamlet, code=code).first()
    return Person.objects.filter(place=hamlet).with_cccd(code).first()


def _code(title: str, raw: Any) -> str:
    if title == Title.CITIZEN:
        return pii.normalise_cccd(raw)
    return str(raw or "").strip()


@dataclass
class _Row:
    number: int
    code: str
    marks: dict[str, dict[str, Any]]
    comment: str


def _check_rows(
    title: str, items: list[ItemRow], rows: list[tuple[int, dict[str, Any]]], result: SheetResult
) -> list[_Row]:
    """Each row's own checks (code, repeats, marks): none of them looks at the registry."""
    checked: list[_Row] = []
    seen: dict[str, int] = {}
    for number, row in rows:
        if all(row.get(key) in (None, "") for key in [*(i.code for i in items), "comment"]):
            continue  # a subject the template lists but nobody marked
        code = _code(title, row.get("code"))
        if not code:
            result.problems.append(
                RowProblem(number, _("thiếu %(what)s.") % {"what": CODE_HEADER[title].lower()})
            )
            continue
        if title == Title.CITIZEN and (cccd_problem := problem(validate_cccd, code)):
            result.problems.append(RowProblem(number, cccd_problem))
            continue
        if code in seen:
            result.problems.append(
                RowProblem(number, _("trùng mã với dòng %(row)s.") % {"row": seen[code]})
            )
            continue
        seen[code] = number
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
        checked.append(_Row(number, code, marks, str(row.get("comment") or "")))
    return checked


def _find_subjects(
    actor: User, title: str, hamlet: Place, rows: list[_Row], result: SheetResult
) -> list[tuple[_Row, Household | Person]]:
    found: list[tuple[_Row, Household | Person]] = []
    unknown: list[_Row] = []
    for row in rows:
        subject = _subject(title, hamlet, row.code)
        if subject is None:
            unknown.append(row)
        else:
            found.append((row, subject))
    if not unknown:
        return found
    if title == Title.FAMILY:
        for row in unknown:
            result.problems.append(
                RowProblem(
                    row.number,
                    _("không tìm thấy “%(code)s” trong %(hamlet)s.")
                    % {"code": row.code, "hamlet": hamlet.name},
                )
            )
    elif pii_guard.sees_cccd(actor, hamlet):
        for row in unknown:
            result.problems.append(
                RowProblem(
                    row.number,
                    _("không tìm thấy công dân có số CCCD này trong %(hamlet)s.")
                    % {"hamlet": hamlet.name},
                )
            )
    else:  # which row would tell which candidate number is true
        result.file_error = _(
            "Có số CCCD không phải của công dân nào trong %(hamlet)s. Vì bạn không được xem số "
            "CCCD, hệ thống không chỉ ra dòng nào; hãy đối chiếu với sổ đăng ký hoặc nhờ cán bộ "
            "xã nhập phiếu."
        ) % {"hamlet": hamlet.name}
    return found


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
    if title == Title.CITIZEN:
        try:
            pii_guard.record_preview(
                user=actor, place=hamlet, what="evaluation_sheet", rows=len(sheet.rows)
            )
        except pii_guard.TooManyPreviews as exc:
            result.file_error = exc.message
            return result
    checked = _check_rows(title, items, sheet.rows, result)
    planned = _find_subjects(actor, title, hamlet, checked, result)
    if not sheet.rows:
        result.file_error = _("Bảng tính không có dòng dữ liệu nào.")
    elif not checked and not result.problems:
        result.file_error = _(
            "Chưa có dòng nào được chấm: hãy ghi điểm vào các cột chỉ báo rồi tải lên lại."
        )
    if result.problems or result.file_error:
        return result
    try:
        with transaction.atomic():
            for row, subject in planned:
                _evaluate(actor, title, year, subject, row.marks, row.comment, row.number)
            record_step(
                actor=actor,
                obj=hamlet,
                step="import_evaluation_sheet",
                place=hamlet,
                after={"title": title, "year": year, "rows": len(planned)},
                action=AuditEntry.Action.IMPORT,
            )
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
    actor: User,
    title: str,
    year: int,
    subject: Household | Person,
    marks: dict[str, dict[str, Any]],
    comment: str,
    number: int,
) -> None:
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
            raise actions.StepRefused(
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
    except actions.StepRefused as exc:
        raise _RowFailed(RowProblem(number, exc.message)) from exc

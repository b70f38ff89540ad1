"""Importing a list of resources from XLSX or CSV (issue 16, item 2): an officer who contributes
resources sends a sheet, sees every row checked (a Vietnamese message per bad row), confirms, and
every row becomes a draft (or a submitted resource) of the contributor chosen, all or none.

Bounded before anything is read: the file's size (``MAX_BYTES``), then, for XLSX, everything
``core.sheets.read_import_sheet`` checks (a real workbook by content, declared and real extent,
cells, memory and time in a child process); for CSV the same limits in a child process
(``core.uploads.run_isolated``: memory, CPU and wall clock) with the rows, columns and the length
of a cell bounded while parsing. At most ``MAX_ROWS`` resources per file.

The checks are the workflow's (``actions.create_resource``) made per row before anything is
written; the confirmation checks the rows again and creates them in one transaction.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from xhht.accounts.models import Body, User
from xhht.centres.models import Centre, Topic
from xhht.core.sheet_checks import SheetLimits
from xhht.core.sheets import (
    Column,
    RowProblem,
    Sheet,
    SheetImportResult,
    SheetRows,
    read_import_sheet,
)
from xhht.core.text import fold
from xhht.core.uploads import UploadRefused, run_isolated
from xhht.core.workflow import StepRefused
from xhht.places.models import Place
from xhht.registry.imports.common import Choices, text
from xhht.resources.actions import ResourceFields, create_resource, submit_resource
from xhht.resources.models import Resource

COLUMNS = [
    ("title", "Tên học liệu"),
    ("kind", "Loại học liệu"),
    ("licence", "Giấy phép"),
    ("url", "Đường dẫn"),
    ("description", "Mô tả"),
    ("topics", "Chủ đề"),
    ("audience", "Đối tượng"),
    ("level", "Trình độ"),
    ("language", "Ngôn ngữ"),
    ("author", "Tác giả"),
    ("publisher", "Nhà xuất bản, đơn vị phát hành"),
]
REQUIRED = {"title", "kind", "licence", "url"}
OPTIONAL = {key for key, _title in COLUMNS} - REQUIRED
#: Resources in one file: a list of a centre's or a body's resources, not a whole repository.
MAX_ROWS = 500
#: The file's size: 500 rows of text never come near it.
MAX_BYTES = 5 * 1024 * 1024
#: The longest cell a CSV may have (as a workbook's: ``sheet_checks``).
MAX_CELL = 32_767
LENGTHS = {"title": 300, "author": 300, "publisher": 300, "url": 500, "description": 5000}
KIND = Choices(Resource.Kind.choices)
LICENCE = Choices(
    Resource.Licence.choices,
    *(
        (value.upper().replace("_", " ", 1).replace("_", "-"), value)
        for value in Resource.Licence.values
        if value.startswith("cc")
    ),
)
AUDIENCE = Choices(Resource.Audience.choices)
LEVEL = Choices(Resource.Level.choices)
#: Separators between the topics of one cell.
TOPIC_SEPARATORS = (";", "\n")


@dataclass
class CheckedRow:
    number: int
    values: dict[str, str]
    fields: ResourceFields


@dataclass
class Checked:
    """What a file holds: the rows that are right, and every problem (any one stops the import)."""

    rows: list[CheckedRow] = field(default_factory=list)
    result: SheetImportResult = field(default_factory=SheetImportResult)

    @property
    def ok(self) -> bool:
        return self.result.ok and bool(self.rows)


# Reading ------------------------------------------------------------------------------------------


def read_rows(upload: IO[bytes], result: SheetImportResult) -> list[tuple[int, dict[str, str]]]:
    """The data rows of an XLSX or CSV upload, as text by column key; problems of the file go
    into ``result``."""
    limit = min(MAX_BYTES, int(settings.XHHT_MAX_SHEET_BYTES))
    upload.seek(0, 2)
    size = upload.tell()
    upload.seek(0)
    if size > limit:
        result.file_error = _("Tệp quá lớn (%(size)s MB); giới hạn là %(limit)s MB.") % {
            "size": round(size / (1024 * 1024), 1),
            "limit": round(limit / (1024 * 1024), 1),
        }
        return []
    head = upload.read(4)
    upload.seek(0)
    if head.startswith(b"PK\x03\x04"):
        found = read_import_sheet(upload, COLUMNS, result, max_bytes=limit, optional=OPTIONAL)
    else:
        found = _read_csv(upload.read(), result)
    if found is None:
        return []
    if len(found.rows) > MAX_ROWS:
        result.file_error = _(
            "Tệp có %(rows)s dòng học liệu; mỗi lần nhập tối đa %(limit)s dòng. Hãy chia thành nhiều tệp."
        ) % {"rows": len(found.rows), "limit": MAX_ROWS}
        return []
    return [(number, {k: text(v) for k, v in values.items()}) for number, values in found.rows]


def parse_csv(data: bytes, max_rows: int, max_columns: int) -> list[list[str]]:
    """The rows of a CSV file (UTF-8, comma, semicolon or tab), bounded while parsing; runs in a
    child process (``run_isolated``)."""
    if b"\x00" in data:
        raise UploadRefused(_("Tệp không phải bảng tính XLSX hay tệp CSV."))
    try:
        decoded = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UploadRefused(
            _("Tệp CSV phải được lưu với bảng mã UTF-8 (trong Excel: “CSV UTF-8”).")
        ) from None
    first = decoded.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    csv.field_size_limit(MAX_CELL + 1)
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(decoded, newline=""), delimiter=delimiter):
            if len(rows) >= max_rows:
                raise UploadRefused(
                    _("Tệp có hơn %(limit)s dòng.") % {"limit": f"{max_rows:,}".replace(",", ".")}
                )
            if len(row) > max_columns:
                raise UploadRefused(
                    _("Dòng %(row)s có %(columns)s cột; tối đa %(limit)s cột.")
                    % {"row": len(rows) + 1, "columns": len(row), "limit": max_columns}
                )
            if any(len(cell) > MAX_CELL for cell in row):
                raise UploadRefused(
                    _("Dòng %(row)s có ô dài hơn %(limit)s ký tự.")
                    % {"row": len(rows) + 1, "limit": MAX_CELL}
                )
            rows.append(row)
    except csv.Error:
        raise UploadRefused(
            _("Dòng %(row)s: tệp CSV không đọc được (ô quá dài hoặc dấu ngoặc kép không đóng).")
            % {"row": len(rows) + 1}
        ) from None
    return rows


def _read_csv(data: bytes, result: SheetImportResult) -> SheetRows | None:
    limits = SheetLimits.from_settings()
    # The header and a title row above it: a few rows more than the resources allowed.
    max_rows = min(limits.rows, MAX_ROWS + 10)
    try:
        table = run_isolated(parse_csv, data, max_rows, min(limits.columns, 100))
    except UploadRefused as refused:
        result.file_error = str(refused)
        return None
    wanted = {fold(title): key for key, title in COLUMNS}
    header_at, positions = 0, dict[str, int]()
    for at, row in enumerate(table[:5]):
        found = {
            wanted[fold(cell)]: i
            for i, cell in reversed(list(enumerate(row)))
            if fold(cell) in wanted
        }
        if len(found) > len(positions):
            header_at, positions = at, found
    missing = [title for key, title in COLUMNS if key in REQUIRED and key not in positions]
    if not table or missing:
        result.file_error = _("Thiếu cột: %(columns)s. Hãy dùng tệp mẫu.") % {
            "columns": ", ".join(missing or [title for _key, title in COLUMNS if _key in REQUIRED])
        }
        return None
    sheet = SheetRows()
    pending: list[int] = []
    for number, row in enumerate(table[header_at + 1 :], start=header_at + 2):
        values = {
            key: " ".join(row[i].split()) if i < len(row) else "" for key, i in positions.items()
        }
        if not any(values.values()):
            pending.append(number)
            continue
        sheet.blank_rows.extend(pending)
        pending = []
        sheet.rows.append((number, dict(values)))
    for number in sheet.blank_rows:
        result.problems.append(
            RowProblem(
                number, _("dòng trống giữa các dòng dữ liệu; xóa dòng này hoặc điền đủ thông tin.")
            )
        )
    if not sheet.rows and not result.problems:
        result.file_error = _("Bảng tính không có dòng dữ liệu nào.")
        return None
    return sheet


# Checking -----------------------------------------------------------------------------------------


def check_rows(rows: Sequence[tuple[int, dict[str, str]]], *, place: Place) -> Checked:
    """Every row as the workflow would take it, at ``place`` (the contributor's: its topics)."""
    checked = Checked()
    topics: dict[str, Topic] = {}
    for topic in Topic.objects.usable_at(place):
        topics.setdefault(fold(topic.name), topic)
        topics[fold(topic.code)] = topic
    for number, values in rows:
        problems: list[str] = []
        fields = _fields(values, topics, problems)
        if problems:
            checked.result.problems.extend(RowProblem(number, p) for p in problems)
        else:
            checked.rows.append(CheckedRow(number, values, fields))
    return checked


def _fields(
    values: dict[str, str], topics: dict[str, Topic], problems: list[str]
) -> ResourceFields:
    get = values.get
    for key, limit in LENGTHS.items():
        if len(get(key) or "") > limit:
            problems.append(
                _("“%(column)s” dài hơn %(limit)s ký tự.")
                % {"column": dict(COLUMNS)[key], "limit": limit}
            )
    title = get("title") or ""
    if not title:
        problems.append(_("thiếu tên học liệu."))
    kind = _choice(KIND, get("kind"), _("Loại học liệu"), problems, required=True)
    licence = _choice(LICENCE, get("licence"), _("Giấy phép"), problems, required=True)
    audience = (
        _choice(AUDIENCE, get("audience"), _("Đối tượng"), problems) or Resource.Audience.EVERYONE
    )
    level = _choice(LEVEL, get("level"), _("Trình độ"), problems) or Resource.Level.BASIC
    language = (get("language") or "vi").lower()
    if not (2 <= len(language) <= 12) or not language.replace("-", "").isalpha():
        problems.append(_("ngôn ngữ ghi bằng mã ISO 639 (ví dụ “vi”, “en”)."))
    url = get("url") or ""
    if not url:
        problems.append(_("thiếu đường dẫn (bắt đầu bằng http:// hoặc https://)."))
    else:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            problems.append(_("đường dẫn phải bắt đầu bằng http:// hoặc https://."))
    chosen: list[Topic] = []
    cell = get("topics") or ""
    for separator in TOPIC_SEPARATORS[1:]:
        cell = cell.replace(separator, TOPIC_SEPARATORS[0])
    for name in filter(None, (part.strip() for part in cell.split(TOPIC_SEPARATORS[0]))):
        topic = topics.get(fold(name))
        if topic is None:
            problems.append(
                _(
                    "không có chủ đề “%(name)s” trong danh mục; ghi tên chủ đề như trong danh mục, cách nhau bằng dấu chấm phẩy."
                )
                % {"name": name}
            )
        elif topic not in chosen:
            chosen.append(topic)
    return ResourceFields(
        title=title,
        kind=kind or "",
        licence=licence or "",
        description=get("description") or "",
        audience=audience,
        level=level,
        language=language,
        author=get("author") or "",
        publisher=get("publisher") or "",
        url=url,
        topics=chosen,
    )


def _choice(
    choices: Choices, raw: str | None, label: str, problems: list[str], *, required: bool = False
) -> str | None:
    if not raw:
        if required:
            problems.append(_("thiếu “%(column)s”.") % {"column": label})
        return None
    value = choices.get(raw)
    if value is None:
        problems.append(
            _("“%(column)s” không hợp lệ: “%(value)s”; chọn một trong: %(allowed)s.")
            % {"column": label, "value": raw, "allowed": choices.allowed()}
        )
    return value


# Writing ------------------------------------------------------------------------------------------


def import_resources(
    *,
    user: User,
    rows: Sequence[tuple[int, dict[str, str]]],
    centre: Centre | None = None,
    body: Body | None = None,
    submit: bool = False,
) -> Checked:
    """Check ``rows`` again and create them all as drafts of ``centre`` or ``body`` (submitted
    to the curator when ``submit``), in one transaction: a row the workflow refuses leaves
    nothing written and says which row."""
    place = centre.place if centre is not None else body.place if body is not None else None
    if place is None:
        checked = Checked()
        checked.result.file_error = _("Hãy chọn một cơ sở hoặc một cơ quan cung cấp học liệu.")
        return checked
    checked = check_rows(rows, place=place)
    if not checked.ok:
        return checked
    try:
        with transaction.atomic():
            for row in checked.rows:
                try:
                    resource = create_resource(
                        user=user, fields=row.fields, centre=centre, body=body
                    )
                    if submit:
                        submit_resource(user=user, resource=resource)
                except StepRefused as refused:
                    messages = [refused.message, *refused.problems]
                    checked.result.problems.append(
                        RowProblem(row.number, " ".join(m for m in messages if m))
                    )
                    raise
            checked.result.created = len(checked.rows)
    except StepRefused:
        checked.result.created = 0
    return checked


# The template -------------------------------------------------------------------------------------


def template_sheet() -> Sheet:
    example = [
        "Kỹ năng số cho người cao tuổi: dùng điện thoại thông minh an toàn",
        str(Resource.Kind.VIDEO.label),
        str(Resource.Licence.CC_BY.label),
        "https://example.org/ky-nang-so",
        "Video 15 phút: cài đặt Zalo, VNeID, nhận biết tin nhắn lừa đảo.",
        "Kỹ năng số",
        str(Resource.Audience.ELDERLY.label),
        str(Resource.Level.BASIC.label),
        "vi",
        "Nguyễn Thị Hoa",
        "Trung tâm học tập cộng đồng phường …",
    ]
    choices: dict[str, Sequence[str]] = {
        "kind": KIND.labels,
        "licence": LICENCE.labels,
        "audience": AUDIENCE.labels,
        "level": LEVEL.labels,
    }
    widths = {"title": 45, "url": 35, "description": 45, "topics": 25, "licence": 30}
    columns = [
        Column(title, width=widths.get(key, 0), choices=choices.get(key, ()))
        for key, title in COLUMNS
    ]
    return Sheet(
        _("Học liệu"),
        columns,
        [example],
        title=_("Mẫu nhập danh sách học liệu (chủ đề cách nhau bằng dấu chấm phẩy) — ngày %(day)s")
        % {"day": timezone.localdate().strftime("%d/%m/%Y")},
    )

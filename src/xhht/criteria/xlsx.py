"""A criteria set as one XLSX sheet, row by row: information, groups, grades, criteria, items.

The first column says what a row is: "thông tin" (a field of the set: its name in "Mã", its value
in "Tên / nội dung"), "nhóm", "xếp loại", "tiêu chí", or "chỉ báo" (belongs to the tiêu chí row
above it). Reading builds the same data as a YAML file; ``parse_definition`` checks it.
"""

from __future__ import annotations

from typing import IO, Any

from xhht.core.sheets import SheetError, read_sheet, sheet_bytes
from xhht.core.text import fold
from xhht.criteria.checks import TITLE_CODES
from xhht.criteria.definition import DefinitionError

COLUMNS = [
    ("row", "Loại dòng"),
    ("code", "Mã"),
    ("text", "Tên / nội dung"),
    ("kind", "Kiểu"),
    ("max_points", "Điểm tối đa"),
    ("min_points", "Điểm tối thiểu"),
    ("applies_to", "Áp dụng cho nhóm"),
    ("evidence_hint", "Gợi ý minh chứng"),
    ("source", "Nguồn"),
    ("confirmed", "Đã xác nhận"),
]
INFO = [
    ("Mã bộ", ("code",)),
    ("Tên bộ", ("name",)),
    ("Danh hiệu", ("title",)),
    ("Số hiệu văn bản", ("legal_basis", "document")),
    ("Cơ quan ban hành", ("legal_basis", "issuer")),
    ("Ngày ban hành", ("legal_basis", "date")),
    ("Nguồn văn bản", ("legal_basis", "url")),
    ("Hiệu lực từ", ("valid_from",)),
    ("Hiệu lực đến", ("valid_to",)),
    ("Mã tỉnh", ("province",)),
    ("Điểm chuẩn", ("rules", "pass_mark")),
    ("Đạt tất cả chỉ báo", ("rules", "all_items_required")),
    ("Tổng điểm tối đa", ("rules", "max_total")),
    ("Điểm tối thiểu mỗi chỉ báo", ("rules", "min_item_points")),
    ("Nguồn quy tắc", ("rules", "source")),
    ("Ghi chú", ("notes",)),
]
INFO_BY_FOLD = {fold(label): path for label, path in INFO}
KINDS = {
    "diem": "points",
    "cham diem": "points",
    "points": "points",
    "dat/khong dat": "pass_fail",
    "dat khong dat": "pass_fail",
    "pass_fail": "pass_fail",
}
MORE_ITEMS = "còn thiếu chỉ báo"
TITLE_LABELS = {
    "family": "Gia đình học tập",
    "clan": "Dòng họ học tập",
    "community": "Cộng đồng học tập",
    "unit": "Đơn vị học tập",
    "citizen": "Công dân học tập",
    "commune": "Cộng đồng học tập cấp xã",
    "centre": "Trung tâm học tập cộng đồng",
}
TITLE_BY_FOLD = {fold(label): code for code, label in TITLE_LABELS.items()} | {
    code: code for code in TITLE_CODES
}


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    target = data
    for key in path[:-1]:
        target = target.setdefault(key, {})
    target[path[-1]] = value


def _yes(value: Any) -> Any:
    return {"co": True, "khong": False}.get(fold(str(value)), value) if value is not None else None


def read_set_xlsx(upload: IO[bytes]) -> dict[str, Any]:
    """The set's data from the sheet; problems with their row numbers as ``DefinitionError``."""
    try:
        sheet = read_sheet(upload, COLUMNS)
    except SheetError as exc:
        raise DefinitionError([str(exc)]) from exc
    data: dict[str, Any] = {"criteria": [], "groups": [], "rules": {"bands": []}}
    problems: list[str] = []
    criterion: dict[str, Any] | None = None
    for number, row in sheet.rows:
        kind = fold(str(row.get("row") or ""))
        if kind == "thong tin":
            path = INFO_BY_FOLD.get(fold(str(row.get("code") or "")))
            if path is None:
                problems.append(f"Dòng {number}: không biết thông tin “{row.get('code')}”.")
                continue
            value = row.get("text")
            if path == ("title",) and value is not None:
                value = TITLE_BY_FOLD.get(fold(str(value)), value)
            if path == ("rules", "all_items_required"):
                value = _yes(value)
            _put(data, path, value)
        elif kind == "nhom":
            data["groups"].append({"code": row.get("code"), "name": row.get("text")})
        elif kind == "xep loai":
            data["rules"]["bands"].append(
                {"name": row.get("text"), "min_total": row.get("min_points")}
            )
        elif kind == "tieu chi":
            criterion = {
                "code": row.get("code"),
                "name": row.get("text"),
                "max_points": row.get("max_points"),
                "min_points": row.get("min_points"),
                "source": row.get("source"),
                "items": [],
                "items_incomplete": fold(str(row.get("kind") or "")) == fold(MORE_ITEMS),
            }
            data["criteria"].append(criterion)
        elif kind == "chi bao":
            if criterion is None:
                problems.append(f"Dòng {number}: chỉ báo phải nằm dưới một dòng “tiêu chí”.")
                continue
            item_kind = row.get("kind")
            criterion["items"].append(
                {
                    "code": row.get("code"),
                    "text": row.get("text"),
                    "kind": KINDS.get(fold(str(item_kind)), item_kind) if item_kind else "points",
                    "max_points": row.get("max_points"),
                    "applies_to": row.get("applies_to"),
                    "evidence_hint": row.get("evidence_hint"),
                    "source": row.get("source"),
                    "confirmed": _yes(row.get("confirmed")),
                }
            )
        else:
            problems.append(
                f"Dòng {number}: loại dòng “{row.get('row')}” không hợp lệ; dùng: thông tin, nhóm, xếp loại, tiêu chí, chỉ báo."
            )
    if problems:
        raise DefinitionError(problems)
    return data


def _get(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = data
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def set_rows(data: dict[str, Any]) -> list[list[Any]]:
    """The rows of a set (as stored data), ready for ``sheet_bytes``."""
    rows: list[list[Any]] = []
    for label, path in INFO:
        value = _get(data, path)
        if path == ("title",):
            value = TITLE_LABELS.get(str(value), value)
        if isinstance(value, bool):
            value = "có" if value else "không"
        rows.append(["thông tin", label, value, None, None, None, None, None, None, None])
    for group in data.get("groups") or []:
        rows.append(["nhóm", group.get("code"), group.get("name")] + [None] * 7)
    for band in _get(data, ("rules", "bands")) or []:
        rows.append(
            ["xếp loại", None, band.get("name"), None, None, band.get("min_total")] + [None] * 4
        )
    for c in data.get("criteria") or []:
        more = MORE_ITEMS if c.get("items_incomplete") else None
        rows.append(
            [
                "tiêu chí",
                c.get("code"),
                c.get("name"),
                more,
                c.get("max_points"),
                c.get("min_points"),
                None,
                None,
                c.get("source"),
                None,
            ]
        )
        for i in c.get("items") or []:
            kind = "đạt/không đạt" if i.get("kind") == "pass_fail" else "điểm"
            rows.append(
                [
                    "chỉ báo",
                    i.get("code"),
                    i.get("text"),
                    kind,
                    i.get("max_points"),
                    None,
                    ", ".join(i.get("applies_to") or []),
                    i.get("evidence_hint"),
                    i.get("source"),
                    "có" if i.get("confirmed") else "không",
                ]
            )
    return rows


def set_xlsx(data: dict[str, Any]) -> bytes:
    return sheet_bytes("Bo tieu chi", [title for _key, title in COLUMNS], set_rows(data))


def blank_template() -> bytes:
    """An empty set: every information row, one criterion with two items, no values."""
    data = {
        "criteria": [
            {
                "code": "TC1",
                "name": "",
                "items": [
                    {"code": "1.1", "kind": "points"},
                    {"code": "1.2", "kind": "pass_fail"},
                ],
            },
        ],
    }
    return set_xlsx(data)

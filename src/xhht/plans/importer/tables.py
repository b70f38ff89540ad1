"""Tasks listed in a table ("Phụ lục: Phân công nhiệm vụ"): one row a task, with columns for the
task ("Nhiệm vụ", "Nội dung"), the lead body ("Cơ quan chủ trì", "Đơn vị thực hiện"), the
supporting bodies ("Cơ quan phối hợp") and the deadline ("Thời gian hoàn thành", "Tiến độ").

``read_document`` writes a .docx table row as its cells joined by " | "; a Markdown table row is
"| … | … |". A row with fewer cells than the header ("I | CÔNG TÁC TUYÊN TRUYỀN") names the group
of the rows below it. The appendix often follows the signature, so the whole text is read, not
only the plan proper; only a table whose header has a task column and a lead column counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import deadlines
from .bodies import level_of, normalise, split_bodies
from .proposal import TaskProposal
from .textutil import clean_line, fold_keep, strip_punct

_WHAT = ("nhiem vu", "noi dung", "hoat dong", "cong viec")
_LEAD = ("chu tri", "co quan thuc hien", "don vi thuc hien", "co quan, don vi thuc hien")
_SUPPORT = ("phoi hop",)
_WHEN = ("thoi gian", "thoi han", "tien do", "hoan thanh")
_NUMBER = re.compile(r"^(?:[IVX]{1,5}|\d{1,3}(?:\.\d{1,3})*|[a-zđ])[.)]?$")
_SEPARATOR = re.compile(r"^[\s|:\-]+$")


@dataclass
class _Columns:
    what: int
    lead: int
    support: int | None
    when: int | None
    width: int


def is_table_row(line: str) -> bool:
    stripped = line.strip()
    return stripped.count(" | ") >= 2 or (
        stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3
    )


def _cells(line: str) -> list[str]:
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|"):
        stripped = stripped[1:-1]
    return [cell.strip() for cell in stripped.split("|")]


def _find(cells: list[str], words: tuple[str, ...], skip: set[int]) -> int | None:
    for index, cell in enumerate(cells):
        if index not in skip and any(word in fold_keep(cell) for word in words):
            return index
    return None


def _columns(cells: list[str]) -> _Columns | None:
    if len(cells) < 3 or any(len(cell) > 80 for cell in cells):
        return None
    lead = _find(cells, _LEAD, set())
    if lead is None:
        return None
    support = _find(cells, _SUPPORT, {lead})
    when = _find(cells, _WHEN, {lead, *([support] if support is not None else [])})
    taken = {lead, *(index for index in (support, when) if index is not None)}
    what = _find(cells, _WHAT, taken)
    if what is None:
        return None
    return _Columns(what, lead, support, when, len(cells))


def _deadline_cell(cell: str) -> deadlines.Deadline:
    folded = fold_keep(cell).strip()
    if folded.startswith(("quy ", "thang ", "nam ")):
        return deadlines.read(f"trong {cell}")  # "Quý III/2024", "Tháng 6/2024", "Năm 2024"
    if re.match(r"^\d{1,2}/\d{1,2}/\d{4}$", folded):
        return deadlines.read(f"trước ngày {cell}")
    return deadlines.read(cell)


def _task(cells: list[str], columns: _Columns, group: str, defined: dict[str, str]) -> TaskProposal:
    text = cells[columns.what]
    lead = strip_punct(cells[columns.lead])
    leads = split_bodies(lead) or ([lead] if lead else [])
    body = normalise(leads[0], defined) if len(leads) == 1 else normalise(lead, defined)
    support: list[str] = []
    if columns.support is not None and columns.support < len(cells):
        support = [normalise(name, defined) for name in split_bodies(cells[columns.support])]
    when = deadlines.read(text)
    if columns.when is not None:
        # An empty cell is left out of a .docx row: the deadline is then the last cell.
        index = columns.when if len(cells) == columns.width else len(cells) - 1
        if index > columns.lead and (found := _deadline_cell(cells[index])).kind != "none":
            when = found
        elif index == columns.when:
            when = _deadline_cell(cells[index])
    return TaskProposal(
        body=body,
        text=text,
        deadline=when.written,
        supporting=support,
        group=group,
        section="tasks",
        body_level=level_of(body),
        deadline_kind=when.kind,
        deadline_date=when.date,
        deadline_quarter=when.quarter,
        deadline_year=when.year,
        yearly_day=when.yearly_day,
        yearly_month=when.yearly_month,
    )


def table_tasks(text: str, defined: dict[str, str] | None = None) -> list[TaskProposal]:
    """The rows of every task table in the text, in order."""
    table = defined or {}
    tasks: list[TaskProposal] = []
    columns: _Columns | None = None
    group = ""
    for raw in text.splitlines():
        line = clean_line(raw)
        if not is_table_row(line) and not (columns and line.count(" | ") == 1):
            columns = None
            continue
        if _SEPARATOR.match(line):
            continue
        cells = _cells(line)
        if columns is None:
            columns, group = _columns(cells), ""
            continue
        short = len(cells) < columns.width - 1 or max(columns.what, columns.lead) >= len(cells)
        if short or not cells[columns.lead] or not cells[columns.what]:
            words = [cell for cell in cells if cell and not _NUMBER.match(cell)]
            group = strip_punct(words[0]) if words else group  # "I | CÔNG TÁC TUYÊN TRUYỀN"
            continue
        tasks.append(_task(cells, columns, group, table))
    return tasks

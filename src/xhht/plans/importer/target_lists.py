"""Lists: one number or verb for a list of standards ("100% huyện đạt chuẩn xóa mù chữ mức độ 2,
duy trì phổ cập giáo dục mầm non …"), bare numbers that speak of the things the number before
them names, and "… tương ứng" numbers that take the targets of the sentence before."""

from __future__ import annotations

import re
from dataclasses import replace

from .proposal import Kind
from .target_base import _STANDARD_NAME, _Found
from .textutil import has_any

_STANDARD_GRADE = "mam non|muc do|tuoi|pcgdmn|pcgdth|trung hoc co so|thcs|pcgdthcs"
_VERBS = re.compile(r"duy tri|dat chuan|phan dau|hoan thanh|tro thanh|cong nhan|\bdat\b")


def _standard_parts(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of ``folded[start:end]`` that each name a standard with its grade, when there
    are two or more ("…, duy trì phổ cập giáo dục mầm non cho trẻ 5 tuổi, đạt chuẩn phổ cập tiểu
    học mức độ 3"); else []."""
    parts: list[tuple[int, int]] = []
    pieces = re.split(r"(, | va |; )", folded[start:end])
    position = start
    for index, piece in enumerate(pieces):
        named = has_any(piece, _STANDARD_NAME) and "tieu chi" not in piece
        # "…, phổ cập giáo dục trung học cơ sở, mầm non": a grade alone continues the list
        grade_only = re.match(r"\W*(?:mam non|tieu hoc|trung hoc)", piece)
        named = named or (bool(parts) and grade_only is not None)
        if named and piece not in {", ", " va ", "; "}:
            graded = has_any(piece, _STANDARD_GRADE)
            # "tiểu học và xóa mù chữ mức độ 2": the grade after "và" closes both.
            if not graded and index + 2 < len(pieces) and pieces[index + 1] == " va ":
                graded = has_any(pieces[index + 2], _STANDARD_GRADE)
            if graded:  # "PCGD các cấp học", "XMC": a standard without its grade is not one
                parts.append((position, position + len(piece)))
        position += len(piece)
    return parts if len(parts) >= 2 else []


def _verb_kind(folded: str, end: int, default: Kind) -> Kind:
    """The kind the nearest verb before ``end`` gives ("duy trì" → maintain)."""
    verbs = list(_VERBS.finditer(folded, 0, end))
    if not verbs:
        return default
    last = verbs[-1]
    if last.group(0) == "duy tri" or folded[: last.start()].endswith(("duy tri ", "duy tri, ")):
        return "maintain"
    return default


def _named(folded: str, start: int, end: int) -> str:
    """A part of a list of standards, with the list's name when it has none ("…, phổ cập giáo
    dục trung học cơ sở, mầm non" → "phổ cập giáo dục mầm non")."""
    part = folded[start:end]
    return part if has_any(part, _STANDARD_NAME) else f"pho cap giao duc {part}"


def _inherit(found: list[_Found]) -> None:
    """A bare number ("…; đến năm 2030 là 60%", "… tương ứng là 60%, 40% và 50%") speaks of the
    things the number before it names (or, first in its sentence, the number after it)."""
    groups: dict[int, list[_Found]] = {}
    for item in found:
        if item.group >= 0:
            groups.setdefault(item.group, []).append(item)
    extra: list[tuple[int, _Found]] = []
    for index, item in enumerate(found):
        if item.code is not None or not item.short or item.group < 0:
            continue
        named = [g for g in sorted(groups) if any(o.code or not o.short for o in groups[g])]
        before = [g for g in named if g < item.group]
        after = [g for g in named if g > item.group]
        source = groups[before[-1]] if before else (groups[after[0]] if after else None)
        if source is None:
            continue
        first, *others = [o for o in source if o.code or not o.short]
        item.code, item.label = first.code, first.label
        item.levels = item.levels or first.levels
        item.short = False
        for other in others:
            copy = replace(item, code=other.code, label=other.label, levels=list(item.levels))
            extra.append((index, copy))
    for index, copy in reversed(extra):
        found.insert(index + 1, copy)


def _respective(items: list[_Found], previous: list[_Found]) -> None:
    """ "Đến năm 2030, đạt 100%, 90% và 60% các chỉ tiêu tương ứng", "các tỷ lệ này tương ứng là
    60%, 40% và 50%": the numbers speak, in order, of the targets of the sentence before."""
    groups = sorted({item.group for item in items if item.group >= 0})
    before = sorted({item.group for item in previous if item.group >= 0})
    if len(groups) < 2 or len(groups) != len(before):
        return
    sources = {g: next(item for item in previous if item.group == g) for g in before}
    for item in items:
        if item.group >= 0 and (item.code is None or item.short):
            source = sources[before[groups.index(item.group)]]
            item.code, item.label, item.short = source.code, source.label, False

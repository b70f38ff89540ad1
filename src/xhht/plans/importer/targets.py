"""Targets (chỉ tiêu) from the "MỤC TIÊU" section.

Each bullet or paragraph is a unit. Numbers anchor the targets: "55,55%" (a percentage, decimal
comma) or "ít nhất 01" (a count). The words after a number up to the next number name the
indicator (``rules.match_indicator``); the words before it say "duy trì" (maintain) or
"trong đó" (of which: the previous target is the parent). A unit without a number can still be
a target when it says "duy trì / đạt chuẩn / hoàn thành / được công nhận / trở thành" about an
indicator (kind maintain or yes_no, no value). The year is the horizon heading above ("Mục tiêu
đến năm 2025"), a horizon in the sentence ("đến năm 2025 …, đến năm 2030 …") or the plan year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .proposal import Kind, TargetProposal
from .rules import EVERY_PLACE, PART_OF, match_indicator, sibling_level
from .structure import Node
from .textutil import fold_keep, has_any

_PERCENT = re.compile(r"(\d{1,3}(?:[.,]\d{1,2})?)\s*%")
_AT_LEAST = re.compile(r"ít nhất\s+(\d{1,4})\b", re.IGNORECASE)
_SENTENCE_YEAR = re.compile(r"(?:den|toi|vao|trong|het)\s+(?:het\s+)?nam\s+(20\d\d)")
_HEADING_YEAR = re.compile(r"nam\s+(20\d\d)")
_HEAD_VERBS = "duy tri|dat chuan|hoan thanh|duoc cong nhan|tro thanh|cong nhan danh hieu"
_WORD = re.compile(r"[^\W\d_]+")


@dataclass
class _Anchor:
    start: int
    end: int
    value: Decimal
    count: bool


@dataclass
class _Found:
    code: str | None
    year: int | None
    value: Decimal | None
    kind: Kind
    of_which: bool
    short: bool


def _anchors(text: str) -> list[_Anchor]:
    found = [
        _Anchor(m.start(), m.end(), Decimal(m.group(1).replace(",", ".")), count=False)
        for m in _PERCENT.finditer(text)
    ]
    found += [
        _Anchor(m.start(), m.end(), Decimal(m.group(1)), count=True)
        for m in _AT_LEAST.finditer(text)
    ]
    return sorted(found, key=lambda anchor: anchor.start)


def _year_of(
    years: list[tuple[int, int]], start: int, end: int, prefix: bool, default: int | None
) -> int | None:
    if prefix:
        before = [year for pos, year in years if pos < start]
        return before[-1] if before else default
    after = [year for pos, year in years if start <= pos < end]
    return after[0] if after else default


def _unit_targets(text: str, year: int | None) -> list[TargetProposal]:
    folded = fold_keep(text)
    anchors = _anchors(text)
    years = [(m.start(), int(m.group(1))) for m in _SENTENCE_YEAR.finditer(folded)]
    prefix = bool(years) and (not anchors or years[0][0] < anchors[0].start)
    found: list[_Found] = []
    head = folded[: anchors[0].start] if anchors else folded
    if has_any(head, _HEAD_VERBS):
        code = match_indicator(head)
        if code:
            head_year = years[0][1] if years and years[0][0] < len(head) else year
            kind: Kind = "maintain" if "duy tri" in head else "yes_no"
            found.append(_Found(code, head_year, None, kind, False, False))
    for index, anchor in enumerate(anchors):
        end = anchors[index + 1].start if index + 1 < len(anchors) else len(text)
        segment, rest = folded[anchor.end : end], folded[end:]
        lead = folded[anchors[index - 1].end if index else 0 : anchor.start]
        of_which = "trong do" in lead[-30:]
        own_lead = lead.rsplit("trong do", 1)[-1]
        code = match_indicator(segment, rest)
        if code is None and of_which and found and found[-1].code:
            code = sibling_level(found[-1].code, segment)
        value: Decimal | None = anchor.value
        kind = "maintain" if "duy tri" in own_lead else "percent"
        if anchor.count:
            kind = "count"
            if code in EVERY_PLACE:
                kind, value = "percent", Decimal(100)
        short = len(_WORD.findall(segment)) <= 4
        when = _year_of(years, anchor.start, end, prefix, year)
        if code is None and found and found[-1].value is None and index == 0:
            found[-1].value = value  # "đạt chuẩn … đạt 100%": the number belongs to the head
            continue
        found.append(_Found(code, when, value, kind, of_which, short))
    _inherit(found)
    targets: list[TargetProposal] = []
    for item in found:
        if item.code is None or item.year is None:
            continue
        parent = None
        if item.of_which and targets:
            parent = targets[-1].indicator
        elif PART_OF.get(item.code) in {target.indicator for target in targets}:
            parent = PART_OF[item.code]
        targets.append(TargetProposal(item.code, item.year, item.value, item.kind, text, parent))
    return targets


def _inherit(found: list[_Found]) -> None:
    """A bare number ("…; đến năm 2030 là 60%") speaks of its neighbour's indicator."""
    for index, item in enumerate(found):
        if item.code is not None or not item.short:
            continue
        before = [other.code for other in found[:index] if other.code]
        after = [other.code for other in found[index + 1 :] if other.code]
        item.code = before[-1] if before else (after[0] if after else None)


def _walk(node: Node, year: int | None, out: list[TargetProposal]) -> None:
    folded = fold_keep(node.text)
    if folded.startswith("muc tieu chung"):
        return
    if node.children:
        heading_year = _HEADING_YEAR.search(folded)
        if heading_year and "%" not in node.text:
            year = int(heading_year.group(1))
    out.extend(_unit_targets(node.full_text, year))
    for child in node.children:
        _walk(child, year, out)


def find_targets(objective_sections: list[Node], plan_year: int | None) -> list[TargetProposal]:
    targets: list[TargetProposal] = []
    for section in objective_sections:
        for child in section.children:
            _walk(child, plan_year, targets)
    # One target per indicator and year (a plan cannot hold two): the first sentence wins.
    seen: set[tuple[str | None, int]] = set()
    unique: list[TargetProposal] = []
    for target in targets:
        if (target.indicator, target.year) not in seen:
            seen.add((target.indicator, target.year))
            unique.append(target)
    return unique

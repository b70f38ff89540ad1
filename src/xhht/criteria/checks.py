"""Consistency checks of a parsed criteria set: codes, points that add up, rules that can be met.

Unknown values (``None``) are allowed, they make the set a template; only values that are known
and contradict each other are problems.
"""

from __future__ import annotations

import itertools
from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING

from xhht.criteria.parsing import Problems

if TYPE_CHECKING:  # annotations only: definition imports this module to check what it parsed
    from xhht.criteria.definition import CriterionDef, SetDefinition

#: The title codes (``criteria.models.Title`` values), repeated here to keep this module pure.
TITLE_CODES = ("family", "clan", "community", "unit", "citizen", "commune", "centre")


def fmt_points(number: Decimal | None) -> str:
    """Points as people write them: 30, 7.5 (``?`` when not known)."""
    if number is None:
        return "?"
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


_fmt = fmt_points


def _duplicates(codes: list[str]) -> list[str]:
    return sorted(code for code, count in Counter(codes).items() if code and count > 1)


def check_definition(definition: SetDefinition, problems: Problems) -> None:
    _check_header(definition, problems)
    _check_codes(definition, problems)
    for criterion in definition.criteria:
        _check_criterion(definition, criterion, problems)
    _check_rules(definition, problems)


def _check_header(d: SetDefinition, problems: Problems) -> None:
    if not d.code:
        problems.add("Thiếu mã bộ tiêu chí (code).")
    if not d.name:
        problems.add("Thiếu tên bộ tiêu chí (name).")
    if d.title not in TITLE_CODES:
        problems.add(
            f"Danh hiệu (title) “{d.title}” không hợp lệ; dùng một trong: {', '.join(TITLE_CODES)}."
        )
    if d.valid_from and d.valid_to and d.valid_to < d.valid_from:
        problems.add(
            f"Hiệu lực đến ({d.valid_to:%d/%m/%Y}) trước hiệu lực từ ({d.valid_from:%d/%m/%Y})."
        )


def _check_codes(d: SetDefinition, problems: Problems) -> None:
    for code in _duplicates([c.code for c in d.criteria]):
        problems.add(f"Mã tiêu chí “{code}” bị trùng.")
    for code in _duplicates([i.code for i in d.items()]):
        where = ", ".join(c.code for c in d.criteria if any(i.code == code for i in c.items))
        problems.add(
            f"Mã chỉ báo “{code}” bị trùng (trong tiêu chí {where}); mỗi chỉ báo cần một mã riêng trong cả bộ."
        )
    group_codes = [g.code for g in d.groups]
    for code in _duplicates(group_codes):
        problems.add(f"Mã nhóm đối tượng “{code}” bị trùng.")
    for group in d.groups:
        if not group.code or not group.name:
            problems.add("Mỗi nhóm đối tượng (groups) cần mã (code) và tên (name).")
    for criterion in d.criteria:
        for item in criterion.items:
            for code in item.applies_to:
                if code not in group_codes:
                    problems.add(
                        f"Tiêu chí {criterion.code}, chỉ báo {item.code}: nhóm đối tượng “{code}” chưa được khai báo trong groups."
                    )


def _check_criterion(d: SetDefinition, c: CriterionDef, problems: Problems) -> None:
    where = f"Tiêu chí {c.code}"
    point_items = [i for i in c.items if i.kind == "points"]
    if c.items and not point_items and (c.max_points is not None or c.min_points is not None):
        problems.add(
            f"{where}: chỉ có chỉ báo đạt/không đạt nên không có điểm tối đa hay điểm tối thiểu."
        )
        return
    if c.max_points is not None and c.min_points is not None and c.min_points > c.max_points:
        problems.add(
            f"{where}: điểm tối thiểu ({_fmt(c.min_points)}) lớn hơn điểm tối đa ({_fmt(c.max_points)}), không thể đạt."
        )
    if c.max_points is None or not point_items:
        return
    contexts: list[str | None] = [g.code for g in d.groups] or [None]
    for group in contexts:
        points = [i.max_points for i in point_items if i.applies(group)]
        known = sum((p for p in points if p is not None), Decimal(0))
        suffix = f" (nhóm {group})" if group else ""
        if None not in points and known != c.max_points:
            problems.add(
                f"{where}{suffix}: tổng điểm các chỉ báo ({_fmt(known)}) không bằng điểm tối đa của tiêu chí ({_fmt(c.max_points)})."
            )
        elif None in points and known > c.max_points:
            problems.add(
                f"{where}{suffix}: tổng điểm các chỉ báo đã biết ({_fmt(known)}) vượt điểm tối đa của tiêu chí ({_fmt(c.max_points)})."
            )


def _check_rules(d: SetDefinition, problems: Problems) -> None:
    rules = d.rules
    items = d.items()
    has_pass_fail = any(i.kind == "pass_fail" for i in items)
    if has_pass_fail and not rules.all_items_required:
        problems.add(
            "Bộ có chỉ báo đạt/không đạt nhưng quy tắc all_items_required chưa bật; bật quy tắc này (mọi chỉ báo đạt/không đạt phải đạt) hoặc đổi chỉ báo sang chấm điểm."
        )
    if rules.all_items_required and items and not has_pass_fail:
        problems.add(
            "Quy tắc all_items_required (đạt tất cả chỉ báo) cần ít nhất một chỉ báo đạt/không đạt (kind: pass_fail)."
        )
    groups: list[str | None] = [g.code for g in d.groups] or [None]
    totals = [d.max_total(g) for g in groups]
    known_totals = [t for t in totals if t is not None]
    highest = max(known_totals) if known_totals and len(known_totals) == len(totals) else None
    if rules.min_item_points is not None:
        for criterion in d.criteria:
            for item in criterion.items:
                if item.max_points is not None and item.max_points < rules.min_item_points:
                    problems.add(
                        f"Tiêu chí {criterion.code}, chỉ báo {item.code}: điểm tối đa ({_fmt(item.max_points)}) nhỏ hơn điểm tối thiểu của mỗi chỉ báo ({_fmt(rules.min_item_points)}), không thể đạt."
                    )
    if not d.uses_points:
        if rules.min_item_points is not None:
            problems.add(
                "Bộ chỉ có chỉ báo đạt/không đạt (không chấm điểm) nên không có điểm tối thiểu của mỗi chỉ báo."
            )
        if rules.pass_mark is not None:
            problems.add(
                "Bộ chỉ có chỉ báo đạt/không đạt (không chấm điểm) nên không có điểm chuẩn."
            )
        if rules.bands:
            problems.add(
                "Bộ chỉ có chỉ báo đạt/không đạt (không chấm điểm) nên không xếp loại theo điểm."
            )
        return
    if rules.max_total is not None:
        for group, total in zip(groups, totals, strict=True):
            suffix = f" (nhóm {group})" if group else ""
            if total is not None and total != rules.max_total:
                problems.add(
                    f"Tổng điểm tối đa khai báo ({_fmt(rules.max_total)}) không bằng tổng điểm các tiêu chí{suffix} ({_fmt(total)})."
                )
        highest = highest if highest is not None else rules.max_total
    lowest_max = min(known_totals) if len(known_totals) == len(totals) and known_totals else None
    if rules.pass_mark is not None and highest is not None and rules.pass_mark > highest:
        problems.add(
            f"Điểm chuẩn ({_fmt(rules.pass_mark)}) lớn hơn tổng điểm tối đa ({_fmt(highest)}), không ai đạt được."
        )
    elif rules.pass_mark is not None and lowest_max is not None and rules.pass_mark > lowest_max:
        problems.add(
            f"Điểm chuẩn ({_fmt(rules.pass_mark)}) lớn hơn tổng điểm tối đa của một nhóm đối tượng ({_fmt(lowest_max)})."
        )
    _check_bands(d, lowest_max if lowest_max is not None else highest, problems)


def _check_bands(d: SetDefinition, max_total: Decimal | None, problems: Problems) -> None:
    bands = d.rules.bands
    for name in _duplicates([b.name for b in bands]):
        problems.add(f"Xếp loại “{name}” bị trùng tên.")
    known = sorted(
        (b for b in bands if b.min_total is not None),
        key=lambda b: b.min_total or Decimal(0),
        reverse=True,
    )
    for band in known:
        assert band.min_total is not None  # noqa: S101 - filtered above, for the type checker
        if max_total is not None and band.min_total > max_total:
            problems.add(
                f"Xếp loại “{band.name}” cần {_fmt(band.min_total)} điểm, vượt tổng điểm tối đa ({_fmt(max_total)}): không thể đạt."
            )
    for higher, lower in itertools.pairwise(known):
        if higher.min_total == lower.min_total:
            problems.add(
                f"Xếp loại “{lower.name}” có cùng điểm tối thiểu với “{higher.name}” ({_fmt(lower.min_total)}): không thể đạt."
            )
    floor = d.rules.pass_mark
    if floor is not None:
        for higher, lower in itertools.pairwise(known):
            if higher.min_total is not None and higher.min_total <= floor:
                problems.add(
                    f"Xếp loại “{lower.name}” không thể đạt: dưới điểm chuẩn ({_fmt(floor)}) mọi hồ sơ đạt chuẩn đều xếp loại “{higher.name}” trở lên."
                )

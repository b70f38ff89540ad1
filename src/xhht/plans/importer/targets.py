"""Targets (chỉ tiêu), read sentence by sentence over the whole plan.

The plan's structure is a hint, not a gate. Each line of the body (a heading, a bullet or a
paragraph) is a unit; the headings above it say which part of the plan it is in:

- under a heading "Mục tiêu" / "Chỉ tiêu" (but not "Mục tiêu chung") every unit is read;
- under "Mục tiêu chung", a background ("Kết quả", "Thực trạng", "Căn cứ") or, when the plan
  has an objectives part, a task part ("Nhiệm vụ", "Giải pháp", "Tổ chức thực hiện", "Kinh phí",
  "Báo cáo"), nothing is read: tasks that restate an aim are tasks (HCM III.7.đ);
- anywhere else (a news text, the preamble, a plan without an objectives heading) a sentence is
  read when it says it is an aim: "phấn đấu", "mục tiêu", "chỉ tiêu", a horizon ("đến năm 2025",
  "giai đoạn 2021–2025"), "duy trì", "bảo đảm"; a sentence that reports what was reached
  ("đã đạt", "hiện nay") is not.

A lead-in ("Mục tiêu cụ thể đến năm 2025:", "- Đến năm 2030:", "a) Mục tiêu đến năm 2025") gives
its horizon to the units under it, and a lead-in that names an aim makes them objectives; in
running text, an aim that opens with its horizon ("Theo đó, mục tiêu đến năm 2025, 40% …")
governs the sentences and paragraphs after it, except those that report results. Paragraphs
that open with their topic ("Đối với phổ cập giáo dục tiểu học: 100% …", "Về …, …") right after
a paragraph of aims with numbers go on with its list. An aim without a year of its own takes the
plan's (the year of a yearly plan's title or lead, the horizon of "… ban hành Kế hoạch … đến năm
2030"); in a text with no plan year whose aims state a single horizon, it takes that horizon
("Mỗi năm, … phấn đấu … 10,5% …" beside "Đến năm 2030, tỉnh đặt mục tiêu …").
"Duy trì (vững chắc) kết quả …" keeps a result: an aim, not a report.

The modules beside this one read the rest: ``horizons`` (parts of a plan, aims, years),
``target_numbers`` (the numbers of a unit and what they name), ``target_lists`` (lists of
standards, "… tương ứng"), ``target_tables`` (tables of targets) and ``target_dedup`` (headlines
and restatements).

One number for a list of standards gives one target per standard; "… tương ứng" numbers take,
in order, the targets of the sentence before; a table (.docx rows "Chỉ tiêu | Năm 2025 | Năm
2030") is read by its year columns.
"""

from __future__ import annotations

from decimal import Decimal

from .horizons import (
    _TOPIC_LEAD,
    GENERAL,
    NEUTRAL,
    OBJECTIVE,
    PAST,
    SOFT,
    TASK,
    _heading_year,
    _is_aim,
    _is_heading_paragraph,
    _is_past,
    _opening_horizon,
    _Scope,
    _strong,
    _zone_of_title,
)
from .proposal import TargetProposal
from .rules import PART_OF
from .structure import LETTER, ROMAN, marker
from .target_base import _first_number, _Found, _sentence_years
from .target_dedup import _identity, _label_key, _without_restatements
from .target_lists import _respective
from .target_numbers import _CONTEXT, _chunks, _sentences, _unit_targets
from .target_tables import _table_targets
from .textutil import fold_keep


def _read_units(
    lines: list[str], plan_year: int | None, date_year: int | None
) -> list[tuple[_Found, str]]:
    units: list[tuple[float, str, bool]] = []  # (rank, text, heading); a paragraph: rank -1
    for line in lines:
        marked = marker(line)
        if marked is not None:
            units.append((float(marked[0]), marked[1], marked[0] <= LETTER))
        elif _is_heading_paragraph(line):
            units.append((float(ROMAN), line, True))
        else:
            units.append((-1.0, line, False))
    has_objectives = any(
        heading and _zone_of_title(fold_keep(text)) == OBJECTIVE for _, text, heading in units
    )
    stack: list[_Scope] = []
    out: list[tuple[_Found, str]] = []
    previous: list[_Found] = []  # the targets of the last sentence with numbers
    listing = False  # the paragraph before stated aims with numbers: a list may go on
    table: list[str] = []
    for rank, text, heading in [*units, (-1.0, "", False)]:
        if " | " in text and rank < 0:  # a row of a table (.docx): read with the table
            table.append(text)
            continue
        if table:
            out += _table_targets(table, date_year)
            table = []
        if not text:
            continue
        folded = fold_keep(text)
        anchors = _first_number(folded) < len(folded)
        years = _sentence_years(folded)
        lead_in = not anchors and (
            folded.rstrip().endswith(":")
            or (bool(years) and (rank >= 0 or _strong(folded, text) or years[0][0] < 40))
        )
        if rank < 0:  # a paragraph: it belongs to the heading above it
            headings = [s.rank for s in stack if 0 <= s.rank <= LETTER]
            rank = (max(headings) if headings else -1.0) + 0.5
            if lead_in:  # a lead-in replaces the one before it under the same heading
                stack = [s for s in stack if s.rank < rank]
        else:  # a heading or a bullet closes the scopes at its rank and below; a part ("I.")
            # closes the lead-ins of the text above it
            stack = [s for s in stack if s.rank < rank and (s.rank >= 0 or rank > ROMAN)]
        zone = next((s.zone for s in reversed(stack) if s.zone), NEUTRAL)
        year = next((s.year for s in reversed(stack) if s.year), None)
        scope = _Scope(rank)
        if heading:
            scope.zone = _zone_of_title(folded)
            if scope.zone == NEUTRAL and zone != NEUTRAL and rank > ROMAN:
                scope.zone = None  # a sub-heading without keywords stays in its part
            if scope.zone != PAST:
                scope.year = _heading_year(folded)
        elif lead_in:
            scope.year = years[0][1] if years else None
            if zone in {NEUTRAL, SOFT, OBJECTIVE} and _strong(folded, text):
                scope.zone = OBJECTIVE if zone == OBJECTIVE else SOFT
        if rank >= 0 or lead_in:
            stack.append(scope)
        zone = scope.zone or zone
        # "Đối với phổ cập giáo dục tiểu học: 100% …", "Về cơ sở vật chất, …": a paragraph that
        # opens with its topic goes on with the aims of the paragraph before it.
        paragraph = rank % 1 != 0
        listed = paragraph and listing and _TOPIC_LEAD.match(folded) is not None
        listing = False
        if listed and zone in {NEUTRAL, SOFT}:
            zone = SOFT
        if zone in {GENERAL, PAST} or (zone == TASK and has_objectives):
            continue
        default = scope.year or year
        context = folded if len(folded) <= 2 * _CONTEXT else ""
        for piece in _chunks([text] if zone == OBJECTIVE else _sentences(text)):
            piece_folded = fold_keep(piece)
            strong = _strong(piece_folded, piece)
            if "muc tieu chung" in piece_folded:
                continue
            aim = zone == OBJECTIVE or strong or bool(_sentence_years(piece_folded))
            if zone == SOFT:
                if _is_past(piece_folded, date_year, piece):
                    continue
            elif zone != OBJECTIVE and not _is_aim(piece_folded, date_year, zone == TASK, piece):
                continue
            items = _unit_targets(piece, default or plan_year, aim, context)
            if "tuong ung" in piece_folded:
                _respective(items, previous)
            for item in items:
                item.stated = item.stated or bool(default)
                out.append((item, piece))
            if any(item.group >= 0 for item in items):
                previous = items
                listing = listing or (paragraph and (strong or listed))
            # "Theo đó, mục tiêu đến năm 2025, 40% …": an aim that opens with its horizon governs
            # the sentences and paragraphs after it.
            # "Trong giai đoạn 2021-2030, …" without a number gives only its horizon.
            lead_year = _opening_horizon(piece_folded) if rank % 1 else None
            if lead_year and zone in {NEUTRAL, SOFT}:
                lead_zone = SOFT if strong else zone
                if not strong and (
                    _first_number(piece_folded) < len(piece_folded)
                    or piece_folded.find(str(lead_year)) > 60
                ):
                    continue
                stack = [s for s in stack if s.rank < rank] + [_Scope(rank, lead_year, lead_zone)]
                default, zone = lead_year, lead_zone
    return out


def find_targets(
    lines: list[str], plan_year: int | None, date_year: int | None = None
) -> list[TargetProposal]:
    """The targets of a plan's body lines (``structure.plan_lines`` after the title)."""
    read = _read_units(lines, plan_year, date_year or plan_year)
    # A text without a plan year whose aims state one horizon ("Đến năm 2030, tỉnh đặt mục tiêu
    # …"): the aims that state none ("Mỗi năm, … phấn đấu huy động ít nhất 10,5% …") are for it.
    horizons = {item.year for item, _ in read if item.year is not None and item.stated}
    if plan_year is None and len(horizons) == 1:
        for item, _ in read:
            item.year = item.year or next(iter(horizons))
    found = [(item, text) for item, text in read if item.year is not None]
    # A headline restating a body target: the target whose year the text states wins.
    stated = {_identity(item) for item, _ in found if item.stated}
    found = [(item, text) for item, text in found if item.stated or _identity(item) not in stated]
    targets: list[TargetProposal] = []
    seen: dict[tuple[object, ...], Decimal | None] = {}
    for item, text in found:
        if item.year is None:
            continue
        # One target per indicator and year (a plan cannot hold two): the first sentence wins;
        # a count of places with its denominator ("8/8 huyện") is apart from the place's own
        # standard. A second, different number for the same indicator is a narrower target the
        # catalogue does not hold ("30% các doanh nghiệp" after "60% các tổ chức, …"): proposed
        # without an indicator.
        # The place's own standard ("huyện đạt chuẩn …", no number) is apart from a rate of its
        # sub-places reaching it ("100% đơn vị cấp xã đạt chuẩn …").
        key: tuple[object, ...] = (item.code, item.year, item.of is not None)
        if item.code and key in seen:
            own = item.value is None and item.kind == "yes_no" and seen[key] is not None
            if own and (*key, "own") not in seen:
                key = (*key, "own")
            elif item.value is None or seen[key] in {None, item.value}:
                continue
            else:
                item.code = None
        if item.code is None:
            key = (_label_key(item.label), item.year, item.value, item.kind)
            if key in seen:
                continue
        seen[key] = item.value
        parent = None
        if item.of_which and targets and item.code:
            parent = targets[-1].indicator
        elif item.code in PART_OF and PART_OF[item.code] in {t.indicator for t in targets}:
            parent = PART_OF[item.code]
        targets.append(
            TargetProposal(
                item.code,
                item.year,
                item.value,
                item.kind,
                text,
                parent,
                label=item.label,
                of=item.of,
                place_levels=item.levels,
            )
        )
    return _without_restatements(targets)

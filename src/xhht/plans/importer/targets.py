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
its horizon to the units under it, and a lead-in that names an aim makes them objectives.

Numbers anchor the targets: "55,55%" (a percentage, decimal comma), "70–80%" (a range: its lower
bound), "12/17 huyện" (a count with its denominator), "ít nhất 01" (a count). Ages ("15 tuổi"),
levels ("mức độ 2"), document numbers and dates are not anchors. The words after a number up to
the next number name the indicator (``rules.match_indicator``); a number at the end of a clause
("tỷ lệ … đạt 70%") takes the words before it. A target whose wording matches no catalogue
indicator is still proposed, with ``indicator=None`` and its ``label``, for the officer to map.
A unit without a number can be a target when it says "duy trì / đạt chuẩn / hoàn thành / được
công nhận / trở thành" about a standard (kind maintain or yes_no, no value).

A headline that restates a body target gives one target: the one whose year the text states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .proposal import Kind, TargetProposal
from .rules import EVERY_PLACE, PART_OF, match_indicator, sibling_level
from .structure import LETTER, ROMAN, marker
from .textutil import fold_keep, has_any, strip_punct

_NUM = r"\d{1,3}(?:[.,]\d{1,2})?"
_PERCENT = re.compile(rf"(?<![\d/.,])({_NUM})\s*%")
# "70 - 80%", "70% - 80%", "từ 70% đến 80%": one target, the lower bound (folded text).
_RANGE = re.compile(rf"(?<![\d/.,])({_NUM})\s*%?\s*(?:-|–|—|den|toi)\s*({_NUM})\s*%")
_AT_LEAST = re.compile(r"(?:it nhat|toi thieu)\s+(\d{1,4})\b")
_PLACE_NOUN = r"(?:xa|phuong|thi tran|huyen|quan|thi xa|thanh pho|tinh|don vi hanh chinh)"
_OF = re.compile(rf"(?<![\d/])(\d{{1,4}})\s*/\s*(\d{{1,4}})\s+(?:cac\s+)?{_PLACE_NOUN}\b")
_YEAR = r"(20\d\d)"
_SENTENCE_YEAR = re.compile(
    rf"(?:(?:den|toi|vao|trong|het|cuoi|den het|den cuoi)\s+(?:het\s+|cuoi\s+)?nam\s+{_YEAR}"
    rf"|giai doan\s+20\d\d\s*[-–—]\s*{_YEAR}|^\s*nam\s+{_YEAR}\b)"
)
_HEADING_YEAR = re.compile(rf"(?:nam|giai doan 20\d\d\s*[-–—])\s*{_YEAR}")
_HEAD_VERBS = "duy tri|dat chuan|hoan thanh|duoc cong nhan|tro thanh|cong nhan danh hieu"
_STANDARD = "pho cap|xoa mu chu|chuan|danh hieu|thanh vien|hoc tap"
_NO_NUMBER_STANDARD = "dat chuan|pho cap|xoa mu chu|danh hieu|thanh vien|cong nhan"
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\W\d_])")
_CLAUSE_END = re.compile(r"[;.:]|, trong do|\(")

# Parts of a plan, from a heading's folded words.
OBJECTIVE, GENERAL, TASK, PAST, NEUTRAL = "objective", "general", "task", "past", "neutral"
_GENERAL_TITLE = re.compile(r"^(?:\w{1,4}[.)]\s*)?muc tieu chung\b")
_OBJECTIVE_TITLE = "muc tieu|chi tieu"
_TASK_TITLE = (
    "nhiem vu|giai phap|to chuc thuc hien|trach nhiem|kinh phi|che do bao cao|bao cao|phan cong"
    "|kiem tra|khen thuong|thi dua"
)
_PAST_TITLE = "ket qua|thuc trang|tinh hinh|danh gia|can cu|co so phap ly|boi canh"
# What makes a sentence outside an objectives part an aim.
_STRONG_CUE = "phan dau|phan dau|muc tieu|chi tieu|huong toi|ke hoach dat ra"
_WEAK_CUE = "duy tri|bao dam|dam bao|it nhat|toi thieu"
_PAST = "da dat|da co|da duoc|dat duoc|hien nay|hien co|hien tai|ket qua|so voi cung ky"
_LEVELS = (
    ("commune", "xa|phuong|thi tran"),
    ("district", "huyen|quan|thi xa"),
    ("province", "tinh|thanh pho"),
)


@dataclass
class _Anchor:
    start: int
    end: int
    value: Decimal
    count: bool
    of: Decimal | None = None


@dataclass
class _Found:
    code: str | None
    year: int | None
    value: Decimal | None
    kind: Kind
    of_which: bool
    short: bool
    label: str
    stated: bool  # the text states the year (not the plan's default)
    of: Decimal | None = None
    levels: list[str] = field(default_factory=list)


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def _anchors(text: str, folded: str) -> list[_Anchor]:
    found: list[_Anchor] = []
    taken: list[tuple[int, int]] = []
    for match in _RANGE.finditer(folded):
        low, high = _decimal(match.group(1)), _decimal(match.group(2))
        if low < high <= 100:
            found.append(_Anchor(match.start(), match.end(), low, count=False))
            taken.append((match.start(), match.end()))
    for match in _PERCENT.finditer(text):
        if not any(start <= match.start() < end for start, end in taken):
            found.append(_Anchor(match.start(), match.end(), _decimal(match.group(1)), False))
    for match in _OF.finditer(folded):
        part, whole = Decimal(match.group(1)), Decimal(match.group(2))
        if 0 < part <= whole:
            end = match.start() + len(match.group(0).rstrip()) - len(match.group(0).split()[-1])
            found.append(_Anchor(match.start(), end, part, count=True, of=whole))
    for match in _AT_LEAST.finditer(folded):
        found.append(_Anchor(match.start(), match.end(), Decimal(match.group(1)), count=True))
    return sorted(found, key=lambda anchor: anchor.start)


def _year_of(
    years: list[tuple[int, int]], start: int, end: int, prefix: bool, default: int | None
) -> tuple[int | None, bool]:
    if prefix:
        before = [year for pos, year in years if pos < start]
        return (before[-1], True) if before else (default, False)
    after = [year for pos, year in years if start <= pos < end]
    return (after[0], True) if after else (default, False)


def _sentence_years(folded: str) -> list[tuple[int, int]]:
    return [
        (m.start(), int(next(group for group in m.groups() if group)))
        for m in _SENTENCE_YEAR.finditer(folded)
    ]


def _levels(folded_segment: str) -> list[str]:
    """The levels of the places a target counts: "100% quận, huyện …", "… cấp xã, huyện, …"."""
    text = folded_segment.strip(" ,;:.")
    for filler in ("cac ", "so ", "ty le "):
        text = text.removeprefix(filler)
    grades = re.search(
        r"\bcap ((?:(?:cap )?(?:xa|phuong|huyen|quan|thi xa|tinh|thanh pho)"
        r"(?:, | va |, va )?)+)",
        text,
    )
    if grades:
        words = grades.group(1)
    elif re.match(rf"{_PLACE_NOUN}\b", text):
        words = re.match(rf"(?:{_PLACE_NOUN}(?:, | va |, va )?)+", text).group(0)  # type: ignore[union-attr]
        words = re.sub(r"thanh pho (?:truc thuoc|thu duc)", "thi xa", words)
    else:
        return []
    parts = [part for part in re.split(r", | va ", words) if part]
    return [level for level, names in _LEVELS if any(has_any(p.strip(), names) for p in parts)]


def _label(text: str, start: int, end: int) -> str:
    """The words of ``text[start:end]`` up to the end of the clause, without the punctuation."""
    piece = text[start:end]
    cut = _CLAUSE_END.search(fold_keep(piece))
    if cut:
        piece = piece[: cut.start()]
    return strip_punct(piece)


def _lead_clause(folded: str, start: int, end: int) -> tuple[int, int]:
    """The clause before a number that ends its clause ("tỷ lệ gia đình … đạt 70%")."""
    cut = max(folded.rfind(mark, start, end) for mark in (";", ":", ". ", ", "))
    return (cut + 1 if cut >= start else start), end


def _unit_targets(text: str, year: int | None, aim: bool) -> list[_Found]:
    """The targets of one unit; ``aim``: the unit is an aim (a target without a number and
    outside the catalogue is proposed only then)."""
    folded = fold_keep(text)
    anchors = _anchors(text, folded)
    years = _sentence_years(folded)
    prefix = bool(years) and (not anchors or years[0][0] < anchors[0].start)
    found: list[_Found] = []
    head = folded[: anchors[0].start] if anchors else folded
    if aim and has_any(head, _HEAD_VERBS) and has_any(head, _STANDARD):
        code = match_indicator(head)
        head_year, stated = (
            (years[0][1], True) if years and years[0][0] < len(head) else (year, False)
        )
        kind: Kind = "maintain" if "duy tri" in head else "yes_no"
        label = _label(text, 0, len(head))
        if code or (aim and not anchors and has_any(head, _NO_NUMBER_STANDARD)):
            found.append(_Found(code, head_year, None, kind, False, False, label, stated))
    for index, anchor in enumerate(anchors):
        end = anchors[index + 1].start if index + 1 < len(anchors) else len(text)
        segment, rest = folded[anchor.end : end], folded[end:]
        lead = folded[anchors[index - 1].end if index else 0 : anchor.start]
        of_which = "trong do" in lead[-30:]
        own_lead = lead.rsplit("trong do", 1)[-1]
        code = match_indicator(segment, rest)
        if code is None and of_which and found and found[-1].code:
            code = sibling_level(found[-1].code, segment)
        label = _label(text, anchor.end, end)
        words = len(_WORD.findall(_label(folded, anchor.end, end)))
        levels = _levels(segment)
        if words <= 1:  # "… đạt 70%;": the clause before the number names it
            start, stop = _lead_clause(folded, anchors[index - 1].end if index else 0, anchor.start)
            lead_words = re.sub(
                r"\b(?:dat|la|co|chiem|phan dau|ty le|muc tieu)\b", " ", folded[start:stop]
            )
            if len(_WORD.findall(lead_words)) >= 3 and not _SENTENCE_YEAR.search(
                folded[start:stop]
            ):
                code = code or match_indicator(folded[start:stop])
                label = _label(text, start, stop)
                levels = levels or _levels(folded[start:stop])
                words = len(_WORD.findall(lead_words))
        value: Decimal | None = anchor.value
        kind = "maintain" if "duy tri" in own_lead else "percent"
        if anchor.count:
            kind = "count"
            if code in EVERY_PLACE:
                kind, value = "percent", Decimal(100)
        short = words <= 4
        when, stated = _year_of(years, anchor.start, end, prefix, year)
        if code is None and found and found[-1].value is None and index == 0:
            found[-1].value = value  # "đạt chuẩn … đạt 100%": the number belongs to the head
            continue
        found.append(
            _Found(code, when, value, kind, of_which, short, label, stated, anchor.of, levels)
        )
    _inherit(found)
    return found


def _inherit(found: list[_Found]) -> None:
    """A bare number ("…; đến năm 2030 là 60%") speaks of its neighbour's indicator."""
    for index, item in enumerate(found):
        if item.code is not None or not item.short:
            continue
        before = [other for other in found[:index] if other.code or not other.short]
        after = [other for other in found[index + 1 :] if other.code or not other.short]
        source = before[-1] if before else (after[0] if after else None)
        if source is not None:
            item.code, item.label = source.code, source.label
            item.levels = item.levels or source.levels


def _sentences(text: str) -> list[str]:
    """Sentences of a unit; "Trong đó, …" stays with the sentence before it."""
    parts: list[str] = []
    for piece in _SENTENCE_END.split(text):
        if parts and fold_keep(piece).startswith("trong do"):
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return parts


def _is_aim(folded: str, plan_year: int | None, strict: bool) -> bool:
    """Whether a sentence outside an objectives part states an aim."""
    years = _sentence_years(folded)
    strong = has_any(folded, _STRONG_CUE)
    if strict:
        return strong and bool(years)
    if not strong and has_any(folded, _PAST):
        return False
    if not strong and years and plan_year and all(year < plan_year for _, year in years):
        return False
    return strong or bool(years) or has_any(folded, _WEAK_CUE)


@dataclass
class _Scope:
    rank: float
    year: int | None = None
    zone: str | None = None


def _zone_of_title(folded: str) -> str | None:
    if _GENERAL_TITLE.match(folded):
        return GENERAL
    if has_any(folded[:60], _PAST_TITLE) and not folded.startswith(("muc tieu", "chi tieu")):
        return PAST
    if has_any(folded, _OBJECTIVE_TITLE) and not has_any(folded, "nhiem vu|giai phap"):
        return OBJECTIVE
    if has_any(folded[:60], _TASK_TITLE):
        return TASK
    return NEUTRAL


def _is_heading_paragraph(line: str) -> bool:
    letters = [char for char in line if char.isalpha()]
    return len(line) <= 100 and len(letters) >= 4 and all(char.isupper() for char in letters)


def _heading_year(folded: str) -> int | None:
    match = _HEADING_YEAR.search(folded)
    return int(match.group(1)) if match and "%" not in folded else None


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
    for rank, text, heading in units:
        folded = fold_keep(text)
        anchors = _anchors(text, folded)
        years = _sentence_years(folded)
        lead_in = not anchors and (bool(years) or folded.rstrip().endswith(":"))
        if rank >= 0:  # a heading or a bullet closes the scopes at its rank and below
            stack = [s for s in stack if s.rank < rank and (s.rank >= 0 or not heading)]
        elif lead_in:  # a paragraph lead-in replaces the one before it in the same heading
            headings = [s.rank for s in stack if s.rank <= LETTER and s.rank >= 0]
            rank = (max(headings) if headings else -1.0) + 0.5
            stack = [s for s in stack if s.rank < rank]
        zone = next((s.zone for s in reversed(stack) if s.zone), NEUTRAL)
        year = next((s.year for s in reversed(stack) if s.year), None)
        scope = _Scope(rank)
        if heading:
            scope.zone = _zone_of_title(folded)
            if scope.zone == NEUTRAL and zone != NEUTRAL:
                scope.zone = None  # a sub-heading without keywords stays in its part
            if scope.zone != PAST:
                scope.year = _heading_year(folded)
        elif lead_in:
            scope.year = years[0][1] if years else None
            if zone in {NEUTRAL, OBJECTIVE} and has_any(folded, _STRONG_CUE):
                scope.zone = OBJECTIVE
        if rank >= 0 or lead_in:
            stack.append(scope)
        zone = scope.zone or zone
        if zone in {GENERAL, PAST} or (zone == TASK and has_objectives):
            continue
        default = scope.year or year
        if zone == OBJECTIVE:
            pieces = [text]
        else:
            pieces = [
                piece
                for piece in _sentences(text)
                if _is_aim(fold_keep(piece), date_year, strict=zone == TASK)
            ]
        for piece in pieces:
            aim = zone == OBJECTIVE or has_any(fold_keep(piece), _STRONG_CUE)
            for item in _unit_targets(piece, default or plan_year, aim):
                item.stated = item.stated or bool(default)
                out.append((item, piece))
    return out


def _same(a: _Found, b: _Found) -> bool:
    if a.code or b.code:
        return a.code == b.code
    return _label_key(a.label) == _label_key(b.label)


def _label_key(label: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold_keep(label)))[:5]


def find_targets(
    lines: list[str], plan_year: int | None, date_year: int | None = None
) -> list[TargetProposal]:
    """The targets of a plan's body lines (``structure.plan_lines`` after the title)."""
    found = [
        (item, text)
        for item, text in _read_units(lines, plan_year, date_year or plan_year)
        if item.year is not None
    ]
    # A headline restating a body target: the target whose year the text states wins.
    found = [
        (item, text)
        for item, text in found
        if item.stated
        or not any(
            other.stated and _same(item, other) and other.value == item.value for other, _ in found
        )
    ]
    targets: list[TargetProposal] = []
    seen: set[tuple[object, ...]] = set()
    for item, text in found:
        if item.year is None:
            continue
        # One target per indicator and year (a plan cannot hold two): the first sentence wins.
        key: tuple[object, ...] = (
            (item.code, item.year)
            if item.code
            else (_label_key(item.label), item.year, item.value, item.kind)
        )
        if key in seen:
            continue
        seen.add(key)
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
    return targets

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

Numbers anchor the targets: "55,55%" (a percentage, decimal comma), "70–80%" (a range: its lower
bound), "12/17 huyện" (a count with its denominator), "ít nhất 01" (a count). Ages ("15 tuổi"),
levels ("mức độ 2"), document numbers and dates are not anchors. The words after a number up to
the next number name the indicator (``rules.match_indicator``); a number at the end of a clause
("tỷ lệ … đạt 70%") takes the words before it. A target whose wording matches no catalogue
indicator is still proposed, with ``indicator=None`` and its ``label``, for the officer to map.
A unit without a number can be a target when it says "duy trì / đạt chuẩn / hoàn thành / được
công nhận / trở thành" about a standard (kind maintain or yes_no, no value).

One number for a list of standards gives one target per standard; "… tương ứng" numbers take,
in order, the targets of the sentence before; a table (.docx rows "Chỉ tiêu | Năm 2025 | Năm
2030") is read by its year columns.

A headline that restates a body target gives one target: the one whose year the text states; a
second, different number for the same indicator and year is proposed without indicator. A
place's own standard without a number ("huyện đạt chuẩn …") is a target apart from the rate of
its sub-places reaching it ("100% xã đạt chuẩn …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from .proposal import Kind, TargetProposal
from .rules import EVERY_PLACE, PART_OF, YES_NO, match_all, match_indicator, sibling_level
from .structure import LETTER, ROMAN, marker
from .textutil import fold_keep, has_any, strip_punct

_NUM = r"\d{1,3}(?:[.,]\d{1,2})?"
_PERCENT = re.compile(rf"(?<![\d/.,])({_NUM})\s*%")
# "70 - 80%", "70% - 80%", "từ 70% đến 80%": one target, the lower bound (folded text).
_RANGE = re.compile(rf"(?<![\d/.,])({_NUM})\s*%?\s*(?:-|–|—|den|toi)\s*({_NUM})\s*%")
_AT_LEAST = re.compile(r"(?:it nhat|toi thieu)\s+(\d{1,4})\b")
_PLACE_NOUN = r"(?:xa|phuong|thi tran|huyen|quan|thi xa|thanh pho|tinh|don vi)"
_OF = re.compile(rf"(?<![\d/])(\d{{1,4}})\s*/\s*(\d{{1,4}})\s+(?:cac\s+)?{_PLACE_NOUN}\b")
# "phấn đấu 1 huyện đạt chuẩn …", "có thêm 5 xã …": a count of places (not "15 tuổi", "mức độ 2").
_COUNT = re.compile(
    rf"\b(?:phan dau|co|them|dat|xay dung)\s+(?:them\s+|duoc\s+)?(\d{{1,3}})\s+{_PLACE_NOUN}\b"
)
_YEAR = r"(20\d\d)"
# A horizon: "đến (hết) năm 2025", "vào năm 2030", "trong giai đoạn 2021–2025", "Năm 2024, …",
# "mục tiêu năm 2015 có 80%";
# "tính đến hết năm 2023" is the date of a result, and "(Đề án) … giai đoạn 2021 - 2030" a name.
_SENTENCE_YEAR = re.compile(
    rf"(?:(?:den|toi|vao|trong|het|cuoi|den het|den cuoi)\s+(?:het\s+|cuoi\s+)?nam\s+"
    rf"{_YEAR}|(?:^|trong |muc tieu |chi tieu )giai doan\s+20\d\d\s*[-–—]\s*{_YEAR}"
    rf"|(?:^\s*|muc tieu |chi tieu |phan dau )nam\s+{_YEAR}\b)"
)
_HEADING_YEAR = re.compile(rf"(?:nam|giai doan 20\d\d\s*[-–—])\s*{_YEAR}")
_HEAD_VERBS = "duy tri|dat chuan|hoan thanh|duoc cong nhan|tro thanh|cong nhan danh hieu|xep loai"
_STANDARD = "pho cap|xoa mu chu|chuan|danh hieu|thanh vien|hoc tap"
_NO_NUMBER_STANDARD = "dat chuan|pho cap|xoa mu chu|danh hieu|thanh vien|cong nhan"
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?]\s+")
_ABBREVIATIONS = {"TP", "Tp", "TX", "Tx", "TT", "ThS", "TS", "PGS", "GS", "BS", "Q", "P", "X", "H"}
# Bounds: a sentence longer than this is read in pieces, and a piece's numbers after the first
# ``_MAX_ANCHORS`` are not read (a real target sentence has a handful): reading stays linear.
_MAX_PIECE = 3000
_MAX_ANCHORS = 60
_CONTEXT = 1500
_CLAUSE_END = re.compile(r"[;.:]|, trong do|\(")
# Filler words: what is left names the thing counted.
_FILLER = re.compile(
    r"\b(?:va|dat|la|co|den|nam|vao|tu|tro len|phan dau|ty le|muc tieu|tuong ung|khoang|phai"
    r"|tien toi|moi|con|lo trinh)\b"
)
# A list of standards sharing a number or a verb: "100% huyện đạt chuẩn xóa mù chữ mức độ 2, duy
# trì phổ cập giáo dục mầm non cho trẻ 5 tuổi, đạt chuẩn phổ cập tiểu học mức độ 3".
_STANDARD_NAME = "pho cap|pcgd|xoa mu chu|xmc"
_STANDARD_GRADE = "mam non|muc do|tuoi|pcgdmn|pcgdth|trung hoc co so|thcs|pcgdthcs"
_VERBS = re.compile(r"duy tri|dat chuan|phan dau|hoan thanh|tro thanh|cong nhan|\bdat\b")

# Parts of a plan, from a heading's folded words.
OBJECTIVE, GENERAL, TASK, PAST, NEUTRAL = "objective", "general", "task", "past", "neutral"
SOFT = "soft"  # after an aim's lead-in in running text: every sentence but a past result is read
_GENERAL_TITLE = re.compile(r"^(?:\w{1,4}[.)]\s*)?muc tieu chung\b")
_OBJECTIVE_TITLE = "muc tieu|chi tieu|phan dau"
_TASK_TITLE = (
    "nhiem vu|giai phap|to chuc thuc hien|trach nhiem|kinh phi|che do bao cao|bao cao|phan cong"
    "|kiem tra|khen thuong|thi dua"
)
_PAST_TITLE = "ket qua|thuc trang|tinh hinh|danh gia|can cu|co so phap ly|boi canh"
# What makes a sentence outside an objectives part an aim.
_STRONG_CUE = "phan dau|phan dau|muc tieu|chi tieu|huong toi|ke hoach dat ra"
# "… đã đạt mục tiêu …", "vượt chỉ tiêu": a result that names an aim.
_REACHED = re.compile(r"(?:đạt|vượt|hoàn thành|đến đích)\s+(?:các\s+)?(?:mục tiêu|chỉ tiêu)")
_WEAK_CUE = "duy tri|bao dam|dam bao|it nhat|toi thieu"
_PAST = "da dat|da co|da duoc|dat duoc|hien nay|hien co|hien tai|ket qua|so voi cung ky"
# A paragraph that opens with its topic ("Đối với giáo dục tiểu học: …", "Về cơ sở vật chất, …").
_TOPIC_LEAD = re.compile(r"^(?:doi voi|ve|rieng|con|o cap) [^.;:,]{3,80}[:,]")
# "duy trì vững chắc kết quả phổ cập …": keeping a result is an aim, not a report of it.
_KEPT_RESULT = re.compile(r"(?:duy tri|giu vung|cung co|phat huy)(?: \w+){0,2} ket qua")
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
    group: int = -1  # the number it comes from, in its unit (-1: a unit without a number)


def _decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def _anchors(text: str, folded: str) -> list[_Anchor]:
    found: list[_Anchor] = []
    ranged: set[int] = set()
    for match in _RANGE.finditer(folded):
        low, high = _decimal(match.group(1)), _decimal(match.group(2))
        if low < high <= 100:
            found.append(_Anchor(match.start(), match.end(), low, count=False))
            ranged.update(range(match.start(), match.end()))
    for match in _PERCENT.finditer(text):
        if match.start() not in ranged:
            found.append(_Anchor(match.start(), match.end(), _decimal(match.group(1)), False))
    for match in _OF.finditer(folded):
        part, whole = Decimal(match.group(1)), Decimal(match.group(2))
        if 0 < part <= whole:
            found.append(_Anchor(match.start(), match.end(2), part, count=True, of=whole))
    for pattern in (_AT_LEAST, _COUNT):
        taken = {position for other in found for position in range(other.start, other.end)}
        for match in pattern.finditer(folded):
            if match.start(1) not in taken:
                found.append(
                    _Anchor(match.start(1), match.end(1), Decimal(match.group(1)), count=True)
                )
    return sorted(found, key=lambda anchor: anchor.start)[:_MAX_ANCHORS]


def _anchor_years(
    folded: str, anchors: list[_Anchor], default: int | None
) -> list[tuple[int | None, bool]]:
    """The year of each number and whether the text states it. "đến năm 2025 có 50% … và đến năm
    2030 có 70%": a year before a number is its horizon; "… đạt 60% vào năm 2030", "… 50% đến năm
    2025; 70% …": a year after a number, not leading into the next one, is the number's own."""
    years = [(m.start(), m.end(), year) for m, year in _year_matches(folded)]
    prefix = bool(years) and bool(anchors) and years[0][0] < anchors[0].start
    out: list[tuple[int | None, bool]] = []
    owned: set[int] = set()
    for index, anchor in enumerate(anchors):
        end = anchors[index + 1].start if index + 1 < len(anchors) else len(folded)
        inside = [(start, stop, year) for start, stop, year in years if anchor.end <= start < end]
        own = None
        for start, stop, year in inside:
            after = folded[stop:end]
            leads_on = index + 1 < len(anchors) and len(_WORD.findall(after)) <= 3
            if not prefix or not leads_on or re.search(r"[;.]", after):
                own = (start, year)
                break
        if own is not None:
            owned.add(own[0])
            out.append((own[1], True))
            continue
        before = [year for start, _, year in years if start < anchor.start and start not in owned]
        out.append((before[-1], True) if before else (default, False))
    return out


def _year_matches(folded: str) -> list[tuple[re.Match[str], int]]:
    return [
        (m, int(next(group for group in m.groups() if group)))
        for m in _SENTENCE_YEAR.finditer(folded)
        if "tinh den" not in folded[max(0, m.start() - 9) : m.start() + 8]
    ]


def _sentence_years(folded: str) -> list[tuple[int, int]]:
    return [(m.start(), year) for m, year in _year_matches(folded)]


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


def _content_words(folded: str) -> int:
    """The words that name something, without years and fillers ("vào năm 2015 và đạt" → 0)."""
    return len(_WORD.findall(_FILLER.sub(" ", _SENTENCE_YEAR.sub(" ", folded))))


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


def _unit_targets(text: str, year: int | None, aim: bool, context: str = "") -> list[_Found]:
    """The targets of one unit; ``aim``: the unit is an aim (a target without a number and
    outside the catalogue is proposed only then); ``context``: the paragraph around it."""
    folded = fold_keep(text)
    anchors = _anchors(text, folded)
    found: list[_Found] = []
    head = folded[: anchors[0].start] if anchors else folded
    head_value = False  # "đạt chuẩn … đạt 100%": the first number may be the head's
    if aim:
        found += _heads(text, folded, 0, len(head), year, bare=not anchors)
        head_value = len(found) == 1 and found[0].code is not None and ";" not in head
    anchor_years = _anchor_years(folded, anchors, year)
    closed = _closing_numbers(folded, anchors)
    for index, anchor in enumerate(anchors):
        end = anchors[index + 1].start if index + 1 < len(anchors) else len(text)
        segment, rest = folded[anchor.end : end], f"{folded[end:]} {context}"
        previous = anchors[index - 1].end if index else 0
        lead = folded[previous : anchor.start]
        of_which = "trong do" in lead[-30:]
        own_lead = lead.rsplit("trong do", 1)[-1].rsplit(";", 1)[-1]
        clause = _label(folded, anchor.end, end)
        closes = index in closed
        sentence_clause = re.split(r";|\. ", segment, maxsplit=1)[0]
        clause_start, clause_end = anchor.end, anchor.end + len(clause) + 1
        codes = match_all(clause, rest) or [
            c for c in [match_indicator(sentence_clause, rest)] if c
        ]
        if not codes and of_which and found and found[-1].code:
            codes = [c for c in [sibling_level(found[-1].code, segment)] if c]
        label = _label(text, anchor.end, closed.get(index + 1, end))
        words = _content_words(clause)
        levels = _levels(segment)
        named = False  # named by the clause before it ("các tỷ lệ này tương ứng là 60%")
        if (words == 0 and (not index or re.search(r"[;.]", lead))) or closes:
            # "tỷ lệ gia đình … đạt 70%;": the clause before the number names it
            start, stop = _lead_clause(folded, previous, anchor.start)
            if _content_words(folded[start:stop]) >= 2:
                lead_codes = [c for c in [match_indicator(folded[start:stop])] if c]
                codes = lead_codes if closes else (codes or lead_codes)
                label = _label(text, start, stop)
                named = True
                if fold_keep(label).startswith(("so ", "ty le ")):
                    levels = levels or _levels(folded[start:stop])
                words = _content_words(folded[start:stop])
                clause_start, clause_end = start, stop
        when, stated = anchor_years[index]
        if head_value and index == 0 and words == 0:
            found[-1].value, head_value = anchor.value, False
            continue
        kind: Kind = "maintain" if "duy tri" in own_lead else "percent"
        if anchor.count and kind != "maintain":
            kind = "count"
        parts = _standard_parts(folded, clause_start, clause_end)
        items: list[tuple[str | None, str, Kind]]
        if parts:
            items = [
                (
                    match_indicator(_named(folded, a, b)),
                    strip_punct(text[a:b]),
                    _verb_kind(folded, b, kind),
                )
                for a, b in parts
            ]
        else:
            choices: list[str | None] = [*codes] or [None]
            items = [(code, label, kind) for code in choices]
        for code, what, how in items:
            value: Decimal | None = anchor.value
            if code in YES_NO and anchor.count:
                code = (
                    None  # "ít nhất 2 thành phố … mạng lưới UNESCO": a count, not the place's own
                )
            if anchor.count and code in EVERY_PLACE:
                how, value = "percent", Decimal(100)
            found.append(
                _Found(
                    code,
                    when,
                    value,
                    how,
                    of_which,
                    words <= 3 and not named,
                    what,
                    stated,
                    anchor.of,
                    levels,
                )
            )
            found[-1].group = index
    if aim and anchors:  # "…; đạt chuẩn phổ cập giáo dục mầm non cho trẻ 5 tuổi vào năm 2015."
        tail = folded.find(";", anchors[-1].end)
        while tail >= 0:
            stop = folded.find(";", tail + 1)
            stop = len(folded) if stop < 0 else stop
            found += _heads(text, folded, tail + 1, stop, year, bare=True)
            tail = folded.find(";", stop) if stop < len(folded) else -1
    _inherit(found)
    return found


# "…, số trẻ 11 tuổi hoàn thành … đạt tỷ lệ từ 98,5% trở lên, số trẻ …": the number ends its
# clause (a list of "what … number" clauses, not "number what").
_CLOSES = re.compile(r"\s*(?:tro len|tro xuong)?\s*(?:[;.]|,(?! trong do)|$)")


def _closing_numbers(folded: str, anchors: list[_Anchor]) -> dict[int, int]:
    """The numbers (after the first) that end their clause and are named by the clause before
    them, each with where that clause starts: the number before stops its words there."""
    closed: dict[int, int] = {}
    for index in range(1, len(anchors)):
        anchor, previous = anchors[index], anchors[index - 1]
        end = anchors[index + 1].start if index + 1 < len(anchors) else len(folded)
        if not _CLOSES.match(folded[anchor.end : end]):
            continue
        start, stop = _lead_clause(folded, previous.end, anchor.start)
        if start > previous.end and _content_words(folded[start:stop]) >= 2:
            closed[index] = start
    return closed


def _heads(
    text: str, folded: str, start: int, end: int, year: int | None, bare: bool
) -> list[_Found]:
    """Targets without a number in ``text[start:end]``: "Duy trì đạt chuẩn …", "… trở thành
    thành viên …" (``bare``: no number follows, so a standard outside the catalogue counts)."""
    head = folded[start:end]
    if not (has_any(head, _HEAD_VERBS) and has_any(head, _STANDARD)):
        return []
    years = _sentence_years(head)
    when, stated = (years[0][1], True) if years else (year, False)
    found: list[_Found] = []
    parts = _standard_parts(folded, start, end) if bare else []
    for a, b in parts:
        code = match_indicator(_named(folded, a, b))
        how = _verb_kind(folded, b, "yes_no")
        found.append(_Found(code, when, None, how, False, False, strip_punct(text[a:b]), stated))
    code = match_indicator(head)
    kind: Kind = "maintain" if "duy tri" in head else "yes_no"
    if not parts and (code or (bare and has_any(head, _NO_NUMBER_STANDARD))):
        label = _label(text, start, end)
        found.append(_Found(code, when, None, kind, False, False, label, stated))
    return found


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


def _sentences(text: str) -> list[str]:
    """Sentences of a unit (a full stop before a capital or a number, not after "TP."); "Trong
    đó, …" stays with the sentence before it."""
    parts: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        word = text[: match.start()].rsplit(" ", 1)[-1]
        following = text[match.end() : match.end() + 1]
        if not (following.isupper() or following.isdigit()) or word in _ABBREVIATIONS:
            continue
        parts.append(text[start : match.end()].strip())
        start = match.end()
    parts.append(text[start:].strip())
    merged: list[str] = []
    for piece in parts:
        if merged and fold_keep(piece[:8]) == "trong do":
            merged[-1] = f"{merged[-1]} {piece}"
        elif piece:
            merged.append(piece)
    return merged


def _chunks(pieces: list[str]) -> list[str]:
    """Pieces of at most ``_MAX_PIECE`` characters, cut after a semicolon when one is near."""
    out: list[str] = []
    for piece in pieces:
        while len(piece) > _MAX_PIECE:
            cut = piece.rfind("; ", 0, _MAX_PIECE)
            cut = cut + 1 if cut > _MAX_PIECE // 2 else _MAX_PIECE
            out.append(piece[:cut])
            piece = piece[cut:].lstrip()
        out.append(piece)
    return out


def _strong(folded: str, text: str) -> bool:
    """The sentence says it states an aim ("phấn đấu", "mục tiêu", "chỉ tiêu"), not that one was
    reached ("đạt mục tiêu phổ cập …"; "đặt mục tiêu" sets one: the diacritics tell)."""
    for match in _REACHED.finditer(text.lower()):
        folded = f"{folded[: match.start()]}{' ' * len(match.group(0))}{folded[match.end() :]}"
    return has_any(folded, _STRONG_CUE)


def _is_past(folded: str, plan_year: int | None, text: str) -> bool:
    """A sentence that reports what was reached ("đã đạt", "hiện nay", a year before the plan)
    and does not say it is an aim."""
    if _strong(folded, text):
        return False
    years = _sentence_years(folded)
    if years and plan_year and all(year < plan_year for _, year in years):
        return True
    return has_any(_KEPT_RESULT.sub(" ", folded), _PAST)


def _is_aim(folded: str, plan_year: int | None, strict: bool, text: str) -> bool:
    """Whether a sentence outside an objectives part states an aim."""
    strong = _strong(folded, text)
    if strict:
        return strong and bool(_sentence_years(folded))
    if _is_past(folded, plan_year, text):
        return False
    return strong or bool(_sentence_years(folded)) or has_any(folded, _WEAK_CUE)


@dataclass
class _Scope:
    rank: float
    year: int | None = None
    zone: str | None = None


def _zone_of_title(folded: str) -> str | None:
    if _GENERAL_TITLE.match(folded):
        return GENERAL
    if has_any(folded[:60], _PAST_TITLE) and not has_any(folded[:12], _OBJECTIVE_TITLE):
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


_CELL_VALUE = re.compile(r"^(\d{1,3}(?:[.,]\d{1,2})?)\s*(%?)$|^(\d{1,4})\s*/\s*(\d{1,4})$")
_CELL_YEAR = re.compile(
    r"(?:^|nam |den |giai doan 20\d\d\s*[-–—]\s*|ke hoach |muc tieu |kh )(20\d\d)\b"
)
_CELL_PAST = "thuc hien|ket qua|uoc |hien trang|hien nay|da dat|thuc te"


def _table_targets(rows: list[str], date_year: int | None) -> list[tuple[_Found, str]]:
    """A table of targets (a .docx table: cells joined by " | "): a header row names the years of
    its columns ("Chỉ tiêu | Năm 2025 | Năm 2030"), each row below names what is counted and
    gives a value per year. A column of results ("Thực hiện 2020", a year before the plan) is not
    read; a row whose values cannot be put under their years (merged or missing cells) is
    skipped, never guessed."""
    out: list[tuple[_Found, str]] = []
    header: list[int | None] = []
    percent = False
    for row in rows[:400]:
        cells = [cell.strip() for cell in row.split(" | ")][:20]
        folded = [fold_keep(cell) for cell in cells]
        values = [_CELL_VALUE.match(cell) for cell in folded]
        years = [_cell_year(cell, date_year) for cell in folded]
        if any(years) and not any(values):
            header, percent = years, any("%" in cell or "ty le" in cell for cell in folded)
            continue
        labels = [i for i, cell in enumerate(folded) if _WORD.search(cell) and not values[i]]
        if not header or not labels:
            continue
        label = cells[labels[-1]]
        given = [(i, m) for i, m in enumerate(values) if m and i > labels[-1]]
        columns = [i for i, year in enumerate(header) if year]
        if len(cells) == len(header):
            pairs = [(header[i], m) for i, m in given if header[i]]
        elif len(given) == len(columns):
            pairs = [(header[j], m) for j, (_, m) in zip(columns, given, strict=True)]
        else:
            continue
        for year, match in pairs:
            out += [(item, row) for item in _cell_targets(match, label, year, percent)]
    return out


def _cell_year(folded: str, date_year: int | None) -> int | None:
    match = _CELL_YEAR.search(folded)
    if match is None or has_any(folded, _CELL_PAST):
        return None
    year = int(match.group(1))
    return None if date_year and year < date_year else year


def _cell_targets(
    match: re.Match[str], label: str, year: int | None, percent: bool
) -> list[_Found]:
    number, sign, part, whole = match.groups()
    if part:  # "12/17": a count of places with its denominator
        return [
            replace(item, year=year, stated=True)
            for item in _unit_targets(f"{part}/{whole} {label}", year, True)
        ]
    if sign or percent or "ty le" in fold_keep(label):
        return [
            replace(item, year=year, stated=True)
            for item in _unit_targets(f"{number}% {label}", year, True)
        ]
    code = match_indicator(fold_keep(label))
    return [_Found(code, year, _decimal(number), "count", False, False, label, True)]


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


def _opening_horizon(folded: str) -> int | None:
    """The horizon a sentence opens with, before any number: "… mục tiêu đến năm 2025, 40% …"."""
    years = _sentence_years(folded)
    if years and years[0][0] < _first_number(folded):
        return years[0][1]
    return None


def _first_number(folded: str) -> int:
    """Where the first number that could be a target is (len when none), without reading it."""
    found = [m.start() for p in (_PERCENT, _OF, _AT_LEAST, _COUNT) if (m := p.search(folded))]
    return min(found, default=len(folded))


def _identity(item: _Found) -> tuple[object, ...]:
    """What a target is about, without its year: its indicator, or its words when it has none."""
    return (item.code or _label_key(item.label), item.value)


def _label_key(label: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold_keep(label)))


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


def _without_restatements(targets: list[TargetProposal]) -> list[TargetProposal]:
    """A target without indicator that says again what a catalogue target says, in other words
    ("70% gia đình … “Gia đình hiếu học”" beside "70% gia đình … “Gia đình học tập”"): the same
    year, value and kind, and the same counted noun."""
    named = {(t.year, t.value, t.kind, _noun(t.label)) for t in targets if t.indicator is not None}
    return [
        t
        for t in targets
        if t.indicator is not None
        or has_any(fold_keep(t.label), _STANDARD_NAME)  # standards share values ("100% huyện")
        or (t.year, t.value, t.kind, _noun(t.label)) not in named
    ]


def _noun(label: str) -> tuple[str, ...]:
    """The first two words of what a label counts ("các gia đình …" → gia, dinh)."""
    words = _WORD.findall(fold_keep(label))
    while words and words[0] in {"cac", "so", "nhung", "moi", "toan", "the"}:
        words = words[1:]
    return tuple(words[:2])

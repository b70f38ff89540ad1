"""The targets of one unit (a sentence or a piece of one), anchored on its numbers.

Numbers anchor the targets: "55,55%" (a percentage, decimal comma), "70–80%" (a range: its lower
bound), "12/17 huyện" (a count with its denominator), "ít nhất 01" (a count). Ages ("15 tuổi"),
levels ("mức độ 2"), document numbers and dates are not anchors. The words after a number up to
the next number name the indicator (``rules.match_indicator``); a number at the end of a clause
("tỷ lệ … đạt 70%") takes the words before it. A target whose wording matches no catalogue
indicator is still proposed, with ``indicator=None`` and its ``label``, for the officer to map.
A unit without a number can be a target when it says "duy trì / đạt chuẩn / hoàn thành / được
công nhận / trở thành" about a standard (kind maintain or yes_no, no value).
"""

from __future__ import annotations

import re
from decimal import Decimal

from .horizons import _anchor_years
from .proposal import Kind
from .rules import EVERY_PLACE, YES_NO, match_all, match_indicator, sibling_level
from .target_base import (
    _AT_LEAST,
    _COUNT,
    _OF,
    _PERCENT,
    _PLACE_NOUN,
    _RANGE,
    _SENTENCE_YEAR,
    _WORD,
    _Anchor,
    _decimal,
    _Found,
    _sentence_years,
)
from .target_lists import _inherit, _named, _standard_parts, _verb_kind
from .textutil import fold_keep, has_any, strip_punct

_HEAD_VERBS = "duy tri|dat chuan|hoan thanh|duoc cong nhan|tro thanh|cong nhan danh hieu|xep loai"
_STANDARD = "pho cap|xoa mu chu|chuan|danh hieu|thanh vien|hoc tap"
_NO_NUMBER_STANDARD = "dat chuan|pho cap|xoa mu chu|danh hieu|thanh vien|cong nhan"
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
_LEVELS = (
    ("commune", "xa|phuong|thi tran"),
    ("district", "huyen|quan|thi xa"),
    ("province", "tinh|thanh pho"),
)


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

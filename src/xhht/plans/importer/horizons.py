"""The parts of a plan and the aims and horizons of its sentences: which heading starts an
objectives, a general, a task or a background part; whether a sentence states an aim or reports
a result; the year each number is for."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .target_base import _WORD, _YEAR, _Anchor, _first_number, _sentence_years, _year_matches
from .textutil import has_any

_HEADING_YEAR = re.compile(rf"(?:nam|giai doan 20\d\d\s*[-–—])\s*{_YEAR}")

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


def _opening_horizon(folded: str) -> int | None:
    """The horizon a sentence opens with, before any number: "… mục tiêu đến năm 2025, 40% …"."""
    years = _sentence_years(folded)
    if years and years[0][0] < _first_number(folded):
        return years[0][1]
    return None

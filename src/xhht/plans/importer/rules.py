"""Keyword rules from a target's wording to a catalogue indicator code (INDICATORS.md).

Every phrase is matched on text folded with ``xhht.core.text.fold`` (no diacritics, lower
case). A rule lists groups that must all occur; "a|b" means either. ``starts`` must open the
segment (the noun right after the number: "60% gia đình …"); ``context`` may also occur later in
the sentence ("30% người lớn …, 60% cán bộ … đạt danh hiệu “Công dân học tập”"). The first rule
that matches wins, so specific rules come before general ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from .textutil import has_any

_HIGHER_LEVELS = "|".join(
    f"cap xa{sep}{level}"
    for sep in (", ", ", cap ", " va ", " va cap ")
    for level in ("huyen", "quan", "thi xa", "tinh", "thanh pho")
)


@dataclass(frozen=True)
class Rule:
    code: str
    all: tuple[str, ...] = ()
    starts: str = ""
    context: tuple[str, ...] = ()
    none: str = ""


RULES: tuple[Rule, ...] = (
    Rule("unesco_gnlc", all=("unesco|hoc tap toan cau",)),
    Rule(
        "learning_town", all=("thi xa hoc tap|huyen hoc tap|tinh hoc tap|quan hoc tap", "cong nhan")
    ),
    Rule("khuyenhoc_trained", all=("khuyen hoc", "hoi vien", "quan triet|tieu chi")),
    Rule("citizen_digital_self", all=("ky nang so", "tu cap nhat|thanh thao")),
    Rule("citizen_digital", all=("ky nang so", "cong dan hoc tap")),
    Rule(
        "citizen_staff",
        all=("cong chuc|can bo|nguoi lao dong", "don vi hoc tap"),
        context=("cong dan hoc tap",),
    ),
    # "người lớn trong gia đình học tập, …" (QĐ 677/QĐ-TTg); "% công dân" counts every citizen, a
    # denominator the catalogue does not hold: no indicator (the officer maps it).
    Rule("citizen_adults", all=("nguoi lon",), context=("cong dan hoc tap",)),
    # Communes only: "cấp xã, huyện, thành phố" counts the units of three levels.
    Rule("commune_ranked", all=("cong dong hoc tap", "cap xa"), none=_HIGHER_LEVELS),
    Rule("family", starts="gia dinh"),
    Rule("clan", starts="dong ho"),
    Rule("community", starts="cong dong", all=("cong dong hoc tap",)),
    Rule("unit", all=("don vi hoc tap",)),
    Rule("xmc_level2", all=("xoa mu chu", "muc do 2")),
    # The catalogue's pre-school standard is for 5-year-olds (or "mẫu giáo"); 4- or 3-year-olds
    # are another standard.
    Rule("pcgd_mn", all=("pho cap giao duc mam non",), none="4 tuoi|3 tuoi|3 - 5 tuoi|3-5 tuoi"),
    Rule("pcgd_th_level3", all=("pho cap giao duc tieu hoc",)),
    Rule("pcgd_thcs_level3", all=("trung hoc co so", "muc do 3")),
    Rule("pcgd_thcs_level2", all=("trung hoc co so", "muc do 2")),
    Rule("university_plus", all=("dai hoc tro len",)),
    Rule("tech_trained", all=("chuyen mon ky thuat",)),
    Rule("life_skills", all=("ky nang song",)),
    Rule("info_literacy", all=("do tuoi lao dong", "nang luc thong tin|cong nghe thong tin")),
    Rule("uni_digital", all=("truong dai hoc|co so giao duc dai hoc", "dai hoc so|hoc lieu so")),
    Rule("school_digital", all=("co so giao duc", "moi truong so")),
    Rule("clc_pilot_per_district", all=("trung tam hoc tap cong dong", "lam diem|diem ung dung")),
    Rule("clc_networked", all=("trung tam hoc tap cong dong", "may tinh")),
    Rule("clc_it", all=("trung tam hoc tap cong dong", "cong nghe thong tin")),
)

# "trong đó" pairs of the catalogue (part_of).
PART_OF = {
    "pcgd_thcs_level3": "pcgd_thcs_level2",
    "university_plus": "tech_trained",
    "citizen_digital_self": "citizen_digital",
}

# Indicators that an "ít nhất 01 … ở mỗi / các quận, huyện" sentence states for every district:
# a rate of 100% over the districts (the catalogue measures them as rates).
EVERY_PLACE = {"clc_pilot_per_district"}

_FILLERS = ("cac ", "so ", "nhung ", "ty le ", "moi ")


def _opening(folded: str) -> str:
    text = folded.strip(" ,;:.")
    changed = True
    while changed:
        changed = False
        for filler in _FILLERS:
            if text.startswith(filler):
                text, changed = text[len(filler) :], True
    return text


def match_indicator(segment: str, context: str = "") -> str | None:
    """The indicator a folded segment speaks of; ``context`` is the rest of the sentence."""
    whole = f"{segment} {context}"
    for rule in RULES:
        if rule.starts and not _opening(segment).startswith(rule.starts):
            continue
        if not all(has_any(segment, group) for group in rule.all):
            continue
        if not all(has_any(whole, group) for group in rule.context):
            continue
        if rule.none and has_any(segment, rule.none):
            continue
        return rule.code
    return None


def sibling_level(code: str, segment: str) -> str | None:
    """ "…, trong đó 20% xã đạt mức độ 3": the level-3 sibling of the level-2 parent."""
    for level in "123":
        if f"muc do {level}" in segment and code[-1:].isdigit():
            sibling = f"{code[:-1]}{level}"
            if sibling != code and sibling in {rule.code for rule in RULES}:
                return sibling
    return None

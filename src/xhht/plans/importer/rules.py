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
        "learning_town",
        all=("thi xa hoc tap|huyen hoc tap|tinh hoc tap|quan hoc tap", "cong nhan|tro thanh"),
    ),
    # Cadres and members taught the "Công dân học tập" criteria (QĐ 677), not any policy.
    Rule(
        "khuyenhoc_trained",
        all=("khuyen hoc", "hoi vien", "quan triet|tieu chi", "cong dan hoc tap"),
    ),
    Rule("citizen_digital_self", all=("ky nang so", "tu cap nhat|thanh thao")),
    Rule("citizen_digital", all=("ky nang so", "cong dan hoc tap")),
    Rule(
        "citizen_staff",
        all=("cong chuc|can bo|nguoi lao dong", "don vi hoc tap"),
        context=("cong dan hoc tap",),
    ),
    # "người lớn trong gia đình học tập, …" (QĐ 677/QĐ-TTg); "% công dân" counts every citizen and
    # "người lao động trong GĐHT, …" (QĐ 387) the workers, denominators the catalogue does not
    # hold: no indicator (the officer maps it).
    Rule("citizen_adults", all=("nguoi lon",), context=("cong dan hoc tap",)),
    # Communes only: "cấp xã, huyện, thành phố" counts the units of three levels.
    Rule("commune_ranked", all=("cong dong hoc tap", "cap xa"), none=_HIGHER_LEVELS),
    # The titles themselves ("… có chi hội khuyến học" is not the title); a "… tiêu biểu" title
    # is another recognition.
    Rule("family", starts="gia dinh", all=("gia dinh hoc tap",), none="tieu bieu"),
    Rule("clan", starts="dong ho", all=("dong ho hoc tap",), none="tieu bieu"),
    # A community is a hamlet or street group ("thôn", "ấp", "bản", "tổ dân phố", "khu phố").
    Rule(
        "community",
        starts="cong dong|thon|ap|ban|to dan pho|khu pho|khom",
        all=("cong dong hoc tap",),
        none="tieu bieu",
    ),
    Rule("unit", all=("don vi hoc tap",), none="tieu bieu"),
    Rule("xmc_level2", all=("xoa mu chu|xmc", "muc do 2")),
    # The catalogue's pre-school standard is for 5-year-olds (or "mẫu giáo"); 4- or 3-year-olds
    # are another standard.
    Rule(
        "pcgd_mn",
        all=("pho cap giao duc mam non|pcgdmn|pho cap mam non",),
        none="4 tuoi|3 tuoi|3 - 5 tuoi|3-5 tuoi|bon tuoi|ba tuoi",
    ),
    # Primary level 3 only (level 1, 2 and "đúng độ tuổi" are other standards).
    Rule(
        "pcgd_th_level3",
        all=("pho cap giao duc tieu hoc|pho cap tieu hoc|pcgdth", "muc do 3"),
        none="pcgdthcs|trung hoc co so|thcs|dung do tuoi",
    ),
    Rule("pcgd_thcs_level3", all=("trung hoc co so|thcs", "muc do 3")),
    Rule("pcgd_thcs_level2", all=("trung hoc co so|thcs", "muc do 2")),
    Rule("university_plus", all=("dai hoc tro len",)),
    Rule("tech_trained", all=("chuyen mon ky thuat",)),
    # People of working age (not a museum's programme that teaches life skills).
    Rule("life_skills", all=("ky nang song", "do tuoi lao dong|nguoi lao dong")),
    Rule("info_literacy", all=("do tuoi lao dong", "nang luc thong tin|cong nghe thong tin")),
    Rule("uni_digital", all=("truong dai hoc|co so giao duc dai hoc", "dai hoc so|hoc lieu so")),
    Rule("school_digital", all=("co so giao duc", "moi truong so")),
    # The centres are what is counted ("40% cán bộ … của trung tâm học tập cộng đồng … công nghệ
    # thông tin" counts staff).
    Rule(
        "clc_pilot_per_district",
        starts="trung tam",
        all=("trung tam hoc tap cong dong", "lam diem|diem ung dung"),
    ),
    Rule("clc_networked", starts="trung tam", all=("trung tam hoc tap cong dong", "may tinh")),
    Rule("clc_it", starts="trung tam", all=("trung tam hoc tap cong dong", "cong nghe thong tin")),
)

# "trong đó" pairs of the catalogue (part_of).
PART_OF = {
    "pcgd_thcs_level3": "pcgd_thcs_level2",
    "university_plus": "tech_trained",
    "citizen_digital_self": "citizen_digital",
}

# Indicators one clause can name together ("năng lực thông tin và kỹ năng sống"); any other
# second match is the wording of the first (a rule's words inside another's).
PAIRS = {
    "info_literacy": ("life_skills",),
    "life_skills": ("info_literacy",),
    "family": ("clan", "community"),
    "clan": ("family", "community"),
}
SHARED: dict[str, tuple[str, ...]] = {}

# Indicators a place has or not (measure yes_no): a count of places is not one of them.
YES_NO = {"learning_town", "unesco_gnlc"}

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


def _opens(text: str, words: str) -> bool:
    """``text`` opens with one of the words "a|b" (a whole word: "ap" is not "ap dung")."""
    return any(text == word or text.startswith(f"{word} ") for word in words.split("|"))


def _matches(rule: Rule, segment: str, whole: str) -> bool:
    if rule.starts and not _opens(_opening(segment), rule.starts):
        return False
    if not all(has_any(segment, group) for group in rule.all):
        return False
    if not all(has_any(whole, group) for group in rule.context):
        return False
    return not (rule.none and has_any(segment, rule.none))


def match_indicator(segment: str, context: str = "") -> str | None:
    """The indicator a folded segment speaks of; ``context`` is the rest of the sentence."""
    whole = f"{segment} {context}"
    return next((rule.code for rule in RULES if _matches(rule, segment, whole)), None)


def match_all(clause: str, context: str = "") -> list[str]:
    """Every indicator one clause names: "70% người … được trang bị năng lực thông tin và kỹ năng
    sống" is two targets. A rule that a more specific one before it covers is left out (level 3
    before level 2, the "trong đó" part before its whole)."""
    whole = f"{clause} {context}"
    codes = [rule.code for rule in RULES if _matches(rule, clause, whole)]
    if len(codes) > 1:
        first = codes[0]
        codes = [first] + [
            code
            for code in codes[1:]
            if code not in SHARED.get(first, ()) and first not in SHARED.get(code, ())
        ]
        codes = [code for code in codes if code == first or code in PAIRS.get(first, ())]
    return codes


def sibling_level(code: str, segment: str) -> str | None:
    """ "…, trong đó 20% xã đạt mức độ 3": the level-3 sibling of the level-2 parent."""
    for level in "123":
        if f"muc do {level}" in segment and code[-1:].isdigit():
            sibling = f"{code[:-1]}{level}"
            if sibling != code and sibling in {rule.code for rule in RULES}:
                return sibling
    return None

"""Synthetic households and their members, in plain Python (no database).

``sample_household(rng, context)`` draws one household: its size (mean about 3.5), who lives in
it (head, spouse, children, parents of the head, grandchildren) with ages that fit together,
their sex, names, schooling and work. Ages come out close to Vietnam's pyramid (see the tests).
Everything is drawn from the ``random.Random`` passed in, so one seed gives one population.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from xhht.core.text import fold, sort_key
from xhht.synthetic import names as tables

#: Ages are as of the end of this year; no clock is read, so a seed always gives the same data.
REFERENCE_YEAR = 2025
HOUSEHOLD_SIZES = (1, 2, 3, 4, 5, 6, 7, 8)
_SIZE_CUM = tables.weighted(
    [(str(s), w) for s, w in zip(HOUSEHOLD_SIZES, (10, 18, 22, 26, 13, 7, 3, 1), strict=True)]
)[1]
_EDUCATION_ORDER = {
    code: rank
    for rank, code in enumerate(tables.EDUCATION_BY_BAND["young"][0])  # ordered low to high
}


class Member(NamedTuple):
    relation: str
    sex: str
    birth_year: int
    day_of_year: int  # 0–364
    education: str
    occupation: str
    family: str
    middle: str
    given: str


@dataclass(frozen=True)
class Context:
    """What the draws of one commune depend on."""

    region: str
    southern: bool
    urban: bool


def sample_household(rng: random.Random, ctx: Context) -> tuple[str, list[Member]]:
    """(ethnicity, members with the head first)."""
    ethnicity = _pick(rng, tables.ETHNICITY_BY_REGION[ctx.region])
    families = (
        tables.KINH_FAMILY[ctx.southern]
        if ethnicity == "Kinh"
        else tables.MINORITY_FAMILY.get(ethnicity, tables.KINH_FAMILY[ctx.southern])
    )
    people = _compose(rng, rng.choices(HOUSEHOLD_SIZES, cum_weights=_SIZE_CUM)[0])
    head_family = _pick(rng, families)
    head_sex = people[0][1]
    spouse_family = _pick(rng, families)
    father_family = spouse_family if head_sex == "F" and len(people) > 1 else head_family
    members = []
    for relation, sex, age in people:
        if relation == "head":
            family = head_family
        elif relation == "spouse":
            family = spouse_family
        elif relation == "child" or (relation == "parent" and sex == "M" and head_sex == "M"):
            family = father_family
        else:
            family = _pick(rng, families)
        members.append(_member(rng, ctx, relation, sex, age, family))
    return ethnicity, members


def _pick(rng: random.Random, table: tables.Weighted) -> str:
    return rng.choices(table[0], cum_weights=table[1])[0]


def _sex(rng: random.Random) -> str:
    return "M" if rng.random() < 0.51 else "F"


def _compose(rng: random.Random, size: int) -> list[tuple[str, str, int]]:
    """(relation, sex, age) for each member, head first."""
    rand, randint = rng.random, rng.randint
    if size == 1:
        old = rand() < 0.45
        age = randint(60, 92) if old else randint(20, 59)
        return [("head", "F" if rand() < (0.65 if old else 0.4) else "M", age)]
    head_sex = "M" if rand() < 0.72 else "F"
    spouse_sex = "F" if head_sex == "M" else "M"
    if size == 2:
        kind = rand()
        if kind < 0.5:  # an older couple whose children have left
            head = randint(55, 85)
            return [
                ("head", head_sex, head),
                ("spouse", spouse_sex, max(18, head - randint(-2, 6))),
            ]
        if kind < 0.75:  # a young couple
            head = randint(22, 34)
            return [
                ("head", head_sex, head),
                ("spouse", spouse_sex, max(18, head - randint(-2, 5))),
            ]
        head = randint(35, 70)  # a parent and one child
        return [("head", head_sex, head), ("child", _sex(rng), max(0, head - randint(20, 36)))]
    head = round(rng.triangular(24, 70, 42))
    people = [("head", head_sex, head)]
    if rand() < 0.9:
        people.append(("spouse", spouse_sex, max(18, head - randint(-2, 6))))
    slots = size - len(people)
    elders = 0
    if head < 50 and slots >= 2 and rand() < 0.2 + 0.12 * (size - 3):
        elders = 2 if slots >= 3 and rand() < 0.5 else 1
        father = min(95, head + randint(22, 34))
        people.append(("parent", "M" if elders == 2 else _sex(rng), father))
        if elders == 2:
            people.append(("parent", "F", max(head + 18, father - randint(0, 6))))
    age = head - randint(20, 32)
    oldest = age
    for index in range(slots - elders):
        if head >= 52 and oldest >= 22 and index >= 1 and rand() < 0.6:
            grandchild = oldest - randint(20, 30) - randint(0, 4) * index
            people.append(
                ("grandchild", _sex(rng), grandchild if grandchild >= 0 else randint(0, 9))
            )
            continue
        people.append(("child", _sex(rng), age if age >= 0 else randint(0, 9)))
        age -= randint(2, 6)
    return people


def _member(
    rng: random.Random, ctx: Context, relation: str, sex: str, age: int, family: str
) -> Member:
    birth_year = REFERENCE_YEAR - age
    education, occupation = _schooling_and_work(rng, ctx, age)
    return Member(
        relation,
        sex,
        birth_year,
        rng.randrange(365),
        education,
        occupation,
        family,
        _middle(rng, sex, birth_year),
        _pick(
            rng, (tables.GIVEN_MODERN if _modern(rng, birth_year) else tables.GIVEN_CLASSIC)[sex]
        ),
    )


def _middle(rng: random.Random, sex: str, birth_year: int) -> str:
    if sex == "M":
        traditional = 0.65 if birth_year < 1970 else 0.45 if birth_year < 1990 else 0.25
    else:
        traditional = 0.8 if birth_year < 1970 else 0.6 if birth_year < 1990 else 0.3
    if rng.random() < traditional:
        return tables.MIDDLE_TRADITIONAL[sex]
    return _pick(rng, tables.MIDDLE_OTHER[sex])


def _modern(rng: random.Random, birth_year: int) -> bool:
    share = 0.8 if birth_year >= 2000 else 0.35 if birth_year >= 1985 else 0.05
    return rng.random() < share


def _schooling_and_work(rng: random.Random, ctx: Context, age: int) -> tuple[str, str]:
    if age < 6:
        return "none", "other"
    if age <= 10:
        return "primary", "student"
    if age <= 14:
        return "lower_secondary", "student"
    if age <= 17:
        return ("upper_secondary" if rng.random() < 0.85 else "lower_secondary"), "student"
    band = "young" if age < 40 else "middle" if age < 60 else "old"
    education = _pick(rng, tables.EDUCATION_BY_BAND[band])
    if ctx.urban and rng.random() < 0.4:  # towns school longer: keep the better of two draws
        other = _pick(rng, tables.EDUCATION_BY_BAND[band])
        education = max(education, other, key=_EDUCATION_ORDER.__getitem__)
    if age <= 22 and rng.random() < (0.45 if education in tables.HIGHER_EDUCATION else 0.25):
        return education, "student"
    if age >= 60:
        retired = 0.55 if education in tables.HIGHER_EDUCATION else 0.2
        if rng.random() < retired:
            return education, "retired"
        return education, "farmer" if not ctx.urban and rng.random() < 0.6 else "other"
    if education in tables.HIGHER_EDUCATION:
        return education, _pick(rng, tables.OCCUPATION_GRADUATE)
    return education, _pick(rng, tables.OCCUPATION_ADULT[ctx.urban])


class CccdNumbers:
    """Synthetic 12-digit CCCD numbers, unique without a shared registry of used numbers.

    Structure: province code (3 digits), sex and century (0/1 men/women born 19xx, 2/3 born
    20xx), two digits of the birth year, six digits. The six digits scramble (a bijection modulo
    10⁶) a running number in the commune's own share of the space, so communes generated apart
    never collide.
    """

    _MULTIPLIER = 387_403  # coprime with 10⁶
    _OFFSET = 271_828

    def __init__(self, province_code: str, slot: int, slots: int) -> None:
        self.prefix = province_code.zfill(3)
        self.span = 1_000_000 // max(slots, 1)
        self.base = slot * self.span
        self.used = Counter[tuple[int, int]]()

    def next(self, sex: str, birth_year: int) -> str:
        digit = 2 * (birth_year // 100 - 19) + (1 if sex == "F" else 0)
        year = birth_year % 100
        number = self.used[digit, year]
        if number >= self.span:
            raise ValueError("Quy mô quá lớn: hết số CCCD tổng hợp cho một năm sinh của xã.")
        self.used[digit, year] = number + 1
        # A shift per (sex and century, year) keeps the scramble a bijection within the bucket
        # while different buckets do not repeat the same six digits.
        shift = self._OFFSET * (digit * 100 + year + 1)
        serial = ((self.base + number) * self._MULTIPLIER + shift) % 1_000_000
        return f"{self.prefix}{digit}{year:02d}{serial:06d}"


# --- Names, their folded copies and Vietnamese sort keys, built from cached pieces ----------
# ``text.sort_key`` reads one character at a time; a name's key is the keys of its words joined
# by the key of a space, so each word is keyed once and names are put together by concatenation
# (``test_generator`` checks the result equals ``sort_key`` of the whole name).
_SPACE_PRIMARY, _SPACE_TONE = "0 ", "0"


@cache
def _pieces(word: str) -> tuple[str, str, str]:
    """(folded, primary key, tone key) of one word or group of words."""
    primary, _bang, tones = sort_key(word).partition("!")
    return fold(word), primary, tones


def full_name(member: Member) -> str:
    return f"{member.family} {member.middle} {member.given}"


def name_keys(member: Member) -> tuple[str, str, str]:
    """(search_text, person sort key, household sort key) of a member's full name.

    A person sorts by given name then full name (``Person.sort_source``); a household by its
    head's full name.
    """
    family, middle, given = _pieces(member.family), _pieces(member.middle), _pieces(member.given)
    folded = f"{family[0]} {middle[0]} {given[0]}"
    primary = _SPACE_PRIMARY.join((family[1], middle[1], given[1]))
    tones = _SPACE_TONE.join((family[2], middle[2], given[2]))
    person_key = f"{given[1]}{_SPACE_PRIMARY}{primary}!{given[2]}{_SPACE_TONE}{tones}"
    return folded, person_key[:600], f"{primary}!{tones}"[:600]

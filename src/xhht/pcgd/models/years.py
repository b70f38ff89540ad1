"""School years: an int, the calendar year the school year starts in (2025 = "2025–2026").

The national PCGD–XMC system opens a new working year on 1 September (CV 4862/BGDĐT-KHTC,
../shared/research/vn-criteria-turn2.md §7), so a date from 1 September belongs to the school
year starting that year. Ages in a school year are counted by birth year, as the PCGD survey
does: in school year Y the "6-year-olds" are the children born in Y − 6.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

#: The day the national system opens a new working year (CV 4862/BGDĐT-KHTC).
YEAR_OPENS = (9, 1)


def school_year_label(start_year: int) -> str:
    """ "2025–2026" (an en dash, as Vietnamese documents write it)."""
    return f"{start_year}–{start_year + 1}"


def school_year_of(day: datetime.date) -> int:
    """The school year ``day`` falls in."""
    return day.year if (day.month, day.day) >= YEAR_OPENS else day.year - 1


def current_school_year() -> int:
    return school_year_of(timezone.localdate())


def age_in(school_year: int, birth_year: int) -> int:
    """A person's age in a school year, by birth year (the survey's reading of the decree)."""
    return school_year - birth_year


def year_ends(school_year: int) -> datetime.date:
    """The first day after the school year (when the next one opens)."""
    return datetime.date(school_year + 1, *YEAR_OPENS)

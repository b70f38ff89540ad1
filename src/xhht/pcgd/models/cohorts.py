"""The cohorts of NĐ 20/2014/NĐ-CP whose rates decide the levels, as the engine counts them.

Each cohort is an age range (by birth year, ``years.age_in``) and what its numerator counts.
The readings and their sources are in ../shared/research/vn-criteria.md §7; where the decree's
words leave a choice, the reading is said beside the cohort (``COHORTS[...].reading``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Cohort(models.TextChoices):
    MN5_ATTENDING = "mn5_attending", _("Trẻ 5 tuổi đi học mẫu giáo")
    MN5_COMPLETED = "mn5_completed", _("Trẻ 5 tuổi hoàn thành chương trình giáo dục mầm non")
    TH_GRADE1_6 = "th_grade1_6", _("Trẻ 6 tuổi vào lớp 1")
    TH_COMPLETED_11_14 = (
        "th_completed_11_14",
        _("Trẻ em đến 14 tuổi (11–14 tuổi) hoàn thành chương trình giáo dục tiểu học"),
    )
    TH_COMPLETED_11 = (
        "th_completed_11",
        _("Trẻ em 11 tuổi hoàn thành chương trình giáo dục tiểu học"),
    )
    TH_11_IN_PRIMARY = (
        "th_11_in_primary",
        _("Trẻ em 11 tuổi đã hoàn thành hoặc đang học các lớp tiểu học"),
    )
    THCS_DIPLOMA_15_18 = (
        "thcs_diploma_15_18",
        _("Thanh niên, thiếu niên 15–18 tuổi tốt nghiệp trung học cơ sở"),
    )
    THCS_STUDYING_15_18 = (
        "thcs_studying_15_18",
        _(
            "Thanh niên, thiếu niên 15–18 tuổi đang học THPT, GDTX cấp THPT hoặc giáo dục nghề nghiệp"
        ),
    )
    LITERATE1_15_35 = "literate1_15_35", _("Người 15–35 tuổi đạt chuẩn biết chữ mức độ 1")
    LITERATE1_15_25 = "literate1_15_25", _("Người 15–25 tuổi đạt chuẩn biết chữ mức độ 1")
    LITERATE2_15_60 = "literate2_15_60", _("Người 15–60 tuổi đạt chuẩn biết chữ mức độ 2")
    LITERATE2_15_35 = "literate2_15_35", _("Người 15–35 tuổi đạt chuẩn biết chữ mức độ 2")
    #: Not a rate of the decree: the number of survey rows (SchoolingRecord) of the school year
    #: in the commune (numerator) — whether the commune has person data that year.
    SURVEYED = "surveyed", _("Số phiếu điều tra của năm học")


class Measure(models.TextChoices):
    """What a cohort's numerator counts (``engine`` has one SQL condition per measure)."""

    ATTENDING_PRESCHOOL = "attending_preschool", _("đang học mẫu giáo")
    COMPLETED_PRESCHOOL = "completed_preschool", _("hoàn thành chương trình mầm non")
    IN_PRIMARY = "in_primary", _("đang học tiểu học")
    COMPLETED_PRIMARY = "completed_primary", _("hoàn thành chương trình tiểu học")
    COMPLETED_OR_IN_PRIMARY = "completed_or_in_primary", _("hoàn thành hoặc đang học tiểu học")
    THCS_DIPLOMA = "thcs_diploma", _("tốt nghiệp THCS")
    STUDYING_UPPER = "studying_upper", _("đang học THPT, GDTX, GDNN")
    LITERATE_1 = "literate_1", _("biết chữ mức độ 1 trở lên")
    LITERATE_2 = "literate_2", _("biết chữ mức độ 2")


@dataclass(frozen=True)
class CohortSpec:
    ages: tuple[int, int]
    measure: Measure
    #: Who is missing, in the shortfall sentence: "Thiếu 3 {who} để đạt …".
    who: Promise
    #: Exempt disabilities (``SchoolingRecord.exempt_disability``) leave the denominator: the PCGD
    #: cohorts of children and young people; the literacy cohorts of adults keep everyone.
    exempts: bool
    reading: str = ""


M = Measure
COHORTS: dict[str, CohortSpec] = {
    Cohort.MN5_ATTENDING: CohortSpec(
        (5, 5), M.ATTENDING_PRESCHOOL, _("trẻ 5 tuổi đi học mẫu giáo"), True
    ),
    Cohort.MN5_COMPLETED: CohortSpec(
        (5, 5), M.COMPLETED_PRESCHOOL, _("trẻ 5 tuổi hoàn thành chương trình mầm non"), True
    ),
    Cohort.TH_GRADE1_6: CohortSpec(
        (6, 6),
        M.IN_PRIMARY,
        _("trẻ 6 tuổi vào lớp 1"),
        True,
        "6-year-olds (born Y−6) enrolled at primary level that school year.",
    ),
    Cohort.TH_COMPLETED_11_14: CohortSpec(
        (11, 14),
        M.COMPLETED_PRIMARY,
        _("trẻ 11–14 tuổi hoàn thành chương trình tiểu học"),
        True,
        "Đ9 'trẻ em đến 14 tuổi' read as the ages 11 to 14, as the PCGD reports write "
        "'11–14 tuổi hoàn thành CTGDTH' (inference; the decree's text was read only in part).",
    ),
    Cohort.TH_COMPLETED_11: CohortSpec(
        (11, 11), M.COMPLETED_PRIMARY, _("trẻ 11 tuổi hoàn thành chương trình tiểu học"), True
    ),
    Cohort.TH_11_IN_PRIMARY: CohortSpec(
        (11, 11),
        M.COMPLETED_OR_IN_PRIMARY,
        _("trẻ 11 tuổi đang học tiểu học (hoặc đã hoàn thành)"),
        True,
        "Đ10 'các trẻ em 11 tuổi còn lại đang học các lớp tiểu học': every 11-year-old has "
        "completed primary or is in primary (a rate of 100%).",
    ),
    Cohort.THCS_DIPLOMA_15_18: CohortSpec(
        (15, 18), M.THCS_DIPLOMA, _("em 15–18 tuổi tốt nghiệp THCS"), True
    ),
    Cohort.THCS_STUDYING_15_18: CohortSpec(
        (15, 18),
        M.STUDYING_UPPER,
        _("em 15–18 tuổi đang học THPT, GDTX hoặc GDNN"),
        True,
    ),
    Cohort.LITERATE1_15_35: CohortSpec(
        (15, 35), M.LITERATE_1, _("người 15–35 tuổi biết chữ mức độ 1"), False
    ),
    Cohort.LITERATE1_15_25: CohortSpec(
        (15, 25), M.LITERATE_1, _("người 15–25 tuổi biết chữ mức độ 1"), False
    ),
    Cohort.LITERATE2_15_60: CohortSpec(
        (15, 60), M.LITERATE_2, _("người 15–60 tuổi biết chữ mức độ 2"), False
    ),
    Cohort.LITERATE2_15_35: CohortSpec(
        (15, 35), M.LITERATE_2, _("người 15–35 tuổi biết chữ mức độ 2"), False
    ),
}
#: The youngest and oldest ages any cohort counts.
AGE_SPAN = (
    min(spec.ages[0] for spec in COHORTS.values()),
    max(spec.ages[1] for spec in COHORTS.values()),
)

"""The demo's PCGD–XMC story (``demo.pcgd``): Cái Khế one young person short of PCGD THCS mức
độ 2 under the province's illustrative threshold, the one to visit in the list, Ninh Kiều at XMC
mức độ 2."""

from __future__ import annotations

import pytest

from xhht.audit.context import acting_as
from xhht.demo.pcgd import THCS_2_SOURCE, VISIT_NOTE, seed_pcgd
from xhht.demo.seed import demo_communes
from xhht.demo.tests.demo_world import build_demo
from xhht.pcgd import engine, kept
from xhht.pcgd.models import SchoolingRecord, Standard, StandardResult, current_school_year

pytestmark = pytest.mark.django_db


def _result(commune_id: int, code: str) -> StandardResult:
    return StandardResult.objects.get(
        commune_id=commune_id, school_year=current_school_year(), code=code
    )


def test_cai_khe_is_one_young_person_short_and_the_one_to_visit_reaches_it() -> None:
    build_demo()
    first, second = demo_communes()
    assert (first.name, second.name) == ("Phường Cái Khế", "Phường Ninh Kiều")
    year = current_school_year()
    own = Standard.objects.get(code="pcgd_thcs_2", province=first.parent)
    rule = own.rules.get(cohort="thcs_diploma_15_18")
    assert rule.threshold == 90 and not rule.confirmed  # entered by the province, not the decree
    assert "Giá trị minh họa do tỉnh nhập" in THCS_2_SOURCE and THCS_2_SOURCE in own.source

    for code in ("pcgd_th_1", "xmc_1", "pcgd_thcs_1"):
        assert _result(first.pk, code).reached, code
    short = _result(first.pk, "pcgd_thcs_2")
    assert not short.reached
    assert [(r["kind"], r["missing"]) for r in short.reasons] == [("shortfall", 1)]
    assert short.reasons[0]["text"].startswith("Thiếu 1 em 15–18 tuổi tốt nghiệp THCS")

    to_visit = engine.cohort_people(first, year, "thcs_diploma_15_18")
    visit = SchoolingRecord.objects.get(person__in=to_visit, school_year=year, note=VISIT_NOTE)
    assert (year - visit.person.birth_year, visit.level, visit.grade) == (15, "lower_secondary", 9)
    visit.lower_secondary_diploma_year = year
    visit.level, visit.grade = "", None
    visit.status = SchoolingRecord.Status.FINISHED
    visit.save()  # the kept results follow the row (pcgd.kept signals)
    assert _result(first.pk, "pcgd_thcs_2").reached

    assert _result(second.pk, "xmc_2").reached
    illiterate = engine.cohort_people(second, year, "literate2_15_60")
    assert illiterate.exists()  # adults left to invite to a literacy class

    with acting_as(None, via="command"):
        assert seed_pcgd(communes=[first.code, second.code]) is False  # a second run: as it is
    assert _result(first.pk, "pcgd_thcs_2").reached
    result = kept.read(first, year)
    assert result is not None and result.outcomes["pcgd_thcs_2"].reached

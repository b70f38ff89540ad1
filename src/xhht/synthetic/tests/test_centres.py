"""Synthetic learning institutions and a year of classes (``xhht generate_centres``)."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from django.core.management import call_command

from xhht.audit.models import AuditEntry
from xhht.audit.wording import plain_text, step_label
from xhht.centres.models import (
    Attendance,
    Centre,
    HeadCount,
    LearningClass,
    LearningEntry,
    Participation,
    Session,
)
from xhht.centres.record import keep_class_entries
from xhht.indicators.models import LIVE_YEAR, RollupCount
from xhht.indicators.rebuild import rebuild
from xhht.places.models import Level, Place
from xhht.synthetic.centres import CLASS_TOPICS, COMPLETION_SHARE, CentreStats, generate_centres
from xhht.synthetic.generator import generate

pytestmark = pytest.mark.django_db
YEAR = 2025
AS_OF = datetime.date(2025, 11, 1)


@pytest.fixture
def province(db: None) -> Place:
    """Four communes of Cần Thơ, and one of Hà Nội that is not generated."""
    province = Place.objects.create(
        level=Level.PROVINCE, code="92", name="Thành phố Cần Thơ", kind="thành phố"
    )
    for code, name, kind in [
        ("31117", "Phường Ninh Kiều", "phường"),
        ("31150", "Phường Cái Răng", "phường"),
        ("31180", "Xã Phong Điền", "xã"),
        ("31210", "Xã Thới Lai", "xã"),
    ]:
        Place.objects.create(level=Level.COMMUNE, code=code, name=name, kind=kind, parent=province)
    other = Place.objects.create(
        level=Level.PROVINCE, code="01", name="Thành phố Hà Nội", kind="thành phố"
    )
    Place.objects.create(
        level=Level.COMMUNE, code="00070", name="Phường Hoàn Kiếm", kind="phường", parent=other
    )
    return province


@pytest.fixture
def generated(province: Place) -> CentreStats:
    generate(province_code="92", scale=0.004, seed=3)
    return generate_centres(province_code="92", year=YEAR, seed=3, as_of=AS_OF)


def kept() -> dict[tuple[str, int | None, int], tuple[int, int]]:
    return {
        (r.indicator, r.place_id, r.year): (r.numerator, r.denominator)
        for r in RollupCount.objects.all()
        if r.numerator or r.denominator
    }


def test_each_peopled_commune_gets_one_community_centre_and_some_others(
    generated: CentreStats,
) -> None:
    peopled = Place.objects.filter(level=Level.COMMUNE, parent__code="92")
    centres = Centre.objects.filter(kind=Centre.Kind.TTHTCD, status=Centre.Status.ACTIVE)
    assert sorted(centres.values_list("place__code", flat=True)) == sorted(
        peopled.values_list("code", flat=True)
    )
    assert not Centre.objects.filter(place__code="00070").exists()  # Hà Nội was not generated
    assert Centre.objects.count() == generated.centres > centres.count()
    assert all(c.name.startswith("Trung tâm học tập cộng đồng ") for c in centres)
    assert generated.communes == 4


def test_classes_have_sessions_participants_of_their_commune_and_attendance(
    generated: CentreStats,
) -> None:
    assert generated.classes >= 8 and generated.talks >= 4
    assert LearningClass.objects.count() == generated.classes + generated.talks
    assert Session.objects.count() == generated.sessions
    assert Attendance.objects.count() == generated.attendances > generated.participations
    statuses = Counter(LearningClass.objects.values_list("status", flat=True))
    assert statuses[LearningClass.Status.CLOSED] > statuses[LearningClass.Status.OPEN]
    for p in Participation.objects.select_related("learning_class", "person__place"):
        assert p.person.place.path.startswith(p.learning_class.place.path)
        low, high = CLASS_TOPICS[p.learning_class.topic.code].ages
        assert low <= YEAR - p.person.birth_year <= high
    for attendance in Attendance.objects.select_related("session", "participation"):
        assert attendance.session.learning_class_id == attendance.participation.learning_class_id
        assert attendance.session.date <= AS_OF


def test_only_closed_classes_are_completed_by_those_who_came_enough(
    generated: CentreStats,
) -> None:
    completed = Participation.objects.filter(completed=True).select_related("learning_class")
    assert completed.exists()
    for p in completed:
        assert p.learning_class.status == LearningClass.Status.CLOSED
        held = p.learning_class.sessions.count()
        assert p.attendances.count() >= COMPLETION_SHARE * held
        assert p.result
    for c in LearningClass.objects.filter(participations__isnull=False).distinct():
        assert c.certificates_issued == c.participations.filter(certificate=True).count()
        assert c.hours == sum(s.hours for s in c.sessions.all())
        if c.status == LearningClass.Status.PLANNED:
            assert not c.sessions.exists()


def test_talks_count_people_by_sex_and_age_group(generated: CentreStats) -> None:
    talks = LearningClass.objects.filter(head_counts__isnull=False).distinct()
    assert talks.exists()
    assert not Participation.objects.filter(learning_class__in=talks).exists()
    assert HeadCount.objects.count() == generated.head_counts
    assert all(h.count > 0 for h in HeadCount.objects.all())


def test_learning_records_are_what_the_class_steps_would_keep(generated: CentreStats) -> None:
    assert LearningEntry.objects.count() == Participation.objects.count()
    columns = ("person_id", "year", "kind", "topic_id", "title", "hours", "result", "source")
    before = sorted(LearningEntry.objects.values_list("participation_id", *columns))
    trail = AuditEntry.objects.count()
    for learning_class in LearningClass.objects.select_related("centre", "place"):
        keep_class_entries(learning_class=learning_class)
    assert sorted(LearningEntry.objects.values_list("participation_id", *columns)) == before
    assert AuditEntry.objects.count() == trail  # nothing was saved again
    assert LearningEntry.objects.filter(hours__gt=0).exists()


def test_the_kept_counts_equal_a_rebuild_and_count_the_centres(generated: CentreStats) -> None:
    after_generation = kept()
    rebuild()
    assert kept() == after_generation
    communes = Place.objects.filter(level=Level.COMMUNE, parent__code="92")
    top = Place.objects.get(level=Level.PROVINCE, code="92")
    active = RollupCount.objects.get(indicator="clc_active", place=top, year=LIVE_YEAR)
    assert (active.numerator, active.denominator) == (communes.count(), communes.count())


def test_a_rerun_skips_communes_with_institutions(generated: CentreStats) -> None:
    counts = (Centre.objects.count(), LearningClass.objects.count(), LearningEntry.objects.count())
    again = generate_centres(province_code="92", year=YEAR, seed=3, as_of=AS_OF)
    assert (again.communes, again.skipped, again.rows) == (0, 4, 0)
    assert (
        Centre.objects.count(),
        LearningClass.objects.count(),
        LearningEntry.objects.count(),
    ) == counts
    steps = AuditEntry.objects.filter(step="generate_centres")
    assert steps.count() == 4
    for entry in steps:  # the trail reads in Vietnamese: no code, no English key
        shown = f"{step_label(entry.step)} {plain_text(entry.after)} {entry.reason}"
        assert "_" not in shown and "xhht" not in shown, shown


def test_the_command_reports_what_it_made(
    province: Place, capsys: pytest.CaptureFixture[str]
) -> None:
    generate(province_code="92", scale=0.002, seed=1)
    call_command("generate_centres", "--province", "92", "--year", "2025")
    out = capsys.readouterr().out
    assert "4 xã (0 bỏ qua)" in out and "lớp" in out
    with pytest.raises(Exception, match="Không có tỉnh"):
        call_command("generate_centres", "--province", "99")

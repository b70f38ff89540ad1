"""The home page, "Việc cần làm": each role sees what waits for it, inside its scope only, and
the figures of its place; a national administrator the 34 provinces. Bounded queries."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from xhht.centres.models import LearningClass
from xhht.centres.tests import factories as centres
from xhht.criteria.models import Title
from xhht.indicators.rollups import adjust
from xhht.jobs.models import Job
from xhht.places.models import Level, Place
from xhht.recognition import actions
from xhht.recognition.tests.factories import (
    FULL_MARKS,
    YEAR,
    family_assessment,
    make_household,
    make_person,
)
from xhht.reporting import actions as reporting_actions
from xhht.reporting.models import Task
from xhht.reporting.tests.factories import make_period, make_task
from xhht.reporting.tests.helpers import fill_and_submit
from xhht.site.figures import percent_text
from xhht.site.work import work_for
from xhht.testing.clients import ClientFor
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


def _lists(user: Any) -> dict[str, Any]:
    return {w.key: w for w in work_for(user)}


def _texts(work: Any) -> list[str]:
    return [e.text for e in work.entries]


def test_each_step_lists_the_files_waiting_for_whoever_takes_it(world: World) -> None:
    family_assessment(world, state="registered", code="HO-REG")
    family_assessment(world, state="self_assessed", code="HO-SELF")
    family_assessment(world, state="reviewed", code="HO-REV")
    family_assessment(world, state="proposed", code="HO-PROP")
    hamlet = _lists(world.hamlet_head)
    assert hamlet["self_assess"].count == 1
    assert "HO-" not in " ".join(_texts(hamlet["self_assess"]))  # names, not codes
    assert hamlet["review"].count == 1 and hamlet["propose"].count == 1
    assert "decide" not in hamlet  # the hamlet does not decide
    reviewer = _lists(world.reviewer)
    assert reviewer["review"].count == 1 and "self_assess" not in reviewer
    officer = _lists(world.commune_officer)
    assert officer["decide"].count == 1
    assert officer["decide"].entries[0].url.startswith("/recognition/")


def test_no_list_shows_a_file_outside_the_users_scope(world: World) -> None:
    family_assessment(world, state="self_assessed", code="HO-HERE")
    elsewhere = make_household(world.other_hamlet, code="HO-THERE", head="Phan Văn Ngoài")
    there = actions.register(
        actor=world.other_officer, title=Title.FAMILY, subject=elsewhere, year=YEAR
    )
    actions.submit_self_assessment(actor=world.other_officer, assessment=there, answers=FULL_MARKS)
    assert _lists(world.hamlet_head)["review"].count == 1
    assert _lists(world.other_officer)["review"].count == 1
    texts = _texts(_lists(world.other_officer)["review"])
    assert texts and all("Phan Văn Ngoài" in t for t in texts)
    assert "review" not in _lists(world.outsider)
    assert _lists(world.body_officer).get("review") is None


def test_a_citizen_sees_their_own_file_to_self_assess(world: World) -> None:
    household = make_household(world.hamlet, code="HO-DAN", head="Hoàng Văn Dân")
    make_person(world.hamlet, "Hoàng Văn Dân", user=world.citizen, household=household)
    family_assessment(world, state="registered", household=household)
    family_assessment(world, state="registered", code="HO-OTHER")
    mine = _lists(world.citizen)["self_assess"]
    assert mine.count == 1 and mine.more_url == "/recognition/me/"
    assert "Hoàng Văn Dân" in mine.entries[0].text


def test_reports_to_send_to_receive_and_late(world: World, monkeypatch: Any) -> None:
    period = make_period(world)  # due 11/12/2023: long past
    commune_report = period.submissions.get(reporter_place=world.commune)
    monkeypatch.setattr(
        "xhht.reporting.actions.now",
        lambda: timezone.make_aware(datetime.datetime(2023, 12, 1, 9)),
    )
    fill_and_submit(commune_report, world.commune_officer, [3, 4])
    officer = _lists(world.commune_officer)
    assert "reports" not in officer  # sent: nothing left to send
    other = _lists(world.other_officer)["reports"]
    assert other.count == 1 and other.entries[0].badge == "bad"
    assert "quá hạn" in other.title
    body = _lists(world.body_officer)["reports"]
    assert body.count == 1 and "Sở Giáo dục" in body.entries[0].text
    coordinator = _lists(world.coordinator)
    assert "reports" not in coordinator  # the province files none of the communes' reports
    assert coordinator["receive"].count == 1
    late = coordinator["late"]
    assert late.count == 2  # the other commune and the Sở
    assert late.entries[0].url == f"/reporting/periods/{period.pk}/"
    reporting_actions.return_report(
        actor=world.coordinator, submission=commune_report, comment="Sửa số liệu"
    )
    returned = _lists(world.commune_officer)["reports"].entries[0]
    assert returned.badge == "warn" and "trả lại" in returned.note


def test_tasks_overdue_for_places_and_open_ones_for_the_body(world: World) -> None:
    task = make_task(world)  # quarter III 2020: overdue
    Task.objects.create(
        place=world.province, text="Nhiệm vụ của sở khác", lead_body=world.other_body
    )
    coordinator = _lists(world.coordinator)["tasks"]
    assert coordinator.title == "Nhiệm vụ quá hạn" and coordinator.count == 1
    body = _lists(world.body_officer)["tasks"]
    assert body.count == 1 and body.entries[0].url == f"/reporting/tasks/{task.pk}/"
    assert body.entries[0].badge == "bad"
    other = _lists(world.other_body_officer)["tasks"]
    assert _texts(other) == ["Nhiệm vụ của sở khác"] and other.entries[0].badge == ""
    assert "tasks" not in _lists(world.commune_officer)


def test_finished_imports_are_shown_to_their_author_only(world: World) -> None:
    Job.objects.create(
        function="xhht.registry.imports.jobs.run_import",
        title="Nhập danh sách hộ gia đình",
        created_by=world.commune_officer,
        state=Job.State.DONE,
        finished_at=timezone.now(),
    )
    jobs = _lists(world.commune_officer)["jobs"]
    assert jobs.count == 1 and jobs.entries[0].url.startswith("/registry/imports/")
    assert "jobs" not in _lists(world.other_officer)


def test_the_home_page_shows_the_place_figures_with_rates(
    world: World, client_for: ClientFor
) -> None:
    year = timezone.localdate().year
    family_assessment(world, state="registered")  # its household counts: 1 in the live row
    adjust(indicator="family", place=world.hamlet, year=year, numerator=1)
    adjust(indicator="family", place=world.hamlet, year=0, denominator=7)
    page = client_for(world.commune_officer).get("/")
    text = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="todo-self_assess"' in text
    assert 'data-testid="place-figures"' in text
    assert "1/8" in text and "12,5%" in text


def test_a_national_administrator_gets_the_overview_not_names(
    world: World, client_for: ClientFor
) -> None:
    family_assessment(world, state="self_assessed", code="HO-NAME")  # a household: 1 counted
    year = timezone.localdate().year
    adjust(indicator="family", place=world.hamlet, year=year, numerator=3)
    adjust(indicator="family", place=world.hamlet, year=0, denominator=3)
    page = client_for(world.admin).get("/")
    text = page.content.decode()
    assert 'data-testid="national-overview"' in text
    assert text.count('data-testid="province-row"') == 2  # the world's two provinces
    assert "75%" in text and "3/4" in text
    assert "Nguyễn Văn An" not in text  # counts per step, no names
    national = _lists(world.admin)["national"]
    assert "Đã tự đánh giá: 1" in _texts(national)


def _queries(client: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "persona", ["admin", "coordinator", "commune_officer", "hamlet_head", "body_officer"]
)
def test_the_home_page_costs_the_same_whatever_the_amount_of_work(
    world: World, client_for: ClientFor, persona: str
) -> None:
    make_period(world)
    make_task(world)
    family_assessment(world, state="self_assessed", code="HO-1")
    user = getattr(world, persona)
    few = _queries(client_for(user))
    for number in range(2, 9):
        family_assessment(world, state="self_assessed", code=f"HO-{number}")
        family_assessment(world, state="proposed", code=f"HO-P{number}")
    for number in range(5):
        Place.objects.create(
            level=Level.PROVINCE, code=f"9{number}0", name=f"Tỉnh thử {number}", kind="tỉnh"
        )
        make_task(world)
    many = _queries(client_for(user))
    assert many <= few + 2, (few, many)  # the lists that appear add their own query or two
    assert many <= 40


def test_percent_text_reads_as_vietnamese() -> None:
    assert percent_text(12.5) == "12,5%"
    assert percent_text(100.0) == "100%"
    assert percent_text(0.02) == "<0,1%"
    assert percent_text(None) == "—"


def test_who_runs_classes_sees_the_open_and_planned_classes_of_their_places(world: World) -> None:
    officer = centres.centre_officer(world)
    running = centres.learning_class(world, title="Lớp kỹ năng số cho người cao tuổi")
    running.status = LearningClass.Status.OPEN
    running.save()
    centres.participation(world, of=running)
    centres.learning_class(world, title="Lớp tiếng Anh giao tiếp")  # planned
    closed = centres.learning_class(world, title="Lớp xóa mù chữ đã xong")
    closed.status = LearningClass.Status.CLOSED
    closed.save()
    elsewhere = centres.centre(
        world, code="TT-31120", place=world.other_commune, name="TTHTCĐ phường Cái Khế"
    )
    centres.learning_class(world, at=elsewhere, title="Lớp của phường khác")
    classes = _lists(officer)["classes"]
    assert classes.count == 2
    assert _texts(classes) == ["Lớp kỹ năng số cho người cao tuổi", "Lớp tiếng Anh giao tiếp"]
    assert "1 học viên" in classes.entries[0].note
    assert "dự kiến" in classes.entries[1].note
    assert classes.entries[0].url == f"/centres/classes/{running.pk}/"
    assert "classes" not in _lists(world.hamlet_head)  # does not run classes

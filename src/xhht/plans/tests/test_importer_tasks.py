"""Responsible bodies with their tasks, task deadlines, reporting duties and dated deadlines."""

from __future__ import annotations

import datetime
from collections import Counter
from functools import cache
from typing import Any

import pytest
import yaml

from xhht.plans.importer import TaskProposal
from xhht.plans.tests.test_importer_support import FIXTURES, SEEDS, expected, proposal


@cache
def wanted(seed: str) -> dict[str, Any]:
    """The hand-written task and report expectations (fixtures/tasks_<seed>.yaml)."""
    data: dict[str, Any] = yaml.safe_load((FIXTURES / f"tasks_{seed}.yaml").read_text("utf-8"))
    return data


def _task(seed: str, starts: str) -> TaskProposal:
    found = [task for task in proposal(seed).tasks if task.text.startswith(starts)]
    assert len(found) == 1, (starts, len(found))
    return found[0]


@pytest.mark.parametrize("seed", ["000_hcm", "001_cantho", "002_bencat", "004_hanoi"])
def test_the_bodies_of_the_organisation_section_are_found(seed: str) -> None:
    assert proposal(seed).bodies == expected(seed)["bodies"]


@pytest.mark.parametrize("seed", ["000_hcm", "001_cantho"])
def test_every_body_comes_with_its_tasks(seed: str) -> None:
    tasks = [task for task in proposal(seed).tasks if task.section == "organisation"]
    assert dict(Counter(task.group for task in tasks)) == expected(seed)["task_counts"]
    assert all(task.body and task.text for task in tasks)


def test_a_lettered_item_can_name_its_own_body() -> None:
    bodies = {task.body for task in proposal("000_hcm").tasks}
    assert {"Hội Khuyến học", "Thành đoàn", "Hội Liên hiệp Phụ nữ Thành phố"} <= bodies
    bodies = {task.body for task in proposal("001_cantho").tasks}
    assert "Liên đoàn Lao động thành phố" in bodies  # "b) Đề nghị Liên đoàn … phối hợp với …"


def test_hai_phong_tasks_keep_their_lead_body_and_deadline() -> None:
    tasks = proposal("003_haiphong").tasks
    for want in expected("003_haiphong")["tasks_with_deadline"]:
        task = next(t for t in tasks if t.text.startswith(want["starts"]))
        assert (task.body, task.deadline) == (want["body"], want["deadline"])


def test_supporting_bodies_come_after_phoi_hop_voi() -> None:
    tasks = proposal("003_haiphong").tasks
    for want in expected("003_haiphong")["supporting"]:
        task = next(t for t in tasks if t.text.startswith(want["starts"]))
        assert task.body == want["body"]
        if "supporting" in want:
            assert task.supporting == want["supporting"]
        for name in want.get("supporting_includes", []):
            assert name in task.supporting


def test_yearly_tasks_say_so() -> None:
    deadlines = {t.deadline for t in proposal("002_bencat").tasks}
    assert {"hằng năm", "hằng năm trước 01/12"} <= deadlines


@pytest.mark.parametrize("seed", SEEDS)
def test_dated_deadlines_are_collected(seed: str) -> None:
    found = [deadline.date.isoformat() for deadline in proposal(seed).deadlines]
    assert found == expected(seed)["deadlines"]


@pytest.mark.parametrize("seed", SEEDS)
def test_tasks_come_from_every_part_of_the_plan(seed: str) -> None:
    """As many tasks in "Nhiệm vụ và giải pháp" and in "Tổ chức thực hiện" as a reader counts."""
    found = Counter(task.section for task in proposal(seed).tasks)
    assert dict(found) == wanted(seed)["sections"]
    groups = Counter(task.group for task in proposal(seed).tasks if task.section == "tasks")
    assert list(groups.values()) == wanted(seed)["task_groups"]


_FIELDS = (
    "section", "body", "body_level", "deadline", "deadline_kind", "deadline_quarter",
    "deadline_year", "yearly_day", "yearly_month", "supporting", "targets",
)  # fmt: skip  # a word list


@pytest.mark.parametrize("seed", SEEDS)
def test_sample_tasks_have_their_body_deadline_and_targets(seed: str) -> None:
    for want in wanted(seed)["samples"]:
        task = _task(seed, want["starts"])
        for name in _FIELDS:
            if name in want:
                assert getattr(task, name) == want[name], (want["starts"], name)
        if "deadline_date" in want:
            assert task.deadline_date == datetime.date.fromisoformat(want["deadline_date"])
        for name in want.get("supporting_includes", []):
            assert name in task.supporting
        assert set(want.get("targets_include", [])) <= set(task.targets)


def test_hcm_has_its_15_bodies_each_with_its_tasks() -> None:
    """What ``load_seed_plans`` saves for HCM: the 15 bodies of section V, none without tasks."""
    found = proposal("000_hcm")
    assert len(found.bodies) == wanted("000_hcm")["organisation_bodies"] == 15
    groups = Counter(task.group for task in found.tasks if task.section == "organisation")
    assert set(groups) == set(found.bodies)
    assert sum(groups.values()) == 36


def test_hai_phong_tasks_with_quarter_deadlines() -> None:
    tasks = [task for task in proposal("003_haiphong").tasks if task.deadline_kind == "quarter"]
    want = wanted("003_haiphong")["quarter_tasks"]
    assert len(tasks) == len(want) == 2
    for task, row in zip(tasks, want, strict=True):
        assert task.text.startswith(row["starts"])
        assert (task.deadline_quarter, task.deadline_year) == (row["quarter"], row["year"])
        assert task.deadline_date is None and task.yearly_day is None


@pytest.mark.parametrize("seed", SEEDS)
def test_every_task_deadline_fits_the_task_model(seed: str) -> None:
    """The constraints of ``reporting.models.Task``: each kind has what it needs."""
    for task in proposal(seed).tasks:
        if task.deadline_kind == "date":
            assert task.deadline_date is not None
        if task.deadline_kind == "quarter":
            assert task.deadline_quarter in (1, 2, 3, 4) and task.deadline_year
        if task.deadline_kind == "yearly":
            assert task.yearly_month in range(1, 13) and task.yearly_day in range(1, 32)


@pytest.mark.parametrize("seed", SEEDS)
def test_reporting_duties_are_report_types(seed: str) -> None:
    found = proposal(seed).reports
    want = wanted(seed)["reports"]
    assert len(found) == len(want)
    for report, row in zip(found, want, strict=True):
        for name in ("reporters", "reporter_level", "receiver", "receiver_body", "frequency"):
            if name in row:
                assert getattr(report, name) == row[name], name
        assert report.year == row["year"]
        assert set(row.get("reporters_include", [])) <= set(report.reporters)
        for year, dates in row["due_dates"].items():
            assert [day.isoformat() for day in report.due_dates(int(year))] == dates


def test_the_proposal_json_carries_the_structured_fields() -> None:
    data = proposal("003_haiphong").to_json()
    task = next(row for row in data["tasks"] if row["deadline_kind"] == "quarter")
    assert (task["deadline_quarter"], task["deadline_year"], task["section"]) == (3, 2020, "tasks")
    assert data["reports"][0]["frequency"] == ""
    assert data["body_levels"]["Ủy ban nhân dân các quận, huyện"] == "district"
    hcm = proposal("000_hcm").to_json()
    assert hcm["reports"][0]["due"] == "2023-12-11" and hcm["reports"][0]["year"] == 2023

"""Responsible bodies with their tasks, task deadlines, reporting duties and dated deadlines."""

from __future__ import annotations

from collections import Counter

import pytest

from xhht.plans.tests.test_importer_support import SEEDS, expected, proposal


@pytest.mark.parametrize("seed", ["000_hcm", "001_cantho", "002_bencat", "004_hanoi"])
def test_the_bodies_of_the_organisation_section_are_found(seed: str) -> None:
    assert proposal(seed).bodies == expected(seed)["bodies"]


@pytest.mark.parametrize("seed", ["000_hcm", "001_cantho"])
def test_every_body_comes_with_its_tasks(seed: str) -> None:
    counts = Counter(task.group for task in proposal(seed).tasks)
    assert dict(counts) == expected(seed)["task_counts"]
    assert all(task.body and task.text for task in proposal(seed).tasks)


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
def test_reporting_duties_have_sender_recipient_and_due(seed: str) -> None:
    found = proposal(seed).reports
    wanted = expected(seed)["reports"]
    assert len(found) == len(wanted)
    for report, want in zip(found, wanted, strict=True):
        assert report.due == want["due"]
        assert want.get("from_contains", "") in report.from_
        assert want.get("to_contains", "") in report.to


@pytest.mark.parametrize("seed", SEEDS)
def test_dated_deadlines_are_collected(seed: str) -> None:
    found = [deadline.date.isoformat() for deadline in proposal(seed).deadlines]
    assert found == expected(seed)["deadlines"]

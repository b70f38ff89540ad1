"""Objects the recognition tests build: complete criteria sets (province variants), subjects."""

from __future__ import annotations

import copy
import datetime
from typing import Any

from xhht.accounts.models import User
from xhht.criteria.definition import parse_definition
from xhht.criteria.models import CriteriaSet, Title
from xhht.places.models import Place
from xhht.recognition import actions
from xhht.recognition.models import Assessment
from xhht.registry.models import Household, Person
from xhht.testing.world import World

YEAR = 2026

#: A tiny but complete "Gia đình học tập" set: the shipped one is a template with missing values.
FAMILY_SET: dict[str, Any] = {
    "code": "test-gdht-cantho",
    "name": "Bộ tiêu chí Gia đình học tập (Cần Thơ, thử nghiệm)",
    "title": "family",
    "valid_from": "2020-01-01",
    "legal_basis": {"document": "QĐ thử nghiệm", "issuer": "UBND tỉnh (thử)"},
    "rules": {"pass_mark": 12, "all_items_required": True},
    "criteria": [
        {
            "code": "TC1",
            "name": "Học tập của trẻ em trong gia đình",
            "items": [
                {
                    "code": "1.1",
                    "text": "Trẻ em trong độ tuổi đi học được đến trường",
                    "kind": "points",
                    "max_points": 10,
                    "evidence_hint": "Giấy xác nhận của nhà trường",
                },
                {"code": "1.2", "text": "Trẻ em chăm ngoan, lễ phép", "kind": "pass_fail"},
            ],
        },
        {
            "code": "TC2",
            "name": "Học tập của người lớn trong gia đình",
            "items": [
                {
                    "code": "2.1",
                    "text": "Người lớn biết chữ, tham gia học tập",
                    "kind": "points",
                    "max_points": 10,
                    "evidence_hint": "Ảnh chụp giấy chứng nhận, chứng chỉ",
                },
            ],
        },
    ],
}

#: A complete "Công dân học tập" set with two citizen groups.
CITIZEN_SET: dict[str, Any] = {
    "code": "test-cdht-cantho",
    "name": "Bộ tiêu chí Công dân học tập (Cần Thơ, thử nghiệm)",
    "title": "citizen",
    "valid_from": "2020-01-01",
    "groups": [
        {"code": "nong_dan", "name": "Nông dân, lao động nông thôn"},
        {"code": "can_bo", "name": "Cán bộ, công chức, viên chức"},
    ],
    "rules": {"pass_mark": 10},
    "criteria": [
        {
            "code": "NL1",
            "name": "Năng lực tự học, học tập suốt đời",
            "items": [
                {
                    "code": "1.1",
                    "text": "Có kế hoạch học tập của bản thân",
                    "kind": "points",
                    "max_points": 10,
                },
            ],
        },
        {
            "code": "NL2",
            "name": "Năng lực sử dụng công cụ học tập, làm việc",
            "items": [
                {
                    "code": "2.1",
                    "text": "Sử dụng công nghệ thông tin trong học tập",
                    "kind": "points",
                    "max_points": 10,
                    "evidence_hint": "Ảnh chứng chỉ kỹ năng số",
                },
                {
                    "code": "2.2",
                    "text": "Ngoại ngữ theo yêu cầu công việc",
                    "kind": "points",
                    "max_points": 10,
                    "applies_to": ["can_bo"],
                },
            ],
        },
    ],
}

SETS: dict[str, dict[str, Any]] = {Title.FAMILY: FAMILY_SET, Title.CITIZEN: CITIZEN_SET}


def make_set(world: World, title: str = Title.FAMILY, **changes: Any) -> CriteriaSet:
    """A complete province variant, loaded as the criteria app stores sets."""
    data = copy.deepcopy(SETS[title])
    data.update(changes)
    definition = parse_definition(data)
    criteria_set = CriteriaSet(definition_json=data, province=world.province)
    criteria_set.copy_from_definition(definition)
    criteria_set.save()
    return criteria_set


def template_set(world: World) -> CriteriaSet:
    """A template: the pass mark is not known, so it may recognise no one."""
    data = copy.deepcopy(FAMILY_SET)
    data["code"] = "test-gdht-template"
    data["rules"] = {"all_items_required": True}
    data["criteria"][0]["items"][0]["max_points"] = None
    criteria_set = CriteriaSet(definition_json=data, province=world.province)
    criteria_set.copy_from_definition(parse_definition(data))
    criteria_set.save()
    return criteria_set


def make_household(place: Place, code: str = "HO-001", head: str = "Nguyễn Văn An") -> Household:
    return Household.objects.create(code=code, place=place, head_name=head)


def make_person(
    place: Place,
    name: str = "Trần Thị Bình",
    *,
    user: User | None = None,
    household: Household | None = None,
) -> Person:
    return Person.objects.create(
        full_name=name,
        sex=Person.Sex.FEMALE,
        birth_year=1980,
        place=place,
        user=user,
        household=household,
    )


FULL_MARKS: dict[str, dict[str, Any]] = {
    "1.1": {"points": "8"},
    "1.2": {"met": True},
    "2.1": {"points": "7"},
}


def family_assessment(
    world: World,
    *,
    state: str = "registered",
    code: str = "HO-001",
    household: Household | None = None,
    year: int = YEAR,
) -> Assessment:
    """A family assessment brought to ``state`` through the real actions."""
    criteria_set = CriteriaSet.objects.filter(code=FAMILY_SET["code"]).first() or make_set(world)
    household = household or make_household(world.hamlet, code=code)
    assessment = actions.register(
        actor=world.hamlet_head,
        title=Title.FAMILY,
        subject=household,
        year=year,
        criteria_set=criteria_set,
    )
    order = ["self_assessed", "reviewed", "proposed", "recognised"]
    if state == "registered":
        return assessment
    actions.submit_self_assessment(
        actor=world.hamlet_head, assessment=assessment, answers=FULL_MARKS
    )
    if state == "self_assessed":
        return assessment
    actions.review(actor=world.hamlet_head, assessment=assessment, marks=FULL_MARKS, comment="Tốt")
    if state == "reviewed":
        return assessment
    actions.propose(actor=world.hamlet_head, assessment=assessment)
    if state == "proposed":
        return assessment
    assert state in order
    actions.recognise(
        actor=world.commune_officer, assessments=[assessment], data=decision_data(f"{code}-{year}")
    )
    assessment.refresh_from_db()
    return assessment


def decision_data(number: str = "15") -> actions.DecisionData:
    return actions.DecisionData(
        number=f"{number}/QĐ-UBND",
        date=datetime.date(2026, 5, 15),
        signer_name="Lê Văn Cường",
        signer_position="CHỦ TỊCH",
        issuing_body="ỦY BAN NHÂN DÂN PHƯỜNG NINH KIỀU",
        parent_body="",
        place_name="Ninh Kiều",
    )

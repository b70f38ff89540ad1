"""The association's steps: who may take them, what they refuse (in Vietnamese, nothing saved)
and what they leave in the audit trail."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from xhht.association import actions
from xhht.association.models import Branch, Member, MembershipFigure
from xhht.association.tests import factories
from xhht.audit.models import AuditEntry
from xhht.audit.wording import step_label
from xhht.core.workflow import ChangedMeanwhile, StepRefused
from xhht.registry.tests import factories as registry_factories
from xhht.testing.world import World

DAY = datetime.date(2025, 5, 10)


def test_a_commune_officer_creates_a_chapter_in_a_hamlet_of_the_commune(world: World) -> None:
    parent = world.once("commune_branch", factories.commune_branch)
    branch = actions.create_branch(
        user=world.association_officer,
        name="  Chi hội khuyến học khu vực 1 ",
        kind=Branch.Kind.CHAPTER,
        place=world.hamlet,
        parent=parent,
        founded_on=DAY,
    )
    assert branch.name == "Chi hội khuyến học khu vực 1"
    assert AuditEntry.objects.filter(object_id=str(branch.pk), action="create").exists()


def test_a_commune_officer_cannot_create_a_branch_in_another_commune(world: World) -> None:
    with pytest.raises(PermissionDenied):
        actions.create_branch(
            user=world.association_officer,
            name="Hội Khuyến học phường Cái Khế",
            kind=Branch.Kind.ASSOCIATION,
            place=world.other_commune,
        )
    assert not Branch.objects.exists()


def test_a_coordinator_reads_but_does_not_manage_branches(world: World) -> None:
    with pytest.raises(PermissionDenied):
        actions.create_branch(
            user=world.coordinator,
            name="Hội Khuyến học phường Ninh Kiều",
            kind=Branch.Kind.ASSOCIATION,
            place=world.commune,
        )


def test_a_hamlet_cannot_hold_a_commune_association_and_the_parent_must_contain_it(
    world: World,
) -> None:
    with pytest.raises(StepRefused) as refused:
        actions.create_branch(
            user=world.province_association_officer,
            name="Hội ở thôn",
            kind=Branch.Kind.ASSOCIATION,
            place=world.hamlet,
        )
    assert "chi hội, không phải Hội cấp xã" in " ".join(refused.value.problems)
    other = world.once("other_branch", factories.other_branch)
    with pytest.raises(StepRefused) as refused:
        actions.create_branch(
            user=world.province_association_officer,
            name="Chi hội khu vực 1",
            kind=Branch.Kind.CHAPTER,
            place=world.hamlet,
            parent=other,
        )
    assert "Hội cấp trên phải ở địa bàn chứa" in " ".join(refused.value.problems)
    assert not Branch.objects.filter(place=world.hamlet).exists()


def test_a_branch_cannot_be_made_the_child_of_its_own_chapter(world: World) -> None:
    commune = world.once("commune_branch", factories.commune_branch)
    chapter = world.once("chapter", factories.chapter)
    with pytest.raises(StepRefused):
        actions.update_branch(
            user=world.province_association_officer,
            branch=commune,
            name=commune.name,
            kind=commune.kind,
            place=world.commune,
            parent=chapter,
        )


def test_a_member_from_the_registry_takes_the_record_s_name_and_year(world: World) -> None:
    chapter = world.once("chapter", factories.chapter)
    person = factories.registry_person(world)
    member = actions.add_member(
        user=world.association_officer,
        branch=chapter,
        joined_on=DAY,
        role=Member.Role.CHAPTER_HEAD,
        person=person,
        full_name="ignored",
    )
    assert (member.person, member.full_name, member.birth_year) == (person, "Nguyễn Văn An", 1980)
    with pytest.raises(StepRefused) as refused:
        actions.add_member(
            user=world.association_officer, branch=chapter, joined_on=DAY, person=person
        )
    assert refused.value.problems == ["Người này đã là hội viên của chi hội."]
    assert chapter.members.count() == 1


def test_a_person_outside_the_officer_s_scope_cannot_be_added(world: World) -> None:
    chapter = world.once("chapter", factories.chapter)
    home = registry_factories.household(world, code="CK-001", place=world.other_hamlet)
    stranger = registry_factories.person(world, cccd="092185009999", name="Lê Văn Cường", home=home)
    with pytest.raises(StepRefused, match="trong phạm vi của bạn"):
        actions.add_member(
            user=world.association_officer, branch=chapter, joined_on=DAY, person=stranger
        )
    assert not Member.objects.exists()


def test_a_member_not_in_the_registry_needs_a_name_and_a_sensible_date(world: World) -> None:
    chapter = world.once("chapter", factories.chapter)
    with pytest.raises(StepRefused, match="ghi họ và tên"):
        actions.add_member(user=world.association_officer, branch=chapter, joined_on=DAY)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(StepRefused, match="không thể sau ngày hôm nay"):
        actions.add_member(
            user=world.association_officer,
            branch=chapter,
            joined_on=tomorrow,
            full_name="Phạm Văn Dũng",
        )
    member = actions.add_member(
        user=world.association_officer,
        branch=chapter,
        joined_on=DAY,
        full_name="  Phạm   Văn Dũng ",
        birth_year=1962,
    )
    assert (member.person, member.full_name, member.birth_year) == (None, "Phạm Văn Dũng", 1962)


def test_a_member_leaves_with_a_date_and_a_reason_and_stays_in_the_list(world: World) -> None:
    member = factories.member(world)
    with pytest.raises(StepRefused, match="lý do"):
        actions.member_leaves(
            user=world.association_officer, member=member, left_on=DAY, reason=" "
        )
    with pytest.raises(StepRefused, match="trước ngày vào hội"):
        actions.member_leaves(
            user=world.association_officer,
            member=member,
            left_on=datetime.date(2020, 1, 1),
            reason="Chuyển nơi cư trú",
        )
    actions.member_leaves(
        user=world.association_officer, member=member, left_on=DAY, reason="Chuyển nơi cư trú"
    )
    member.refresh_from_db()
    assert (member.left_on, member.leave_reason) == (DAY, "Chuyển nơi cư trú")
    step = AuditEntry.objects.get(step="member_leaves")
    assert step.reason == "Chuyển nơi cư trú"
    with pytest.raises(ChangedMeanwhile):
        actions.member_leaves(
            user=world.association_officer, member=member, left_on=DAY, reason="Lần nữa"
        )


def test_another_commune_s_officer_cannot_touch_a_member(world: World) -> None:
    member = factories.member(world)
    other = world.other_officer  # a commune officer: no MANAGE_ASSOCIATION at all
    with pytest.raises(PermissionDenied):
        actions.member_leaves(user=other, member=member, left_on=DAY, reason="x")


def test_editing_a_member_changes_the_role_and_keeps_a_linked_name(world: World) -> None:
    chapter = world.once("chapter", factories.chapter)
    person = factories.registry_person(world)
    member = actions.add_member(
        user=world.association_officer, branch=chapter, joined_on=DAY, person=person
    )
    actions.update_member(
        user=world.association_officer,
        member=member,
        joined_on=DAY,
        role=Member.Role.CHAPTER_DEPUTY,
        full_name="Tên khác",
    )
    member.refresh_from_db()
    assert (member.role, member.full_name) == (Member.Role.CHAPTER_DEPUTY, "Nguyễn Văn An")


def test_a_branch_with_members_is_not_dissolved_until_they_leave(world: World) -> None:
    member = factories.member(world)
    chapter = member.branch
    with pytest.raises(StepRefused, match="còn 1 hội viên"):
        actions.dissolve_branch(
            user=world.association_officer, branch=chapter, dissolved_on=DAY, reason="Sáp nhập"
        )
    actions.member_leaves(user=world.association_officer, member=member, left_on=DAY, reason="x")
    actions.dissolve_branch(
        user=world.association_officer, branch=chapter, dissolved_on=DAY, reason="Sáp nhập"
    )
    chapter.refresh_from_db()
    assert chapter.dissolved_on == DAY
    with pytest.raises(StepRefused, match="đã giải thể"):
        actions.add_member(
            user=world.association_officer, branch=chapter, joined_on=DAY, full_name="Ai đó"
        )


def test_entered_figures_only_for_a_branch_that_keeps_totals(world: World) -> None:
    chapter = world.once("chapter", factories.chapter)
    with pytest.raises(StepRefused, match="tính từ danh sách"):
        actions.record_figure(user=world.association_officer, branch=chapter, year=2024, members=30)
    chapter.keeps_totals = True
    chapter.save()
    actions.record_figure(
        user=world.association_officer, branch=chapter, year=2024, members=30, joined=4
    )
    actions.record_figure(
        user=world.association_officer, branch=chapter, year=2024, members=32, joined=6
    )
    figure = MembershipFigure.objects.get(branch=chapter, year=2024)
    assert (figure.members, figure.joined) == (32, 6)
    with pytest.raises(StepRefused, match="năm chưa đến"):
        actions.record_figure(
            user=world.association_officer,
            branch=chapter,
            year=timezone.localdate().year + 1,
            members=1,
        )


def test_a_commune_s_association_goes_under_the_province_s_above_the_officer_s_scope(
    world: World,
) -> None:
    city = world.once("province_branch", factories.province_branch)
    branch = actions.create_branch(
        user=world.association_officer,
        name="Hội Khuyến học phường Ninh Kiều",
        kind=Branch.Kind.ASSOCIATION,
        place=world.commune,
        parent=city,
    )
    assert branch.parent == city
    other = world.once("other_branch", factories.other_branch)
    with pytest.raises(StepRefused):  # a branch of another commune is never a parent here
        actions.create_branch(
            user=world.association_officer,
            name="Chi hội khu vực 1",
            kind=Branch.Kind.CHAPTER,
            place=world.hamlet,
            parent=other,
        )


def test_the_trail_names_the_association_s_steps_in_vietnamese() -> None:
    assert step_label("member_leaves") == "Hội viên ra khỏi hội"
    assert step_label("dissolve_branch") == "Giải thể, sáp nhập chi hội khuyến học"
    assert step_label("import_members") == "Nhập danh sách hội viên"

"""The form editor's actions: each edit revalidates the whole set, completeness follows from the
values, and a set already used is revised as a new version."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from xhht.audit.models import AuditEntry
from xhht.criteria import edits
from xhht.criteria.actions import derive_variant, mark_used
from xhht.criteria.definition import DefinitionError
from xhht.criteria.models import CriteriaSet, Title
from xhht.testing.world import World

DAY = datetime.date(2025, 6, 1)
CDHT = "hkh324-cong-dan-hoc-tap"
CDHT_ITEMS = ["1a", "1b", "1c", "1d", "2a", "2b", "2c", "2d", "3a", "3b", "3c"]


def _variant(world: World) -> CriteriaSet:
    national = CriteriaSet.objects.get(code=CDHT)
    return derive_variant(user=world.coordinator, criteria_set=national, province=world.province)


def _points(total_items: int = 11) -> dict[str, Decimal | None]:
    """Made-up points for the test (10 items × 9 + one × 10 = 100), not official values."""
    return {code: Decimal(10 if i == 0 else 9) for i, code in enumerate(CDHT_ITEMS[:total_items])}


def test_the_shipped_cdht_template_carries_the_confirmed_rule_and_groups(world: World) -> None:
    national = CriteriaSet.objects.get(code=CDHT)
    definition = national.definition()
    assert definition.pass_mark == 80 and definition.rules.max_total == 100
    assert definition.min_item_points == 5
    assert definition.legal_date == datetime.date(2023, 10, 25)
    assert [g.name for g in definition.groups] == [
        "Người dân trong xã",
        "Người lao động",
        "Cán bộ công nhân viên, doanh nhân",
        "Học sinh, sinh viên, học viên",
    ]
    assert national.is_template
    assert "Tiêu chí NL1, chỉ báo 1a: chưa có điểm tối đa." in national.missing_values()


def test_entering_every_items_points_makes_the_variant_usable_at_once(world: World) -> None:
    variant = _variant(world)
    assert variant.is_template and variant.province == world.province
    assert CriteriaSet.objects.best_for(Title.CITIZEN, world.hamlet, DAY) is None
    partial = edits.set_points(
        user=world.coordinator, criteria_set=variant, item_points=_points(10)
    )
    assert partial.pk == variant.pk and not partial.complete
    assert partial.missing_values() == [
        "Tiêu chí NL3, chỉ báo 3c: chưa có điểm tối đa.",
        "Tiêu chí NL3: chưa có điểm tối đa.",
    ]
    done = edits.set_points(
        user=world.coordinator, criteria_set=variant, item_points={"3c": Decimal(9)}
    )
    assert done.complete and done.status == CriteriaSet.Status.ACTIVE
    assert CriteriaSet.objects.best_for(Title.CITIZEN, world.hamlet, DAY) == done
    step = AuditEntry.objects.filter(step="criteria.points").latest("pk")
    assert step.after == {"points": {"3c": 9}, "complete": True}


def test_points_that_do_not_reach_the_confirmed_total_are_refused_and_nothing_is_saved(
    world: World,
) -> None:
    variant = _variant(world)
    points = _points() | {"1a": Decimal(9)}  # 99 of 100
    with pytest.raises(DefinitionError) as caught:
        edits.set_points(user=world.coordinator, criteria_set=variant, item_points=points)
    assert any("không bằng tổng điểm các tiêu chí" in p for p in caught.value.problems)
    variant.refresh_from_db()
    assert variant.definition().item("1a").max_points is None  # type: ignore[union-attr]


def test_an_item_worth_less_than_the_minimum_of_every_item_is_refused(world: World) -> None:
    variant = _variant(world)
    with pytest.raises(DefinitionError) as caught:
        edits.set_points(
            user=world.coordinator, criteria_set=variant, item_points={"1a": Decimal(4)}
        )
    assert caught.value.problems == [
        "Tiêu chí NL1, chỉ báo 1a: điểm tối đa (4) nhỏ hơn điểm tối thiểu của mỗi chỉ báo (5), không thể đạt."
    ]


def test_a_pass_mark_above_the_total_is_refused(world: World) -> None:
    variant = edits.set_points(
        user=world.coordinator, criteria_set=_variant(world), item_points=_points()
    )
    with pytest.raises(DefinitionError) as caught:
        edits.set_rules(
            user=world.coordinator,
            criteria_set=variant,
            pass_mark=Decimal(120),
            min_item_points=Decimal(5),
            max_total=Decimal(100),
        )
    assert "Điểm chuẩn (120) lớn hơn tổng điểm tối đa (100), không ai đạt được." in (
        caught.value.problems
    )


def test_without_a_pass_mark_the_set_says_so_and_is_not_usable(world: World) -> None:
    variant = edits.set_points(
        user=world.coordinator, criteria_set=_variant(world), item_points=_points()
    )
    assert variant.complete
    variant = edits.set_rules(
        user=world.coordinator, criteria_set=variant, pass_mark=None, max_total=Decimal(100)
    )
    assert not variant.complete
    assert variant.missing_values() == [
        "Chưa có điểm chuẩn (tổng điểm tối thiểu để được công nhận)."
    ]


def test_criteria_and_items_are_added_edited_moved_and_removed(world: World) -> None:
    variant = edits.set_points(
        user=world.coordinator, criteria_set=_variant(world), item_points=_points()
    )
    user = world.coordinator
    variant = edits.add_criterion(user=user, criteria_set=variant, code="NL4", name="Năng lực mới")
    assert "Tiêu chí NL4: chưa có chỉ báo nào (nội dung chưa được xác định)." in (
        variant.missing_values()
    )
    variant = edits.add_item(
        user=user,
        criteria_set=variant,
        criterion_code="NL4",
        code="4a",
        text="Tham gia lớp học cộng đồng",
        kind="pass_fail",
        evidence_hint="Giấy xác nhận của trung tâm học tập cộng đồng",
        applies_to=["nguoi-dan"],
    )
    item = variant.definition().item("4a")
    assert item is not None and item.kind == "pass_fail" and item.applies_to == ("nguoi-dan",)
    assert variant.definition().all_items_required  # follows from the pass/fail item
    assert variant.complete
    variant = edits.move_criterion(
        user=user, criteria_set=variant, criterion_code="NL4", direction="up"
    )
    assert [c.code for c in variant.definition().criteria] == ["NL1", "NL2", "NL4", "NL3"]
    variant = edits.move_item(user=user, criteria_set=variant, item_code="1b", direction="up")
    assert [i.code for i in variant.definition().criteria[0].items] == ["1b", "1a", "1c", "1d"]
    with pytest.raises(DefinitionError) as caught:
        edits.move_item(user=user, criteria_set=variant, item_code="1b", direction="up")
    assert caught.value.problems == ["Chỉ báo 1b đã ở đầu tiêu chí."]
    variant = edits.update_item(
        user=user,
        criteria_set=variant,
        item_code="1a",
        code="1a",
        text="Lập kế hoạch học tập của bản thân",
        kind="points",
        max_points=Decimal(10),
        evidence_hint="Kế hoạch học tập",
    )
    changed = variant.definition().item("1a")
    assert changed is not None and changed.evidence_hint == "Kế hoạch học tập"
    assert not changed.confirmed  # the province's own text, no longer the source's
    variant = edits.remove_item(user=user, criteria_set=variant, item_code="4a")
    variant = edits.remove_criterion(user=user, criteria_set=variant, criterion_code="NL4")
    assert [c.code for c in variant.definition().criteria] == ["NL1", "NL2", "NL3"]
    assert not variant.definition().all_items_required and variant.complete
    variant = edits.update_criterion(
        user=user,
        criteria_set=variant,
        criterion_code="NL2",
        code="NL2",
        name="Năng lực sử dụng công cụ học tập",
        max_points=Decimal(36),
        min_points=Decimal(20),
    )
    nl2 = variant.definition().criteria[1]
    assert nl2.max_points == 36 and nl2.min_points == 20


def test_duplicate_codes_are_refused_with_every_problem_and_nothing_saved(world: World) -> None:
    variant = _variant(world)
    before = variant.definition_json
    with pytest.raises(DefinitionError) as caught:
        edits.add_criterion(user=world.coordinator, criteria_set=variant, code="NL1", name="Trùng")
    assert caught.value.problems == ["Mã tiêu chí “NL1” bị trùng."]
    with pytest.raises(DefinitionError) as caught:
        edits.add_item(
            user=world.coordinator, criteria_set=variant, criterion_code="NL2", code="1a", text="x"
        )
    assert caught.value.problems[0].startswith("Mã chỉ báo “1a” bị trùng")
    variant.refresh_from_db()
    assert variant.definition_json == before


def test_groups_and_bands_are_edited_and_a_group_in_use_is_kept(world: World) -> None:
    user = world.coordinator
    variant = _variant(world)
    variant = edits.add_group(user=user, criteria_set=variant, code="nong-dan", name="Nông dân")
    variant = edits.update_item(
        user=user,
        criteria_set=variant,
        item_code="2b",
        code="2b",
        text="Sử dụng ngoại ngữ theo yêu cầu công việc",
        kind="points",
        max_points=None,
        applies_to=["nong-dan"],
    )
    with pytest.raises(DefinitionError) as caught:
        edits.remove_group(user=user, criteria_set=variant, group_code="nong-dan")
    assert "còn chỉ báo riêng (2b)" in caught.value.problems[0]
    variant = edits.update_group(
        user=user, criteria_set=variant, group_code="nong-dan", code="nd", name="Nông dân"
    )
    assert variant.definition().item("2b").applies_to == ("nd",)  # type: ignore[union-attr]
    variant = edits.add_band(user=user, criteria_set=variant, name="Khá", min_total=Decimal(80))
    variant = edits.add_band(user=user, criteria_set=variant, name="Tốt", min_total=Decimal(90))
    assert [b.name for b in variant.definition().bands] == ["Tốt", "Khá"]
    variant = edits.update_band(
        user=user, criteria_set=variant, band_name="Tốt", name="Xuất sắc", min_total=Decimal(95)
    )
    variant = edits.remove_band(user=user, criteria_set=variant, band_name="Khá")
    assert [(b.name, b.min_total) for b in variant.definition().bands] == [
        ("Xuất sắc", Decimal(95))
    ]


def test_an_edit_of_a_used_set_makes_one_new_version_that_takes_over_when_complete(
    world: World,
) -> None:
    user = world.coordinator
    used = edits.set_points(user=user, criteria_set=_variant(world), item_points=_points())
    mark_used(used)
    draft = edits.add_criterion(user=user, criteria_set=used, code="NL4", name="Mới")
    used.refresh_from_db()
    assert draft.pk != used.pk and draft.version == 2 and draft.previous == used
    assert not draft.complete and used.status == CriteriaSet.Status.ACTIVE  # still in force
    assert CriteriaSet.objects.best_for(Title.CITIZEN, world.hamlet, DAY) == used
    again = edits.remove_criterion(user=user, criteria_set=draft, criterion_code="NL4")
    used.refresh_from_db()
    assert again.pk == draft.pk and again.complete  # the draft is edited in place
    assert used.status == CriteriaSet.Status.RETIRED
    assert CriteriaSet.objects.best_for(Title.CITIZEN, world.hamlet, DAY) == again
    assert used.definition().criteria[2].code == "NL3" and len(used.definition().criteria) == 3
    with pytest.raises(DefinitionError):
        edits.add_criterion(user=user, criteria_set=used, code="NL9", name="Cũ")


def test_only_a_manager_of_the_province_may_edit(world: World) -> None:
    variant = _variant(world)
    with pytest.raises(DefinitionError):
        edits.add_group(user=world.commune_officer, criteria_set=variant, code="x", name="X")
    national = CriteriaSet.objects.get(code=CDHT)
    with pytest.raises(DefinitionError):
        edits.add_group(user=world.coordinator, criteria_set=national, code="x", name="X")


def test_illustrative_values_are_marked_and_kept_by_a_new_version(world: World) -> None:
    user = world.coordinator
    variant = edits.set_points(user=user, criteria_set=_variant(world), item_points=_points())
    variant = edits.set_illustrative(user=user, criteria_set=variant, illustrative=True)
    assert CriteriaSet.objects.get(pk=variant.pk).illustrative
    mark_used(variant)
    revised = edits.update_basis(
        user=user,
        criteria_set=variant,
        name="Công dân học tập — Cần Thơ",
        legal_document="324/QĐ-KHVN",
        legal_issuer="Hội Khuyến học Việt Nam",
        legal_date=datetime.date(2023, 10, 25),
        valid_from=None,
        valid_to=None,
    )
    assert revised.pk != variant.pk and revised.illustrative
    assert AuditEntry.objects.filter(step="criteria.illustrative").count() == 1

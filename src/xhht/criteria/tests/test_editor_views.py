"""The criteria editor through the test client: a coordinator completes the province's variant in
forms, bad input is refused in Vietnamese and nothing is half-written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client
from django.urls import reverse

from xhht.accounts.models import User
from xhht.criteria.actions import derive_variant
from xhht.criteria.models import CriteriaSet
from xhht.testing.world import World

ClientFor = Callable[[User], Client]
CDHT = "hkh324-cong-dan-hoc-tap"
ITEMS = ["1a", "1b", "1c", "1d", "2a", "2b", "2c", "2d", "3a", "3b", "3c"]


def _variant(world: World) -> CriteriaSet:
    national = CriteriaSet.objects.get(code=CDHT)
    return derive_variant(user=world.coordinator, criteria_set=national, province=world.province)


def _points(**overrides: str) -> dict[str, str]:
    """Made-up points for the test (10 + 10 × 9 = 100), not official values."""
    data = {f"points-{code}": "10" if code == "1a" else "9" for code in ITEMS}
    data.update({f"points-{code}": value for code, value in overrides.items()})
    return data


def _post(client: Client, name: str, pk: int, data: dict[str, Any]) -> Any:
    return client.post(reverse(f"criteria:{name}", args=[pk]), data)


def test_deriving_the_template_leads_to_the_editor_listing_what_is_missing(
    world: World, client_for: ClientFor
) -> None:
    client = client_for(world.coordinator)
    national = CriteriaSet.objects.get(code=CDHT)
    response = client.post(reverse("criteria:derive", args=[national.pk]), follow=True)
    variant = CriteriaSet.objects.get(code=f"{CDHT}-92")
    assert response.redirect_chain[-1][0] == reverse("criteria:editor", args=[variant.pk])
    html = response.content.decode()
    assert "Chưa dùng được để công nhận — còn thiếu" in html
    assert "Tiêu chí NL1, chỉ báo 1a: chưa có điểm tối đa." in html
    assert "chưa có — tỉnh nhập" in html
    assert 'value="80"' in html and 'value="5"' in html  # the confirmed rule, shown filled in


def test_entering_the_points_in_one_form_makes_the_set_usable(
    world: World, client_for: ClientFor
) -> None:
    variant = _variant(world)
    client = client_for(world.coordinator)
    response = _post(client, "edit_points", variant.pk, _points() | {"reason": "QĐ 12/QĐ-UBND"})
    assert response.status_code == 302
    variant.refresh_from_db()
    assert variant.complete and variant.status == CriteriaSet.Status.ACTIVE
    page = client.get(response.url.split("#")[0]).content.decode()
    assert "Đủ giá trị — đang áp dụng." in page
    assert "từ bây giờ dùng được để đăng ký và công nhận" in page


def test_bad_points_are_refused_in_vietnamese_and_nothing_is_saved(
    world: World, client_for: ClientFor
) -> None:
    variant = _variant(world)
    before = variant.definition_json
    client = client_for(world.coordinator)
    cases = {
        "-3": "Số điểm không được là số âm.",
        "mười": "“mười” không phải là số; hãy nhập số điểm, ví dụ 10 hoặc 7,5.",
        "0": "Điểm tối đa phải lớn hơn 0; để trống nếu chưa biết.",
    }
    for value, message in cases.items():
        response = _post(client, "edit_points", variant.pk, _points(**{"2b": value}))
        assert response.status_code == 400
        assert message in response.content.decode()
    response = _post(client, "edit_points", variant.pk, _points(**{"1a": "9"}))  # 99 of 100
    assert response.status_code == 400
    assert (
        "Tổng điểm tối đa khai báo (100) không bằng tổng điểm các tiêu chí"
        in response.content.decode()
    )
    variant.refresh_from_db()
    assert variant.definition_json == before and not variant.complete


def test_a_pass_mark_above_the_total_and_an_empty_pass_mark(
    world: World, client_for: ClientFor
) -> None:
    variant = _variant(world)
    client = client_for(world.coordinator)
    _post(client, "edit_points", variant.pk, _points())
    rules = {"pass_mark": "120", "min_item_points": "5", "max_total": "100"}
    response = _post(client, "edit_rules", variant.pk, rules)
    assert response.status_code == 400
    assert "Điểm chuẩn (120) lớn hơn tổng điểm tối đa (100), không ai đạt được." in (
        response.content.decode()
    )
    response = _post(client, "edit_rules", variant.pk, rules | {"pass_mark": ""})
    assert response.status_code == 302
    page = client.get(reverse("criteria:editor", args=[variant.pk])).content.decode()
    assert "Chưa có điểm chuẩn (tổng điểm tối thiểu để được công nhận)." in page
    assert not CriteriaSet.objects.get(pk=variant.pk).complete


def test_a_criterion_with_a_pass_fail_item_is_added_moved_and_removed(
    world: World, client_for: ClientFor
) -> None:
    variant = _variant(world)
    client = client_for(world.coordinator)
    _post(client, "edit_points", variant.pk, _points())
    added = _post(
        client, "edit_criterion", variant.pk, {"op": "add", "code": "NL4", "name": "Đọc sách"}
    )
    assert added.status_code == 302 and added.url.endswith("?open=NL4#x-NL4")
    page = client.get(reverse("criteria:editor", args=[variant.pk])).content.decode()
    assert "Tiêu chí NL4: chưa có chỉ báo nào (nội dung chưa được xác định)." in page
    item = {
        "op": "add",
        "criterion": "NL4",
        "code": "4a",
        "text": "Đọc ít nhất một cuốn sách mỗi quý",
        "kind": "pass_fail",
        "evidence_hint": "Sổ mượn sách của thư viện",
        "applies_to": ["nguoi-dan", "hoc-sinh-sinh-vien"],
    }
    assert _post(client, "edit_item", variant.pk, item).status_code == 302
    _post(client, "edit_criterion", variant.pk, {"op": "up", "target": "NL4"})
    definition = CriteriaSet.objects.get(pk=variant.pk).definition()
    assert [c.code for c in definition.criteria] == ["NL1", "NL2", "NL4", "NL3"]
    added_item = definition.item("4a")
    assert added_item is not None and added_item.applies_to == ("nguoi-dan", "hoc-sinh-sinh-vien")
    assert added_item.evidence_hint == "Sổ mượn sách của thư viện"
    assert CriteriaSet.objects.get(pk=variant.pk).complete
    _post(client, "edit_criterion", variant.pk, {"op": "remove", "target": "NL4"})
    assert [c.code for c in CriteriaSet.objects.get(pk=variant.pk).definition().criteria] == [
        "NL1",
        "NL2",
        "NL3",
    ]


def test_a_pass_fail_item_with_points_a_duplicate_code_and_a_missing_text_are_refused(
    world: World, client_for: ClientFor
) -> None:
    variant = _variant(world)
    before = variant.definition_json
    client = client_for(world.coordinator)
    base = {"op": "add", "criterion": "NL1", "code": "1e", "text": "Mới", "kind": "points"}
    response = _post(
        client, "edit_item", variant.pk, base | {"kind": "pass_fail", "max_points": "5"}
    )
    assert response.status_code == 400
    assert "Chỉ báo đạt/không đạt không có điểm" in response.content.decode()
    response = _post(client, "edit_item", variant.pk, base | {"code": "2a"})
    assert response.status_code == 400
    assert "Mã chỉ báo “2a” bị trùng" in response.content.decode()
    response = _post(client, "edit_item", variant.pk, base | {"text": ""})
    assert response.status_code == 400
    assert "Nội dung chỉ báo: Hãy nhập nội dung chỉ báo." in response.content.decode()
    response = _post(
        client, "edit_criterion", variant.pk, {"op": "add", "code": "NL2", "name": "x"}
    )
    assert "Mã tiêu chí “NL2” bị trùng." in response.content.decode()
    assert CriteriaSet.objects.get(pk=variant.pk).definition_json == before


def test_groups_and_bands_through_the_forms(world: World, client_for: ClientFor) -> None:
    variant = _variant(world)
    client = client_for(world.coordinator)
    _post(client, "edit_group", variant.pk, {"op": "add", "code": "nong-dan", "name": "Nông dân"})
    _post(
        client,
        "edit_group",
        variant.pk,
        {"op": "update", "target": "nguoi-dan", "code": "nguoi-dan", "name": "Người dân"},
    )
    _post(client, "edit_group", variant.pk, {"op": "remove", "target": "nguoi-lao-dong"})
    _post(client, "edit_band", variant.pk, {"op": "add", "name": "Tốt", "min_total": "90"})
    definition = CriteriaSet.objects.get(pk=variant.pk).definition()
    assert [(g.code, g.name) for g in definition.groups] == [
        ("nguoi-dan", "Người dân"),
        ("can-bo-doanh-nhan", "Cán bộ công nhân viên, doanh nhân"),
        ("hoc-sinh-sinh-vien", "Học sinh, sinh viên, học viên"),
        ("nong-dan", "Nông dân"),
    ]
    assert [(b.name, str(b.min_total)) for b in definition.bands] == [("Tốt", "90")]


def test_editing_a_used_set_in_forms_creates_a_new_version_once(
    world: World, client_for: ClientFor
) -> None:
    from xhht.criteria.actions import mark_used

    variant = _variant(world)
    client = client_for(world.coordinator)
    _post(client, "edit_points", variant.pk, _points())
    variant.refresh_from_db()
    mark_used(variant)
    response = _post(
        client,
        "edit_band",
        variant.pk,
        {"op": "add", "name": "Tốt", "min_total": "90"},
    )
    draft = CriteriaSet.objects.get(code=variant.code, version=2)
    assert response.url.startswith(reverse("criteria:editor", args=[draft.pk]))
    page = client.get(response.url.split("#")[0]).content.decode()
    assert "đã tạo phiên bản 2" in page
    _post(client, "edit_band", draft.pk, {"op": "add", "name": "Khá", "min_total": "85"})
    assert CriteriaSet.objects.filter(code=variant.code).count() == 2


def test_an_illustrative_set_carries_the_banner_on_its_pages(
    world: World, client_for: ClientFor
) -> None:
    variant = _variant(world)
    client = client_for(world.coordinator)
    _post(client, "illustrative", variant.pk, {"illustrative": "1"})
    notice = "giá trị minh họa cho bản demo — không phải giá trị chính thức"
    for name in ("editor", "detail", "edit"):
        page = client.get(reverse(f"criteria:{name}", args=[variant.pk]))
        assert notice in page.content.decode(), name
    assert notice in client.get(reverse("criteria:index")).content.decode()
    officer_page = client_for(world.commune_officer).get(
        reverse("criteria:detail", args=[variant.pk])
    )
    assert notice in officer_page.content.decode()


def test_the_editor_opens_on_every_shipped_set(world: World, client_for: ClientFor) -> None:
    client = client_for(world.admin)
    shipped = CriteriaSet.objects.filter(shipped=True)
    assert shipped.count() == 9  # with the TTHTCĐ self-evaluation template
    for criteria_set in shipped:
        response = client.get(reverse("criteria:editor", args=[criteria_set.pk]))
        assert response.status_code == 200, criteria_set.code
        html = response.content.decode()
        assert "Chưa dùng được để công nhận — còn thiếu" in html, criteria_set.code
        if not criteria_set.definition().uses_points and criteria_set.definition().criteria:
            assert 'data-testid="rules-form"' not in html, criteria_set.code


def test_once_derived_the_template_page_opens_the_provinces_set(
    world: World, client_for: ClientFor
) -> None:
    national = CriteriaSet.objects.get(code=CDHT)
    client = client_for(world.coordinator)
    page = client.get(reverse("criteria:detail", args=[national.pk])).content.decode()
    assert "Tạo bộ tiêu chí của tỉnh từ bộ này" in page
    variant = _variant(world)
    page = client.get(reverse("criteria:detail", args=[national.pk])).content.decode()
    assert "Tạo bộ tiêu chí của tỉnh từ bộ này" not in page
    assert reverse("criteria:editor", args=[variant.pk]) in page

from __future__ import annotations

from collections.abc import Callable

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from xhht.accounts.models import User
from xhht.criteria.actions import create_set, mark_used
from xhht.criteria.models import CriteriaSet
from xhht.criteria.serialize import to_yaml
from xhht.criteria.tests.helpers import variant_data
from xhht.criteria.xlsx import set_xlsx
from xhht.testing.world import World

ClientFor = Callable[[User], Client]


def test_the_detail_of_a_template_lists_what_the_province_must_fill_in(
    world: World, client_for: ClientFor
) -> None:
    template = CriteriaSet.objects.get(code="hkh448-gia-dinh-hoc-tap")
    page = client_for(world.commune_officer).get(reverse("criteria:detail", args=[template.pk]))
    assert "Mẫu — tỉnh cần bổ sung" in page.content.decode()
    assert "Chưa có điểm chuẩn (tổng điểm tối thiểu để được công nhận)." in page.content.decode()


def test_a_malformed_yaml_is_refused_with_the_problem_and_nothing_saved(
    world: World, client_for: ClientFor
) -> None:
    data = variant_data()
    data["rules"]["bands"][0]["min_total"] = 150
    response = client_for(world.coordinator).post(
        reverse("criteria:create"), {"text": to_yaml(data), "save": "1"}
    )
    assert response.status_code == 400
    assert (
        "Xếp loại “Xuất sắc” cần 150 điểm, vượt tổng điểm tối đa (100)" in response.content.decode()
    )
    assert not CriteriaSet.objects.filter(code=data["code"]).exists()


def test_editing_a_used_set_in_the_app_creates_a_new_version(
    world: World, client_for: ClientFor
) -> None:
    criteria_set = create_set(user=world.coordinator, data=variant_data())
    mark_used(criteria_set)
    text = to_yaml(variant_data() | {"name": "Bộ đã sửa"})
    response = client_for(world.coordinator).post(
        reverse("criteria:edit", args=[criteria_set.pk]), {"text": text, "save": "1"}
    )
    new = CriteriaSet.objects.get(code=criteria_set.code, version=2)
    assert response.status_code == 302 and response["Location"].endswith(f"/{new.pk}/")
    criteria_set.refresh_from_db()
    assert criteria_set.name != "Bộ đã sửa" and new.name == "Bộ đã sửa"


def test_the_editor_completes_a_province_template(world: World, client_for: ClientFor) -> None:
    data = variant_data()
    data["criteria"][1]["items"][0]["max_points"] = None
    code = data["criteria"][1]["items"][0]["code"]
    template = create_set(user=world.coordinator, data=data)
    assert template.is_template
    client = client_for(world.coordinator)
    assert (
        "chưa có — tỉnh nhập"
        in client.get(reverse("criteria:editor", args=[template.pk])).content.decode()
    )
    response = client.post(
        reverse("criteria:edit_points", args=[template.pk]),
        {f"points-{code}": "15", "reason": "QĐ 00/QĐ-THỬ"},
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.complete and template.status == CriteriaSet.Status.ACTIVE


def test_a_coordinator_uploads_a_province_variant_as_xlsx(
    world: World, client_for: ClientFor
) -> None:
    upload = SimpleUploadedFile("bien-the.xlsx", set_xlsx(variant_data()))
    response = client_for(world.coordinator).post(reverse("criteria:upload"), {"file": upload})
    assert response.status_code == 302
    assert CriteriaSet.objects.get(code=variant_data()["code"]).province == world.province


def test_a_coordinator_of_another_province_cannot_load_this_variant(
    world: World, client_for: ClientFor
) -> None:
    upload = SimpleUploadedFile("v.yaml", to_yaml(variant_data()).encode())
    other = User.objects.create_user(username="hn", password="x")
    from xhht.accounts.models import RoleAssignment
    from xhht.accounts.roles import Role

    RoleAssignment.objects.create(
        user=other, role=Role.PROVINCE_COORDINATOR, place=world.other_province
    )
    response = client_for(other).post(reverse("criteria:upload"), {"file": upload})
    assert response.status_code == 400
    assert (
        "Bạn không có quyền quản lý bộ tiêu chí của Thành phố Cần Thơ" in response.content.decode()
    )

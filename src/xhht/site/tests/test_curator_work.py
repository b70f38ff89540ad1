"""The province's curator sees "Học liệu chờ duyệt" in "Việc cần làm": the resources submitted in
their province (a count and the link to the curator's queue), in one query; nobody else does,
and a curator of another province does not see them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from xhht.accounts.models import RoleAssignment, User
from xhht.accounts.roles import Role
from xhht.resources.tests import factories
from xhht.site.work import work_for
from xhht.site.work.learning import resources_to_curate
from xhht.testing.clients import ClientFor
from xhht.testing.world import World

pytestmark = pytest.mark.django_db


def test_the_curator_sees_the_resources_waiting_for_publication(
    world: World, client_for: ClientFor
) -> None:
    factories.submitted_resource(world, "Kỹ năng số: dịch vụ công trực tuyến")
    factories.submitted_resource(world, "Sổ tay an toàn trên mạng")
    factories.draft_resource(world, "Bản nháp chưa gửi")
    factories.published_resource(world, "Đã xuất bản")

    work = {w.key: w for w in work_for(world.coordinator)}["resources"]
    assert (work.title, work.count) == ("Học liệu chờ duyệt", 2)
    assert work.more_url == reverse("resources:queue")
    with CaptureQueriesContext(connection) as captured:
        assert resources_to_curate(world.coordinator) is not None
    assert len(captured) <= 2  # the scope's roles with their places, then the one count

    page = client_for(world.coordinator).get("/").content.decode()
    assert "Học liệu chờ duyệt" in page and reverse("resources:queue") in page

    elsewhere = User.objects.create_user(username="tinh_khac", password="x-Pass-12345")
    RoleAssignment.objects.create(
        user=elsewhere, role=Role.PROVINCE_COORDINATOR, place=world.other_province
    )
    for user in (elsewhere, world.commune_officer, world.hamlet_head, world.citizen):
        assert "resources" not in {w.key for w in work_for(user)}

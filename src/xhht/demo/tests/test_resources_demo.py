"""The demo's open learning resources (``demo.resources``): twenty published in Cần Thơ from three
kinds of contributor, "ky nang so" finds the "Kỹ năng số" ones, three wait for the curator, the
centre has its collection, the indicators count them, and a second run adds nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from xhht.accounts.models import RoleAssignment, User
from xhht.audit.context import acting_as
from xhht.demo.resources import UNIVERSITY_CODE, seed_resources
from xhht.demo.seed import DEMO_PROVINCE_CODE, demo_communes
from xhht.demo.tests.demo_world import build_demo
from xhht.indicators.models import LIVE_YEAR, RollupCount
from xhht.places.models import Level, Place
from xhht.resources import counters
from xhht.resources.models import Collection, Resource

pytestmark = pytest.mark.django_db


def test_the_demo_province_has_published_resources_a_queue_and_a_collection() -> None:
    build_demo()
    province = Place.objects.get(level=Level.PROVINCE, code=DEMO_PROVINCE_CODE)
    resources = Resource.objects.filter(province=province)
    published = resources.published()
    assert published.count() == 20
    digital = published.search("ky nang so")
    assert digital.count() >= 5 and all(r.title.startswith("Kỹ năng số") for r in digital)
    assert resources.filter(state=Resource.State.SUBMITTED).count() == 3
    assert counters.published_by_kind(province) == {"tthtcd": 8, "body": 6, "university": 6}
    shelf = Collection.objects.get(name="Tủ học liệu kỹ năng số")
    assert shelf.centre.place == demo_communes()[0] and shelf.items.count() == 5
    kept = RollupCount.objects.get(indicator="open_resources", place=province, year=LIVE_YEAR)
    assert kept.numerator == 20
    universities = RollupCount.objects.get(
        indicator="open_resources_universities", place=province, year=LIVE_YEAR
    )
    assert (universities.numerator, universities.denominator) >= (1, 1)

    curator = Client()
    curator.force_login(User.objects.get(username="tinh"))
    queue = curator.get("/resources/queue/")
    assert (
        queue.status_code == 200
        and "Kỹ năng số: bảo vệ thông tin cá nhân" in queue.content.decode()
    )
    page = Client().get("/resources/", {"q": "ky nang so"})
    assert page.status_code == 200 and "Kỹ năng số: cài đặt và dùng VNeID" in page.content.decode()

    users = {
        u.username: u
        for u in User.objects.filter(username__in=["xa1", "coquan", "tinh", "quantri"])
    }
    body = RoleAssignment.objects.get(user=users["coquan"]).body
    assert body is not None
    with acting_as(users["tinh"]):
        again = seed_resources(
            province=province,
            commune=demo_communes()[0],
            commune_officer=users["xa1"],
            body=body,
            body_officer=users["coquan"],
            coordinator=users["tinh"],
            admin=users["quantri"],
        )
    assert again == 0 and resources.count() == 23
    assert Resource.objects.filter(centre__code=UNIVERSITY_CODE).count() == 6

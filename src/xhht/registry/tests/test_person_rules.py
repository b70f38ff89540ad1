"""A person's rules (birth year from 1900, a birth date not in the future, a CCCD of 12 digits)
are written once, on the model: the form and the households workbook refuse in the same words."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from xhht.registry.models import Person
from xhht.registry.tests import workbooks
from xhht.registry.tests.test_forms import person_data
from xhht.registry.tests.test_import_households import upload
from xhht.testing.world import World

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
TOO_EARLY = f"Năm sinh phải từ 1900 đến {TODAY.year}."
FUTURE = "Ngày sinh không được sau hôm nay."
NOT_12_DIGITS = "Số CCCD phải gồm đúng 12 chữ số."


@pytest.mark.parametrize(
    ("changes", "column", "cell", "message"),
    [
        ({"birth_year": 1899}, 6, 1899, TOO_EARLY),
        (
            {"birth_date": TODAY + datetime.timedelta(days=1)},
            6,
            (TODAY + datetime.timedelta(days=1)).strftime("%d/%m/%Y"),
            FUTURE,
        ),
        ({"cccd": "09212345"}, 10, "09212345", NOT_12_DIGITS),
    ],
)
def test_the_form_and_the_importer_refuse_a_person_in_the_same_words(
    world: World, client_for: Any, changes: dict[str, Any], column: int, cell: Any, message: str
) -> None:
    client = client_for(world.commune_officer)
    form_page = client.post(reverse("registry:person_create"), person_data(world, **changes))
    assert message in form_page.content.decode()
    bad = workbooks.row(0, world.hamlet.name)
    bad[column] = cell
    preview = upload(client, workbooks.workbook(2, world.hamlet.name, {0: bad}), world.commune.pk)
    page = client.get(reverse("registry:import_job", args=[preview.pk])).content.decode()
    assert f"Dòng 2: {message}" in page
    assert not Person.objects.exists()


def test_a_choice_cell_naming_nothing_known_is_refused_with_the_allowed_values(
    world: World, client_for: Any
) -> None:
    client = client_for(world.commune_officer)
    bad = workbooks.row(0, world.hamlet.name)
    bad[4], bad[8], bad[9] = "Hàng xóm", "Tiến sĩ vũ trụ", "Phi hành gia"
    preview = upload(client, workbooks.workbook(2, world.hamlet.name, {0: bad}), world.commune.pk)
    page = client.get(reverse("registry:import_job", args=[preview.pk])).content.decode()
    assert "quan hệ với chủ hộ không hợp lệ; dùng: Chủ hộ" in page
    assert "trình độ học vấn không hợp lệ; dùng: " in page
    assert "nhóm nghề nghiệp không hợp lệ; dùng: " in page
    assert not Person.objects.exists()

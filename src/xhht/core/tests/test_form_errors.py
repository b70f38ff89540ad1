"""A form's error names its field: "Mã hộ: Trường này là bắt buộc.", below that field."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.urls import reverse

from xhht.reporting.tests.factories import make_report_type
from xhht.testing.world import World


class _Form(forms.Form):
    code = forms.CharField(label="Mã hộ")
    name = forms.CharField(label="Chủ hộ")


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" :", ":")


def test_every_way_of_rendering_a_form_puts_the_label_in_its_error() -> None:
    form = _Form(data={"name": "An"})
    for html in (form.as_p(), form.as_div(), str(form), form["code"].as_field_group()):
        text = _text(str(html))
        assert "Mã hộ: Trường này là bắt buộc." in text
        assert "Chủ hộ: Trường này" not in text


def test_the_error_comes_after_its_field_not_before_the_next_label() -> None:
    html = str(_Form(data={"name": "An"}).as_p())
    assert html.index('name="code"') < html.index("Trường này là bắt buộc.") < html.index("Chủ hộ")


def test_the_household_form_says_which_field_and_explains_the_code(
    world: World, client_for: Any
) -> None:
    response = client_for(world.commune_officer).post(
        reverse("registry:household_create"), {"address": "Số 1"}
    )
    text = _text(response.content.decode())
    assert "Mã hộ: Trường này là bắt buộc." in text
    assert "sổ hộ gia đình" in text  # the hint beside "Mã hộ"


def test_a_refused_report_section_names_the_field_in_its_message(
    world: World, client_for: Any
) -> None:
    report_type = make_report_type(world)
    response = client_for(world.coordinator).post(
        reverse("reporting:section_add", args=[report_type.pk]), {"kind": "narrative"}, follow=True
    )
    assert "Tiêu đề mục: Trường này là bắt buộc." in _text(response.content.decode())

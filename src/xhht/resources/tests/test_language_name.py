"""The resource page names the language ("Tiếng Việt"), not its ISO code ("vi")."""

from __future__ import annotations

import pytest
from django.utils import translation

from xhht.resources.models import Resource


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("vi", "Tiếng Việt"),
        ("EN", "Tiếng Anh"),
        ("zh-hans", "Tiếng Trung"),
        ("de", "Tiếng Đức"),
        ("xx-unknown", "xx-unknown"),
    ],
)
def test_the_language_reads_as_its_vietnamese_name(code: str, name: str) -> None:
    with translation.override("vi"):
        assert Resource(language=code).language_name == name

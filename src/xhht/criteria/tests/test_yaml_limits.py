"""Criteria YAML is read without aliases and within size and nesting limits: the 434-byte file of
issue 11 (nine levels of nine aliases) reached 3.3 GB once the set was walked."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xhht.core.tests.hostile import far_cell_xlsx
from xhht.criteria.definition import DefinitionError
from xhht.criteria.loading import sets_from_upload, sets_from_yaml
from xhht.criteria.serialize import MAX_YAML_CHARS, from_yaml
from xhht.criteria.tests.helpers import FIXTURES
from xhht.criteria.tests.test_views import ClientFor
from xhht.testing.world import World

LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


def test_the_billion_laughs_are_refused_at_the_first_alias() -> None:
    assert len(LAUGHS) < 600
    with pytest.raises(DefinitionError) as refused:
        sets_from_upload(io.BytesIO(LAUGHS.encode()), "tieu-chi.yaml")
    assert refused.value.problems == [
        "Tệp YAML dùng tham chiếu “*a” (dòng 2): không được dùng neo và tham chiếu (& và *) "
        "trong bộ tiêu chí; hãy viết đầy đủ từng giá trị."
    ]


def test_nesting_deeper_than_the_limit_is_refused_not_a_500() -> None:
    with pytest.raises(DefinitionError, match="lồng nhau quá 20 cấp"):
        from_yaml("[" * 10_000)


def test_a_text_longer_than_the_limit_is_refused_before_parsing() -> None:
    with pytest.raises(DefinitionError, match=r"vượt giới hạn 200\.000 ký tự"):
        sets_from_yaml("x: 1\n" * (MAX_YAML_CHARS // 5 + 1))


def test_an_anchor_that_is_never_used_is_harmless() -> None:
    assert from_yaml("code: &c abc\nname: b") == {"code": "abc", "name": "b"}


def test_the_province_variant_still_reads() -> None:
    text = (FIXTURES / "province_variant.yaml").read_text(encoding="utf-8")
    assert sets_from_yaml(text)[0]["code"]


def test_the_upload_page_refuses_the_laughs_with_the_message(
    world: World, client_for: ClientFor
) -> None:
    upload = SimpleUploadedFile("tieu-chi.yaml", LAUGHS.encode())
    response = client_for(world.coordinator).post(reverse("criteria:upload"), {"file": upload})
    assert response.status_code == 400
    assert "không được dùng neo và tham chiếu" in response.content.decode()


def test_the_upload_page_refuses_a_far_cell_workbook_with_the_message(
    world: World, client_for: ClientFor
) -> None:
    upload = SimpleUploadedFile("tieu-chi.xlsx", far_cell_xlsx(("Loại dòng", "Mã")))
    response = client_for(world.coordinator).post(reverse("criteria:upload"), {"file": upload})
    assert response.status_code == 400
    assert "Bảng tính có ô ở cột XFD, dòng 1.048.576" in response.content.decode()

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from xhht.criteria.definition import DefinitionError
from xhht.criteria.loading import load_sets, load_shipped, sets_from_upload
from xhht.criteria.models import CriteriaSet, Title
from xhht.criteria.scoring import Answer, score
from xhht.criteria.serialize import to_yaml
from xhht.criteria.tests.helpers import FIXTURES, variant_data
from xhht.criteria.xlsx import blank_template, read_set_xlsx, set_xlsx
from xhht.testing.world import World

SHIPPED = {
    "hkh448-gia-dinh-hoc-tap",
    "hkh448-dong-ho-hoc-tap",
    "hkh448-cong-dong-hoc-tap-thon",
    "hkh448-don-vi-hoc-tap-xa",
    "hkh324-cong-dan-hoc-tap",
    "tt25-2023-cdht-xa-md1",
    "tt24-2023-dvht-huyen",
    "tt24-2023-dvht-tinh-md1",
    "tthtcd-tu-danh-gia",  # the TTHTCĐ self-evaluation: no official document found, no values
}
FULL = {"A1": 20, "A2": 40, "B1": 15, "B2": 25}


def _score_loaded(world: World) -> None:
    criteria_set = CriteriaSet.objects.best_for(
        Title.FAMILY, world.hamlet, datetime.date(2025, 6, 1)
    )
    assert criteria_set is not None and criteria_set.province == world.province
    answers = {code: Answer(points=Decimal(p)) for code, p in FULL.items()}
    answers |= {"C1": Answer(met=True), "C2": Answer(met=True)}
    result = score(criteria_set.definition(), answers)
    assert (result.passed, result.grade) == (True, "Xuất sắc")


def test_the_province_variant_loads_from_yaml_and_scores(world: World) -> None:
    call_command("load_criteria", str(FIXTURES / "province_variant.yaml"))
    _score_loaded(world)


def test_the_province_variant_loads_from_xlsx_and_scores(world: World, tmp_path: Path) -> None:
    path = tmp_path / "bien-the.xlsx"
    path.write_bytes(set_xlsx(variant_data() | {"legal_basis": {"date": "2025-01-15"}}))
    call_command("load_criteria", str(path))
    _score_loaded(world)


def test_the_shipped_sets_are_present_and_are_templates(db: None) -> None:
    shipped = CriteriaSet.objects.filter(shipped=True)
    assert set(shipped.values_list("code", flat=True)) == SHIPPED
    assert all(s.status == CriteriaSet.Status.TEMPLATE and not s.is_complete() for s in shipped)
    family = shipped.get(code="hkh448-gia-dinh-hoc-tap").definition()
    assert family.criteria[0].max_points == Decimal(30)
    assert family.pass_mark is None
    assert "Chưa có điểm chuẩn (tổng điểm tối thiểu để được công nhận)." in family.missing_values()
    citizen = shipped.get(code="hkh324-cong-dan-hoc-tap").definition()
    assert [c.code for c in citizen.criteria] == ["NL1", "NL2", "NL3"]
    assert all(i.max_points is None for i in citizen.items())


def test_every_shipped_value_carries_its_source(db: None) -> None:
    for criteria_set in CriteriaSet.objects.filter(shipped=True):
        definition = criteria_set.definition()
        if definition.title == Title.CENTRE:
            # No official national document on evaluating a TTHTCĐ is confirmed: no source, so
            # no values at all (the province enters its own).
            assert not definition.legal_document and not definition.criteria
            continue
        assert definition.legal_url and definition.legal_document
        for criterion in definition.criteria:
            assert criterion.source, criterion.code
            for item in criterion.items:
                assert item.source or criterion.source


def test_loading_the_shipped_sets_again_changes_nothing(db: None) -> None:
    report = load_shipped()
    assert sorted(report.unchanged) == sorted(SHIPPED)
    assert not report.created and not report.revised


def test_a_template_is_never_usable(world: World) -> None:
    assert (
        CriteriaSet.objects.usable_for(
            Title.FAMILY, world.hamlet, datetime.date(2025, 1, 1)
        ).count()
        == 0
    )


def test_a_malformed_file_is_refused_by_the_command_naming_the_problem(tmp_path: Path) -> None:
    data = variant_data()
    data["criteria"][0]["max_points"] = 61
    path = tmp_path / "sai.yaml"
    path.write_text(to_yaml(data), encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("load_criteria", str(path))
    assert (
        "Tiêu chí A: tổng điểm các chỉ báo (60) không bằng điểm tối đa của tiêu chí (61)."
        in str(caught.value)
    )


def test_a_yaml_syntax_error_says_where(db: None) -> None:
    with pytest.raises(DefinitionError) as caught:
        sets_from_upload(io.BytesIO(b"code: [a\nname: b"), "x.yaml")
    assert caught.value.problems[0].startswith("Tệp YAML sai cú pháp (dòng")


def test_an_unknown_province_code_is_refused(db: None) -> None:
    with pytest.raises(DefinitionError) as caught:
        load_sets([variant_data() | {"province": "99"}])
    assert caught.value.problems == [
        "Mã tỉnh (province) “99” không có trong danh mục địa bàn hiện hành."
    ]


def test_a_sheet_row_of_an_unknown_kind_is_refused_with_its_row() -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(
        [
            "Loại dòng",
            "Mã",
            "Tên / nội dung",
            "Kiểu",
            "Điểm tối đa",
            "Điểm tối thiểu",
            "Áp dụng cho nhóm",
            "Gợi ý minh chứng",
            "Nguồn",
            "Đã xác nhận",
        ]
    )
    sheet.append(["chỉ báo", "1.1", "x"])
    sheet.append(["ghi chú", "x"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(DefinitionError) as caught:
        read_set_xlsx(buffer)
    assert caught.value.problems == [
        "Dòng 2: chỉ báo phải nằm dưới một dòng “tiêu chí”.",
        "Dòng 3: loại dòng “ghi chú” không hợp lệ; dùng: thông tin, nhóm, xếp loại, tiêu chí, chỉ báo.",
    ]


def test_the_blank_template_reads_as_an_empty_set() -> None:
    data = read_set_xlsx(io.BytesIO(blank_template()))
    assert data["criteria"][0]["code"] == "TC1"
    assert yaml.safe_dump(data)

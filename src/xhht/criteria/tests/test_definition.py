from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from xhht.criteria.definition import DefinitionError, parse_definition
from xhht.criteria.serialize import to_data
from xhht.criteria.tests.helpers import simple_data, variant_data


def problems_of(data: dict[str, Any]) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        parse_definition(data)
    return caught.value.problems


def with_criteria(*criteria: dict[str, Any], **rules: Any) -> dict[str, Any]:
    return simple_data(criteria=list(criteria), rules=rules)


def points(code: str, max_points: Any) -> dict[str, Any]:
    return {"code": code, "text": "x", "kind": "points", "max_points": max_points}


def test_a_complete_set_reads_into_a_definition() -> None:
    definition = parse_definition(simple_data())
    assert definition.pass_mark == Decimal(50)
    assert definition.max_total() == Decimal(100)
    assert definition.is_complete()
    assert [c.code for c in definition.criteria] == ["TC1", "TC2"]


def test_the_definition_reads_back_from_its_plain_data() -> None:
    definition = parse_definition(variant_data())
    assert parse_definition(to_data(definition)) == definition


MALFORMED = [
    ("points that do not add up",
     with_criteria({"code": "TC1", "name": "a", "max_points": 30, "items": [points("1.1", 10)]}, pass_mark=5),
     "Tiêu chí TC1: tổng điểm các chỉ báo (10) không bằng điểm tối đa của tiêu chí (30)."),
    ("known item points above the criterion",
     with_criteria({"code": "TC1", "name": "a", "max_points": 5, "items": [points("1.1", 10), points("1.2", None)]}, pass_mark=1),
     "Tiêu chí TC1: tổng điểm các chỉ báo đã biết (10) vượt điểm tối đa của tiêu chí (5)."),
    ("duplicate criterion codes",
     with_criteria({"code": "TC1", "name": "a", "items": [points("1.1", 10)]},
                   {"code": "TC1", "name": "b", "items": [points("1.2", 10)]}, pass_mark=5),
     "Mã tiêu chí “TC1” bị trùng."),
    ("duplicate item codes",
     with_criteria({"code": "TC1", "name": "a", "items": [points("1.1", 10)]},
                   {"code": "TC2", "name": "b", "items": [points("1.1", 10)]}, pass_mark=5),
     "Mã chỉ báo “1.1” bị trùng (trong tiêu chí TC1, TC2); mỗi chỉ báo cần một mã riêng trong cả bộ."),
    ("a band above the maximum",
     simple_data(rules={"bands": [{"name": "Tốt", "min_total": 120}, {"name": "Khá", "min_total": 60}]}),
     "Xếp loại “Tốt” cần 120 điểm, vượt tổng điểm tối đa (100): không thể đạt."),
    ("two bands at the same total",
     simple_data(rules={"bands": [{"name": "Tốt", "min_total": 80}, {"name": "Khá", "min_total": 80}]}),
     "Xếp loại “Khá” có cùng điểm tối thiểu với “Tốt” (80): không thể đạt."),
    ("a band hidden below the pass mark",
     simple_data(rules={"pass_mark": 70, "bands": [{"name": "Tốt", "min_total": 65}, {"name": "Khá", "min_total": 50}]}),
     "Xếp loại “Khá” không thể đạt: dưới điểm chuẩn (70) mọi hồ sơ đạt chuẩn đều xếp loại “Tốt” trở lên."),
    ("a pass mark above the maximum",
     simple_data(rules={"pass_mark": 101}),
     "Điểm chuẩn (101) lớn hơn tổng điểm tối đa (100), không ai đạt được."),
    ("a criterion minimum above its maximum",
     with_criteria({"code": "TC1", "name": "a", "max_points": 10, "min_points": 11, "items": [points("1.1", 10)]}, pass_mark=5),
     "Tiêu chí TC1: điểm tối thiểu (11) lớn hơn điểm tối đa (10), không thể đạt."),
    ("pass/fail items without the all-items rule",
     with_criteria({"code": "TC1", "name": "a", "items": [{"code": "1.1", "text": "x", "kind": "pass_fail"}]}),
     "Bộ có chỉ báo đạt/không đạt nhưng quy tắc all_items_required chưa bật"),
    ("points on a pass/fail item",
     with_criteria({"code": "TC1", "name": "a", "items": [{"code": "1.1", "text": "x", "kind": "pass_fail", "max_points": 5}]}, all_items_required=True),
     "Tiêu chí TC1, chỉ báo 1.1: chỉ báo đạt/không đạt không có điểm tối đa"),
    ("an unknown item kind",
     with_criteria({"code": "TC1", "name": "a", "items": [{"code": "1.1", "text": "x", "kind": "score"}]}, pass_mark=1),
     "Tiêu chí TC1, chỉ báo 1.1: loại “score” không hợp lệ"),
    ("a number that is not a number",
     with_criteria({"code": "TC1", "name": "a", "items": [points("1.1", "mười")]}, pass_mark=1),
     "Tiêu chí TC1, chỉ báo 1.1: điểm tối đa: “mười” không phải là số."),
    ("negative points",
     with_criteria({"code": "TC1", "name": "a", "items": [points("1.1", -3)]}, pass_mark=1),
     "Tiêu chí TC1, chỉ báo 1.1: điểm tối đa: không được là số âm (-3)."),
    ("an unknown title", simple_data(title="ho-gia-dinh"), "Danh hiệu (title) “ho-gia-dinh” không hợp lệ"),
    ("no code", simple_data(code=""), "Thiếu mã bộ tiêu chí (code)."),
    ("a bad date", simple_data(valid_from="31/02/2025"), "Hiệu lực từ (valid_from): “31/02/2025” không phải là ngày"),
    ("validity ending before it starts",
     simple_data(valid_from="2025-01-01", valid_to="2024-01-01"),
     "Hiệu lực đến (01/01/2024) trước hiệu lực từ (01/01/2025)."),
    ("an undeclared citizen group",
     with_criteria({"code": "TC1", "name": "a", "items": [{**points("1.1", 10), "applies_to": ["nong-dan"]}]}, pass_mark=1),
     "Tiêu chí TC1, chỉ báo 1.1: nhóm đối tượng “nong-dan” chưa được khai báo trong groups."),
    ("a declared total that differs",
     simple_data(rules={"pass_mark": 50, "max_total": 90}),
     "Tổng điểm tối đa khai báo (90) không bằng tổng điểm các tiêu chí (100)."),
    ("bands on a pass/fail set",
     with_criteria({"code": "TC1", "name": "a", "items": [{"code": "1.1", "text": "x", "kind": "pass_fail"}]},
                   all_items_required=True, bands=[{"name": "Tốt", "min_total": 1}]),
     "Bộ chỉ có chỉ báo đạt/không đạt (không chấm điểm) nên không xếp loại theo điểm."),
]  # fmt: skip  # aligned table: a case per row (name, data, message)


@pytest.mark.parametrize(("case", "data", "message"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_a_malformed_set_is_refused_with_a_message_naming_the_problem(
    case: str, data: dict[str, Any], message: str
) -> None:
    problems = problems_of(data)
    assert any(p.startswith(message) for p in problems), problems


def test_every_problem_is_reported_at_once() -> None:
    data = simple_data(code="", title="x", rules={"pass_mark": 500})
    assert len(problems_of(data)) == 3


def test_unknown_values_make_a_template_listing_what_to_fill_in() -> None:
    data = with_criteria(
        {
            "code": "TC1",
            "name": "a",
            "max_points": 30,
            "items": [points("1.1", 10), points("1.2", None)],
        },
        {"code": "TC2", "name": "b", "items": []},
        pass_mark=None,
    )
    definition = parse_definition(data)
    assert not definition.is_complete()
    assert definition.missing_values() == [
        "Tiêu chí TC1, chỉ báo 1.2: chưa có điểm tối đa.",
        "Tiêu chí TC2: chưa có chỉ báo nào (nội dung chưa được xác định).",
        "Chưa có điểm chuẩn (tổng điểm tối thiểu để được công nhận).",
    ]


def test_a_band_without_its_total_is_missing() -> None:
    data = simple_data(rules={"bands": [{"name": "Tốt", "min_total": None}]})
    assert parse_definition(data).missing_values() == ["Xếp loại “Tốt”: chưa có số điểm tối thiểu."]

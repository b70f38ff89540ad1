"""Choice cells: matched by label or value without diacritics, remembered per distinct cell."""

from __future__ import annotations

from xhht.registry.imports.common import Choices


def test_a_choice_matches_its_label_or_value_without_diacritics_every_time() -> None:
    sex = Choices([("M", "Nam"), ("F", "Nữ")], ("nu", "F"))
    for _ in range(3):  # the second and third answers come from the memory
        assert [sex.get(v) for v in ("Nam", "NỮ", " nu ", "F", "Khác", None)] == [
            "M",
            "F",
            "F",
            "F",
            None,
            None,
        ]


def test_equal_numbers_of_other_types_are_not_mixed_up() -> None:
    level = Choices([("1", "Một"), ("True", "Đúng")])
    assert (level.get(True), level.get(1), level.get(1.0)) == ("True", "1", "1")


def test_the_memory_stays_bounded() -> None:
    sex = Choices([("M", "Nam")])
    for number in range(25_000):
        assert sex.get(f"sai {number}") is None
    assert len(sex._seen) <= 10_000
    assert sex.get("nam") == "M"

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from xhht.core.text import fold, group_thousands, sort_key


def test_fold_drops_every_diacritic_and_d_bar() -> None:
    assert fold("Nguyễn Văn An") == "nguyen van an"
    assert fold("Gia đình học tập") == "gia dinh hoc tap"
    assert fold("  ĐẶNG   Thị  ") == "dang thi"


def test_sort_key_follows_the_vietnamese_alphabet() -> None:
    words = ["Ơn", "Đào", "Ăn", "Bé", "An", "Ô", "Dũng", "Ân", "Ông"]
    assert sorted(words, key=sort_key) == ["An", "Ăn", "Ân", "Bé", "Dũng", "Đào", "Ô", "Ông", "Ơn"]


def test_sort_key_orders_tones_ngang_huyen_hoi_nga_sac_nang() -> None:
    assert sorted(["ạ", "á", "ã", "ả", "à", "a"], key=sort_key) == ["a", "à", "ả", "ã", "á", "ạ"]


def test_sort_key_compares_numbers_by_value() -> None:
    assert sorted(["Thôn 10", "Thôn 2", "Thôn 1"], key=sort_key) == ["Thôn 1", "Thôn 2", "Thôn 10"]


@given(st.text())
def test_fold_equals_dropping_each_combining_character_one_by_one(text: str) -> None:
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    by_hand = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    assert fold(text) == " ".join(by_hand.split())


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxy àáảãạ", max_size=12), st.text(max_size=6))
def test_a_word_sorts_before_its_continuations(word: str, tail: str) -> None:
    assert sort_key(word) <= sort_key(word + tail) or not tail


def test_thousands_are_grouped_with_dots() -> None:
    assert group_thousands(20143) == "20.143"
    assert group_thousands(1234567) == "1.234.567"
    assert group_thousands(999) == "999"

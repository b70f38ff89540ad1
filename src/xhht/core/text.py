"""Vietnamese text: search without diacritics and sorting in Vietnamese alphabetical order.

``fold("Nguyễn Văn An") == "nguyen van an"``: records keep a folded copy of their names in an
indexed column, and a search folds the query the same way, so "gia dinh" finds "Gia đình".

``sort_key`` orders by the Vietnamese alphabet (a ă â b c d đ e ê … ư v x y) and then by tone
(ngang, huyền, hỏi, ngã, sắc, nặng), as dictionaries do, with numbers by value; it is a plain ASCII string, so the
database can order by a stored copy of it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation

_TONE_MARKS = {
    "\u0300": 1,  # huyền
    "\u0309": 2,  # hỏi
    "\u0303": 3,  # ngã
    "\u0301": 4,  # sắc
    "\u0323": 5,  # nặng
}
_SHAPE_MARKS = {"\u0306": "breve", "\u0302": "circumflex", "\u031b": "horn"}

# Each base letter with its shape, in alphabetical order; the index becomes a two-character code.
_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
    "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]  # fmt: skip  # aligned table: the alphabet in its order, rows of letters
_NUMBER = re.compile(r"\d+")
_ALPHABET_CODE = {letter: f"{index + 10:02d}" for index, letter in enumerate(_ALPHABET)}


def group_thousands(number: int) -> str:
    """Vietnamese digit grouping: 1.234.567."""
    return f"{number:,}".replace(",", ".")


def vi_number(value: object) -> str:
    """1234567 → "1.234.567", Decimal("12.50") → "12,5", Decimal("12.00") → "12" (a count kept
    in a decimal column never reads "12,00"); "" for none. ``{{ n|number }}`` in templates."""
    if value is None or value == "" or isinstance(value, bool):
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    sign = "-" if number < 0 else ""
    whole, _dot, fraction = f"{abs(number).normalize():f}".partition(".")
    grouped = group_thousands(int(whole))
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


@functools.cache
def _combining() -> dict[int, None]:
    """Every combining mark, for ``str.translate`` to delete in one C loop (a Python loop over
    the characters was most of an import's validation time). Built on first use: 0.1 s."""
    return dict.fromkeys(code for code in range(0x110000) if unicodedata.combining(chr(code)))


def fold(text: str) -> str:
    """Lower-case, drop every diacritic (đ → d) and collapse spaces."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return " ".join(decomposed.translate(_combining()).split())


@functools.lru_cache(maxsize=8192)
def _char_key(char: str) -> tuple[str, str]:
    """(two-character alphabet code, tone digit) of one lower-case character."""
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    tone = 0
    for mark in marks:
        if mark in _TONE_MARKS:
            tone = _TONE_MARKS[mark]
        elif mark in _SHAPE_MARKS:
            base = unicodedata.normalize("NFC", base + mark)
    code = _ALPHABET_CODE.get(base)
    if code is None:
        # Digits, spaces and punctuation sort before letters, in code-point order.
        code = "0" + base if base.isascii() and base.isprintable() else "0~"
    return code, str(tone)


def sort_key(text: str) -> str:
    """An ASCII key that orders Vietnamese strings as a Vietnamese dictionary does."""
    # Numbers compare by value ("Thôn 2" before "Thôn 10").
    padded = _NUMBER.sub(lambda match: match.group().zfill(8), " ".join(text.split()))
    keys = [_char_key(char) for char in unicodedata.normalize("NFC", padded.lower())]
    # "!" sorts before every code, so a word sorts before its longer continuations.
    return "".join(code for code, _tone in keys) + "!" + "".join(tone for _code, tone in keys)

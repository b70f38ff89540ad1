"""Small text helpers: markup cleaning and a diacritics fold that keeps character positions."""

from __future__ import annotations

import functools
import re
import unicodedata

from xhht.core.text import fold

_MD_HEADING = re.compile(r"^\s*#{1,6}\s*")
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def clean_line(raw: str) -> str:
    """One line without markdown marks (#, **, *) and with single spaces."""
    line = nfc(raw).replace("\u00a0", " ").replace("\ufeff", "")
    line = _MD_HEADING.sub("", line)
    line = line.replace("*", "").replace("\\", "")
    return _SPACES.sub(" ", line).strip()


def fold_keep(text: str) -> str:
    """``xhht.core.text.fold`` character by character: same length, so positions carry over."""
    return "".join(map(_fold_char, text))


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char.isspace():
        return " "
    folded = fold(char)
    return folded if len(folded) == 1 else char.lower()


def has_any(folded: str, words: str) -> bool:
    """``words`` is "a|b|c": true when any alternative occurs in the folded text."""
    return any(word in folded for word in _alternatives(words))


@functools.lru_cache(maxsize=1024)
def _alternatives(words: str) -> tuple[str, ...]:
    return tuple(words.split("|"))


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def strip_punct(text: str) -> str:
    return text.strip().strip(":;,.").strip()

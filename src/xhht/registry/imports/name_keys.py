"""Search and sort keys (``refresh_keys`` of people and households), once per distinct word.

``core.text.fold`` and ``core.text.sort_key`` map each character on its own (numbers are padded
within a run of digits, never across a space), so a name's keys are its words' keys joined by
a space's. An import's ten thousand names are made of a few hundred words: each word is folded
and keyed once. ``test_import_bulk`` checks the keys equal the model's on odd names too.
"""

from __future__ import annotations

from xhht.core.text import fold, sort_key
from xhht.registry.models import Household, Person


def _split(key: str) -> tuple[str, str]:
    """(codes, tones) of a ``sort_key``: two characters of code and one tone per character."""
    n = (len(key) - 1) // 3
    return key[: 2 * n], key[2 * n + 1 :]


class NameKeys:
    """``search_text`` and ``sort_key`` of new people and households by their fields, as their
    ``refresh_keys`` would compute them (one instance of each supplies the model's sources)."""

    def __init__(self) -> None:
        self._folded: dict[str, str] = {}
        self._keyed: dict[str, tuple[str, str]] = {}
        codes, tones = _split(sort_key("a a"))
        self._space = codes[2:4], tones[1]
        self._person = Person()
        self._household = Household()

    def _fold(self, word: str) -> str:
        try:
            return self._folded[word]
        except KeyError:
            found = self._folded[word] = fold(word)
            return found

    def _key(self, word: str) -> tuple[str, str]:
        try:
            return self._keyed[word]
        except KeyError:
            found = self._keyed[word] = _split(sort_key(word))
            return found

    def search_text(self, source: str) -> str:
        """``fold(source)``, from the folded words."""
        return " ".join(f for f in map(self._fold, source.split()) if f)[:255]

    def sort_key(self, source: str) -> str:
        """``sort_key(source)``, from the words' codes and tones."""
        words = [self._key(word) for word in source.split()]
        codes = self._space[0].join(c for c, _t in words)
        tones = self._space[1].join(t for _c, t in words)
        return f"{codes}!{tones}"[:600]

    def of(self, full_name: str) -> tuple[str, str]:
        """(search_text, sort_key) of a person named ``full_name``."""
        self._person.full_name = full_name
        return (
            self.search_text(self._person.search_source()),
            self.sort_key(self._person.sort_source()),
        )

    def of_household(self, code: str, head_name: str, address: str) -> tuple[str, str]:
        """(search_text, sort_key) of a household."""
        record = self._household
        record.code, record.head_name, record.address = code, head_name, address
        return self.search_text(record.search_source()), self.sort_key(record.sort_source())

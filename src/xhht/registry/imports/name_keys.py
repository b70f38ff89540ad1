"""A person's search and sort keys (``Person.refresh_keys``), worked out once per distinct word.

``core.text.fold`` and ``core.text.sort_key`` map each character on its own (numbers are padded
within a run of digits, never across a space), so a name's keys are its words' keys joined by
a space's. An import's ten thousand names are made of a few hundred words: each word is folded
and keyed once. ``test_import_bulk`` checks the keys equal the model's on odd names too.
"""

from __future__ import annotations

from xhht.core.text import fold, sort_key
from xhht.registry.models import Person


def _split(key: str) -> tuple[str, str]:
    """(codes, tones) of a ``sort_key``: two characters of code and one tone per character."""
    n = (len(key) - 1) // 3
    return key[: 2 * n], key[2 * n + 1 :]


class NameKeys:
    """``search_text`` and ``sort_key`` of people by full name, as ``Person.refresh_keys``."""

    def __init__(self) -> None:
        self._folded: dict[str, str] = {}
        self._keyed: dict[str, tuple[str, str]] = {}
        codes, tones = _split(sort_key("a a"))
        self._space = codes[2:4], tones[1]
        self._person = Person()  # its sort_source: the given name first

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

    def of(self, full_name: str) -> tuple[str, str]:
        """(search_text, sort_key) of a person named ``full_name``."""
        search = " ".join(f for f in map(self._fold, full_name.split()) if f)
        self._person.full_name = full_name
        words = [self._key(word) for word in self._person.sort_source().split()]
        codes = self._space[0].join(c for c, _t in words)
        tones = self._space[1].join(t for _c, t in words)
        return search[:255], f"{codes}!{tones}"[:600]

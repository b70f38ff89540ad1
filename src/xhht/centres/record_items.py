"""Which criteria items ask about learning: a keyword rule on the item's text.

The criteria sets carry no tag for it (``criteria.definition.ItemDef`` has code, text, kind,
points, evidence hint, groups and source), so the recognition page finds the items by words of
the text, with their diacritics (``đọc`` is "read", ``độc`` is not) and as whole words. The rule
is deliberately plain: an item is offered the members' learning record as ready evidence, and
the reviewer judges whether it answers it.
"""

from __future__ import annotations

import re
import unicodedata

#: Words and phrases of an item that asks about learning (lower case, with diacritics; both
#: spellings where Vietnamese has two).
LEARNING_WORDS: tuple[str, ...] = (
    "học tập",
    "tự học",
    "học ít nhất",
    "tham gia học",
    "bồi dưỡng",
    "đào tạo",
    "tập huấn",
    "kỹ năng",
    "kĩ năng",
    "đọc",
    "văn hóa đọc",
    "văn hoá đọc",
    "ngoại ngữ",
    "công nghệ thông tin",
    "biết chữ",
    "xóa mù chữ",
    "xoá mù chữ",
)

_PATTERN = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(word) for word in LEARNING_WORDS) + r")(?!\w)"
)


def asks_about_learning(text: str) -> bool:
    """Whether a criteria item's text asks about what people learn (keyword rule)."""
    return _PATTERN.search(unicodedata.normalize("NFC", text).lower()) is not None

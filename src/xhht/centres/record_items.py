"""Which criteria items ask about learning: a keyword rule on the item's text.

The criteria sets carry no tag for it (``criteria.definition.ItemDef`` has code, text, kind,
points, evidence hint, groups and source), so the recognition page finds the items by words of
the text, with their diacritics (``đọc`` is "read", ``độc`` is not) and as whole words. The rule
is deliberately plain: an item is offered the members' learning record as ready evidence, and
the reviewer judges whether it answers it.

``lines_proving`` goes one step further for one item: the learning lines that answer it. An
item that names a subject (information technology and digital skills, a foreign language,
reading, literacy) is answered by the lines of that subject (their topic, the kind "book", or
words of their title and source); an item about learning in general by every line.
``learning_note`` writes those lines as the note a citizen's self-assessment is pre-filled with
(never points: how many an item is worth is the reviewer's judgement and the province's scale).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from xhht.centres.models import LearningEntry, Topic
from xhht.core.text import fold

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


@dataclass(frozen=True)
class Subject:
    """A subject an item may name, and how a learning line shows it."""

    #: Words of the item (lower case, with diacritics, whole words).
    item_words: tuple[str, ...]
    #: National topic codes of the lines that answer it.
    topics: frozenset[str]
    #: Words of a line's title or source, folded (without diacritics).
    line_words: tuple[str, ...]
    #: Line kinds that answer it whatever their words.
    kinds: frozenset[str] = frozenset()


SUBJECTS: tuple[Subject, ...] = (
    Subject(
        item_words=("công nghệ thông tin", "kỹ năng số", "kĩ năng số", "tin học", "chuyển đổi số"),
        topics=frozenset({Topic.DIGITAL_SKILLS, Topic.INFO_LITERACY}),
        line_words=("ky nang so", "tin hoc", "cong nghe thong tin", "chuyen doi so", "may tinh"),
    ),
    Subject(
        item_words=("ngoại ngữ",),
        topics=frozenset({Topic.FOREIGN_LANGUAGES}),
        line_words=("ngoai ngu", "tieng anh", "tieng phap", "tieng trung", "tieng nhat"),
    ),
    Subject(
        item_words=("đọc", "văn hóa đọc", "văn hoá đọc"),
        topics=frozenset(),
        line_words=("doc sach",),
        kinds=frozenset({LearningEntry.Kind.BOOK}),
    ),
    Subject(
        item_words=("biết chữ", "xóa mù chữ", "xoá mù chữ"),
        topics=frozenset({Topic.LITERACY, Topic.POST_LITERACY}),
        line_words=("xoa mu chu", "biet chu"),
    ),
)


def _words(words: Sequence[str]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


_ITEM_SUBJECTS = [(_words(s.item_words), s) for s in SUBJECTS]
_LINE_SUBJECTS = {id(s): _words(s.line_words) for s in SUBJECTS}


def _answers(subject: Subject, line: LearningEntry) -> bool:
    if line.kind in subject.kinds:
        return True
    if line.topic is not None and line.topic.code in subject.topics:
        return True
    return _LINE_SUBJECTS[id(subject)].search(fold(f"{line.title} {line.source}")) is not None


def lines_proving(text: str, lines: Sequence[LearningEntry]) -> list[LearningEntry]:
    """The lines (with their topic loaded) that answer an item of this text: those of the
    subjects it names, or every line when it asks about learning in general; none when it does
    not ask about learning."""
    if not asks_about_learning(text):
        return []
    normalized = unicodedata.normalize("NFC", text).lower()
    named = [subject for pattern, subject in _ITEM_SUBJECTS if pattern.search(normalized)]
    if not named:
        return list(lines)
    return [line for line in lines if any(_answers(subject, line) for subject in named)]


def learning_note(lines: Sequence[LearningEntry]) -> str:
    """The note a self-assessment item is pre-filled with: the counted lines that answer it."""
    counted = [line for line in lines if line.confirmed]
    if not counted:
        return ""
    parts = [
        _("%(title)s (%(hours)s giờ)") % {"title": line.title, "hours": _hours(line)}
        for line in counted
    ]
    return (_("Sổ theo dõi học tập: ") + "; ".join(parts))[:1000]


def _hours(line: LearningEntry) -> str:
    return f"{line.hours.normalize():f}".replace(".", ",")

"""The English locale is complete: every Vietnamese message has a checked English translation.

Message ids are the Vietnamese texts (docs/decisions/0002); `make` compiles the catalogue before
the tests run, so Django serves the translations below from the compiled .mo file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.utils import translation

import xhht

CATALOGUE = Path(xhht.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$')
ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def msgid(self) -> str:
        return self.fields.get("msgid", "")

    @property
    def translations(self) -> dict[str, str]:
        return {k: v for k, v in self.fields.items() if k.startswith("msgstr")}


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(1)), text.strip()[1:-1])


def parse(text: str) -> list[Entry]:
    """Entries of a .po file: flags and fields, continuation lines joined; obsolete ones skipped."""
    entries: list[Entry] = []
    entry: Entry | None = None
    key = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#~"):
            entry = None
            continue
        if entry is None:
            entry = Entry(line=number)
            entries.append(entry)
        if line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry.fields[key] += _unquote(line)
        else:
            match = KEYWORD.match(line)
            assert match, f"django.po:{number}: cannot parse {line!r}"
            key = match.group(1)
            entry.fields[key] = _unquote(match.group(2))
    return [e for e in entries if "msgid" in e.fields]


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return parse(CATALOGUE.read_text(encoding="utf-8"))


def test_catalogue_has_messages(entries: list[Entry]) -> None:
    assert entries[0].msgid == ""
    assert "Language: en" in entries[0].fields["msgstr"]
    assert len(entries) > 500


def test_every_message_is_translated_and_checked(entries: list[Entry]) -> None:
    problems = [
        f"django.po:{e.line}: {e.msgid!r}"
        + (" is fuzzy" if "fuzzy" in e.flags else " has no translation")
        for e in entries
        if "fuzzy" in e.flags or not all(e.translations.values()) or not e.translations
    ]
    assert not problems, "Untranslated English messages:\n" + "\n".join(problems)


def test_translations_keep_every_placeholder(entries: list[Entry]) -> None:
    problems = [
        f"django.po:{e.line}: {e.msgid!r} → {text!r}"
        for e in entries[1:]
        for text in e.translations.values()
        if sorted(PLACEHOLDER.findall(e.msgid)) != sorted(PLACEHOLDER.findall(text))
    ]
    assert not problems, "Placeholders changed:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("vietnamese", "english"),
    [
        ("Địa bàn", "Places"),
        ("Gia đình học tập", "Learning family"),
        ("Dòng họ học tập", "Learning clan"),
        ("Công dân học tập", "Learning citizen"),
        ("Hội Khuyến học", "Study Promotion Association"),
        ("Bộ tiêu chí", "Criteria sets"),
        ("Minh chứng", "Evidence"),
        ("Quyết định công nhận", "Recognition decision"),
        ("Giấy công nhận", "Certificate"),
        ("Chế độ báo cáo", "Reporting regime"),
        ("Cơ quan chủ trì", "Lead body"),
        ("Đăng nhập", "Sign in"),
    ],
)
def test_django_serves_english(vietnamese: str, english: str) -> None:
    with translation.override("en"):
        assert translation.gettext(vietnamese) == english
    with translation.override("vi"):
        assert translation.gettext(vietnamese) == vietnamese


def test_placeholders_and_plurals_work_in_english() -> None:
    with translation.override("en"):
        assert translation.gettext("Xin chào, %(name)s") % {"name": "An"} == "Hello, An"
        assert translation.ngettext("%(n)s bản ghi", "%(n)s bản ghi", 1) % {"n": 1} == "1 record"
        assert translation.ngettext("%(n)s bản ghi", "%(n)s bản ghi", 3) % {"n": 3} == "3 records"

"""Duplicates: what a target is about, across a headline and the body, and targets without
indicator that restate a catalogue target.

A headline that restates a body target gives one target: the one whose year the text states; a
second, different number for the same indicator and year is proposed without indicator. A
place's own standard without a number ("huyện đạt chuẩn …") is a target apart from the rate of
its sub-places reaching it ("100% xã đạt chuẩn …").
"""

from __future__ import annotations

from .proposal import TargetProposal
from .target_base import _STANDARD_NAME, _WORD, _Found
from .textutil import fold_keep, has_any


def _identity(item: _Found) -> tuple[object, ...]:
    """What a target is about, without its year: its indicator, or its words when it has none."""
    return (item.code or _label_key(item.label), item.value)


def _label_key(label: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold_keep(label)))


def _without_restatements(targets: list[TargetProposal]) -> list[TargetProposal]:
    """A target without indicator that says again what a catalogue target says, in other words
    ("70% gia đình … “Gia đình hiếu học”" beside "70% gia đình … “Gia đình học tập”"): the same
    year, value and kind, and the same counted noun."""
    named = {(t.year, t.value, t.kind, _noun(t.label)) for t in targets if t.indicator is not None}
    return [
        t
        for t in targets
        if t.indicator is not None
        or has_any(fold_keep(t.label), _STANDARD_NAME)  # standards share values ("100% huyện")
        or (t.year, t.value, t.kind, _noun(t.label)) not in named
    ]


def _noun(label: str) -> tuple[str, ...]:
    """The first two words of what a label counts ("các gia đình …" → gia, dinh)."""
    words = _WORD.findall(fold_keep(label))
    while words and words[0] in {"cac", "so", "nhung", "moi", "toan", "the"}:
        words = words[1:]
    return tuple(words[:2])

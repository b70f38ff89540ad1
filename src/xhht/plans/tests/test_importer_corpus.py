"""The importer measured on the project's own corpus of real plan texts (corpus/, not the seeds):
recall and invented targets per document and in total, printed in the terminal summary of every
run that includes these tests (conftest.py, also under xdist), together with the seeds' totals.

Each corpus/NNN_name.txt is a plan, an excerpt of one or a news text about one, as found (see
corpus/SOURCES.md); corpus/NNN_name.yaml holds the targets read from it by hand, in the form of
fixtures/expected_*.yaml, plus ``unmapped``: targets no catalogue indicator fits, as
``[year, value, kind, "words of the sentence"]``; the importer proposes those with
``indicator=None`` and its sentence (TargetProposal).

Matching is the seed tests' (indicator, year, value, kind); an unmapped target matches a proposal
without indicator with the same year, value and kind whose sentence (or label) holds the words.
A proposal that matches nothing is invented, and so is a second proposal of the same target (a
headline restating its body). Run:

    XHHT_TESTING=1 .venv/bin/pytest -q -s src/xhht/plans/tests/test_importer_corpus.py
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from xhht.core.text import fold
from xhht.plans.importer import PlanProposal, TargetProposal, propose
from xhht.plans.tests.test_importer_support import FIXTURES, SEEDS, seeds_dir

CORPUS = Path(__file__).parent / "corpus"
DOCUMENTS = sorted(path.stem for path in CORPUS.glob("*.txt"))
CATALOGUE = Path(__file__).resolve().parents[2] / "indicators" / "data" / "catalogue.yaml"
KINDS = {"percent", "count", "yes_no", "maintain"}
GOAL_RECALL = 0.90
GOAL_INVENTED = 0.02

Key = tuple[str, int, Decimal | None, str]
Loose = tuple[int, Decimal | None, str, str]  # year, value, kind, words (folded)


@dataclass
class Score:
    name: str
    expected: int = 0
    found: int = 0
    hits: int = 0
    missed: list[str] = field(default_factory=list)
    invented: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.hits / self.expected if self.expected else 1.0

    def add(self, other: Score) -> None:
        self.expected += other.expected
        self.found += other.found
        self.hits += other.hits

    def as_property(self) -> dict[str, Any]:
        """For ``record_property``: a test report carries it to conftest's summary, also from an
        xdist worker (``make test`` runs ``-n 2``)."""
        return {
            "name": self.name,
            "expected": self.expected,
            "found": self.found,
            "hits": self.hits,
            "missed": list(self.missed),
            "invented": list(self.invented),
        }


# The user property conftest.pytest_terminal_summary prints: one per corpus text, and the seeds.
PROPERTY = "importer_corpus_score"


def _value(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@cache
def catalogue_codes() -> frozenset[str]:
    data = yaml.safe_load(CATALOGUE.read_text("utf-8"))
    return frozenset(row["code"] for row in data["indicators"])


@cache
def expectations(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((CORPUS / f"{name}.yaml").read_text("utf-8"))
    return data


@cache
def corpus_proposal(name: str) -> PlanProposal:
    return propose((CORPUS / f"{name}.txt").read_text("utf-8"))


def split(data: dict[str, Any]) -> tuple[set[Key], list[Loose]]:
    """The expected targets with an indicator, and those without (``unmapped``, or a row of
    ``targets`` whose indicator is null, matched by year, value and kind only)."""
    keyed: set[Key] = set()
    loose: list[Loose] = []
    for indicator, year, value, kind, *_ in data.get("targets") or []:
        if indicator is None:
            loose.append((int(year), _value(value), kind, ""))
        else:
            keyed.add((indicator, int(year), _value(value), kind))
    for year, value, kind, words in data.get("unmapped") or []:
        loose.append((int(year), _value(value), kind, fold(words)))
    return keyed, loose


def describe(target: TargetProposal) -> str:
    value = "-" if target.value is None else target.value
    return f"{target.indicator} {target.year} {value} {target.kind}: {target.text[:70]}"


def score(name: str, data: dict[str, Any], found: PlanProposal) -> Score:
    keyed, loose = split(data)
    result = Score(name, expected=len(keyed) + len(loose), found=len(found.targets))
    seen: set[Key] = set()
    unplaced: list[TargetProposal] = []
    for target in found.targets:
        key: Key = (str(target.indicator), target.year, target.value, target.kind)
        if target.indicator is not None and key in keyed and key not in seen:
            seen.add(key)
            result.hits += 1
        elif target.indicator is None:
            unplaced.append(target)
        else:
            result.invented.append(describe(target))
    result.missed = [f"{i} {y} {v} {k}" for i, y, v, k in sorted(keyed - seen, key=str)]
    for year, value, kind, words in loose:
        match = next(
            (
                target
                for target in unplaced
                if (target.year, target.value, target.kind) == (year, value, kind)
                and words in fold(f"{target.text} {getattr(target, 'label', '')}")
            ),
            None,
        )
        if match is None:
            result.missed.append(f"(unmapped) {year} {value} {kind} «{words}»")
        else:
            unplaced.remove(match)
            result.hits += 1
    result.invented += [describe(target) for target in unplaced]
    return result


def _numbers(text: str) -> set[Decimal]:
    """Every number the text writes: "99,8" and "99.8" as 99.8, and each run of digits."""
    decimals = {Decimal(n.replace(",", ".")) for n in re.findall(r"\d+[.,]\d+", text)}
    return decimals | {Decimal(n) for n in re.findall(r"\d+", text)}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_each_corpus_text_has_sound_hand_written_expectations(name: str) -> None:
    """Every expected target names a catalogue indicator (or is unmapped with words of its
    sentence), a valid kind, and a value the text states; the text is NFC."""
    text = (CORPUS / f"{name}.txt").read_text("utf-8")
    assert text == unicodedata.normalize("NFC", text)
    data = expectations(name)
    keyed, loose = split(data)
    assert keyed or loose or data.get("targets") == [], "no targets key"
    numbers = _numbers(text)
    folded = fold(text)
    for indicator, year, value, kind in keyed:
        assert indicator in catalogue_codes(), indicator
        assert kind in KINDS and 1990 < year < 2100
        assert value is None or value in numbers, f"{indicator}: {value} is not in the text"
    for year, value, kind, words in loose:
        assert kind in KINDS and 1990 < year < 2100
        assert value is None or value in numbers, f"unmapped {value} is not in the text"
        assert words in folded, f"«{words}» is not in the text"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_each_corpus_text_is_read_and_scored(name: str, record_property: Any) -> None:
    """The importer reads every corpus text; its targets are scored (printed in the summary)."""
    found = corpus_proposal(name)
    result = score(name, expectations(name), found)
    record_property(PROPERTY, result.as_property())
    assert result.hits + len(result.missed) == result.expected
    assert result.hits + len(result.invented) == result.found


def corpus_total() -> Score:
    total = Score("corpus")
    for name in DOCUMENTS:
        total.add(score(name, expectations(name), corpus_proposal(name)))
    return total


def expected_seed(seed: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((FIXTURES / f"expected_{seed}.yaml").read_text("utf-8"))
    return data


def seeds_total() -> Score | None:
    total = Score("seeds")
    for seed in SEEDS:
        data = expected_seed(seed)
        path = seeds_dir() / str(data["seed"])
        if not path.is_file():
            return None
        total.add(score(seed, data, propose(path.read_text("utf-8"))))
    return total


def test_at_least_fifteen_real_texts_other_than_the_seeds() -> None:
    assert len(DOCUMENTS) >= 15
    seeds = seeds_dir()
    seed_texts = {p.read_text("utf-8") for p in seeds.glob("*.txt")} if seeds.is_dir() else set()
    for name in DOCUMENTS:
        assert (CORPUS / f"{name}.txt").read_text("utf-8") not in seed_texts
    sources = (CORPUS / "SOURCES.md").read_text("utf-8")
    for name in DOCUMENTS:
        assert f"{name}.txt" in sources, f"{name} has no row in SOURCES.md"


def test_the_seeds_are_scored_the_same_way(record_property: Any) -> None:
    """The seeds' total, scored as the corpus is, goes into the same summary."""
    seeds = seeds_total()
    if seeds is None:
        pytest.skip("seed plans not found (set XHHT_SEEDS_DIR)")
    record_property(PROPERTY, seeds.as_property())
    # The seeds' goal (issue 13), measured by this scorer: it must agree with test_importer_targets.
    assert seeds.recall >= 0.95, seeds.missed
    assert not seeds.invented, seeds.invented


def test_the_importer_finds_nine_in_ten_corpus_targets_and_invents_at_most_two_percent() -> None:
    total = corpus_total()
    invented = total.found - total.hits
    assert total.recall >= GOAL_RECALL, f"recall {total.recall:.1%}"
    assert invented <= GOAL_INVENTED * total.found, f"{invented} invented of {total.found}"

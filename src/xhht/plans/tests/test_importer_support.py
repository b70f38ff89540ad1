"""Shared by the importer tests (no tests here): the seed plans (../shared/seeds) and the
hand-written fixtures."""

from __future__ import annotations

import os
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from xhht.plans.importer import PlanProposal, propose

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[4]
SEEDS = ["000_hcm", "001_cantho", "002_bencat", "003_haiphong", "004_hanoi"]


def seeds_dir() -> Path:
    return Path(os.environ.get("XHHT_SEEDS_DIR") or REPO / ".." / "shared" / "seeds")


@cache
def expected(seed: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((FIXTURES / f"expected_{seed}.yaml").read_text("utf-8"))
    return data


def seed_path(seed: str) -> Path:
    path: Path = seeds_dir() / str(expected(seed)["seed"])
    if not path.is_file():
        message = f"seed plan {path} not found (set XHHT_SEEDS_DIR)"
        if os.environ.get("CI"):  # CI always has shared/ beside the clone: never skip there
            pytest.fail(message)
        pytest.skip(message)
    return path


def seed_text(seed: str) -> str:
    return seed_path(seed).read_text(encoding="utf-8")


@cache
def proposal(seed: str) -> PlanProposal:
    return propose(seed_text(seed))


Key = tuple[str | None, int, Decimal | None, str]  # indicator None: not in the catalogue


def key(indicator: str | None, year: int, value: Any, kind: str) -> Key:
    return (indicator, int(year), None if value is None else Decimal(str(value)), kind)


def expected_targets(seed: str) -> set[Key]:
    return {key(*row) for row in expected(seed)["targets"]}


def found_targets(found: PlanProposal) -> set[Key]:
    return {key(t.indicator, t.year, t.value, t.kind) for t in found.targets}

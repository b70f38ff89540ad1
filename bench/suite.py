"""What a benchmark is and the list of them ``make bench`` runs.

A benchmark is a plain function returning a list of ``Result``: every figure is measured next
to a baseline in the same run (so a slow machine moves both) and says the size of the data it
was measured on. To add one (XLSX import, rollup rebuild against DuckDB, dashboards under load,
export, consolidated report), write ``bench/<topic>.py`` with a function taking a ``Context``
and append it to ``BENCHMARKS`` below.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict


class Result(TypedDict):
    name: str  # "generator.wall_per_million"
    size: str  # the data it was measured on: "province 92, scale 0.2 (200,150 people)"
    value: float
    unit: str
    baseline: float  # measured in the same run
    baseline_unit: str
    ratio: float  # value / baseline
    goal: str  # what "ok" means, in words: "≤ 300 s per million"
    ok: bool
    note: str  # what the baseline is, and anything a reader needs


@dataclass(frozen=True)
class Context:
    """What every benchmark may use: a scratch directory and the size knob."""

    workdir: Path
    scale: float  # XHHT_BENCH_SCALE: millions of people per province


def result(
    name: str,
    *,
    size: str,
    value: float,
    unit: str,
    baseline: float,
    baseline_unit: str,
    goal: str,
    ok: bool,
    note: str = "",
) -> Result:
    ratio = value / baseline if baseline else float("inf")
    return Result(
        name=name, size=size, value=round(value, 3), unit=unit, baseline=round(baseline, 3),
        baseline_unit=baseline_unit, ratio=round(ratio, 2), goal=goal, ok=ok, note=note,
    )  # fmt: skip


def bench_scale() -> float:
    raw = os.environ.get("XHHT_BENCH_SCALE", "0.2")
    try:
        scale = float(raw)
    except ValueError:
        raise SystemExit(f"XHHT_BENCH_SCALE must be a number, not {raw!r}") from None
    if scale <= 0:
        raise SystemExit("XHHT_BENCH_SCALE must be greater than 0")
    return scale


Benchmark = Callable[[Context], list[Result]]


def benchmarks() -> list[tuple[str, Benchmark]]:
    """(name, function) in the order they run; ``XHHT_BENCH_ONLY=generator`` picks some."""
    from bench import (
        centres,
        dashboards,
        exports,
        generator,
        imports,
        pcgd,
        peak,
        reports,
        rollups,
        rollups_pg,
    )

    every: list[tuple[str, Benchmark]] = [
        ("generator", generator.run),
        ("rollups", rollups.run),
        ("rollups_pg", rollups_pg.run),
        ("imports", imports.run),
        ("dashboards", dashboards.run),
        ("exports", exports.run),
        ("reports", reports.run),
        ("class_import", centres.run_import),
        ("learning_record", centres.run_record),
        ("pcgd", pcgd.run),
        ("peak", peak.run),
        # ("xlsx_import", xlsx_import.run), ... go here.
    ]
    only = {n for n in os.environ.get("XHHT_BENCH_ONLY", "").split(",") if n}
    return [(name, fn) for name, fn in every if not only or name in only]

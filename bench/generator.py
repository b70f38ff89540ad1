"""Issue 7 (a): the population generator, per million people, against raw SQLite inserts.

On a fresh SQLite database in a temporary ``XHHT_DATA_DIR`` (migrated, places loaded), the
benchmark runs ``xhht generate --province 92 --scale S`` in a child process and measures wall
time, CPU time and peak resident memory; the baseline is ``bench.raw_insert`` writing the same
number of person rows with plain ``sqlite3`` into a copy of the same empty database. Peak
memory is also measured at a quarter of the size: streaming means it must not grow with people.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from bench import measure
from bench.suite import Context, Result, result

PROVINCE = os.environ.get("XHHT_BENCH_PROVINCE", "92")
#: A proposed budget: a national run (about 100 million people) within about 8 hours.
WALL_GOAL_PER_MILLION = 300.0
RSS_GROWTH_GOAL = 1.5


def _template(workdir: Path) -> Path:
    """A migrated database with the place tree, built once per run."""
    data = workdir / "template"
    data.mkdir(parents=True, exist_ok=True)
    env = measure.xhht_env(data)
    measure.run([str(measure.XHHT), "migrate", "--no-input", "-v", "0"], env)
    measure.run([str(measure.XHHT), "load_places"], env)
    return data / "xhht.sqlite3"


def _fresh(template: Path, workdir: Path, name: str) -> Path:
    data = workdir / name
    data.mkdir(parents=True, exist_ok=True)
    shutil.copy(template, data / "xhht.sqlite3")
    return data


def _generate(
    template: Path, workdir: Path, name: str, scale: float
) -> tuple[measure.Measured, int]:
    data = _fresh(template, workdir, name)
    command = [str(measure.XHHT), "generate", "--province", PROVINCE, "--scale", str(scale)]
    measured = measure.run([*command, "--seed", "1"], measure.xhht_env(data))
    with sqlite3.connect(data / "xhht.sqlite3") as db:
        (people,) = db.execute("SELECT count(*) FROM registry_person").fetchone()
    shutil.rmtree(data)
    return measured, int(people)


def run(ctx: Context) -> list[Result]:
    template = _template(ctx.workdir)
    small, small_people = _generate(template, ctx.workdir, "small", ctx.scale / 4)
    full, people = _generate(template, ctx.workdir, "full", ctx.scale)
    raw_data = _fresh(template, ctx.workdir, "raw")
    raw = measure.run(
        [measure.python(), "-m", "bench.raw_insert", str(raw_data / "xhht.sqlite3"), str(people)],
        {**os.environ, "PYTHONPATH": str(measure.REPO)},
    )
    shutil.rmtree(raw_data)
    per_million = 1_000_000 / people
    size = f"province {PROVINCE}, scale {ctx.scale:g} ({people:,} people)"
    raw_note = f"baseline: plain sqlite3 executemany of {people:,} person rows into the same schema"
    return [
        result(
            "generator.wall_per_million", size=size, value=full.wall * per_million,
            unit="s/M people", baseline=raw.wall * per_million, baseline_unit="s/M rows",
            goal=f"≤ {WALL_GOAL_PER_MILLION:g} s per million (national run in a night)",
            ok=full.wall * per_million <= WALL_GOAL_PER_MILLION, note=raw_note,
        ),
        result(
            "generator.cpu_per_million", size=size, value=full.cpu * per_million,
            unit="CPU s/M people", baseline=raw.cpu * per_million, baseline_unit="CPU s/M rows",
            goal="reported (CPU time is steadier than wall time on a busy machine)",
            ok=True, note=raw_note,
        ),
        result(
            "generator.peak_rss", size=size, value=full.peak_rss_mib, unit="MiB",
            baseline=small.peak_rss_mib, baseline_unit=f"MiB at {small_people:,} people",
            goal=f"≤ {RSS_GROWTH_GOAL:g}× the quarter-size run (memory does not grow with people)",
            ok=full.peak_rss_mib <= RSS_GROWTH_GOAL * small.peak_rss_mib,
            note=f"raw sqlite3 insert peaked at {raw.peak_rss_mib:.0f} MiB",
        ),
    ]  # fmt: skip

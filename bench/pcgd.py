"""Issue 17: the PCGD–XMC figures of a generated province and of the nation, against DuckDB.

On a fresh copy of the shared template (migrated, the place tree loaded), province 92 is
generated at XHHT_BENCH_SCALE million people (``xhht generate``), then two school years of
schooling and literacy histories for it (``xhht generate_schooling --no-rebuild``: children 3–18
a row per school year, adults 14–65 a literacy level). In a child process (Django, SQLite):

* ``pcgd.kept.rebuild(province)`` — the engine computing every cohort's numerator and
  denominator of every commune and school year from the person data, the level of each standard
  and why not, and storing them — is timed; then ``kept.rebuild()`` for the nation (every
  commune of the database; only province 92 has people, as in the rollups benchmark);
* the baseline, in the same process over the same rows: ``synthetic.pcgd.independent`` reads
  the rows with plain SQL into Arrow tables (timed apart, not counted) and DuckDB computes the same
  cohort figures per commune for each school year from the decree's definitions (timed). The
  kept figures must equal DuckDB's, or the benchmark fails.

``python -m bench.pcgd measure`` is the child process.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from typing import Any

from bench import django_child, measure
from bench.suite import Context, Result, result

PROVINCE = "92"
SCHOOL_YEAR = 2025  # synthetic.people.REFERENCE_YEAR: ages as the generator drew them
YEARS = 2
REBUILD_GOAL_RATIO = 3.0


def run(ctx: Context) -> list[Result]:
    data, env = django_child.fresh_database(ctx.workdir, "pcgd")
    population = measure.run(
        [str(measure.XHHT), "generate", "--province", PROVINCE, "--scale", str(ctx.scale),
         "--seed", "1"],
        env,
    )  # fmt: skip
    schooling = measure.run(
        [str(measure.XHHT), "generate_schooling", "--province", PROVINCE, "--school-year",
         str(SCHOOL_YEAR), "--years", str(YEARS), "--seed", "1", "--no-rebuild"],
        env,
    )  # fmt: skip
    with sqlite3.connect(data / "xhht.sqlite3") as db:
        counts = {
            table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names
            for table in ("registry_person", "pcgd_schoolingrecord", "pcgd_literacyrecord")
        }
    got = django_child.read(measure.run([measure.python(), "-m", "bench.pcgd", "measure"], env))
    shutil.rmtree(data)
    people, rows = counts["registry_person"], counts["pcgd_schoolingrecord"]
    size = (
        f"province {PROVINCE}, scale {ctx.scale:g}: {people:,} people, {rows:,} schooling rows "
        f"({YEARS} school years), {counts['pcgd_literacyrecord']:,} literacy rows; SQLite"
    )
    generated = rows + counts["pcgd_literacyrecord"]
    out = [
        result(
            "pcgd.generator_rows_per_s", size=size, value=generated / schooling.wall,
            unit="rows/s", baseline=people / population.wall,
            baseline_unit="people/s (xhht generate)",
            goal="≥ half the population generator's rate (bulk, like it)",
            ok=generated / schooling.wall >= 0.5 * people / population.wall,
            note=(
                f"xhht generate_schooling {schooling.wall:.1f} s wall, {schooling.cpu:.1f} s CPU, "
                f"peak {schooling.peak_rss_mib:.0f} MiB (Django's start included); xhht generate "
                f"{population.wall:.1f} s"
            ),
        ),
    ]  # fmt: skip
    for scope in ("province", "nation"):
        figures = got[scope]
        ratio = figures["rebuild"] / figures["duckdb"]
        out.append(
            result(
                f"pcgd.rebuild_{scope}", size=(
                    f"{size}; {figures['communes']:,} communes with data of "
                    f"{figures['all_communes']:,}, {figures['pairs']:,} commune-years, "
                    f"{figures['figures']:,} cohort figures checked equal"
                ), value=figures["rebuild"], unit="s", baseline=figures["duckdb"],
                baseline_unit="s (DuckDB)", goal=f"≤ {REBUILD_GOAL_RATIO:g}× DuckDB",
                ok=ratio <= REBUILD_GOAL_RATIO, note=(
                    f"pcgd.kept.rebuild({'province 92' if scope == 'province' else ''}) in a "
                    f"child process: {figures['rebuild_cpu']:.2f} s CPU (DuckDB "
                    f"{figures['duckdb_cpu']:.2f} s CPU, all its threads); baseline: DuckDB over "
                    f"the same rows as Arrow tables (read with plain SQL in "
                    f"{figures['export']:.2f} s, not counted), the cohort figures of every commune "
                    f"for {YEARS} school years from the decree's definitions; the kept figures "
                    "equal DuckDB's"
                ),
            )
        )  # fmt: skip
    return out


def _measure() -> None:
    """The child process: the engine's rebuild and DuckDB's figures over the same rows."""
    from xhht.pcgd import kept
    from xhht.pcgd.models import CohortFigure
    from xhht.places.models import Level, Place
    from xhht.synthetic.pcgd import independent

    province = Place.objects.current().get(level=Level.PROVINCE, code=PROVINCE)
    years = list(range(SCHOOL_YEAR - YEARS + 1, SCHOOL_YEAR + 1))
    values: dict[str, Any] = {}
    for scope, place in (("province", province), ("nation", None)):
        timed: dict[str, Any] = {}
        with django_child.timed(timed, "rebuild"):
            pairs = kept.rebuild(province=place)
        with django_child.timed(timed, "export"):
            tables = independent.export(place.path if place is not None else None)
        duck: independent.Figures = {}
        with django_child.timed(timed, "duckdb"):  # CPU: every DuckDB thread of the process
            for year in years:
                found = independent.figures(tables, year)
                duck.update({(c, f"{year}:{k}"): v for (c, k), v in found.items()})
        rows = CohortFigure.objects.filter(
            school_year__in=years, cohort__in=list(independent.COHORTS)
        )
        if place is not None:
            rows = rows.filter(commune__path__startswith=place.path)
        stored = {
            (r.commune_id, f"{r.school_year}:{r.cohort}"): (r.numerator, r.denominator)
            for r in rows
            if r.denominator
        }
        if stored != duck:
            wrong = sorted(k for k in stored.keys() | duck.keys() if stored.get(k) != duck.get(k))
            sample = ", ".join(f"{k}: {stored.get(k)} ≠ {duck.get(k)}" for k in wrong[:3])
            raise SystemExit(f"kept figures and DuckDB disagree ({len(wrong)}): {sample}")
        communes = Place.objects.current().filter(level=Level.COMMUNE)
        if place is not None:
            communes = communes.filter(parent=place)
        values[scope] = {
            **timed,
            "pairs": pairs,
            "figures": len(duck),
            "communes": len({c for c, _k in duck}),
            "all_communes": communes.count(),
        }
    django_child.emit(values)


def main(argv: list[str]) -> None:
    command, *_args = argv
    django_child.setup()
    if command == "measure":
        _measure()
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])

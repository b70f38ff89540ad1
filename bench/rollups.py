"""Issue 7 (b): the rollup rebuild against DuckDB, and the incremental update after a recognition.

On a generated population (``xhht generate --province 92 --scale S`` in a temporary
``XHHT_DATA_DIR``), the benchmark

* runs ``xhht rebuild_rollups --province 92`` and ``xhht rebuild_rollups`` (the nation) in a
  child process (wall time, peak resident memory);
* streams the rows the rebuild reads (places with their paths, households, people's place and
  birth year, clans, units) to Parquet with pyarrow, then runs DuckDB's GROUP BY producing the same
  counts per place and ancestor in another child process: the baseline. The counts must equal
  the rebuild's rows, or the benchmark fails;
* times ``rollups.adjust`` (one recognition: +1 at a hamlet, its ancestors and the national row,
  committed) over random hamlets: the first recognition of the year in a hamlet (rows inserted)
  and the next ones (one UPDATE); the baseline is a one-row ``UPDATE … SET n = n + 1``.

The big figures in ``docs/SCALING.md`` come from the same code over an existing database::

    python -m bench.rollups measure --database-url postgres://… [--province 79] [--incremental 200]

which prints the results as JSON.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, Protocol

from bench import generator, measure
from bench.replicate import replicate
from bench.suite import Context, Result, result

PROVINCE = generator.PROVINCE
REBUILD_GOAL_RATIO = 3.0
INCREMENTAL_GOAL_MS = 5.0
INCREMENTAL_CALLS = int(os.environ.get("XHHT_BENCH_INCREMENTAL_CALLS", "200"))
ADULT_AGE = 18  # xhht.indicators.signals.ADULT_AGE
#: The registry counts checked against DuckDB (no recognitions or entered values in generated data).
CODES = ("family", "clan", "unit", "citizen_adults", "community", "commune_ranked")
FETCH = 100_000

Counts = dict[str, dict[int, int]]  # indicator → place id → denominator


class _Cursor(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ..., /) -> Any: ...
    def fetchmany(self, size: int = ..., /) -> Sequence[Sequence[Any]]: ...
    def fetchall(self) -> Sequence[Sequence[Any]]: ...


class Database:
    """The database the rebuild ran on, read with plain DB-API (SQLite file or PostgreSQL URL)."""

    def __init__(self, *, sqlite: Path | None = None, url: str = "") -> None:
        self.sqlite, self.url = sqlite, url

    def env(self) -> dict[str, str]:
        if self.sqlite is not None:
            return measure.xhht_env(self.sqlite.parent)
        data_dir = os.environ.get("XHHT_DATA_DIR") or tempfile.mkdtemp(prefix="xhht-bench-")
        env = measure.xhht_env(Path(data_dir))
        env["DATABASE_URL"] = self.url
        for name in ("XHHT_SECRET_KEY", "XHHT_PII_KEY"):  # keep the key the data was made with
            if os.environ.get(name):
                env[name] = os.environ[name]
        return env

    @contextmanager
    def cursor(self, *, streaming: bool = False) -> Iterator[_Cursor]:
        if self.sqlite is not None:
            with closing(sqlite3.connect(self.sqlite)) as db:
                yield db.cursor()
            return
        import psycopg

        with psycopg.connect(self.url) as pg:
            # A named (server-side) cursor streams instead of loading every row.
            yield pg.cursor(name="bench") if streaming else pg.cursor()

    def param(self) -> str:
        return "?" if self.sqlite is not None else "%s"


def _scope_path(db: Database, province: str | None) -> str | None:
    if province is None:
        return None
    with db.cursor() as cursor:
        cursor.execute(
            "SELECT path FROM places_place WHERE level = 'province' AND code = "  # noqa: S608
            f"{db.param()} AND valid_to IS NULL",
            [province],
        )
        (path,) = cursor.fetchall()[0]
    return str(path)


# --- The baseline: the same rows in Parquet, DuckDB's GROUP BY ------------------------------

_EXPORTS = {
    # table → (columns and their arrow types, the SELECT; {scope} limits to a province)
    "place": (
        [("id", "int64"), ("path", "string"), ("level", "string"), ("current", "int8")],
        "SELECT id, path, level, CASE WHEN valid_to IS NULL THEN 1 ELSE 0 END FROM places_place {scope_place}",
    ),
    "household": ([("place_id", "int64")], "SELECT place_id FROM registry_household {scope}"),
    "person": (
        [("place_id", "int64"), ("birth_year", "int16")],
        "SELECT place_id, birth_year FROM registry_person {scope}",
    ),
    "clan": (
        [("commune_id", "int64")],
        "SELECT commune_id FROM registry_clan {scope_clan}",
    ),
    "unit": ([("place_id", "int64")], "SELECT place_id FROM registry_unit {scope}"),
}


def export_parquet(db: Database, province_path: str | None, directory: Path) -> dict[str, int]:
    """Stream each table the rebuild reads into ``directory/<table>.parquet``; rows per table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    directory.mkdir(parents=True, exist_ok=True)
    # The path is read from the database: digits and slashes only.
    assert province_path is None or province_path.replace("/", "").isdigit()
    inside = f"SELECT id FROM places_place WHERE path LIKE '{province_path}%'"  # noqa: S608
    scopes = {
        "scope": f"WHERE place_id IN ({inside})" if province_path else "",
        "scope_clan": f"WHERE commune_id IN ({inside})" if province_path else "",
        "scope_place": f"WHERE path LIKE '{province_path}%'" if province_path else "",
    }
    rows: dict[str, int] = {}
    for table, (columns, select) in _EXPORTS.items():
        schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in columns])
        rows[table] = 0
        with (
            db.cursor(streaming=True) as cursor,
            pq.ParquetWriter(directory / f"{table}.parquet", schema) as writer,
        ):
            cursor.execute(select.format(**scopes))
            while batch := cursor.fetchmany(FETCH):
                arrays = [
                    pa.array([r[i] for r in batch], type=schema.field(i).type)
                    for i in range(len(columns))
                ]
                writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=schema))
                rows[table] += len(batch)
    return rows


DUCKDB_QUERY = """
WITH leaf AS (
    SELECT 'family' AS code, place_id, count(*) AS n FROM '{d}/household.parquet' GROUP BY place_id
    UNION ALL SELECT 'clan', commune_id, count(*) FROM '{d}/clan.parquet' GROUP BY commune_id
    UNION ALL SELECT 'unit', place_id, count(*) FROM '{d}/unit.parquet' GROUP BY place_id
    UNION ALL SELECT 'citizen_adults', place_id, count(*) FROM '{d}/person.parquet'
        WHERE birth_year <= {limit} GROUP BY place_id
    UNION ALL SELECT 'community', id, 1 FROM '{d}/place.parquet' WHERE level = 'hamlet' AND current = 1
    UNION ALL SELECT 'commune_ranked', id, 1 FROM '{d}/place.parquet'
        WHERE level = 'commune' AND current = 1
), up AS (
    SELECT id, CAST(unnest(string_split(trim(path, '/'), '/')) AS BIGINT) AS ancestor
    FROM '{d}/place.parquet'
)
SELECT code, ancestor, sum(n) FROM leaf JOIN up ON up.id = leaf.place_id GROUP BY code, ancestor
"""


def duckdb_counts(directory: Path, limit: int, out: Path) -> None:
    """The child process of the baseline: run the GROUP BY, write its counts as JSON."""
    import duckdb

    started = time.perf_counter()
    relation = duckdb.sql(DUCKDB_QUERY.format(d=directory, limit=limit))
    assert relation is not None
    rows = relation.fetchall()
    print(json.dumps({"query_seconds": time.perf_counter() - started}))
    counts: Counts = {code: {} for code in CODES}
    for code, place_id, n in rows:
        counts[str(code)][int(place_id)] = int(n)
    out.write_text(json.dumps(counts))


def _limit() -> int:
    return datetime.date.today().year - ADULT_AGE


def rebuild_counts(db: Database, province_path: str | None) -> Counts:
    """The rebuild's live rows for the registry codes (places under the province, or all)."""
    counts: Counts = {code: {} for code in CODES}
    sql = (
        "SELECT r.indicator, r.place_id, r.denominator FROM indicators_rollupcount r "  # noqa: S608
        "JOIN places_place p ON p.id = r.place_id WHERE r.year = 0 "
        f"AND r.indicator IN ({', '.join(repr(c) for c in CODES)})"
    )
    if province_path:
        assert province_path.replace("/", "").isdigit()
        sql += f" AND p.path LIKE '{province_path}%'"
    with db.cursor() as cursor:
        cursor.execute(sql)
        for code, place_id, n in cursor.fetchall():
            if n:
                counts[str(code)][int(place_id)] = int(n)
    return counts


def _difference(rebuilt: Counts, duck: Counts) -> str:
    for code in CODES:
        if rebuilt[code] != duck[code]:
            wrong = [k for k in rebuilt[code].keys() | duck[code].keys()
                     if rebuilt[code].get(k) != duck[code].get(k)]  # fmt: skip
            sample = ", ".join(
                f"{k}: {rebuilt[code].get(k)} ≠ {duck[code].get(k)}" for k in wrong[:3]
            )
            return f"{code}: {len(wrong)} places differ ({sample})"
    return ""


def measure_rebuild(db: Database, province: str | None, workdir: Path) -> dict[str, Any]:
    """The rebuild and its DuckDB baseline over the same rows; fails if the counts differ."""
    command = [str(measure.XHHT), "rebuild_rollups"]
    if province:
        command += ["--province", province]
    rebuild = measure.run(command, db.env())
    # The command prints the time of the rebuild itself (without Django's start-up).
    said = re.search(r"trong ([0-9.]+) giây", rebuild.output)
    rebuild_seconds = float(said.group(1)) if said else rebuild.wall
    path = _scope_path(db, province)
    started = time.perf_counter()
    parquet = workdir / f"parquet-{province or 'nation'}"
    rows = export_parquet(db, path, parquet)
    export_seconds = time.perf_counter() - started
    out = workdir / f"duckdb-{province or 'nation'}.json"
    duck = measure.run(
        [measure.python(), "-m", "bench.rollups", "duckdb", str(parquet), str(_limit()), str(out)],
        {**os.environ, "PYTHONPATH": str(measure.REPO)},
    )
    query_seconds = float(json.loads(duck.output.strip().splitlines()[-1])["query_seconds"])
    loaded = json.loads(out.read_text())  # JSON keys are strings
    duck_counts = {code: {int(k): n for k, n in loaded[code].items()} for code in CODES}
    problem = _difference(rebuild_counts(db, path), duck_counts)
    if problem:
        raise RuntimeError(f"rebuild_rollups and DuckDB disagree: {problem}")
    shutil.rmtree(parquet)
    out.unlink()
    return {
        "scope": f"province {province}" if province else "nation",
        "people": rows["person"],
        "households": rows["household"],
        "rebuild_seconds": rebuild_seconds,
        "duckdb_query_seconds": round(query_seconds, 3),
        "ratio": round(rebuild_seconds / query_seconds, 2),
        "rebuild_wall": round(rebuild.wall, 2),
        "rebuild_cpu": round(rebuild.cpu, 2),
        "rebuild_peak_rss_mib": round(rebuild.peak_rss_mib, 1),
        "duckdb_wall": round(duck.wall, 2),
        "duckdb_cpu": round(duck.cpu, 2),
        "duckdb_peak_rss_mib": round(duck.peak_rss_mib, 1),
        "parquet_export_wall": round(export_seconds, 2),
        "command_ratio": round(rebuild.wall / duck.wall, 2),
        "command": "xhht " + " ".join(command[1:]),
    }


# --- The incremental update -------------------------------------------------------------------


def incremental(calls: int, seed: int = 1) -> dict[str, Any]:
    """The child process: ``adjust`` for one recognition, each committed; times in ms."""
    import django

    django.setup()
    from django.db import transaction
    from django.db.models import F

    from xhht.indicators.models import RollupCount
    from xhht.indicators.rollups import adjust
    from xhht.places.models import Level, Place

    hamlet_ids = list(
        Place.objects.current().filter(level=Level.HAMLET).values_list("pk", flat=True)
    )
    picked = random.Random(seed).sample(hamlet_ids, min(calls, len(hamlet_ids)))
    places = Place.objects.in_bulk(picked)
    year = datetime.date.today().year + 1  # a year without rows yet: the first call inserts

    def timed(place: Place) -> float:
        began = time.perf_counter()
        with transaction.atomic():
            adjust(indicator="family", place=place, year=year, numerator=1)
        return (time.perf_counter() - began) * 1000

    first = [timed(places[pk]) for pk in picked]  # rows of the year inserted, then updated
    again = [timed(places[pk]) for pk in picked]  # the common case: one UPDATE of 4 rows
    row = RollupCount.objects.filter(year=year, place_id=picked[0]).get()
    baseline = []
    for _ in picked:
        began = time.perf_counter()
        with transaction.atomic():
            RollupCount.objects.filter(pk=row.pk).update(numerator=F("numerator") + 1)
        baseline.append((time.perf_counter() - began) * 1000)
    RollupCount.objects.filter(year=year).delete()  # leave the kept counts as they were
    return {
        "calls": len(picked),
        "hamlets": len(hamlet_ids),
        "first_median_ms": round(statistics.median(first), 3),
        "median_ms": round(statistics.median(again), 3),
        "p95_ms": round(sorted(again)[int(len(again) * 0.95) - 1], 3),
        "baseline_median_ms": round(statistics.median(baseline), 3),
    }


def measure_incremental(db: Database, calls: int) -> dict[str, Any]:
    child = measure.run(
        [measure.python(), "-m", "bench.rollups", "incremental", str(calls)],
        {**db.env(), "PYTHONPATH": f"{measure.REPO}{os.pathsep}{measure.REPO / 'src'}"},
    )
    figures: dict[str, Any] = json.loads(child.output.strip().splitlines()[-1])
    return figures


# --- make bench ------------------------------------------------------------------------------


def _results(rebuilds: list[dict[str, Any]], inc: dict[str, Any], size: str) -> list[Result]:
    out = []
    for r in rebuilds:
        name = "rollups.rebuild_province" if r["scope"] != "nation" else "rollups.rebuild_nation"
        out.append(
            result(
                name, size=f"{r['scope']}: {r['people']:,} people, {r['households']:,} households",
                value=r["rebuild_seconds"], unit="s", baseline=r["duckdb_query_seconds"],
                baseline_unit="s (DuckDB)", goal=f"≤ {REBUILD_GOAL_RATIO:g}× DuckDB",
                ok=r["ratio"] <= REBUILD_GOAL_RATIO,
                note=(
                    f"`{r['command']}` in a child process: the time it prints (whole command "
                    f"{r['rebuild_wall']:.1f} s, peak {r['rebuild_peak_rss_mib']:.0f} MiB) against "
                    "DuckDB's GROUP BY over the same rows in Parquet, timed in its child process "
                    f"({os.cpu_count()} threads; whole child {r['duckdb_wall']:.1f} s, peak "
                    f"{r['duckdb_peak_rss_mib']:.0f} MiB; Parquet export not counted: "
                    f"{r['parquet_export_wall']:.1f} s); the counts are checked equal"
                ),
            )
        )  # fmt: skip
    calls = f"{size}; {inc['calls']} recognitions in random hamlets"
    out += [
        result(
            "rollups.incremental", size=calls, value=inc["median_ms"], unit="ms (median)",
            baseline=inc["baseline_median_ms"], baseline_unit="ms (one-row UPDATE)",
            goal=f"median ≤ {INCREMENTAL_GOAL_MS:g} ms", ok=inc["median_ms"] <= INCREMENTAL_GOAL_MS,
            note=(
                "rollups.adjust in its own committed transaction (hamlet, commune, province "  # noqa: S608
                f"and national rows); p95 {inc['p95_ms']} ms; baseline: "
                "UPDATE … SET numerator = numerator + 1 of one row, committed"
            ),
        ),
        result(
            "rollups.incremental_first", size=calls, value=inc["first_median_ms"],
            unit="ms (median)", baseline=inc["baseline_median_ms"],
            baseline_unit="ms (one-row UPDATE)", goal=f"median ≤ {INCREMENTAL_GOAL_MS:g} ms",
            ok=inc["first_median_ms"] <= INCREMENTAL_GOAL_MS,
            note="the first recognition of the year in a hamlet: the missing rows are inserted",
        ),
    ]  # fmt: skip
    return out


def run(ctx: Context) -> list[Result]:
    template = generator._template(ctx.workdir)
    data = generator._fresh(template, ctx.workdir, "population")
    command = [str(measure.XHHT), "generate", "--province", PROVINCE, "--scale", str(ctx.scale)]
    measure.run([*command, "--seed", "1"], measure.xhht_env(data))
    db = Database(sqlite=data / "xhht.sqlite3")
    rebuilds = [measure_rebuild(db, PROVINCE, ctx.workdir), measure_rebuild(db, None, ctx.workdir)]
    inc = measure_incremental(db, INCREMENTAL_CALLS)
    shutil.rmtree(data)
    return _results(rebuilds, inc, f"province {PROVINCE}, scale {ctx.scale:g}")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.rollups")
    commands = parser.add_subparsers(dest="command", required=True)
    duck = commands.add_parser("duckdb", help="(child) DuckDB's counts over Parquet files")
    duck.add_argument("directory", type=Path)
    duck.add_argument("limit", type=int)
    duck.add_argument("out", type=Path)
    inc = commands.add_parser("incremental", help="(child) time rollups.adjust")
    inc.add_argument("calls", type=int)
    big = commands.add_parser("measure", help="rebuild vs DuckDB (+ incremental) on a database")
    big.add_argument("--database-url", default="", help="PostgreSQL (default: --sqlite)")
    big.add_argument("--sqlite", type=Path, help="an xhht.sqlite3 file")
    big.add_argument("--province", action="append", default=[], help="also this province")
    big.add_argument("--no-nation", action="store_true")
    big.add_argument("--incremental", type=int, default=0, help="recognitions to time")
    big.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()))
    copy = commands.add_parser("replicate", help="copy generated rows (PostgreSQL)")
    copy.add_argument("--database-url", required=True)
    copy.add_argument("--first", type=int, default=1, help="number of the first copy")
    copy.add_argument("--copies", type=int, required=True)
    copy.add_argument("--province", help="copy only this province's rows")
    args = parser.parse_args(argv)
    if args.command == "duckdb":
        duckdb_counts(args.directory, args.limit, args.out)
    elif args.command == "replicate":
        db = Database(url=args.database_url)
        copies = range(args.first, args.first + args.copies)
        scope = _scope_path(db, args.province)
        print(json.dumps(replicate(args.database_url, copies, scope)))
    elif args.command == "incremental":
        print(json.dumps(incremental(args.calls)))
    else:
        db = Database(sqlite=args.sqlite, url=args.database_url)
        report: dict[str, Any] = {"load_average": os.getloadavg()}
        scopes = [*args.province, *([] if args.no_nation else [None])]
        report["rebuilds"] = [measure_rebuild(db, p, args.workdir) for p in scopes]
        if args.incremental:
            report["incremental"] = measure_incremental(db, args.incremental)
        report["load_average_after"] = os.getloadavg()
        print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])

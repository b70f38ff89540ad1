"""Issue 19: the nation's rollup rebuild on PostgreSQL against DuckDB over the same rows.

In a throwaway PostgreSQL 15 cluster (``bench.pg``): migrate, the place tree, two provinces
generated side by side (92 and 01, ``xhht generate --scale XHHT_BENCH_SCALE / 8`` each, which
ends with ``VACUUM (ANALYZE)``), then their households and people copied with SQL
(``bench.replicate``, two connections, the other indexes built again afterwards) up to
XHHT_BENCH_SCALE × 15 million people (3 M at the default 0.2), then ``VACUUM (ANALYZE)``. The
copies land in the same places, so the database has the rows, not the spread, of a bigger
nation (docs/SCALING.md).

Then, each in a child process with ``bench.rollups.measure_rebuild`` (the time the command
prints for the rebuild itself; DuckDB's GROUP BY over the same rows exported to Parquet, in its
own child, the export not timed; the counts compared equal or the benchmark fails):

1. ``xhht rebuild_rollups``: the nation, the first rebuild after the load (every kept row new);
2. ``xhht rebuild_rollups --province 92``: a province, half of the people;
3. ``xhht rebuild_rollups`` again: the nation, a repair of counts that are right.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

from bench import measure, pg
from bench.replicate import replicate
from bench.rollups import REBUILD_GOAL_RATIO, Database, measure_rebuild
from bench.suite import Context, Result, result

PROVINCES = ("92", "01")
#: People in the copied database per unit of XHHT_BENCH_SCALE (0.2 → 3 M).
PEOPLE_PER_SCALE = 15_000_000


class _Cluster(Database):
    """The benchmark's cluster, read by the children with the benchmark's environment."""

    def __init__(self, url: str, env: dict[str, str]) -> None:
        super().__init__(url=url)
        self._env = env

    def env(self) -> dict[str, str]:
        return self._env


def _generate(env: dict[str, str], scale: float) -> dict[str, float]:
    """The provinces generated at once, one process each (different provinces)."""
    began = time.perf_counter()
    command = [str(measure.XHHT), "generate", "--scale", f"{scale:g}", "--seed", "1"]
    children = [
        subprocess.Popen(
            [*command, "--province", code],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for code in PROVINCES
    ]
    for child in children:
        _out, err = child.communicate()
        if child.returncode:
            raise RuntimeError(f"xhht generate failed: {err.decode()[-2000:]}")
    return {"generate_wall": round(time.perf_counter() - began, 1)}


def _load(url: str, env: dict[str, str], scale: float) -> dict[str, Any]:
    xhht = str(measure.XHHT)
    began = time.perf_counter()
    measure.run([xhht, "migrate", "--no-input", "-v", "0"], env)
    measure.run([xhht, "load_places"], env)
    figures: dict[str, Any] = {"setup_wall": round(time.perf_counter() - began, 1)}
    figures.update(_generate(env, scale / 8))
    import psycopg

    with psycopg.connect(url) as db:
        (generated,) = db.execute("SELECT count(*) FROM registry_person").fetchone() or (0,)
    copies = max(0, round(scale * PEOPLE_PER_SCALE / max(generated, 1)) - 1)
    began = time.perf_counter()
    if copies:
        replicate(url, range(1, copies + 1), None, reindex=True, workers=2)
    figures.update(
        generated=generated, copies=copies, copy_wall=round(time.perf_counter() - began, 1)
    )
    return figures


def _results(rebuilds: list[dict[str, Any]], load: dict[str, Any]) -> list[Result]:
    names = ("rollups_pg.rebuild_nation", "rollups_pg.rebuild_province", "rollups_pg.repair_nation")
    whats = (
        "the first rebuild after the load (every kept row written)",
        "a province's rebuild (its places only)",
        "the nation again: a repair of right counts (nothing to write)",
    )
    out = []
    for name, what, r in zip(names, whats, rebuilds, strict=True):
        out.append(
            result(
                name, size=(
                    f"{r['scope']}: {r['people']:,} people, {r['households']:,} households "
                    f"(PostgreSQL; {load['generated']:,} generated in provinces "
                    f"{' and '.join(PROVINCES)}, copied ×{load['copies'] + 1})"
                ),
                value=r["rebuild_seconds"], unit="s", baseline=r["duckdb_query_seconds"],
                baseline_unit="s (DuckDB)", goal=f"≤ {REBUILD_GOAL_RATIO:g}× DuckDB",
                ok=r["ratio"] <= REBUILD_GOAL_RATIO,
                note=(
                    f"{what}: `{r['command']}` in a child process, the time it prints (whole "
                    f"command {r['rebuild_wall']:.1f} s wall, {r['rebuild_cpu']:.1f} s CPU, peak "
                    f"{r['rebuild_peak_rss_mib']:.0f} MiB; the PostgreSQL server's own CPU is "
                    "not in it) against DuckDB's GROUP BY over the same rows in Parquet in its "
                    f"child ({os.cpu_count()} threads; whole child {r['duckdb_wall']:.1f} s, "
                    f"{r['duckdb_cpu']:.1f} s CPU; export not counted: "
                    f"{r['parquet_export_wall']:.1f} s); counts checked equal. Load average "
                    f"{r['load'][0]:.1f} → {r['load'][1]:.1f}; setup {load['setup_wall']} s, "
                    f"generation {load['generate_wall']} s, copies {load['copy_wall']} s"
                ),
            )
        )  # fmt: skip
    return out


def run(ctx: Context) -> list[Result]:
    data = ctx.workdir / "data"
    data.mkdir()
    with pg.cluster() as url:
        env = {**measure.xhht_env(data), "DATABASE_URL": url}
        load = _load(url, env, ctx.scale)
        import psycopg

        with psycopg.connect(url, autocommit=True) as db:
            db.execute("VACUUM (ANALYZE)")
        cluster = _Cluster(url, env)
        rebuilds = []
        for province in (None, PROVINCES[0], None):
            before = os.getloadavg()[0]
            figures = measure_rebuild(cluster, province, ctx.workdir)
            figures["load"] = (before, os.getloadavg()[0])
            rebuilds.append(figures)
    shutil.rmtree(data)
    return _results(rebuilds, load)


if __name__ == "__main__":  # a run by hand: python -m bench.rollups_pg [workdir]
    import json
    import sys
    import tempfile

    from bench.suite import bench_scale

    workdir = Path(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="xhht-pg-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(json.dumps(run(Context(workdir=workdir, scale=bench_scale())), indent=2))

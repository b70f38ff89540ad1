"""Issue 7: a whole generated nation, for real: time and memory at 1, 3, 10 and 30 million people.

Too long for ``make bench`` (about an hour and a half on the reference machine), so it is run
by hand and its figures are copied into ``docs/SCALING.md``::

    python -m bench.national --data-dir /work/national --scale 0.9

In ``--data-dir`` (created if missing) it migrates a SQLite database and loads the place tree,
then runs ``xhht generate --province all --scale S -v 2`` in a child process (``--cache-mib``
sets its SQLite page cache through ``XHHT_GENERATOR_CACHE_MIB``), reading the
per-commune lines as they come. Each time the people written pass a milestone it records the
wall time, the child's CPU time and its peak resident memory so far (``VmHWM`` and the CPU
ticks from ``/proc``); at the end ``os.wait4`` gives the child's own totals. A second run over
the same directory resumes (the generator skips communes that have households): milestones then
count the people already there, and the times are the second run's. The report is
printed as JSON and written to ``national.json`` in the data directory. The rollup rebuild on
the result is measured next to DuckDB by ``python -m bench.rollups measure --sqlite …``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench import measure

MILESTONES = (1_000_000, 3_000_000, 10_000_000, 30_000_000)
#: "  92001 Phường Ninh Kiều: 9.874 người" (``group_thousands`` writes dots).
LINE = re.compile(r":\s*([\d.]+) người\s*$")
TICKS = os.sysconf("SC_CLK_TCK")


def _proc(pid: int) -> tuple[float, float]:
    """(peak resident MiB, CPU seconds) of a running process, from /proc."""
    peak_kib = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            peak_kib = int(line.split()[1])
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
    return peak_kib / 1024, cpu


def _prepare(data: Path) -> None:
    data.mkdir(parents=True, exist_ok=True)
    env = measure.xhht_env(data)
    measure.run([str(measure.XHHT), "migrate", "--no-input", "-v", "0"], env)
    measure.run([str(measure.XHHT), "load_places"], env)


def generate(data: Path, scale: float, seed: int, cache_mib: int) -> dict[str, Any]:
    command = [
        str(measure.XHHT), "generate", "--province", "all", "--scale", str(scale),
        "--seed", str(seed), "-v", "2",
    ]  # fmt: skip
    with sqlite3.connect(data / "xhht.sqlite3") as db:  # a resumed run counts what is there
        (before,) = db.execute("SELECT count(*) FROM registry_person").fetchone()
    started = time.perf_counter()
    people = int(before)
    points: list[dict[str, Any]] = []
    pending = list(MILESTONES)
    tail: list[str] = []
    env = {**measure.xhht_env(data), "XHHT_GENERATOR_CACHE_MIB": str(cache_mib)}
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True,
    ) as child:  # fmt: skip
        assert child.stdout is not None
        for line in child.stdout:
            tail = [*tail[-20:], line.rstrip()]
            found = LINE.search(line)
            if not found:
                continue
            people += int(found.group(1).replace(".", ""))
            while pending and people >= pending[0]:
                peak, cpu = _proc(child.pid)
                wall = time.perf_counter() - started
                point = {
                    "milestone": pending.pop(0), "people": people, "wall_s": round(wall, 1),
                    "cpu_s": round(cpu, 1), "peak_rss_mib": round(peak, 1),
                    "load_average": os.getloadavg(),
                }  # fmt: skip
                points.append(point)
                print(json.dumps(point), flush=True)
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if child.returncode != 0:
        raise SystemExit(f"generate failed ({child.returncode}):\n" + "\n".join(tail))
    return {
        "command": " ".join(command[1:]),
        "sqlite_cache_mib": cache_mib,
        "people_before": before,
        "people": people,
        "wall_s": round(wall, 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
        "summary": tail[-2:],
        "milestones": points,
    }


#: Indexes on random keys (a name's sort key, its folded copy), built after the load instead of
#: maintained through it: 30 million random inserts into each become one sort.
DEFERRABLE = re.compile(
    r'^CREATE INDEX "[^"]+" ON "registry_(person|household)" \("(search_text|sort_key)"\)$'
)


def defer_indexes(data: Path) -> dict[str, Any]:
    """Drop the deferrable indexes, keeping their SQL in the data directory (a resumed run finds
    it there and drops nothing more)."""
    saved = data / "deferred-indexes.sql"
    if saved.exists():
        return {"dropped": [], "kept_from_earlier_run": saved.read_text().splitlines()}
    with sqlite3.connect(data / "xhht.sqlite3") as db:
        found = [
            (name, sql)
            for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type='index'")
            if sql and DEFERRABLE.match(sql)
        ]
        saved.write_text("".join(f"{sql}\n" for _name, sql in found))
        for name, _sql in found:
            db.execute(f'DROP INDEX "{name}"')
    return {"dropped": [name for name, _sql in found]}


def build_deferred_indexes(data: Path) -> list[dict[str, Any]]:
    saved = data / "deferred-indexes.sql"
    if not saved.exists():
        return []
    built = []
    with sqlite3.connect(data / "xhht.sqlite3") as db:
        db.execute("PRAGMA cache_size = -1048576")
        for sql in saved.read_text().splitlines():
            started, cpu = time.perf_counter(), time.process_time()
            db.execute(sql)
            built.append({"sql": sql, "wall_s": round(time.perf_counter() - started, 1),
                          "cpu_s": round(time.process_time() - cpu, 1)})  # fmt: skip
            print(json.dumps(built[-1]), flush=True)
    saved.unlink()
    return built


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.national")
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--scale", type=float, default=0.9, help="million people per province")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache-mib", type=int, default=64, help="the generator's SQLite cache")
    parser.add_argument(
        "--defer-indexes", action="store_true", help="build the name indexes after the load"
    )
    args = parser.parse_args(argv)
    _prepare(args.data_dir)
    report: dict[str, Any] = {"load_average_before": os.getloadavg()}
    if args.defer_indexes:
        report["deferred"] = defer_indexes(args.data_dir)
    report.update(generate(args.data_dir, args.scale, args.seed, args.cache_mib))
    if args.defer_indexes:
        started = time.perf_counter()
        report["index_builds"] = build_deferred_indexes(args.data_dir)
        report["index_builds_wall_s"] = round(time.perf_counter() - started, 1)
    report["database_bytes"] = (args.data_dir / "xhht.sqlite3").stat().st_size
    report["load_average_after"] = os.getloadavg()
    text = json.dumps(report, ensure_ascii=False, indent=2)
    (args.data_dir / "national.json").write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main(sys.argv[1:])

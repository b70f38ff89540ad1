"""``make bench``: run the benchmarks, print a table and write ``bench/results.json``.

Separate from ``make test``: it takes minutes, not seconds. Sizes grow with
``XHHT_BENCH_SCALE`` (millions of people per province; default 0.2). ``XHHT_BENCH_ONLY``
runs some benchmarks by name ("generator").
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import sqlite3
import tempfile
import time
from pathlib import Path

from bench.suite import Context, Result, bench_scale, benchmarks

RESULTS = Path(__file__).resolve().parent / "results.json"


def table(results: list[Result]) -> str:
    header = f"{'benchmark':<30} {'value':>12} {'unit':<16} {'baseline':>12} {'unit':<24} {'ratio':>7}  ok"
    lines = [header, "-" * len(header)]
    for r in results:
        lines.append(
            f"{r['name']:<30} {r['value']:>12,.2f} {r['unit']:<16} {r['baseline']:>12,.2f} "
            f"{r['baseline_unit']:<24} {r['ratio']:>7.2f}  {'yes' if r['ok'] else 'NO'}"
        )
        lines.append(f"  size: {r['size']}; goal: {r['goal']}")
        if r["note"]:
            lines.append(f"  {r['note']}")
    return "\n".join(lines)


def main() -> None:
    scale = bench_scale()
    started = datetime.datetime.now(datetime.UTC)
    results: list[Result] = []
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="xhht-bench-") as scratch:
        for name, function in benchmarks():
            print(f"== {name} (scale {scale:g}) …", flush=True)
            began = time.perf_counter()
            workdir = Path(scratch) / name
            workdir.mkdir()
            results.extend(function(Context(workdir=workdir, scale=scale)))
            timings[name] = round(time.perf_counter() - began, 1)
    print(table(results))
    report = {
        "started": started.isoformat(timespec="seconds"),
        "scale": scale,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "platform": platform.platform(),
            "load_average": os.getloadavg(),
        },
        "seconds": timings,
        "results": results,
    }
    RESULTS.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(
        f"\n→ {RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS}"
    )


if __name__ == "__main__":
    main()

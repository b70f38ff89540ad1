"""What the benchmarks' child processes share: Django set up from the environment the parent
prepared (``measure.xhht_env``), a timer, and one JSON line on stdout for the parent to read."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench import measure

MARK = "BENCH-RESULT "


def setup() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xhht.settings")
    django.setup()


def emit(values: dict[str, Any]) -> None:
    """Hand figures back to the parent (the last line starting with MARK)."""
    sys.stdout.write(MARK + json.dumps(values) + "\n")
    sys.stdout.flush()


def read(measured: measure.Measured) -> dict[str, Any]:
    lines = [line for line in measured.output.splitlines() if line.startswith(MARK)]
    if not lines:
        raise RuntimeError(f"the child printed no result:\n{measured.output[-3000:]}")
    values: dict[str, Any] = json.loads(lines[-1][len(MARK) :])
    return values


@contextmanager
def timed(into: dict[str, Any], key: str) -> Iterator[None]:
    """Wall seconds into ``into[key]`` and this process's CPU seconds into ``into[key_cpu]``:
    with SQLite (in the process) and one thread, CPU time is what the step costs on an idle
    machine, steadier than wall time when others load the machine."""
    started, cpu = time.perf_counter(), time.process_time()
    yield
    into[key] = time.perf_counter() - started
    into[f"{key}_cpu"] = time.process_time() - cpu


def shared_template(workdir: Path) -> Path:
    """A migrated SQLite database with the place tree, built once per ``make bench`` run (in the
    scratch directory all benchmarks share) and copied by each benchmark that needs one."""
    from bench.generator import _template

    root = workdir.parent / "shared"
    database = root / "template" / "xhht.sqlite3"
    if not database.exists():
        root.mkdir(exist_ok=True)
        _template(root)
    return database


def fresh_database(workdir: Path, name: str) -> tuple[Path, dict[str, str]]:
    """``workdir/name`` holding a copy of the shared template database, and the environment of
    a child process working on it."""
    import shutil

    data = workdir / name
    data.mkdir()
    shutil.copy(shared_template(workdir), data / "xhht.sqlite3")
    return data, child_env(measure.xhht_env(data))


def child_env(env: dict[str, str]) -> dict[str, str]:
    """``env`` with the repository on the path, so ``python -m bench.<module>`` works."""
    return {**env, "PYTHONPATH": str(measure.REPO)}

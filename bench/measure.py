"""Running a command in a child process and measuring it: wall time, CPU time, peak memory.

``os.wait4`` returns the resource usage of exactly that child, so the peak resident set size
(``ru_maxrss``) is the command's own, not the benchmark's nor another child's.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
XHHT = REPO / ".venv" / "bin" / "xhht"


@dataclass(frozen=True)
class Measured:
    wall: float  # seconds
    cpu: float  # user + system seconds
    peak_rss_mib: float
    output: str


def run(command: Sequence[str], env: dict[str, str]) -> Measured:
    """Run ``command`` to completion; fail loudly (with its output) if it fails."""
    started = time.perf_counter()
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as child:
        assert child.stdout is not None
        output = child.stdout.read()
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({child.returncode}):\n{output[-3000:]}")
    return Measured(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_rss_mib=usage.ru_maxrss / 1024,  # kilobytes on Linux
        output=output,
    )


def xhht_env(data_dir: Path) -> dict[str, str]:
    """A production-like environment (DEBUG off, a throwaway key) over ``data_dir``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("XHHT_")}
    env.update(
        XHHT_DATA_DIR=str(data_dir),
        XHHT_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_SETTINGS_MODULE="xhht.settings",
    )
    env.pop("DATABASE_URL", None)
    return env


def python() -> str:
    return sys.executable

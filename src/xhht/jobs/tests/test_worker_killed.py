"""A worker killed with SIGKILL in the middle of a job: the next worker fails the job at once, with
a message to its author, who runs it again to the end.

Real processes on a real SQLite file (the test database lives in this process's memory):
``xhht run_jobs`` runs the job, is killed, and a new ``xhht run_jobs`` starts.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

MESSAGE = "Tác vụ bị dừng giữa chừng (máy chủ khởi động lại); không có dữ liệu nào được ghi. Hãy chạy lại."


def environment(data_dir: Path) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return inherited | {
        "XHHT_DATA_DIR": str(data_dir),
        "XHHT_TESTING": "1",
        "XHHT_JOBS_MODE": "worker",
        "XHHT_JOB_HEARTBEAT_SECONDS": "1",
        "XHHT_JOB_LEASE_SECONDS": "3",
        "XHHT_ALLOWED_HOSTS": "testserver",
        "DJANGO_SETTINGS_MODULE": "xhht.settings",
    }


def step(env: dict[str, str], *args: str) -> dict[str, Any]:
    done = subprocess.run(  # noqa: S603 - our own interpreter and module, our own steps
        [sys.executable, "-m", "xhht.jobs.tests.scenario", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def once(env: dict[str, str]) -> None:
    """A worker that starts, runs what is queued and stops."""
    subprocess.run(
        [sys.executable, "-m", "xhht.cli", "run_jobs", "--once"], env=env, timeout=60, check=True
    )


def wait_for(condition: Any, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_a_job_whose_worker_was_killed_fails_at_the_next_start_and_runs_again(
    tmp_path: Path,
) -> None:
    env = environment(tmp_path)
    pk = step(env, "prepare")["job"]
    worker = subprocess.Popen(
        [sys.executable, "-m", "xhht.cli", "run_jobs", "--sleep", "0.2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(lambda: (tmp_path / f"started-{pk}").exists(), 60)
        time.sleep(1.5)  # a heartbeat or two
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait()
    killed = step(env, "show", str(pk))
    assert killed["state"] == "running"  # what nobody would ever have corrected before

    started = time.monotonic()
    once(env)
    assert time.monotonic() - started < 60
    failed = step(env, "show", str(pk))
    assert failed["state"] == "failed" and failed["interrupted"]
    assert failed["message"] == MESSAGE

    (tmp_path / "fast").touch()
    retried = step(env, "retry", str(pk))
    assert retried["status"] == 302 and retried["state"] == "queued"
    once(env)
    done = step(env, "show", str(pk))
    assert done["state"] == "done" and done["result"] == {"steps": 1}
    assert not done["interrupted"]

"""Issue 11's done-when, against a real server: gunicorn (the production configuration, two sync
workers, background jobs in a thread of the web process) on a fresh SQLite file. A workbook with
a cell at XFD1048576, a workbook with a 400 MB cell and a plan DOCX with a 10 MB paragraph are
each refused with a message naming the limit, and meanwhile ``/healthz`` answers every poll in
under a second. Before the limits, the first upload aborted a worker (512 GiB asked for), the
second took it to 1.33 GB and the third held it for a minute.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
from django.conf import settings

from xhht.core.tests.hostile import far_cell_xlsx, long_paragraph_docx, shared_string_bomb_xlsx

pytestmark = pytest.mark.server

HOUSEHOLD_HEADER = ("Mã hộ", "Thôn/tổ dân phố", "Họ và tên")


@dataclass
class Server:
    url: str
    setup: dict[str, Any]
    log: Path

    def session(self, persona: str) -> requests.Session:
        session = requests.Session()
        session.cookies.set("sessionid", self.setup["sessions"][persona])
        return session

    def post_form(
        self, session: requests.Session, path: str, data: dict[str, Any], files: dict[str, Any]
    ) -> requests.Response:
        page = session.get(self.url + path, timeout=10)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token, page.text[:500]
        data = data | {"csrfmiddlewaretoken": token.group(1)}
        return session.post(self.url + path, data=data, files=files, timeout=60)


@dataclass
class HealthProbe:
    """Polls ``/healthz`` from a thread; every answer's time, or the error."""

    url: str
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        while not self.stop.is_set():
            started = time.monotonic()
            try:
                answer = requests.get(self.url + "/healthz", timeout=5)
                if answer.status_code != 200:
                    self.errors.append(f"status {answer.status_code}")
            except requests.RequestException as exc:
                self.errors.append(repr(exc))
            self.times.append(time.monotonic() - started)
            time.sleep(0.1)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    port = _free_port()
    inherited = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env = inherited | {
        "XHHT_DATA_DIR": str(tmp_path),
        "XHHT_TESTING": "1",
        "XHHT_JOBS_MODE": "thread",
        "XHHT_BIND": f"127.0.0.1:{port}",
        "XHHT_WORKERS": "2",
        "XHHT_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "xhht.settings",
    }
    prepared = subprocess.run(
        [sys.executable, "-m", "xhht.core.tests.server_scenario"],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert prepared.returncode == 0, prepared.stderr[-3000:]
    setup = json.loads(prepared.stdout.strip().splitlines()[-1])
    log = tmp_path / "gunicorn.log"
    repo = Path(settings.REPO_DIR)
    with log.open("wb") as output:
        gunicorn = subprocess.Popen(  # noqa: S603 - the project's own gunicorn configuration
            [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py", "xhht.wsgi"],
            cwd=repo,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(url + "/healthz", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            assert gunicorn.poll() is None, log.read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, "gunicorn did not answer"
            time.sleep(0.2)
        _warm(url)
        yield Server(url=url, setup=setup, log=log)
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        try:
            gunicorn.wait(timeout=30)
        except subprocess.TimeoutExpired:
            gunicorn.kill()
            gunicorn.wait()


def _timed_health(url: str, times: list[float]) -> None:
    started = time.monotonic()
    requests.get(url + "/healthz", timeout=30)
    times.append(time.monotonic() - started)


def _warm(url: str) -> None:
    """Until both workers answer at once: each loads the application on its first request
    (seconds), which is no part of what the test measures."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        times: list[float] = []
        callers = [threading.Thread(target=_timed_health, args=(url, times)) for _ in range(4)]
        for caller in callers:
            caller.start()
        for caller in callers:
            caller.join()
        if len(times) == 4 and max(times) < 0.5:
            return
    raise AssertionError("the workers never all answered quickly")


def _job_message(server: Server, session: requests.Session, job_url: str, text: str) -> str:
    """The job page's text once it shows ``text`` (the job ran in a thread of the worker)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        page = session.get(job_url, timeout=10).text
        if text in page:
            return page
        time.sleep(0.3)
    raise AssertionError(f"the job never showed {text!r}")


def test_hostile_uploads_are_refused_while_the_server_keeps_answering(server: Server) -> None:
    far_cell = far_cell_xlsx(HOUSEHOLD_HEADER)
    bomb = shared_string_bomb_xlsx(400, HOUSEHOLD_HEADER)
    paragraph = long_paragraph_docx(10)
    assert len(far_cell) < 2_000 and len(bomb) < 2_000_000 and len(paragraph) < 100_000
    officer = server.session("commune_officer")
    coordinator = server.session("coordinator")
    probe = HealthProbe(server.url)
    poller = threading.Thread(target=probe.run, daemon=True)
    poller.start()
    try:
        for name, content, expected in [
            ("ho-xa.xlsx", far_cell, "Bảng tính có ô ở cột XFD, dòng 1.048.576: vượt giới hạn"),
            ("ho-bom.xlsx", bomb, "vượt giới hạn 256 MB"),
        ]:
            answer = server.post_form(
                officer,
                "/registry/households/import/",
                {"place": server.setup["commune"]},
                {"file": (name, content)},
            )
            assert answer.status_code == 200 and "/registry/imports/" in answer.url
            _job_message(server, officer, answer.url, expected)

        plan = server.post_form(
            coordinator,
            "/plans/import/",
            {"place": server.setup["province"]},
            {"file": ("ke-hoach.docx", paragraph)},
        )
        assert plan.status_code == 200
        assert "nén gấp" in plan.text and "vượt giới hạn 100 lần" in plan.text

        criteria = server.post_form(
            coordinator, "/criteria/upload/", {}, {"file": ("tieu-chi.xlsx", far_cell)}
        )
        assert criteria.status_code == 400
        assert "Bảng tính có ô ở cột XFD, dòng 1.048.576" in criteria.text
    finally:
        probe.stop.set()
        poller.join()
    log = server.log.read_text(errors="replace")
    assert probe.errors == [], probe.errors
    assert len(probe.times) >= 5
    assert max(probe.times) < 1.0, sorted(probe.times)[-5:]
    assert "Worker exiting" not in log and "WORKER TIMEOUT" not in log, log[-3000:]
    assert log.count("Booting worker") == 2, log[-3000:]

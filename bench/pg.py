"""A throwaway PostgreSQL cluster on a local port, as ``.ci/run`` starts one.

``with cluster() as url:`` runs ``initdb`` into a temporary directory (as the ``postgres`` user
through ``runuser`` when the benchmark runs as root), starts the server on 127.0.0.1 only with
durability off (fsync, synchronous commit: a benchmark cluster is thrown away), creates the
``xhht`` database and yields its ``DATABASE_URL``; the server is stopped and the directory
removed afterwards, whatever happens. PostgreSQL is installed from Debian's packages if missing.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_USER = "postgres"


def _bin_dir() -> Path:
    found = sorted(str(p) for p in Path("/usr/lib/postgresql").glob("*/bin"))
    candidates = ["/usr/lib/postgresql/15/bin", *found]
    for candidate in candidates:
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "postgresql-15"], check=True, env=env)
    return Path("/usr/lib/postgresql/15/bin")


def _as_pg(command: list[str]) -> list[str]:
    return ["runuser", "-u", PG_USER, "--", *command] if os.geteuid() == 0 else command


def _quiet(command: list[str]) -> None:
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, check=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def cluster() -> Iterator[str]:
    """Yield the URL of an empty ``xhht`` database in a fresh cluster; stop and delete it after."""
    pg_bin = _bin_dir()
    if os.geteuid() == 0 and subprocess.run(["id", PG_USER], capture_output=True).returncode:
        subprocess.run(["useradd", "--system", "--no-create-home", PG_USER], check=True)
    root = Path(tempfile.mkdtemp(prefix="xhht-bench-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, PG_USER)
    data, port = root / "data", free_port()
    started = False
    initdb = [str(pg_bin / "initdb"), "-D", str(data), "-U", "xhht", "--auth=trust", "-E", "UTF8"]
    options = (
        f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200 "
        "-c shared_buffers=512MB"
    )
    pg_ctl = [str(pg_bin / "pg_ctl"), "-D", str(data), "-w"]
    try:
        _quiet(_as_pg([*initdb, "--locale=C.UTF-8"]))
        started = True
        _quiet(_as_pg([*pg_ctl, "-l", str(root / "log"), "-o", options, "start"]))
        _quiet(
            _as_pg(
                [str(pg_bin / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "xhht", "xhht"]
            )
        )
        yield f"postgres://xhht@127.0.0.1:{port}/xhht"
    finally:
        if started:
            command = _as_pg([*pg_ctl, "-m", "fast", "stop"])
            subprocess.run(
                command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, check=False
            )
        shutil.rmtree(root, ignore_errors=True)

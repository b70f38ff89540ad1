"""Issue 7: the progress dashboards and their API under load, served as in production.

A throwaway PostgreSQL 15 cluster (``bench.pg``) is migrated and given the place tree, a
population of province 92 (``xhht generate``, XHHT_BENCH_SCALE / 10 million people), the kept
counts (``xhht rebuild_rollups``) and, in a child process, a plan of the province with a target
for every national indicator, a province coordinator and a national administrator, each with a
logged-in session (``Client.force_login``: a session row and its cookie). ``gunicorn -c
gunicorn.conf.py xhht.wsgi`` then serves it with gunicorn.conf.py's sync workers (or
XHHT_BENCH_WORKERS) on 127.0.0.1 (DEBUG off).

Each page is loaded alone for XHHT_BENCH_LOAD_SECONDS (15) seconds by 20, 50 and then 200 users
(issue 19: a whole province's officers at once) who
each read the page for 1–3 s before asking for the next one (Locust's ``between(1, 3)``; the
users arrive at random over the first 3 s, as Locust spawns them, rather than all 50 in the
same millisecond, a queue no real morning produces), then
for 10 s by 50 users who do not wait (saturation: the capacity of the workers; goal ≥ 100 req/s
for the province page and the API). Each run also reports the CPU per request of gunicorn, of
PostgreSQL (read from /proc) and of the load generator itself (200 waiting threads cost it
little: they sleep), so that a run on a shared machine can still be judged. The users
with think time are threads with ``http.client`` (bounded: their number, 15 s, loopback): each
connects when it asks, as a browser does. ``wrk``'s own delay would connect first and then wait,
holding one of the two sync workers idle for the think time, which measures gunicorn's
slow-client queueing instead of the page. The saturation runs use ``wrk`` (Debian's package,
installed when missing; a Lua script adds the session cookie and prints the percentiles as
JSON), or the same threads without think time when ``wrk`` is missing. Pages: the province dashboard (coordinator), the national dashboard (the
administrator's ``/indicators/``, the country's entry page), the API
``/api/v1/progress/<province>/`` (coordinator) and, as the baseline through the same stack,
``/healthz`` (one ``SELECT 1``). Everything started is stopped afterwards.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bench import django_child, measure, pg
from bench.suite import Context, Result, result

PROVINCE = "92"
#: Users who read each page for 1–3 s; 200: a whole province's officers at once (issue 19).
CONCURRENCY = (20, 50, 200)
DURATION = int(os.environ.get("XHHT_BENCH_LOAD_SECONDS", "15"))
SATURATION_SECONDS = 10
#: Users without think time in the capacity runs (``wrk``): enough to keep every worker busy.
SATURATION_USERS = 50
#: gunicorn's workers: gunicorn.conf.py's default unless XHHT_BENCH_WORKERS says otherwise.
WORKERS = os.environ.get("XHHT_BENCH_WORKERS", "")
#: Each simulated user waits 1–3 s between two pages (Locust's ``between(1, 3)``): a person
#: reading a dashboard. ``saturation`` runs the same users without waiting: the capacity.
THINK_MS = (1000, 3000)
P95_GOAL_MS = 200.0
#: Issue 19: at least this many requests per second without think time (province page, API).
CAPACITY_GOAL = 100.0
CAPACITY_GOALS = ("province_dashboard", "progress_api")
LUA = """
local cookie = os.getenv("BENCH_COOKIE")
local think_min, think_max = tonumber(os.getenv("BENCH_THINK_MIN")), tonumber(os.getenv("BENCH_THINK_MAX"))
wrk.headers["Cookie"] = cookie
if think_max > 0 then
  delay = function() return math.random(think_min, think_max) end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "p50": %f, "p95": %f, "p99": %f, "errors": %d, ' ..
    '"status_errors": %d, "timeouts": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(95) / 1e3, latency:percentile(99) / 1e3,
    e.connect + e.read + e.write + e.status + e.timeout, e.status, e.timeout))
end
"""


def _wrk() -> str | None:
    found = shutil.which("wrk")
    if found is None and os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing Debian's wrk for the dashboard load test", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "wrk"]):
            subprocess.run(
                command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
            )
        found = shutil.which("wrk")
    return found


def _get(port: int, path: str, cookie: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Cookie": cookie})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _wait_until_up(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped while starting; see the log in the scratch dir")
        try:
            if _get(port, "/healthz", "")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


def _load_wrk(
    wrk: str, script: Path, url: str, cookie: str, users: int, think: bool, seconds: int
) -> dict[str, Any]:
    command = [wrk, "-t", "2", "-c", str(users), "-d", f"{seconds}s", "--timeout", "10s",
               "-s", str(script), url]  # fmt: skip
    low, high = THINK_MS if think else (0, 0)
    env = {**os.environ, "BENCH_COOKIE": cookie, "BENCH_THINK_MIN": str(low),
           "BENCH_THINK_MAX": str(high)}  # fmt: skip
    output = subprocess.run(
        command, env=env, capture_output=True, text=True, check=True, timeout=seconds + 60
    ).stdout
    line = next(x for x in output.splitlines() if x.startswith("{"))
    got: dict[str, Any] = json.loads(line)
    got["rps"] = got["requests"] / got["seconds"]
    return got


def _load_python(
    port: int, path: str, cookie: str, users: int, think: bool, seconds: int
) -> dict[str, Any]:
    """The fallback: ``users`` threads, each one keep-alive connection, for ``seconds``."""
    import random

    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def user() -> None:
        if think:  # people arrive one by one over the first think time, not in one instant
            time.sleep(random.uniform(0, THINK_MS[1]) / 1000)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < stop:
            began = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Cookie": cookie})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            with lock:
                latencies.append((time.perf_counter() - began) * 1000)
                errors[0] += not ok
            if think:
                time.sleep(random.uniform(*THINK_MS) / 1000)
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=user, daemon=True) for _ in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 30)
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {
        "requests": len(latencies), "seconds": elapsed, "rps": len(latencies) / elapsed,
        "p50": cuts[49], "p95": cuts[94], "p99": cuts[98], "errors": errors[0],
        "status_errors": errors[0], "timeouts": 0,
    }  # fmt: skip


def run(ctx: Context) -> list[Result]:
    wrk = _wrk()
    data = ctx.workdir / "data"
    data.mkdir()
    population = ctx.scale / 10
    with pg.cluster() as url:
        env = {**django_child.child_env(measure.xhht_env(data)), "DATABASE_URL": url}
        xhht = str(measure.XHHT)
        measure.run([xhht, "migrate", "--no-input", "-v", "0"], env)
        measure.run([xhht, "load_places"], env)
        measure.run([xhht, "collectstatic", "--no-input", "-v", "0"], env)
        measure.run([xhht, "generate", "--province", PROVINCE, "--scale", str(population)], env)
        measure.run([xhht, "rebuild_rollups"], env)
        setup = django_child.read(measure.run([measure.python(), "-m", "bench.dashboards"], env))
        pg_port = int(url.rsplit(":", 1)[1].split("/")[0])
        with gunicorn(ctx, env) as (port, server):
            figures = _measure(ctx, wrk, port, setup, lambda: _tree_cpu(server.pid, pg_port))
    shutil.rmtree(data)
    return _results(figures, setup, population, wrk is not None)


def _stat(pid: str) -> list[str]:
    """The fields of /proc/<pid>/stat after the command name (state is [0], ppid [1])."""
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rfind(")") + 2 :].split()


@contextlib.contextmanager
def gunicorn(ctx: Context, env: dict[str, str]) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """``gunicorn -c gunicorn.conf.py xhht.wsgi`` on a free local port, as deployed (its default
    workers, or XHHT_BENCH_WORKERS), once it answers; stopped afterwards whatever happens.
    Yields the port and the server (its pid for the CPU figures)."""
    port = pg.free_port()
    server_env = {
        **env, "XHHT_BIND": f"127.0.0.1:{port}",
        "XHHT_ACCESS_LOG": str(ctx.workdir / "access.log"),
    }  # fmt: skip
    if WORKERS:
        server_env["XHHT_WORKERS"] = WORKERS
    with (ctx.workdir / "gunicorn.log").open("wb") as log:
        server = subprocess.Popen(
            [str(measure.REPO / ".venv" / "bin" / "gunicorn"), "-c", "gunicorn.conf.py",
             "xhht.wsgi"],
            cwd=measure.REPO, env=server_env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        try:
            _wait_until_up(port, server)
            yield port, server
        finally:
            with contextlib.suppress(ProcessLookupError):  # it may have died while starting
                os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


def _tree_cpu(gunicorn: int, pg_port: int) -> tuple[float, float]:
    """CPU seconds used so far by gunicorn (arbiter, workers, reaped workers) and by our
    PostgreSQL cluster (the postmaster found by its port, its backends, reaped backends), read
    from /proc: other processes of the machine are not counted."""
    ticks = os.sysconf("SC_CLK_TCK")
    roots = {gunicorn: 0}
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            argv = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if argv and argv[0].endswith(b"/postgres") and str(pg_port).encode() in argv:
            roots[int(cmdline.parent.name)] = 1
    totals = [0.0, 0.0]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields, pid = _stat(stat.parent.name), int(stat.parent.name)
        except (OSError, ValueError):
            continue
        if pid in roots:  # its own time and that of the children it has reaped
            totals[roots[pid]] += sum(int(x) for x in fields[11:15]) / ticks
        elif int(fields[1]) in roots:
            totals[roots[int(fields[1])]] += (int(fields[11]) + int(fields[12])) / ticks
    return totals[0], totals[1]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _measure(
    ctx: Context,
    wrk: str | None,
    port: int,
    setup: dict[str, Any],
    server_cpu: Callable[[], tuple[float, float]] | None = None,
) -> dict[tuple[str, int], dict[str, Any]]:
    coordinator, admin = f"sessionid={setup['coordinator']}", f"sessionid={setup['admin']}"
    pages = {
        "healthz": ("/healthz", ""),
        "province_dashboard": (f"/indicators/places/{setup['province']}/", coordinator),
        "national_dashboard": ("/indicators/", admin),
        "progress_api": (f"/api/v1/progress/{setup['province']}/", coordinator),
    }
    for name, (path, cookie) in pages.items():  # every page answers 200 before it is loaded
        for _ in range(3):
            status, body = _get(port, path, cookie)
            if status != 200:
                raise RuntimeError(f"{name} {path} answered {status}: {body[:300]!r}")
    script = ctx.workdir / "cookie.lua"
    script.write_text(LUA, encoding="utf-8")
    figures = {}
    runs = [(users, True, DURATION) for users in CONCURRENCY]
    runs.append((SATURATION_USERS, False, SATURATION_SECONDS))
    for users, think, seconds in runs:
        for name, (path, cookie) in pages.items():
            mode = "users" if think else "saturation"
            print(f"   {name}: {users} {mode} for {seconds} s", flush=True)
            # CPU of each side: the load generator (this process's threads, or wrk, a child),
            # gunicorn and PostgreSQL; the machine is shared, so CPU per request is the figure
            # that holds when other work slows the wall clock.
            before = (
                time.process_time(),
                _children_cpu(),
                *(server_cpu() if server_cpu else (0, 0)),
            )
            if wrk is not None and not think:
                url = f"http://127.0.0.1:{port}{path}"
                got = _load_wrk(wrk, script, url, cookie, users, think, seconds)
            else:
                got = _load_python(port, path, cookie, users, think, seconds)
            after = (
                time.process_time(),
                _children_cpu(),
                *(server_cpu() if server_cpu else (0, 0)),
            )
            spent = [b - a for a, b in zip(before, after, strict=True)]
            got["client_cpu"] = spent[0] + spent[1]
            got["server_cpu"], got["db_cpu"] = spent[2], spent[3]
            figures[(name, users if think else 0)] = got
            _drain(port)
    return figures


def _drain(port: int, seconds: float = 120) -> None:
    """Wait until the server answers /healthz promptly again: requests whose users gave up
    (timed out) are still queued in the workers' backlog and would slow down the next run."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        began = time.perf_counter()
        with contextlib.suppress(OSError):
            _get(port, "/healthz", "")
        if time.perf_counter() - began < 0.1:
            return
        time.sleep(0.5)


def _cpu_note(got: dict[str, Any]) -> str:
    """Where the CPU went, per request, and the load generator's share of a core."""
    count = got["requests"]
    if not count:
        return "no request answered"
    return (
        f"CPU per request: gunicorn {got.get('server_cpu', 0) * 1000 / count:.1f} ms, "
        f"PostgreSQL {got.get('db_cpu', 0) * 1000 / count:.1f} ms, load generator "
        f"{got.get('client_cpu', 0) * 1000 / count:.1f} ms "
        f"({got.get('client_cpu', 0) / max(got['seconds'], 1e-9):.0%} of a core)"
    )


def _results(
    figures: dict[tuple[str, int], dict[str, Any]],
    setup: dict[str, Any],
    population: float,
    with_wrk: bool,
) -> list[Result]:
    results = []
    tool = "wrk -t2" if with_wrk else "Python threads (http.client)"
    workers = WORKERS or "gunicorn.conf.py's default"
    data = (
        f"gunicorn sync workers: {workers}, PostgreSQL 15, on 127.0.0.1; province {PROVINCE} "
        f"({setup['people']:,} people, {setup['communes']} communes, {setup['targets']} targets)"
    )
    think = f"{THINK_MS[0] / 1000:g}–{THINK_MS[1] / 1000:g} s"
    for users in (*CONCURRENCY, 0):  # 0: saturation (the largest number of users, no waiting)
        base = figures[("healthz", users)]
        for name in ("province_dashboard", "national_dashboard", "progress_api"):
            got = figures[(name, users)]
            note = (
                f"p50 {got['p50']:.0f} ms, p95 {got['p95']:.0f} ms, p99 {got['p99']:.0f} ms, "
                f"{got['rps']:.1f} req/s, {got['requests']:,} requests, {got['errors']} errors; "
                f"baseline /healthz: p50 {base['p50']:.0f} ms, p95 {base['p95']:.0f} ms, "
                f"{base['rps']:.1f} req/s, {base['errors']} errors; {_cpu_note(got)}"
            )
            if users == 0:
                size = (
                    f"{SATURATION_USERS} users without think time, {SATURATION_SECONDS} s, "
                    f"{tool}; {data}"
                )
                wanted = name in CAPACITY_GOALS
                goal = (
                    f"≥ {CAPACITY_GOAL:g} req/s, no errors"
                    if wanted
                    else "reported (the most the workers serve), no errors"
                )
                ok = got["errors"] == 0 and (not wanted or got["rps"] >= CAPACITY_GOAL)
                figure = result(
                    f"dashboards.{name}_capacity", size=size, value=got["rps"], unit="req/s",
                    baseline=base["rps"], baseline_unit="req/s (/healthz)", goal=goal, ok=ok,
                    note=note,
                )  # fmt: skip
                results.append(figure)
                continue
            size = f"{users} users, think time {think}, {DURATION} s, Python threads; {data}"
            timed = users >= 50  # the goal at 50 users (issue 7) and at 200 (issue 19)
            ok = got["errors"] == 0 and (not timed or got["p95"] <= P95_GOAL_MS)
            goal = f"p95 ≤ {P95_GOAL_MS:g} ms, no errors" if timed else "no errors (p95 reported)"
            figure = result(
                f"dashboards.{name}_u{users}_p95", size=size, value=got["p95"], unit="ms",
                baseline=base["p95"], baseline_unit="ms (/healthz p95)", goal=goal, ok=ok,
                note=note,
            )  # fmt: skip
            results.append(figure)
    return results


# --- the child process: a plan, two users and their sessions ----------------------------------


def setup() -> None:
    from decimal import Decimal

    from django.test import Client

    from xhht.accounts.models import RoleAssignment, User
    from xhht.accounts.roles import Role
    from xhht.indicators.models import Indicator
    from xhht.places.models import Level, Place
    from xhht.plans.models import Plan, Target
    from xhht.registry.models import Person

    province = Place.objects.get(level=Level.PROVINCE, code=PROVINCE)
    plan = Plan.objects.create(
        number="01/KH-UBND", issuer=f"UBND {province.name}", place=province,
        title="Kế hoạch xây dựng xã hội học tập giai đoạn 2021-2030", period_start=2021,
        period_end=2030,
    )  # fmt: skip
    indicators = list(Indicator.objects.filter(province__isnull=True).order_by("pk"))
    Target.objects.bulk_create(
        [
            Target(plan=plan, indicator=indicator, year=year, value=Decimal(value),
                   kind=Target.Kind.PERCENT, order=order)
            for order, indicator in enumerate(indicators)
            for year, value in ((2025, 70), (2030, 90))
        ]
    )  # fmt: skip
    coordinator = User.objects.create_user(username="bench-coordinator", password="x")  # noqa: S106
    RoleAssignment.objects.create(user=coordinator, role=Role.PROVINCE_COORDINATOR, place=province)
    admin = User.objects.create_user(username="bench-admin", password="x")  # noqa: S106
    admin.is_superuser = admin.is_staff = True
    admin.save()
    RoleAssignment.objects.create(user=admin, role=Role.ADMIN)
    sessions = {}
    for key, user in (("coordinator", coordinator), ("admin", admin)):
        client = Client()
        client.force_login(user)
        sessions[key] = client.cookies["sessionid"].value
    communes = Place.objects.current().subtree(province).filter(level=Level.COMMUNE).count()
    django_child.emit(
        {
            **sessions, "province": province.pk, "people": Person.objects.count(),
            "communes": communes, "targets": len(indicators) * 2,
        }
    )  # fmt: skip


if __name__ == "__main__":
    django_child.setup()
    setup()
    sys.exit(0)

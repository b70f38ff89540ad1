"""Issue 19: the year-end peak — commune officers deciding recognitions while dashboards are read.

In November and December every commune decides its titles. Set up as ``bench.dashboards`` does
(a throwaway PostgreSQL 15 cluster, migrated, the place tree, province 92 generated with
XHHT_BENCH_SCALE / 10 million people, the kept counts rebuilt, a plan and a province
coordinator's session from ``python -m bench.dashboards``), then in a child process
(``python -m bench.peak setup``), in bulk: in the 20 communes of the province with the most
hamlets, ``BATCHES`` × 50 new households each with a family assessment ("Gia đình học tập" of
this year) already PROPOSED under a complete criteria set, the kept counts rebuilt once more
(the new households are denominators), and one commune officer per commune with a logged-in
session. ``gunicorn -c gunicorn.conf.py xhht.wsgi`` serves it on 127.0.0.1 with the
production settings (its default number of workers; XHHT_BENCH_WORKERS overrides it).

Load: 20 officers at once, each loading the commune's board once (the form and its CSRF token)
and then POSTing the real decision form (``recognition:board_decide``) with 50 assessment ids,
batch after batch (a 302 to the new decision is success, anything else an error), the officers
staggered so that decisions are offered at OFFERED recognitions per second in all (10 % above
the goal; XHHT_BENCH_PEAK_OFFERED=0: each officer again as soon as the last is back, the
capacity); meanwhile 50 users each read the province dashboard or the progress API (at random)
with 1–3 s of think time, from the first decision to the last. Figures: recognitions per second
completed (between the first and the last decision back), p95 of the decisions and of the
dashboards, errors, and CPU time per decision (gunicorn and our PostgreSQL, read from /proc;
steadier than wall time on a shared machine).

Afterwards (``python -m bench.peak check``) the kept counts (every ``RollupCount`` row holding
something: the family counts a decision changes at hamlet, commune, province and nation, and
those of the followers) must equal what ``indicators.rebuild.rebuild`` recomputes from the
records, every batch must be recognised with one audit entry and one certificate per
assessment; the benchmark fails otherwise and prints why.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import resource
import secrets
import shutil
import statistics
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from typing import Any

from bench import dashboards, django_child, measure, pg
from bench.suite import Context, Result, result

OFFICERS = 20
BATCH = 50
BATCHES = int(os.environ.get("XHHT_BENCH_PEAK_BATCHES", "10"))
DASHBOARD_USERS = 50
THINK_MS = (1000, 3000)
GOAL_RATE = 200.0  # recognitions per second
GOAL_P95_MS = 300.0  # dashboards during the peak
#: Decisions are offered at this many recognitions per second in all (each officer every
#: OFFICERS × BATCH / OFFERED s, the officers evenly staggered), 10 % above the goal: whether
#: the server keeps up is the rate it completes them at. 0: every officer without waiting (the
#: capacity, with dashboards queueing behind 20 decisions on the sync workers).
OFFERED = float(os.environ.get("XHHT_BENCH_PEAK_OFFERED", str(GOAL_RATE * 1.1)))
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def run(ctx: Context) -> list[Result]:
    data = ctx.workdir / "data"
    data.mkdir()
    population = ctx.scale / 10
    with pg.cluster() as url:
        env = {
            **django_child.child_env(measure.xhht_env(data)), "DATABASE_URL": url,
            "XHHT_SIGNING_KEY": secrets.token_hex(32),  # a throwaway key: certificates are signed
        }  # fmt: skip
        xhht = str(measure.XHHT)
        measure.run([xhht, "migrate", "--no-input", "-v", "0"], env)
        measure.run([xhht, "load_places"], env)
        measure.run([xhht, "collectstatic", "--no-input", "-v", "0"], env)
        measure.run(
            [xhht, "generate", "--province", dashboards.PROVINCE, "--scale", str(population)], env
        )
        measure.run([xhht, "rebuild_rollups"], env)
        readers = django_child.read(measure.run([measure.python(), "-m", "bench.dashboards"], env))
        started = time.perf_counter()
        setup = django_child.read(
            measure.run([measure.python(), "-m", "bench.peak", "setup", str(BATCHES)], env)
        )
        setup["setup_seconds"] = time.perf_counter() - started
        pg_port = urllib.parse.urlsplit(url).port or 0
        with dashboards.gunicorn(ctx, env) as (port, server):
            setup["workers"] = (ctx.workdir / "gunicorn.log").read_text().count("Booting worker")
            figures = _load(
                port, setup, readers, lambda: sum(dashboards._tree_cpu(server.pid, pg_port))
            )
        check = django_child.read(measure.run([measure.python(), "-m", "bench.peak", "check"], env))
    shutil.rmtree(data)
    return _results(figures, setup, readers, check, population)


def _request(
    port: int, method: str, path: str, cookie: str, body: str = ""
) -> tuple[int, bytes, http.client.HTTPResponse]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        headers = {"Cookie": cookie}
        if method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body or None, headers=headers)
        response = conn.getresponse()
        return response.status, response.read(), response
    finally:
        conn.close()


def _csrf(port: int, officer: dict[str, Any], year: int) -> tuple[str, str]:
    """The board once, as the officer opens it: (cookie header, form token)."""
    cookie = f"sessionid={officer['session']}"
    path = f"/recognition/board/{officer['commune']}/?title=family&year={year}"
    status, body, response = _request(port, "GET", path, cookie)
    if status != 200:
        raise RuntimeError(f"the board {path} answered {status}: {body[:300]!r}")
    found = TOKEN.search(body.decode())
    jar = response.headers.get_all("Set-Cookie") or []
    csrf = next((c.split(";")[0] for c in jar if c.startswith("csrftoken=")), "")
    if found is None or not csrf:
        raise RuntimeError(f"no CSRF token on the board {path}")
    return f"{cookie}; {csrf}", found.group(1)


def _load(
    port: int, setup: dict[str, Any], readers: dict[str, Any], server_cpu: Callable[[], float]
) -> dict[str, Any]:
    year = setup["year"]
    forms = [_csrf(port, officer, year) for officer in setup["officers"]]
    decisions: list[float] = []
    ends: list[float] = []  # when each successful decision came back
    reads: list[float] = []
    errors = {"decisions": 0, "dashboards": 0}
    samples: list[str] = []
    lock = threading.Lock()
    done = threading.Event()
    start = threading.Barrier(len(forms) + 1)

    def officer(index: int) -> None:
        who = setup["officers"][index]
        cookie, token = forms[index]
        path = f"/recognition/board/{who['commune']}/decide/"
        period = OFFICERS * BATCH / OFFERED if OFFERED > 0 else 0.0
        start.wait()
        zero = time.perf_counter() + index * period / OFFICERS  # staggered evenly
        for number, ids in enumerate(who["batches"], start=1):
            time.sleep(max(0.0, zero + (number - 1) * period - time.perf_counter()))
            fields = [
                ("csrfmiddlewaretoken", token), ("title", "family"), ("year", str(year)),
                ("number", f"{number}/QĐ-UBND"), ("date", setup["today"]),
                ("issuing_body", f"Ủy ban nhân dân {who['name']}"), ("place_name", who["name"]),
                ("signer_position", "CHỦ TỊCH"), ("signer_name", "Nguyễn Văn An"),
                *[("ids", str(pk)) for pk in ids],
            ]  # fmt: skip
            began = time.perf_counter()
            try:
                status, body, _response = _request(
                    port, "POST", path, cookie, urllib.parse.urlencode(fields)
                )
            except OSError as exc:
                status, body = 0, str(exc).encode()
            with lock:
                decisions.append((time.perf_counter() - began) * 1000)
                if status == 302:
                    ends.append(time.perf_counter())
                else:
                    errors["decisions"] += 1
                    samples.append(f"{path}: {status} {body[:200]!r}")

    def reader() -> None:
        time.sleep(random.uniform(0, THINK_MS[1]) / 1000)  # people arrive one by one
        cookie = f"sessionid={readers['coordinator']}"
        pages = (f"/indicators/places/{readers['province']}/",
                 f"/api/v1/progress/{readers['province']}/")  # fmt: skip
        while not done.is_set():
            began = time.perf_counter()
            try:
                status = _request(port, "GET", random.choice(pages), cookie)[0]
            except OSError:
                status = 0
            with lock:
                reads.append((time.perf_counter() - began) * 1000)
                errors["dashboards"] += status != 200
            done.wait(random.uniform(*THINK_MS) / 1000)

    threads = [threading.Thread(target=officer, args=(i,), daemon=True) for i in range(len(forms))]
    watchers = [threading.Thread(target=reader, daemon=True) for _ in range(DASHBOARD_USERS)]
    for thread in watchers:
        thread.start()
    time.sleep(THINK_MS[1] / 1000)  # the readers are in before the officers start
    for thread in threads:
        thread.start()
    cpu, own = server_cpu(), resource.getrusage(resource.RUSAGE_SELF)
    began = time.perf_counter()
    start.wait()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    cpu_used = server_cpu() - cpu
    mine = resource.getrusage(resource.RUSAGE_SELF)
    load_cpu = (mine.ru_utime + mine.ru_stime) - (own.ru_utime + own.ru_stime)
    done.set()
    for thread in watchers:
        thread.join(timeout=10)
    return {
        "wall": wall, "decisions": decisions, "ends": sorted(ends), "reads": reads, "errors": errors,
        "samples": samples[:5], "server_cpu": cpu_used, "load_cpu": load_cpu,
    }  # fmt: skip


def _p(values: list[float], percentile: int) -> float:
    cuts = statistics.quantiles(values, n=100) if len(values) > 1 else [sum(values)] * 99
    return cuts[percentile - 1]


def _results(
    figures: dict[str, Any],
    setup: dict[str, Any],
    readers: dict[str, Any],
    check: dict[str, Any],
    population: float,
) -> list[Result]:
    decided = len(figures["decisions"])
    recognised = check["recognised"]
    ends = figures["ends"]
    # Recognitions per second completed between the first and the last decision back.
    rate = (len(ends) - 1) * BATCH / (ends[-1] - ends[0]) if len(ends) > 1 else 0.0
    errors = figures["errors"]
    exact = not check["problems"]
    for problem in check["problems"]:
        print(f"   peak: {problem}", flush=True)
    for sample in figures["samples"]:
        print(f"   peak error: {sample}", flush=True)
    size = (
        f"{OFFICERS} commune officers × {BATCHES} decisions of {BATCH} households, offered at "
        f"{f'{OFFERED:g} recognitions/s' if OFFERED > 0 else 'once each is back'}, "
        f"{DASHBOARD_USERS} dashboard readers (think {THINK_MS[0] / 1000:g}–"
        f"{THINK_MS[1] / 1000:g} s); gunicorn.conf.py ({setup['workers']} sync workers), "
        f"PostgreSQL 15, 127.0.0.1; province "
        f"{dashboards.PROVINCE} ({readers['people']:,} people + {setup['households']:,} "
        f"households added)"
    )
    cpu_ms = figures["server_cpu"] * 1000 / max(decided, 1)
    reads = figures["reads"]
    note = (
        f"{decided} decisions in {figures['wall']:.1f} s ({recognised / figures['wall']:.0f} "
        f"recognitions/s start to end): p50 {_p(figures['decisions'], 50):.0f} "
        f"ms, p95 {_p(figures['decisions'], 95):.0f} ms, {errors['decisions']} errors; "
        f"server CPU (gunicorn + PostgreSQL, with the dashboards) {cpu_ms:.0f} ms per decision; "
        f"dashboards {len(reads)} reads, p50 {_p(reads, 50):.0f} ms, p95 {_p(reads, 95):.0f} ms, "
        f"{errors['dashboards']} errors; load generator CPU {figures['load_cpu']:.1f} s; "
        f"kept counts {'= rebuild' if exact else '≠ rebuild: ' + '; '.join(check['problems'][:3])}"
    )
    ok_all = exact and errors["decisions"] == 0 and errors["dashboards"] == 0
    return [
        result(
            "peak.recognitions_per_s", size=size, value=rate, unit="recognitions/s",
            baseline=BATCH * 1000 / max(_p(figures["decisions"], 50), 1e-9),
            baseline_unit="recognitions/s (1 decision)",
            goal=f"≥ {GOAL_RATE:g}/s, 0 errors, counts = rebuild",
            ok=ok_all and rate >= GOAL_RATE, note=note,
        ),
        result(
            "peak.decision_p95", size=size, value=_p(figures["decisions"], 95), unit="ms",
            baseline=_p(figures["decisions"], 50), baseline_unit="ms (p50)",
            goal="reported; 0 errors", ok=errors["decisions"] == 0, note=note,
        ),
        result(
            "peak.dashboard_p95", size=size, value=_p(reads, 95), unit="ms",
            baseline=_p(reads, 50), baseline_unit="ms (p50)",
            goal=f"p95 ≤ {GOAL_P95_MS:g} ms during the peak, 0 errors",
            ok=errors["dashboards"] == 0 and _p(reads, 95) <= GOAL_P95_MS, note=note,
        ),
        result(
            "peak.counts_exact", size=size, value=float(check["rows"]), unit="kept rows",
            baseline=float(check["rebuilt"]), baseline_unit="rows after a rebuild",
            goal="every kept count = rebuild; every batch recognised and audited", ok=exact,
            note="; ".join(check["problems"][:5]) or "equal, row by row",
        ),
    ]  # fmt: skip


# --- the child processes: bulk setup, then the check ----------------------------------------------

FAMILY_SET: dict[str, Any] = {
    "code": "bench-gdht-92",
    "name": "Bộ tiêu chí Gia đình học tập (đo tải)",
    "title": "family",
    "valid_from": "2020-01-01",
    "legal_basis": {"document": "QĐ đo tải", "issuer": "UBND tỉnh (đo tải)"},
    "rules": {"pass_mark": 12, "all_items_required": True},
    "criteria": [
        {
            "code": "TC1",
            "name": "Học tập của các thành viên",
            "items": [
                {"code": "1.1", "text": "Thành viên tham gia học tập", "kind": "points",
                 "max_points": 10},
                {"code": "1.2", "text": "Trẻ em chăm ngoan, lễ phép", "kind": "pass_fail"},
            ],
        },
        {
            "code": "TC2",
            "name": "Điều kiện học tập",
            "items": [{"code": "2.1", "text": "Góc học tập", "kind": "points", "max_points": 10}],
        },
    ],
}  # fmt: skip


def setup(batches: int) -> None:
    from django.db import transaction
    from django.db.models import Count
    from django.test import Client
    from django.utils import timezone

    from xhht.accounts.models import RoleAssignment, User
    from xhht.accounts.roles import Role
    from xhht.criteria.definition import parse_definition
    from xhht.criteria.models import CriteriaSet, Title
    from xhht.indicators.rebuild import rebuild
    from xhht.places.models import Level, Place
    from xhht.recognition.models import Assessment, State
    from xhht.registry.models import Household

    today = timezone.localdate()
    province = Place.objects.get(level=Level.PROVINCE, code=dashboards.PROVINCE)
    definition = parse_definition(FAMILY_SET)
    criteria_set = CriteriaSet(definition_json=FAMILY_SET, province=province)
    criteria_set.copy_from_definition(definition)
    criteria_set.save()
    assert criteria_set.is_complete()
    communes = list(
        Place.objects.current()
        .subtree(province)
        .filter(level=Level.COMMUNE)
        .annotate(hamlets=Count("children"))
        .order_by("-hamlets", "pk")[:OFFICERS]
    )
    officers = []
    now = timezone.now()
    with transaction.atomic():
        for c, commune in enumerate(communes):
            hamlets = list(Place.objects.filter(parent=commune, level=Level.HAMLET)) or [commune]
            households = []
            for n in range(batches * BATCH):
                household = Household(
                    code=f"PEAK-{commune.code}-{n:05d}", place=hamlets[n % len(hamlets)],
                    head_name=f"Hộ đo tải {n}",
                )  # fmt: skip
                household.refresh_keys()
                households.append(household)
            Household.objects.bulk_create(households, batch_size=2000)
            assessments = Assessment.objects.bulk_create(
                [
                    Assessment(
                        title=Title.FAMILY, year=today.year, place_id=h.place_id, household=h,
                        state=State.PROPOSED, criteria_set=criteria_set, total=15, passed=True,
                        submitted_at=now, reviewed_at=now, proposed_at=now,
                    )
                    for h in households
                ],
                batch_size=2000,
            )  # fmt: skip
            ids = [a.pk for a in assessments]
            user = User.objects.create_user(username=f"peak-officer-{c}")  # no password: a session
            RoleAssignment.objects.create(user=user, role=Role.COMMUNE_OFFICER, place=commune)
            client = Client()
            client.force_login(user)
            officers.append(
                {
                    "commune": commune.pk, "name": commune.name,
                    "session": client.cookies["sessionid"].value,
                    "batches": [ids[i : i + BATCH] for i in range(0, len(ids), BATCH)],
                }
            )  # fmt: skip
    rebuild(province)  # the new households are the family indicator's denominators
    django_child.emit(
        {
            "officers": officers, "year": today.year, "today": today.isoformat(),
            "households": OFFICERS * batches * BATCH,
        }
    )  # fmt: skip


def check() -> None:
    """The kept counts against a rebuild, row by row; every batch recognised and audited."""
    from django.contrib.contenttypes.models import ContentType

    from xhht.audit.models import AuditEntry
    from xhht.indicators.models import RollupCount
    from xhht.indicators.rebuild import rebuild
    from xhht.recognition.models import Assessment, Certificate, State

    def kept() -> dict[tuple[str, int | None, int], tuple[int, int]]:
        rows = RollupCount.objects.values_list(
            "indicator", "place_id", "year", "numerator", "denominator"
        )
        return {(i, p, y): (n, d) for i, p, y, n, d in rows.iterator() if n or d}

    problems = []
    ours = Assessment.objects.filter(household__code__startswith="PEAK-")
    recognised = ours.filter(state=State.RECOGNISED).count()
    left = ours.filter(state=State.PROPOSED).count()
    if left:
        problems.append(f"{left} assessments still proposed")
    ids = [str(pk) for pk in ours.values_list("pk", flat=True)]
    audited = AuditEntry.objects.filter(
        step="recognise",
        object_id__in=ids,
        content_type=ContentType.objects.get_for_model(Assessment),
    ).count()
    certificates = Certificate.objects.filter(assessment__in=ours).count()
    if audited != recognised or certificates != recognised:
        problems.append(
            f"{recognised} recognised, {audited} audit entries, {certificates} certificates"
        )
    before = kept()
    rebuild()
    after = kept()
    differing = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    for key in differing[:10]:
        problems.append(f"kept {key}: {before.get(key)} ≠ rebuild {after.get(key)}")
    if differing:
        problems.append(f"{len(differing)} kept rows differ from the rebuild")
    django_child.emit(
        {"recognised": recognised, "rows": len(before), "rebuilt": len(after), "problems": problems}
    )


if __name__ == "__main__":
    django_child.setup()
    if sys.argv[1] == "setup":
        setup(int(sys.argv[2]))
    else:
        check()
    sys.exit(0)

"""Issue 7: the people registry of a province to XLSX, streamed, through the export view's code.

``xhht generate --province 92 --scale S`` fills a migrated SQLite database (S = XHHT_BENCH_SCALE:
about S million people; 1 gives the million-row figure). A child process then does what the
export view (``registry.views.record_export``) does for a province coordinator, who may see CCCD
numbers (so every number is decrypted): the export job ``registry.exports.run_export`` over
``Person.objects.visible_to(user)`` in list order, which streams rows in chunks into
XlsxWriter's constant-memory mode (``core.sheets.write_workbook``), reports its progress and
saves the file into the storage (the background job a list this long becomes). Its wall time and peak
resident memory (``os.wait4``) are the figures. The baseline child reads the same rows with
plain ``sqlite3`` into a list and writes them with XlsxWriter the same way: the floor for
writing that many rows with the library the app uses.

``python -m bench.exports app|raw …`` are the child processes.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench import django_child, measure
from bench.suite import Context, Result, result

PROVINCE = "92"
SECONDS_GOAL_PER_MILLION = 60.0
RSS_GOAL_MIB = 500.0


def run(ctx: Context) -> list[Result]:
    data, env = django_child.fresh_database(ctx.workdir, "data")
    generate = [str(measure.XHHT), "generate", "--province", PROVINCE, "--scale", str(ctx.scale)]
    measure.run(generate, env)
    module = [measure.python(), "-m", "bench.exports"]
    app_run = measure.run([*module, "app"], env)
    app = django_child.read(app_run)
    raw_run = measure.run([*module, "raw", str(data / "xhht.sqlite3")], env)
    raw = django_child.read(raw_run)
    shutil.rmtree(data)
    rows = int(app["rows"])
    goal_seconds = SECONDS_GOAL_PER_MILLION * max(rows, 1) / 1_000_000
    size = (
        f"{rows:,} people of province {PROVINCE} (scale {ctx.scale:g}), all 12 columns, CCCD "
        f"decrypted; file {app['bytes'] / 2**20:.0f} MiB; SQLite"
    )
    note = (
        f"CPU {app['seconds_cpu']:.1f} s (load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} CPUs); baseline: sqlite3 SELECT into a list ({raw['read_seconds']:.1f} s) then XlsxWriter "
        f"write-only {raw['write_seconds']:.1f} s, peak {raw_run.peak_rss_mib:.0f} MiB (the list)"
    )
    return [
        result(
            "export.people_seconds", size=size, value=app["seconds"], unit="s",
            baseline=raw["write_seconds"], baseline_unit="s (XlsxWriter constant memory)",
            goal=f"< 60 s per million rows (here {goal_seconds:.0f} s)",
            ok=app["seconds"] < goal_seconds, note=note,
        ),
        result(
            "export.people_peak_rss", size=size, value=app_run.peak_rss_mib, unit="MiB",
            baseline=raw_run.peak_rss_mib, baseline_unit="MiB (list + write-only)",
            goal=f"< {RSS_GOAL_MIB:g} MiB peak", ok=app_run.peak_rss_mib < RSS_GOAL_MIB,
            note="peak resident memory of the whole child process (Django included)",
        ),
    ]  # fmt: skip


# --- the child processes --------------------------------------------------------------------


def app() -> None:
    """What ``record_export`` does, for a coordinator of the province, without the HTTP."""
    from django.core.files.storage import default_storage

    from xhht.accounts.models import RoleAssignment, User
    from xhht.accounts.roles import Role
    from xhht.jobs import runner
    from xhht.places.models import Level, Place
    from xhht.registry.exports import EXPORT_FUNCTION

    province = Place.objects.get(level=Level.PROVINCE, code=PROVINCE)
    user = User.objects.create_user(username="bench-coordinator", password="x")  # noqa: S106
    RoleAssignment.objects.create(user=user, role=Role.PROVINCE_COORDINATOR, place=province)
    user = User.objects.get(pk=user.pk)
    times: dict[str, Any] = {}
    with django_child.timed(times, "seconds"):
        job = runner.enqueue(
            function=EXPORT_FUNCTION, arguments={"kind": "person", "query": {}},
            title="bench", user=user,
        )  # fmt: skip
        runner.run(job)
    job.refresh_from_db()
    if job.state != job.State.DONE:
        raise RuntimeError(f"the export job failed: {job.message}")
    size = default_storage.size(job.result_value("file"))
    django_child.emit({**times, "rows": job.result_value("rows"), "bytes": size})


def raw(database: Path) -> None:
    from xhht.core.sheets import write_sheet
    from xhht.registry.exports import HEADERS

    times: dict[str, Any] = {}
    with django_child.timed(times, "read_seconds"):
        db = sqlite3.connect(database)
        rows = db.execute(
            "SELECT h.code, pl.name, h.address, p.full_name, p.relation, p.sex, p.birth_year, "
            "p.ethnicity, p.education, p.occupation, p.national_id_last3, p.phone "
            "FROM registry_person p JOIN places_place pl ON pl.id = p.place_id "
            "LEFT JOIN registry_household h ON h.id = p.household_id ORDER BY p.sort_key, p.id"
        ).fetchall()
        db.close()
    with tempfile.TemporaryFile() as target, django_child.timed(times, "write_seconds"):
        write_sheet(target, "Cong dan", HEADERS["person"], rows)
    django_child.emit({**times, "rows": len(rows)})


def main(argv: list[str]) -> None:
    django_child.setup()
    if argv[0] == "app":
        app()
    elif argv[0] == "raw":
        raw(Path(argv[1]))
    else:
        raise SystemExit(f"unknown command {argv[0]!r}")


if __name__ == "__main__":
    main(sys.argv[1:])

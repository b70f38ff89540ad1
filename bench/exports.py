"""Issues 7 and 19: a province's people registry, a million rows, to XLSX and CSV through the
export job.

``xhht generate --province 92 --scale S`` fills a migrated SQLite database (S =
XHHT_BENCH_SCALE, about S million people); its people (and households) are then copied with SQL
(``multiply``: ``INSERT … SELECT`` with new ids and household codes, no CCCD digest, the same
encrypted numbers) until the registry holds ``EXPORT_ROWS`` people (1,000,000; generating them
would take about three minutes per million). A child process then does what the export view
(``registry.views.record_export``) does for a province coordinator, who may see CCCD numbers (so
every number is decrypted): the export job ``registry.exports.run_export`` over
``Person.objects.visible_to(user)`` in list order, which streams rows in chunks into the Rust
XLSX writer (``core.sheets.write_list``) or the CSV writer, reports its progress and saves the
file into the storage. Wall time, CPU time and peak resident memory (``os.wait4``) of each child
are the figures. The baseline child reads the same rows with plain ``sqlite3`` into a list and
writes them with the same Rust writer (the floor for writing that many rows with the library the
app uses), then, for the record, with XlsxWriter's constant-memory mode (the writer before issue
19). ``XHHT_BENCH_EXPORT_ROWS`` sets another number of rows (a quick run while developing).

``python -m bench.exports app|raw …`` are the child processes.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import django_child, measure
from bench.suite import Context, Result, result

PROVINCE = "92"
EXPORT_ROWS = 1_000_000
SECONDS_GOAL_PER_MILLION = 60.0
RSS_GOAL_MIB = 500.0
COPY_OFFSET = 10**9  # copy k of a row has the id k × COPY_OFFSET + the original's id


def run(ctx: Context) -> list[Result]:
    data, env = django_child.fresh_database(ctx.workdir, "data")
    generate = [str(measure.XHHT), "generate", "--province", PROVINCE, "--scale", str(ctx.scale)]
    generated = measure.run(generate, env)
    wanted = int(os.environ.get("XHHT_BENCH_EXPORT_ROWS") or EXPORT_ROWS)
    copied = multiply(data / "xhht.sqlite3", wanted)
    module = [measure.python(), "-m", "bench.exports"]
    load_before = os.getloadavg()[0]
    runs = {fmt: measure.run([*module, "app", fmt], env) for fmt in ("xlsx", "csv")}
    apps = {fmt: django_child.read(one) for fmt, one in runs.items()}
    raw_run = measure.run([*module, "raw", str(data / "xhht.sqlite3")], env)
    raw = django_child.read(raw_run)
    load = f"load average {load_before:.1f} → {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    shutil.rmtree(data)
    rows = int(apps["xlsx"]["rows"])
    goal_seconds = SECONDS_GOAL_PER_MILLION * max(rows, 1) / 1_000_000
    size = (
        f"{rows:,} people of province {PROVINCE} ({copied['generated']:,} generated at scale "
        f"{ctx.scale:g} in {generated.wall:.0f} s, copied with SQL to {copied['people']:,} in "
        f"{copied['seconds']:.0f} s), all 12 columns, CCCD decrypted; SQLite"
    )
    baseline = (
        f"baseline child: sqlite3 SELECT into a list {raw['read_seconds']:.1f} s, then the Rust "
        f"writer {raw['rust_seconds']:.1f} s (CPU {raw['rust_seconds_cpu']:.1f} s), XlsxWriter "
        f"constant memory {raw['xlsxwriter_seconds']:.1f} s (CPU "
        f"{raw['xlsxwriter_seconds_cpu']:.1f} s), peak {raw_run.peak_rss_mib:.0f} MiB (the list)"
    )
    results = []
    for fmt, app in apps.items():
        one = runs[fmt]
        note = (
            f"job {app['seconds']:.1f} s, CPU {app['seconds_cpu']:.1f} s (child {one.cpu:.1f} s);"
            f" file {app['bytes'] / 2**20:.0f} MiB; {load}; {baseline}"
        )
        results += [
            result(
                f"export.people_{fmt}_seconds", size=size, value=app["seconds"], unit="s",
                baseline=raw["rust_seconds"], baseline_unit="s (Rust writer alone, from a list)",
                goal=f"< 60 s per million rows (here {goal_seconds:.0f} s)",
                ok=app["seconds"] < goal_seconds, note=note,
            ),
            result(
                f"export.people_{fmt}_peak_rss", size=size, value=one.peak_rss_mib, unit="MiB",
                baseline=raw_run.peak_rss_mib, baseline_unit="MiB (list + writers)",
                goal=f"< {RSS_GOAL_MIB:g} MiB peak", ok=one.peak_rss_mib < RSS_GOAL_MIB,
                note="peak resident memory of the whole child process (Django included)",
            ),
        ]  # fmt: skip
    return results


def multiply(database: Path, wanted: int) -> dict[str, Any]:
    """Copy the generated households and people (same places, new ids, household codes with a
    "~k" suffix, no CCCD digest: the digest is unique) until there are ``wanted`` people."""
    began = time.perf_counter()
    db = sqlite3.connect(database)
    (generated,) = db.execute("SELECT count(*) FROM registry_person").fetchone()
    people = generated
    copy = 0
    columns = {
        table: [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
        for table in ("registry_household", "registry_person")
    }
    while people < wanted and generated:
        copy += 1
        offset = copy * COPY_OFFSET
        changed = {
            "id": f"id + {offset}",
            "household_id": f"household_id + {offset}",
            "code": f"code || '~{copy}'",
            "national_id_digest": "NULL",
            "user_id": "NULL",
        }
        limit = min(generated, wanted - people)
        with db:
            for table, where in (
                ("registry_household", f"id < {COPY_OFFSET}"),
                ("registry_person", f"id < {COPY_OFFSET} ORDER BY id LIMIT {limit}"),
            ):
                names = columns[table]
                values = ", ".join(changed.get(name, name) for name in names)
                db.execute(
                    f"INSERT INTO {table} ({', '.join(names)}) "  # noqa: S608  # our own names
                    f"SELECT {values} FROM {table} WHERE {where}"
                )
        people += limit
    db.execute("ANALYZE")
    db.close()
    return {"generated": generated, "people": people, "seconds": time.perf_counter() - began}


# --- the child processes --------------------------------------------------------------------


def app(fmt: str) -> None:
    """What ``record_export`` does, for a coordinator of the province, without the HTTP."""
    from django.core.files.storage import default_storage

    from xhht.accounts.models import RoleAssignment, User
    from xhht.accounts.roles import Role
    from xhht.jobs import runner
    from xhht.places.models import Level, Place
    from xhht.registry.exports import EXPORT_FUNCTION

    province = Place.objects.get(level=Level.PROVINCE, code=PROVINCE)
    user = User.objects.filter(username="bench-coordinator").first()
    if user is None:  # the first of the two children (XLSX, then CSV)
        user = User.objects.create_user(username="bench-coordinator", password="x")  # noqa: S106
        RoleAssignment.objects.create(user=user, role=Role.PROVINCE_COORDINATOR, place=province)
    user = User.objects.get(pk=user.pk)
    times: dict[str, Any] = {}
    with django_child.timed(times, "seconds"):
        job = runner.enqueue(
            function=EXPORT_FUNCTION, arguments={"kind": "person", "query": {}, "fmt": fmt},
            title="bench", user=user,
        )  # fmt: skip
        runner.run(job)
    job.refresh_from_db()
    if job.state != job.State.DONE:
        raise RuntimeError(f"the export job failed: {job.message}")
    size = default_storage.size(job.result_value("file"))
    django_child.emit({**times, "rows": job.result_value("rows"), "bytes": size})


def raw(database: Path) -> None:
    from xhht.core.sheets import Sheet, write_list, write_sheet
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
    with tempfile.TemporaryDirectory() as scratch:
        with django_child.timed(times, "rust_seconds"):
            write_list(Path(scratch) / "rust.xlsx", Sheet("Cong dan", HEADERS["person"], rows))
        target = (Path(scratch) / "xlsxwriter.xlsx").open("wb")
        with target, django_child.timed(times, "xlsxwriter_seconds"):
            write_sheet(target, "Cong dan", HEADERS["person"], rows)
    django_child.emit({**times, "rows": len(rows)})


def main(argv: list[str]) -> None:
    django_child.setup()
    if argv[0] == "app":
        app(argv[1])
    elif argv[0] == "raw":
        raw(Path(argv[1]))
    else:
        raise SystemExit(f"unknown command {argv[0]!r}")


if __name__ == "__main__":
    main(sys.argv[1:])

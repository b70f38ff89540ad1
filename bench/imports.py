"""Issue 7: a households workbook through the app's importer, against its XLSX reader plus a raw insert.

On a migrated SQLite database with the place tree (``XHHT_DATA_DIR`` in the scratch directory),
a child process gives one commune of province 92 ten hamlets and a commune officer, and writes
an N-row households workbook in the app's template format (``imports.households.COLUMNS`` through
``core.sheets.write_sheet``): households of four (head, spouse with CCCD numbers, two children
without). The app child then runs the import exactly as the pages do, as jobs
(``imports.jobs.run_import``): the preview (check only) and the confirmed import (check again,
then write, audited; since issue 19 it writes the rows the preview kept, without reading the file
again). The figures are the confirmation alone and the preview plus the confirmation (what a
user waits for in all), each against the baseline, in wall and CPU time. The baseline child, on a copy of the
same database, reads the same file with the XLSX library the importer reads with
(python-calamine) alone and inserts the same households and people with plain ``sqlite3``
``executemany``: no validation, no CCCD hashing or
encryption, no Django. N is 100,000 × XHHT_BENCH_SCALE (20,000 by default).

``python -m bench.imports prepare|app|raw …`` are the child processes.
"""

from __future__ import annotations

import datetime
import resource
import shutil
import sqlite3
import sys
from pathlib import Path
from typing import Any

from bench import django_child, measure
from bench.suite import Context, Result, result

ROWS_AT_SCALE_1 = 100_000
GOAL_RATIO = 2.0
PROVINCE = "92"
HAMLETS = 10


def run(ctx: Context) -> list[Result]:
    rows = max(1_000, round(ROWS_AT_SCALE_1 * ctx.scale))
    data, env = django_child.fresh_database(ctx.workdir, "app")
    workbook = ctx.workdir / "households.xlsx"
    module = [measure.python(), "-m", "bench.imports"]
    prepared = django_child.read(measure.run([*module, "prepare", str(workbook), str(rows)], env))
    raw_data = ctx.workdir / "raw"
    raw_data.mkdir()
    shutil.copy(data / "xhht.sqlite3", raw_data / "xhht.sqlite3")
    app = measure.run([*module, "app", str(workbook), str(prepared["user"])], env)
    got = django_child.read(app)
    raw_env = django_child.child_env(measure.xhht_env(raw_data))
    raw_run = measure.run(
        [*module, "raw", str(workbook), str(raw_data / "xhht.sqlite3"), str(prepared["hamlet"])],
        raw_env,
    )
    raw = django_child.read(raw_run)
    shutil.rmtree(data)
    shutil.rmtree(raw_data)
    seconds, base = got["write_seconds"], raw["read_seconds"] + raw["insert_seconds"]
    both = got["preview_seconds"] + seconds
    base_cpu = raw["read_seconds_cpu"] + raw["insert_seconds_cpu"]
    both_cpu = got["preview_seconds_cpu"] + got["write_seconds_cpu"]
    size = (
        f"{rows:,} rows ({got['households']:,} households, {got['people']:,} people) into one "
        f"commune, SQLite; workbook {workbook.stat().st_size / 2**20:.1f} MiB"
    )
    note = (
        f"baseline: python-calamine read {raw['read_seconds']:.2f} s + sqlite3 executemany "
        f"{raw['insert_seconds']:.2f} s. App: preview job {got['preview_seconds']:.2f} s, "
        f"confirmed job {seconds:.2f} s ({seconds / base:.2f}×), both "
        f"{both:.2f} s ({both / base:.2f}×); CPU: preview {got['preview_seconds_cpu']:.2f} s, "
        f"confirmation {got['write_seconds_cpu']:.2f} s ({got['write_seconds_cpu'] / base_cpu:.2f}×), "
        f"both {both_cpu:.2f} s ({both_cpu / base_cpu:.2f}×), baseline {base_cpu:.2f} s; "
        f"peak RSS {app.peak_rss_mib:.0f} MiB (baseline {raw_run.peak_rss_mib:.0f} MiB)"
    )
    return [
        result(
            "import.households_rows_per_s", size=size, value=rows / seconds, unit="rows/s",
            baseline=rows / base, baseline_unit="rows/s (calamine+insert)",
            goal=f"time ≤ {GOAL_RATIO:g}× the baseline's", ok=seconds <= GOAL_RATIO * base,
            note=note,
        ),
        result(
            "import.households_seconds", size=size, value=seconds, unit="s",
            baseline=base, baseline_unit="s (calamine+insert)",
            goal=f"≤ {GOAL_RATIO:g}× the baseline", ok=seconds <= GOAL_RATIO * base, note="",
        ),
        result(
            "import.households_preview_seconds", size=size, value=got["preview_seconds"],
            unit="s", baseline=base, baseline_unit="s (calamine+insert)", goal="reported",
            ok=True, note=f"CPU {got['preview_seconds_cpu']:.2f} s (baseline {base_cpu:.2f} s)",
        ),
        result(
            "import.households_preview_and_confirm_seconds", size=size, value=both, unit="s",
            baseline=base, baseline_unit="s (calamine+insert)",
            goal=f"≤ {GOAL_RATIO:g}× the baseline", ok=both <= GOAL_RATIO * base,
            note=f"CPU {both_cpu:.2f} s (baseline {base_cpu:.2f} s: {both_cpu / base_cpu:.2f}×)",
        ),
    ]  # fmt: skip


# --- the child processes --------------------------------------------------------------------


def _rows(n: int, hamlets: list[str]) -> Any:
    given = ["An", "Bình", "Chi", "Dũng", "Hà", "Hương", "Lan", "Minh", "Ngọc", "Phúc"]
    family = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng"]
    relations = ["Chủ hộ", "Vợ/chồng", "Con", "Con"]
    for i in range(n):
        h, k = divmod(i, 4)
        adult = k < 2
        year = 1950 + h % 40 if adult else 2005 + h % 15
        birth: Any = f"{1 + h % 28:02d}/{1 + h % 12:02d}/{year}" if h % 3 else year
        yield [
            f"BH{h:07d}", hamlets[h % len(hamlets)], f"{h} đường Mậu Thân",
            f"{family[h % 7]} {'Văn' if k != 1 else 'Thị'} {given[(h + k) % 10]} {h}",
            relations[k], "Nam" if k != 1 else "Nữ", birth, "Kinh",
            "Trung học phổ thông" if adult else "Tiểu học",
            "Nông dân, lao động nông thôn" if adult else "Học sinh, sinh viên",
            f"092{i:09d}" if adult else "", "",
        ]  # fmt: skip


def prepare(workbook: Path, rows: int) -> None:
    """Hamlets under the first commune of the province, a commune officer, the workbook."""
    from xhht.accounts.models import RoleAssignment, User
    from xhht.accounts.roles import Role
    from xhht.core.sheets import write_sheet
    from xhht.core.text import fold, sort_key
    from xhht.places.models import Level, Place
    from xhht.registry.imports.households import COLUMNS

    province = Place.objects.get(level=Level.PROVINCE, code=PROVINCE)
    commune = Place.objects.current().subtree(province).filter(level=Level.COMMUNE).first()
    assert commune is not None
    hamlets = [
        Place(level=Level.HAMLET, code=f"{commune.code}-B{n:02d}", name=f"Khu phố Mới {n}",
              kind="khu vực", parent=commune, search_text=fold(f"Khu phố Mới {n}"),
              sort_key=sort_key(f"Khu phố Mới {n}"))
        for n in range(1, HAMLETS + 1)
    ]  # fmt: skip
    Place.objects.bulk_create(hamlets)
    for hamlet in hamlets:
        hamlet.path, hamlet.depth = f"{commune.path}{hamlet.pk}/", commune.depth + 1
    Place.objects.bulk_update(hamlets, ["path", "depth"])
    user = User.objects.create_user(username="bench-officer", password="x")  # noqa: S106
    RoleAssignment.objects.create(user=user, role=Role.COMMUNE_OFFICER, place=commune)
    with workbook.open("wb") as target:
        headers = [title for _key, title in COLUMNS]
        write_sheet(target, "Ho gia dinh", headers, _rows(rows, [h.name for h in hamlets]))
    django_child.emit({"user": user.pk, "commune": commune.pk, "hamlet": hamlets[0].pk})


def app(workbook: Path, user_id: int) -> None:
    """Preview, then confirm: the two jobs the import pages start, run inline."""
    from django.core.files import File

    from xhht.accounts.models import User
    from xhht.jobs import runner
    from xhht.registry.imports.common import store_upload

    user = User.objects.get(pk=user_id)
    commune = user.role_assignments.get().place
    assert commune is not None
    with workbook.open("rb") as upload:
        token = store_upload(File(upload, name="households.xlsx"))
    times: dict[str, Any] = {}
    arguments = {"kind": "household", "token": token, "place_id": commune.pk, "write": False}
    function = "xhht.registry.imports.jobs.run_import"
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    with django_child.timed(times, "preview_seconds"):
        preview = runner.enqueue(function=function, arguments=arguments, title="b", user=user)
        runner.run(preview)
    # The sheet is read in a child process (core.uploads.run_isolated): its CPU is the preview's.
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    times["preview_seconds_cpu"] += (after.ru_utime + after.ru_stime) - (
        children.ru_utime + children.ru_stime
    )
    preview.refresh_from_db()
    if preview.state != "done" or not preview.result_value("ok"):
        raise SystemExit(f"preview failed: {preview.message} {preview.result}")
    with django_child.timed(times, "write_seconds"):
        job = runner.enqueue(
            function=function,
            arguments={**arguments, "write": True, "preview": preview.pk},
            title="b",
            user=user,
        )
        runner.run(job)
    job.refresh_from_db()
    if job.state != "done":
        raise SystemExit(f"import failed: {job.message}")
    counts = job.result_value("counts")
    django_child.emit(
        {
            **times,
            "households": counts["households"]["create"],
            "people": counts["people"]["create"],
        }
    )


def raw(workbook: Path, database: Path, hamlet_id: int) -> None:
    """The XLSX library the importer reads with (python-calamine) alone, then plain sqlite3
    inserts of the same households and people."""
    from python_calamine import CalamineWorkbook

    from bench.raw_insert import COLUMNS as PERSON_COLUMNS

    times: dict[str, Any] = {}
    with django_child.timed(times, "read_seconds"):
        book = CalamineWorkbook.from_path(str(workbook))
        values = book.get_sheet_by_index(0).to_python(skip_empty_area=False)[1:]
        book.close()
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")
    with django_child.timed(times, "insert_seconds"):
        db = sqlite3.connect(database)
        db.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
        households: dict[str, int] = {}
        with db:
            for row in values:
                if row[0] not in households:
                    cursor = db.execute(
                        "INSERT INTO registry_household (code, place_id, head_name, address, "
                        "search_text, sort_key, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
                        (row[0], hamlet_id, row[3], row[2], row[3], row[3], now, now),
                    )
                    households[str(row[0])] = int(cursor.lastrowid or 0)
            people = [
                (row[3], "M", None, 1990, "Kinh", "primary", "farmer", "", None, "", "",
                 hamlet_id, "head", None, None, row[3], row[3], now, now, households[str(row[0])])
                for row in values
            ]  # fmt: skip
            names, marks = ", ".join(PERSON_COLUMNS), ", ".join("?" * len(PERSON_COLUMNS))
            db.executemany(f"INSERT INTO registry_person ({names}) VALUES ({marks})", people)  # noqa: S608
        db.close()
    django_child.emit(times)


def main(argv: list[str]) -> None:
    command, *args = argv
    if command == "raw":
        raw(Path(args[0]), Path(args[1]), int(args[2]))
        return
    django_child.setup()
    if command == "prepare":
        prepare(Path(args[0]), int(args[1]))
    elif command == "app":
        app(Path(args[0]), int(args[1]))
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])

"""Issue 7: the consolidated report (DOCX + XLSX + PDF) of a province and of the whole country.

On a migrated SQLite database with the place tree, a child process sets up the reporting regime
as a coordinator would: a body (Sở GD&ĐT), a yearly report type from every commune with two
narrative sections and a table of eight rows, and opens a period with the app's action
(``reporting.actions.open_period``), which creates one report per commune of the province with
its figures. For the country, the same period then gets a report from every other current commune
(3,321 in all), created with the models. Every report is then filled (narratives, figures) and
accepted in bulk (``UPDATE``s: the per-report steps are measured by the reporting tests).

The figure is a child process building the consolidation:
- province: ``consolidate.build`` (what the page starts in the background) for the province
  with the number of communes closest to 100;
- nation: the same steps (``gather``, ``documents.docx_bytes``/``xlsx_bytes``/``pdf_bytes``,
  files saved to storage) over every accepted report, with the whole tree as the top place:
  the model has no national place, so the national consolidation uses an unsaved top place whose
  path ("/") every commune lies under, and a column per province.

The baseline is the same sums with one SQL ``GROUP BY`` (figures by row of accepted reports
under the place) in the same child.

``python -m bench.reports prepare|province|nation`` are the child processes.
"""

from __future__ import annotations

import datetime
import os
import shutil
import sys
from decimal import Decimal
from typing import Any

from bench import django_child, measure
from bench.suite import Context, Result, result

PROVINCE_GOAL = 5.0
NATION_GOAL = 60.0
ROWS = 8
YEAR = 2024


def run(ctx: Context) -> list[Result]:
    data, env = django_child.fresh_database(ctx.workdir, "data")
    module = [measure.python(), "-m", "bench.reports"]
    prepared = django_child.read(measure.run([*module, "prepare"], env))
    results = []
    for scope, goal in (("province", PROVINCE_GOAL), ("nation", NATION_GOAL)):
        measured = measure.run([*module, scope], env)
        got = django_child.read(measured)
        what = prepared["province_name"] if scope == "province" else "the whole country"
        size = (
            f"{got['accepted']:,} accepted commune reports ({what}), 2 narrative sections and "
            f"{ROWS} table rows each; SQLite"
        )
        note = (
            f"CPU {got['seconds_cpu']:.1f} s (wall {got['seconds']:.1f} s, load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs); parts (wall/CPU): gather "
            f"{got['gather']:.1f}/{got['gather_cpu']:.1f} s, DOCX {got['docx']:.1f}/"
            f"{got['docx_cpu']:.1f} s, XLSX {got['xlsx']:.1f}/{got['xlsx_cpu']:.1f} s, PDF "
            f"{got['pdf']:.1f}/{got['pdf_cpu']:.1f} s; {got['queries']} queries; baseline "
            f"{got['baseline'] * 1000:.0f} ms; peak RSS "
            f"{measured.peak_rss_mib:.0f} MiB; baseline: one SQL GROUP BY of the figures by row "
            f"(sums equal: {got['sums_equal']})"
        )
        results.append(
            result(
                f"report.consolidate_{scope}",
                size=size,
                value=got["seconds"],
                unit="s",
                baseline=got["baseline"],
                baseline_unit="s (SQL GROUP BY)",
                goal=f"< {goal:g} s",
                ok=got["seconds"] < goal and got["sums_equal"],
                note=note,
            )
        )
    shutil.rmtree(data)
    return results


# --- the child processes --------------------------------------------------------------------


def prepare() -> None:
    from django.db.models import Count
    from django.utils import timezone

    from xhht.accounts.models import Body, RoleAssignment, User
    from xhht.accounts.roles import Role
    from xhht.places.models import Level, Place
    from xhht.reporting.actions import open_period
    from xhht.reporting.models import (
        Answer,
        Figure,
        ReportSection,
        ReportType,
        Submission,
        TableRow,
    )

    provinces = Place.objects.current().filter(level=Level.PROVINCE)
    counts = {
        p.pk: Place.objects.current().subtree(p).filter(level=Level.COMMUNE).count()
        for p in provinces
    }
    province = provinces.get(pk=min(counts, key=lambda pk: abs(counts[pk] - 100)))
    body = Body.objects.create(name="Sở Giáo dục và Đào tạo", place=province)
    user = User.objects.create_user(username="bench-coordinator", password="x")  # noqa: S106
    RoleAssignment.objects.create(user=user, role=Role.PROVINCE_COORDINATOR, place=province)
    user = User.objects.get(pk=user.pk)
    periods = {}
    for scope in ("province", "nation"):
        report_type = ReportType.objects.create(
            name=f"Báo cáo kết quả xây dựng xã hội học tập ({scope})", place=province,
            receiver_body=body, reporter_level=Level.COMMUNE, due_day=11, due_month=12,
        )  # fmt: skip
        for order, title in enumerate(["Kết quả thực hiện", "Khó khăn, vướng mắc"], start=1):
            ReportSection.objects.create(
                report_type=report_type, order=order, kind=ReportSection.Kind.NARRATIVE,
                title=title, guidance="Nêu kết quả nổi bật trong năm.",
            )  # fmt: skip
        table = ReportSection.objects.create(
            report_type=report_type, order=3, kind=ReportSection.Kind.TABLE, title="Số liệu"
        )
        for order in range(1, ROWS + 1):
            TableRow.objects.create(
                section=table, order=order, label=f"Chỉ tiêu {order}", unit="hộ"
            )
        periods[scope] = open_period(actor=user, report_type=report_type, year=YEAR)
    nation = periods["nation"]
    rows = list(TableRow.objects.filter(section__report_type=nation.report_type))
    taken = set(nation.submissions.values_list("reporter_place_id", flat=True))
    others = Place.objects.current().filter(level=Level.COMMUNE).exclude(pk__in=taken)
    new = Submission.objects.bulk_create(
        [Submission(period=nation, reporter_place=c, place=c) for c in others], batch_size=500
    )
    Figure.objects.bulk_create(
        [Figure(submission=s, row=r) for s in new for r in rows], batch_size=2000
    )
    moment = timezone.now()
    for period in periods.values():
        sections = list(period.report_type.sections.filter(kind=ReportSection.Kind.NARRATIVE))
        submissions = list(period.submissions.all())
        Answer.objects.bulk_create(
            [
                Answer(submission=s, section=section,
                       text=f"Xã đã tổ chức {s.pk % 17 + 3} lớp học cộng đồng và tuyên truyền.")
                for s in submissions for section in sections
            ],
            batch_size=2000,
        )  # fmt: skip
        figures = list(Figure.objects.filter(submission__period=period))
        for figure in figures:
            figure.value = Decimal((figure.submission_id * 7 + figure.row_id * 13) % 900 + 10)
        Figure.objects.bulk_update(figures, ["value"], batch_size=2000)
        period.submissions.update(
            state=Submission.State.ACCEPTED, submitted_at=moment, first_submitted_at=moment,
            decided_at=moment,
        )  # fmt: skip
    per_period = Submission.objects.values("period").annotate(n=Count("id"))
    django_child.emit(
        {
            "province_name": province.name,
            "user": user.pk,
            "body": body.pk,
            "submissions": {str(row["period"]): row["n"] for row in per_period},
        }
    )


def _consolidation(scope: str) -> Any:
    from xhht.accounts.models import Body, User
    from xhht.reporting.models import Consolidation, ReportingPeriod

    period = ReportingPeriod.objects.get(report_type__name__contains=f"({scope})")
    province = period.report_type.place
    return Consolidation.objects.create(
        period=period, place=province, issuing_body=Body.objects.get(),
        parent_body_name=f"UBND {province.name}", number="15/BC-SGDĐT",
        place_name=province.name, issued_on=datetime.date(YEAR, 12, 15),
        title=f"Kết quả xây dựng xã hội học tập năm {YEAR}",
        recipients="Bộ Giáo dục và Đào tạo\nUBND tỉnh\nLưu: VT", signer_title="Giám đốc",
        signer_name="Nguyễn Văn A", created_by=User.objects.get(),
    )  # fmt: skip


def _baseline(consolidation: Any, top_path: str) -> tuple[float, dict[int, Decimal]]:
    import time

    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT f.row_id, SUM(f.value) FROM reporting_figure f "
            "JOIN reporting_submission s ON s.id = f.submission_id "
            "JOIN places_place p ON p.id = s.place_id "
            "WHERE s.period_id = %s AND s.state = 'accepted' AND p.path LIKE %s "
            "GROUP BY f.row_id",
            [consolidation.period_id, top_path + "%"],
        )
        sums = {int(row): Decimal(total) for row, total in cursor.fetchall()}
    return time.perf_counter() - started, sums


def consolidate(scope: str) -> None:
    from django.core.files.base import ContentFile
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from xhht.places.models import Place
    from xhht.reporting import consolidate, documents

    consolidation = _consolidation(scope)
    times: dict[str, Any] = {}
    if scope == "nation":  # no national place in the model: the whole tree as the top
        consolidation.place = Place(name="Toàn quốc", path="/", depth=0)
    with CaptureQueriesContext(connection) as queries, django_child.timed(times, "gather"):
        data = consolidate.gather(consolidation)
    for kind, write in (("docx", documents.docx_bytes), ("xlsx", documents.xlsx_bytes),
                        ("pdf", documents.pdf_bytes)):  # fmt: skip
        with django_child.timed(times, kind):
            getattr(consolidation, kind).save(f"bench.{kind}", ContentFile(write(data)), False)
    if scope == "province":  # the figure: the function the page runs, as it runs it
        fresh = _consolidation(scope)
        with django_child.timed(times, "seconds"):
            consolidate.build(fresh.pk)
        fresh.refresh_from_db()
        if fresh.state != "done":
            raise SystemExit(f"consolidation failed: {fresh.message}")
    else:
        times["seconds"] = sum(times[k] for k in ("gather", "docx", "xlsx", "pdf"))
        times["seconds_cpu"] = sum(times[f"{k}_cpu"] for k in ("gather", "docx", "xlsx", "pdf"))
    baseline, sums = _baseline(consolidation, consolidation.place.path)
    mine = {
        row.label: row.total for section in data.sections for row in section.rows
    }  # labels are unique
    from xhht.reporting.models import TableRow

    labels = dict(TableRow.objects.values_list("pk", "label"))
    django_child.emit(
        {
            **times,
            "baseline": baseline,
            "accepted": data.accepted,
            "queries": len(queries.captured_queries),
            "sums_equal": {labels[k]: v for k, v in sums.items()} == mine,
        }
    )


def main(argv: list[str]) -> None:
    django_child.setup()
    if argv[0] == "prepare":
        prepare()
    elif argv[0] in {"province", "nation"}:
        consolidate(argv[0])
    else:
        raise SystemExit(f"unknown command {argv[0]!r}")


if __name__ == "__main__":
    main(sys.argv[1:])

"""The consolidated report of a period: narratives gathered per section, figures summed up the
tree, written to DOCX, XLSX and PDF in the background while a progress row tells the page.

The background is a ``jobs`` job (``run_consolidation``): the web process's thread, a
``run_jobs`` worker, or inline under tests; when its process dies the job is failed
(``jobs.runner.recover``) and ``refreshed`` tells the consolidation's page.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from xhht.accounts.models import User
from xhht.audit.actions import record_step
from xhht.jobs import runner
from xhht.jobs.models import Job
from xhht.places.models import Place
from xhht.reporting import documents
from xhht.reporting.access import acts_at
from xhht.reporting.models import Consolidation, ReportSection, Submission
from xhht.reporting.rates import PeriodRates, level_label, period_rates

logger = logging.getLogger(__name__)
CONSOLIDATE_FUNCTION = "xhht.reporting.consolidate.run_consolidation"


@dataclass
class RowTotal:
    label: str
    unit: str
    total: Decimal = Decimal(0)
    by_level: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    by_unit: dict[str, Decimal] = field(default_factory=lambda: defaultdict(Decimal))


@dataclass
class SectionData:
    number: int
    section: ReportSection
    narratives: list[tuple[str, str]] = field(default_factory=list)
    rows: list[RowTotal] = field(default_factory=list)


@dataclass
class Consolidated:
    consolidation: Consolidation
    sections: list[SectionData]
    levels: list[str]
    units: list[str]
    rates: PeriodRates
    accepted: int


def unit_of(submission: Submission, top: Place, names: dict[int, str] | None = None) -> str:
    """The column a report is summed into: a body, or the child of ``top`` it lies under
    (its name from ``names``, child id → name, when given: one query for all reports)."""
    if submission.reporter_body is not None:
        return submission.reporter_body.name
    place = submission.place
    if place.pk == top.pk:
        return place.name
    child_id = place.child_id_under(top)
    if child_id == place.pk:
        return place.name
    if names is not None and child_id in names:
        return names[child_id]
    return Place.objects.get(pk=child_id).name


def gather(consolidation: Consolidation) -> Consolidated:
    """Accepted reports of the period under the consolidation's place, section by section."""
    period, top = consolidation.period, consolidation.place
    submissions = list(
        period.submissions.filter(state=Submission.State.ACCEPTED, place__path__startswith=top.path)
        .select_related("reporter_body", "reporter_place", "place")
        .prefetch_related("answers", "figures")
        .order_by("reporter_body__name", "place__sort_key")
    )
    sections = list(period.report_type.sections.prefetch_related("rows"))
    children = {
        s.place.child_id_under(top)
        for s in submissions
        if s.reporter_body_id is None and s.place.pk != top.pk
    }
    names = dict(Place.objects.filter(pk__in=children).values_list("pk", "name"))
    columns = {s.pk: (level_label(s), unit_of(s, top, names)) for s in submissions}
    levels: list[str] = []
    units: list[str] = []
    data = []
    for number, section in enumerate(sections, start=1):
        item = SectionData(number=number, section=section)
        rows = {row.pk: RowTotal(label=row.label, unit=row.unit) for row in section.rows.all()}
        for submission in submissions:
            level, unit = columns[submission.pk]
            levels += [level] if level not in levels else []
            units += [unit] if unit not in units else []
            for answer in submission.answers.all():
                if answer.section_id == section.pk and answer.text.strip():
                    item.narratives.append((submission.reporter_name(), answer.text.strip()))
            for figure in submission.figures.all():
                total = rows.get(figure.row_id)
                if total is not None and figure.value is not None:
                    total.total += figure.value
                    total.by_level[level] += figure.value
                    total.by_unit[unit] += figure.value
        item.rows = list(rows.values())
        data.append(item)
    return Consolidated(
        consolidation=consolidation,
        sections=data,
        levels=levels,
        units=units,
        rates=period_rates(period),
        accepted=len(submissions),
    )


def _progress(consolidation: Consolidation, percent: int, message: str) -> None:
    Consolidation.objects.filter(pk=consolidation.pk).update(
        progress=percent, message=message, state=Consolidation.State.RUNNING
    )


def build(consolidation_id: int) -> None:
    """Write the three files, reporting progress on the row; a failure is shown, not raised."""
    consolidation = Consolidation.objects.select_related(
        "period__report_type", "place", "issuing_body"
    ).get(pk=consolidation_id)
    try:
        _progress(consolidation, 10, _("Đang tổng hợp số liệu…"))
        data = gather(consolidation)
        stem = f"bao-cao-tong-hop-{consolidation.pk}"
        _progress(consolidation, 40, _("Đang tạo tệp DOCX…"))
        consolidation.docx.save(f"{stem}.docx", ContentFile(documents.docx_bytes(data)), False)
        _progress(consolidation, 60, _("Đang tạo tệp XLSX…"))
        consolidation.xlsx.save(f"{stem}.xlsx", ContentFile(documents.xlsx_bytes(data)), False)
        _progress(consolidation, 80, _("Đang tạo tệp PDF…"))
        consolidation.pdf.save(f"{stem}.pdf", ContentFile(documents.pdf_bytes(data)), False)
        Consolidation.objects.filter(pk=consolidation.pk).update(
            docx=consolidation.docx.name,
            xlsx=consolidation.xlsx.name,
            pdf=consolidation.pdf.name,
            progress=100,
            state=Consolidation.State.DONE,
            message=_("Đã tổng hợp %(n)s báo cáo đã tiếp nhận.") % {"n": data.accepted},
        )
    except Exception:
        logger.exception("consolidation %s failed", consolidation_id)
        Consolidation.objects.filter(pk=consolidation.pk).update(
            state=Consolidation.State.FAILED,
            message=_("Không tạo được báo cáo tổng hợp. Hãy thử lại hoặc báo quản trị viên."),
        )


def run_consolidation(job: Job, *, consolidation: int) -> dict[str, int]:
    """The job: build the consolidation (which shows its own progress and failure)."""
    build(consolidation)
    return {"consolidation": consolidation}


def refreshed(consolidation: Consolidation) -> Consolidation:
    """The consolidation as its page should show it: failed if its job's process died."""
    if consolidation.state not in {Consolidation.State.PENDING, Consolidation.State.RUNNING}:
        return consolidation
    job = Job.objects.filter(
        function=CONSOLIDATE_FUNCTION, arguments__consolidation=consolidation.pk
    ).first()
    if job is not None and runner.refreshed(job).state == Job.State.FAILED:
        Consolidation.objects.filter(
            pk=consolidation.pk,
            state__in=[Consolidation.State.PENDING, Consolidation.State.RUNNING],
        ).update(state=Consolidation.State.FAILED, message=job.message[:300])
        consolidation.refresh_from_db()
    return consolidation


def start(*, actor: User, consolidation: Consolidation) -> Consolidation:
    """Save the request and build it as a background job (at once under tests)."""
    if not acts_at(actor, "receive_reports", consolidation.place):
        raise PermissionDenied
    with transaction.atomic():
        consolidation.created_by = actor
        consolidation.save()
        record_step(
            actor=actor,
            obj=consolidation,
            step="consolidate",
            place=consolidation.place,
            after={"period": consolidation.period_id},
        )
    job = runner.enqueue(
        function=CONSOLIDATE_FUNCTION,
        arguments={"consolidation": consolidation.pk},
        title=_("Tổng hợp báo cáo %(number)s") % {"number": consolidation.number},
        user=actor,
    )
    runner.start(job)
    consolidation.refresh_from_db()
    return consolidation

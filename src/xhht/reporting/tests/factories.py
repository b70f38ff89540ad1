"""Objects the reporting tests and matrix entries build on (``w.once(key, factory)``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.base import ContentFile

from xhht.places.models import Level
from xhht.reporting import actions, consolidate
from xhht.reporting.actions import open_period
from xhht.reporting.models import (
    Consolidation,
    ReportingPeriod,
    ReportSection,
    ReportType,
    Submission,
    TableRow,
    Task,
    TaskUpdate,
)
from xhht.reporting.tests.helpers import fill_and_submit
from xhht.testing.world import World


def make_task(w: World) -> Task:
    task = Task.objects.create(
        place=w.province,
        group="Tuyên truyền, nâng cao nhận thức",
        text="Đẩy mạnh tuyên truyền về xây dựng xã hội học tập",
        lead_body=w.body,
        deadline_kind=Task.Deadline.QUARTER,
        deadline_quarter=3,
        deadline_year=2020,
    )
    return task


def task_update_with_evidence(w: World) -> TaskUpdate:
    """A progress note on the Sở's task with a stored PDF."""
    update = TaskUpdate(
        task=w.once("task", make_task),
        author=w.body_officer,
        body=w.body,
        status=Task.Status.IN_PROGRESS,
        note="Đã tổ chức hội nghị.",
        evidence_name="bien-ban.pdf",
        evidence_type="application/pdf",
    )
    update.evidence.save("evidence", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    update.save()
    return update


def make_report_type(w: World) -> ReportType:
    """A yearly report from the Sở and every commune of the province, due 11/12."""
    report_type = ReportType.objects.create(
        name="Báo cáo kết quả xây dựng xã hội học tập",
        place=w.province,
        legal_basis="Kế hoạch số 74/KH-BCĐ ngày 04/5/2024",
        receiver_body=w.body,
        receiver_text="Ủy ban nhân dân thành phố",
        reporter_level=Level.COMMUNE,
        due_day=11,
        due_month=12,
    )
    report_type.reporter_bodies.set([w.body])
    ReportSection.objects.create(
        report_type=report_type,
        order=1,
        kind=ReportSection.Kind.NARRATIVE,
        title="Kết quả thực hiện",
        guidance="Nêu kết quả nổi bật trong năm.",
    )
    table = ReportSection.objects.create(
        report_type=report_type, order=2, kind=ReportSection.Kind.TABLE, title="Số liệu"
    )
    TableRow.objects.create(section=table, order=1, label="Gia đình học tập", unit="hộ")
    TableRow.objects.create(section=table, order=2, label="Lớp tại TTHTCĐ", unit="lớp")
    return report_type


def make_period(w: World) -> ReportingPeriod:
    report_type = w.once("report_type", make_report_type)
    return open_period(
        actor=w.coordinator,
        report_type=report_type,
        year=2023,
        due=datetime.date(2023, 12, 11),
    )


def commune_submission(w: World) -> Submission:
    return w.once("period", make_period).submissions.get(reporter_place=w.commune)


def body_submission(w: World) -> Submission:
    return w.once("period", make_period).submissions.get(reporter_body=w.body)


def unsaved_consolidation(w: World, **fields: Any) -> Consolidation:
    """A consolidation of the world's period by the province's body; ``fields`` override."""
    values: dict[str, Any] = {
        "period": w.once("period", make_period),
        "place": w.province,
        "issuing_body": w.body,
        "parent_body_name": "UBND thành phố Cần Thơ",
        "number": "15/BC-SGDĐT",
        "place_name": "Cần Thơ",
        "issued_on": datetime.date(2023, 5, 15),
        "title": "Kết quả xây dựng xã hội học tập năm 2023",
        "recipients": "Bộ Giáo dục và Đào tạo\nUBND thành phố\nLưu: VT",
        "signer_title": "Giám đốc",
        "signer_name": "Nguyễn Văn A",
    }
    return Consolidation(**{**values, **fields})


def make_consolidation(w: World) -> Consolidation:
    return consolidate.start(actor=w.coordinator, consolidation=unsaved_consolidation(w))


def three_accepted_reports(w: World) -> ReportingPeriod:
    """Two communes and one body report (values 120/4, 80/3, 1500/0), all accepted: the period."""
    period = w.once("period", make_period)
    for submission, user, values in [
        (commune_submission(w), w.commune_officer, [120, 4]),
        (period.submissions.get(reporter_place=w.other_commune), w.other_officer, [80, 3]),
        (body_submission(w), w.body_officer, [1500, 0]),
    ]:
        fill_and_submit(submission, user, values)
        actions.accept(actor=w.coordinator, submission=submission)
    return period

"""Campaigns through the reporting regime (registered with ``centres.campaigns`` when the app is
ready; centres sits below reporting and never imports it).

Opening a campaign opens a period of a report type of its own ("Báo cáo kết quả <campaign>", at
the campaign's place, every commune under it reporting, yearly for the campaign's year): the
communes' reports then appear in the regime's pages, with completeness and timeliness, beside
the other reports. A commune that sends its campaign report (the campaign's phone form) has it
copied into its report of that period, which is sent too. A body's campaign report stays in the
campaign only: the report type names no reporting bodies.
"""

from __future__ import annotations

from decimal import Decimal

from xhht.accounts.models import User
from xhht.centres.models import Campaign, CampaignActivity
from xhht.places.models import Level
from xhht.reporting.actions import FigureInput, save_report, start_period, submit
from xhht.reporting.models import ReportingPeriod, ReportSection, ReportType, Submission, TableRow

ACTIVITIES = "Các hoạt động đã tổ chức"
PARTICIPANTS = "Số người tham gia"
CLASSES = "Số lớp học, hoạt động"


def report_type_name(campaign: Campaign) -> str:
    return f"Báo cáo kết quả {campaign.name}"


def period_of(campaign: Campaign) -> ReportingPeriod | None:
    """The campaign's period of the regime (found by its report type's name and place)."""
    return (
        ReportingPeriod.objects.filter(
            report_type__place=campaign.place,
            report_type__name=report_type_name(campaign),
            year=campaign.year,
        )
        .select_related("report_type")
        .first()
    )


def open_campaign_period(campaign: Campaign, user: User) -> None:
    """A report type for the campaign (made once) and its period for the campaign's year."""
    if campaign.place.level == Level.COMMUNE or period_of(campaign) is not None:
        return  # a commune's own event has no commune under it to report
    report_type = ReportType.objects.create(
        name=report_type_name(campaign),
        place=campaign.place,
        legal_basis=f"{campaign.get_kind_display()} năm {campaign.year}",
        reporter_level=Level.COMMUNE,
    )  # the regime's default cut-off and due dates: the province changes them on the type
    ReportSection.objects.create(
        report_type=report_type, order=1, kind=ReportSection.Kind.NARRATIVE, title=ACTIVITIES
    )
    table = ReportSection.objects.create(
        report_type=report_type, order=2, kind=ReportSection.Kind.TABLE, title="Số liệu"
    )
    TableRow.objects.create(section=table, order=1, label=PARTICIPANTS, unit="người")
    TableRow.objects.create(section=table, order=2, label=CLASSES, unit="lớp")
    start_period(actor=user, report_type=report_type, year=campaign.year)


def send_campaign_report(report: CampaignActivity, user: User) -> None:
    """Copy a commune's sent campaign report into its report of the campaign's period, and
    send that one (if it may still be changed)."""
    period = period_of(report.campaign)
    if period is None or report.place_id is None:
        return
    submission = Submission.objects.filter(period=period, reporter_place=report.place).first()
    if submission is None or not submission.is_editable:
        return
    sections = {s.title: s.pk for s in period.report_type.sections.all()}
    rows = {
        r.label: r.pk
        for r in TableRow.objects.filter(section__report_type_id=period.report_type_id)
    }
    save_report(
        actor=user,
        submission=submission,
        answers={sections[ACTIVITIES]: report.description},
        figures={
            rows[PARTICIPANTS]: FigureInput(Decimal(report.participants)),
            rows[CLASSES]: FigureInput(Decimal(report.classes.count())),
        },
    )
    submit(actor=user, submission=submission)

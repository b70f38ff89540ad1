"""Campaigns: a place opens one for a year (the lifelong-learning week, the book and reading day,
its own); each commune under it and each body at or under it reports what it did; the place sees
who reported and downloads the consolidated report (``campaigns_docx``).

Who may do what: opening and reading the consolidated report need ``RECEIVE_REPORTS`` through a
place role over the campaign's place (the province coordinator for a province's week); a commune's
report is filed through a place role with ``REPORT`` over the commune (its officer), a body's
only by that body's own officers (a role held at the body), as the reporting regime does.

The campaign's reports are kept here (``CampaignActivity``). The reporting app, above this
one, registers ``register_regime_hooks`` when it is ready: opening a campaign then opens a
period of the regime (its reports appear in the regime's pages) and a sent report is copied
into the commune's report of that period, in the same transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, acting_scope, path_under
from xhht.accounts.models import Body, User
from xhht.audit.actions import record_step
from xhht.centres.models import Campaign, CampaignActivity, LearningClass
from xhht.core.workflow import StepRefused
from xhht.places.models import Level, Place

#: The levels that open a campaign (a province's week, a commune's own event).
OPENING_LEVELS = (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)
#: The most classes one report links (a commune's classes of the campaign's weeks).
MAX_LINKED_CLASSES = 200


#: The reporting regime's side (``reporting.campaigns``): called when a campaign opens and
#: when a report is sent, inside the action's transaction.
OpenedHook = Callable[[Campaign, User], None]
SentHook = Callable[[CampaignActivity, User], None]
_opened: list[OpenedHook] = []
_sent: list[SentHook] = []


def register_regime_hooks(*, opened: OpenedHook, sent: SentHook) -> None:
    if opened not in _opened:
        _opened.append(opened)
    if sent not in _sent:
        _sent.append(sent)


@dataclass(frozen=True)
class Reporter:
    """Who files a campaign report: a commune (``place``) or a body."""

    place: Place | None = None
    body: Body | None = None

    @property
    def name(self) -> str:
        return str(self.place or self.body)

    @property
    def query(self) -> str:
        """The report form's query string for this reporter."""
        return f"place={self.place.pk}" if self.place else f"body={self.body.pk}"  # type: ignore[union-attr]  # a body when no place


def may_receive(user: User, campaign: Campaign) -> bool:
    """Whether ``user`` receives the campaign's reports (a place role over its place)."""
    prefixes, _bodies = acting_scope(user, Capability.RECEIVE_REPORTS)
    return path_under(campaign.place.path, prefixes)


def expected_communes(campaign: Campaign) -> list[Place]:
    """The current communes under the campaign's place (the place itself when a commune)."""
    if campaign.place.level == Level.COMMUNE:
        return [campaign.place]
    communes = Place.objects.subtree(campaign.place).current().filter(level=Level.COMMUNE)
    return list(communes.by_name())


def reporters_for(user: User, campaign: Campaign) -> list[Reporter]:
    """The communes and bodies ``user`` may file the campaign's report for."""
    prefixes, bodies = acting_scope(user, Capability.REPORT)
    places = [p for p in expected_communes(campaign) if path_under(p.path, prefixes)]
    own_bodies = Body.objects.filter(
        pk__in=bodies, place__path__startswith=campaign.place.path
    ).order_by("name")
    return [Reporter(place=p) for p in places] + [Reporter(body=b) for b in own_bodies]


def reporter_of(
    user: User, campaign: Campaign, *, place_id: int | None, body_id: int | None
) -> Reporter:
    """The reporter chosen by the form's query (``?place=`` or ``?body=``), if ``user`` may
    file for it; else the same refusal as for a reporter that does not exist."""
    for reporter in reporters_for(user, campaign):
        if place_id is not None and reporter.place is not None and reporter.place.pk == place_id:
            return reporter
        if body_id is not None and reporter.body is not None and reporter.body.pk == body_id:
            return reporter
    raise PermissionDenied


def report_of(campaign: Campaign, reporter: Reporter) -> CampaignActivity | None:
    if reporter.place is not None:
        return campaign.activities.filter(place=reporter.place).first()
    return campaign.activities.filter(body=reporter.body).first()


def linkable_classes(campaign: Campaign, reporter: Reporter) -> Iterable[LearningClass]:
    """Classes of the reporter's commune (or of the bodies' organising) in the campaign's year."""
    where = (
        Q(place__path__startswith=reporter.place.path)
        if reporter.place is not None
        else Q(organiser=reporter.body) | Q(partners=reporter.body)
    )
    classes = LearningClass.objects.filter(where, start_date__year=campaign.year)
    return classes.distinct().order_by("-start_date", "id")[:MAX_LINKED_CLASSES]


def received(campaign: Campaign) -> list[CampaignActivity]:
    """The reports sent (drafts are the reporter's own), communes first, then bodies."""
    rows = campaign.activities.exclude(state=CampaignActivity.State.DRAFT).select_related(
        "place", "body"
    )
    return sorted(
        rows.prefetch_related("classes"),
        key=lambda a: (a.place is None, str(a.place.name if a.place else a.body)),
    )


@transaction.atomic
def open_campaign(
    *,
    user: User,
    place: Place,
    kind: str,
    name: str,
    year: int,
    start_date: datetime.date,
    end_date: datetime.date,
) -> Campaign:
    """A place opens a campaign for a year; the places below it then report into it."""
    prefixes, _bodies = acting_scope(user, Capability.RECEIVE_REPORTS)
    if not path_under(place.path, prefixes) or place.level not in OPENING_LEVELS:
        raise PermissionDenied
    if end_date < start_date:
        raise StepRefused(_("Ngày kết thúc không được trước ngày bắt đầu."))
    if start_date.year != year:
        raise StepRefused(_("Đợt hưởng ứng phải bắt đầu trong năm %(year)s.") % {"year": year})
    campaign = Campaign.objects.create(
        kind=kind, name=name, year=year, place=place, start_date=start_date, end_date=end_date
    )
    record_step(actor=user, obj=campaign, step="open_campaign", place=place)
    for hook in _opened:
        hook(campaign, user)
    return campaign


@transaction.atomic
def save_campaign_report(
    *,
    user: User,
    campaign: Campaign,
    reporter: Reporter,
    description: str,
    participants: int,
    classes: Iterable[LearningClass],
    submit: bool,
) -> CampaignActivity:
    """Keep what a commune or body did (a draft), or send it (``submit``): one report per
    reporter and campaign, changed until the place accepts it."""
    if reporter not in reporters_for(user, campaign):
        raise PermissionDenied
    report = (
        CampaignActivity.objects.select_for_update()
        .filter(campaign=campaign, place=reporter.place, body=reporter.body)
        .first()
    )
    if report is not None and report.state == CampaignActivity.State.ACCEPTED:
        raise StepRefused(_("Báo cáo đã được tiếp nhận, không sửa được nữa."))
    if submit and not description.strip():
        raise StepRefused(_("Hãy ghi các hoạt động đã tổ chức trước khi gửi."))
    if report is None:
        report = CampaignActivity(campaign=campaign, place=reporter.place, body=reporter.body)
    report.description = description.strip()
    report.participants = participants
    if submit:
        report.state = CampaignActivity.State.SUBMITTED
        report.submitted_at = timezone.now()
    report.save()
    allowed = {c.pk for c in linkable_classes(campaign, reporter)}
    chosen = [c for c in classes if c.pk in allowed]
    report.classes.set(chosen)
    record_step(
        actor=user,
        obj=report,
        step="submit_campaign_report" if submit else "save_campaign_report",
        place=report.audit_place(),
        after={"participants": participants, "classes": len(chosen)},
    )
    if submit:
        for hook in _sent:
            hook(report, user)
    return report

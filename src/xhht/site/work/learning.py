"""Classes, learning entries and citizens' requests to confirm, and resources to curate."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from xhht.accounts.access import (
    Capability,
    can,
)
from xhht.accounts.models import User
from xhht.centres.models import LearningClass, LearningEntry
from xhht.centres.record import CONFIRM_CAPABILITY
from xhht.centres.record_access import pending_entries
from xhht.citizens.access import pending_claims
from xhht.citizens.actions import CONFIRM_CAPABILITY as CLAIM_CAPABILITY
from xhht.citizens.corrections import pending_for as pending_corrections
from xhht.resources.models import Resource
from xhht.site.work.lists import SHOWN, Entry, WorkList


def class_list(user: User) -> WorkList | None:
    """Who runs classes (a centre's officer, a commune's): the open and planned classes of their
    places, the earliest first."""
    if not can(user, Capability.MANAGE_CLASSES):
        return None
    running = LearningClass.objects.visible_to(user, Capability.MANAGE_CLASSES).filter(
        status__in=[LearningClass.Status.OPEN, LearningClass.Status.PLANNED]
    )
    count = running.count()
    if not count:
        return None
    rows = (
        running.select_related("centre", "place")
        .annotate(people=Count("participations"))
        .order_by("start_date", "pk")[:SHOWN]
    )
    entries = [
        Entry(
            text=c.title,
            url=reverse("centres:class_detail", args=[c.pk]),
            note=(
                _("%(where)s · %(n)s học viên · từ %(day)s")
                if c.status == LearningClass.Status.OPEN
                else _("%(where)s · %(n)s học viên · dự kiến từ %(day)s")
            )
            % {
                "where": c.centre.name if c.centre else c.place.name,
                "n": c.people,
                "day": c.start_date.strftime("%d/%m/%Y"),
            },
        )
        for c in rows
    ]
    return WorkList("classes", _("Lớp học đang mở"), count, entries, reverse("centres:class_list"))


def learning_to_confirm(user: User) -> WorkList | None:
    """Self-declared learning waiting for a confirmation the user may give, the oldest first."""
    if not can(user, CONFIRM_CAPABILITY):
        return None
    waiting = LearningEntry.objects.filter(pending_entries(user))
    count = waiting.count()
    if not count:
        return None
    entries = [
        Entry(
            text=f"{e.title} · {e.person.full_name}",
            url=reverse("centres:person_record", args=[e.person_id]),
            note=f"{e.get_kind_display()} · {e.year}",
        )
        for e in waiting.select_related("person").order_by("created_at", "pk")[:SHOWN]
    ]
    more = reverse("centres:record_queue")
    return WorkList("learning", _("Học tập tự khai chờ xác nhận"), count, entries, more)


def resources_to_curate(user: User) -> WorkList | None:
    """The province's curator: the resources submitted for publication in the province (one
    count; the titles are on the curator's queue)."""
    if not can(user, Capability.CURATE_RESOURCES):
        return None
    count = (
        Resource.objects.visible_to(user, Capability.CURATE_RESOURCES)
        .filter(state=Resource.State.SUBMITTED)
        .count()
    )
    if not count:
        return None
    return WorkList("resources", _("Học liệu chờ duyệt"), count, [], reverse("resources:queue"))


def citizen_requests(user: User) -> list[WorkList]:
    """Citizens' claims of their records waiting for the user's confirmation (the oldest
    first), and their requests to correct their data."""
    if not can(user, CLAIM_CAPABILITY):
        return []
    lists = []
    waiting = pending_claims(user)
    count = waiting.count()
    if count:
        entries = [
            Entry(
                text=c.full_name,
                url=reverse("citizens:claim_detail", args=[c.pk]),
                note=c.birth_date.strftime("%d/%m/%Y"),
            )
            for c in waiting.order_by("created_at", "pk")[:SHOWN]
        ]
        title = _("Công dân chờ xác nhận tài khoản")
        lists.append(WorkList("claims", title, count, entries, reverse("citizens:claim_queue")))
    corrections = pending_corrections(user)
    count = corrections.count()
    if count:
        entries = [
            Entry(
                text=f"{c.person.full_name} · {c.get_field_display()}",
                url=reverse("citizens:correction_detail", args=[c.pk]),
            )
            for c in corrections.select_related("person").order_by("created_at", "pk")[:SHOWN]
        ]
        more = reverse("citizens:correction_queue")
        title = _("Đề nghị sửa thông tin chờ xử lý")
        lists.append(WorkList("corrections", title, count, entries, more))
    return lists

"""The yearly membership figures: per branch and per level (province, district, commune, hamlet
or unit), computed from the member list, or the totals a branch that keeps no list entered.

For a year Y: members at the year's end joined on or before 31/12/Y and had not left by then;
joined and left count the join and leaving dates in Y. Two queries whatever the number of
branches: one GROUP BY over the members, one for the entered figures of the year.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from xhht.association.models import Branch, Member, MembershipFigure
from xhht.core.sheet_writing import INTEGER, Column, Sheet
from xhht.places.models import Level


@dataclass
class BranchFigure:
    branch: Branch
    members: int = 0
    joined: int = 0
    left: int = 0
    #: The totals were entered (a branch that keeps no member list).
    entered: bool = False
    #: A branch that keeps totals has entered nothing for the year.
    missing: bool = False


@dataclass
class LevelTotal:
    level: str
    label: str
    branches: int = 0
    members: int = 0
    joined: int = 0
    left: int = 0
    entered_branches: int = 0
    rows: list[BranchFigure] = field(default_factory=list)


def year_figures(branches: QuerySet[Branch], year: int) -> list[BranchFigure]:
    """Each branch's figures for ``year`` (branches founded after it or dissolved before are
    left out), in the order of ``branches``."""
    end = datetime.date(year, 12, 31)
    start = datetime.date(year, 1, 1)
    existing = branches.filter(
        Q(founded_on__isnull=True) | Q(founded_on__lte=end),
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=start),
    ).select_related("place")
    rows = [BranchFigure(branch=branch) for branch in existing]
    ids = [row.branch.pk for row in rows]
    counted = (
        Member.objects.filter(branch_id__in=ids)
        .order_by()
        .values("branch_id")
        .annotate(
            members=Count(
                "pk", filter=Q(joined_on__lte=end) & (Q(left_on__isnull=True) | Q(left_on__gt=end))
            ),
            joined=Count("pk", filter=Q(joined_on__year=year)),
            left=Count("pk", filter=Q(left_on__year=year)),
        )
    )
    by_branch = {row["branch_id"]: row for row in counted}
    entered = {
        figure.branch_id: figure
        for figure in MembershipFigure.objects.filter(branch_id__in=ids, year=year)
    }
    for row in rows:
        if row.branch.keeps_totals:
            figure = entered.get(row.branch.pk)
            row.entered = True
            if figure is None:
                row.missing = True
            else:
                row.members, row.joined, row.left = figure.members, figure.joined, figure.left
        else:
            found = by_branch.get(row.branch.pk)
            if found is not None:
                row.members, row.joined, row.left = (
                    found["members"],
                    found["joined"],
                    found["left"],
                )
    return rows


LEVEL_ORDER = (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE, Level.HAMLET)


def level_totals(rows: Iterable[BranchFigure]) -> list[LevelTotal]:
    """The figures summed per level of the branches' places (province first)."""
    labels = dict(Level.choices)
    totals: dict[str, LevelTotal] = {
        level: LevelTotal(level=level, label=str(labels[level])) for level in LEVEL_ORDER
    }
    for row in rows:
        total = totals[row.branch.place.level]
        total.rows.append(row)
        total.branches += 1
        total.members += row.members
        total.joined += row.joined
        total.left += row.left
        total.entered_branches += int(row.entered and not row.missing)
    return [total for total in totals.values() if total.branches]


def grand_total(levels: Sequence[LevelTotal]) -> LevelTotal:
    total = LevelTotal(level="", label=_("Tổng cộng"))
    for level in levels:
        total.branches += level.branches
        total.members += level.members
        total.joined += level.joined
        total.left += level.left
        total.entered_branches += level.entered_branches
    return total


def figures_sheet(rows: Sequence[BranchFigure], year: int, where: str) -> list[Sheet]:
    """The year's figures as XLSX: one sheet per branch, one per level with the total."""
    entered_mark = _("Số đã nhập")
    computed_mark = _("Tính từ danh sách")
    branch_rows = [
        (
            row.branch.name,
            row.branch.get_kind_display(),
            row.branch.place.name,
            "" if row.missing else row.members,
            "" if row.missing else row.joined,
            "" if row.missing else row.left,
            _("Chưa nhập") if row.missing else entered_mark if row.entered else computed_mark,
        )
        for row in rows
    ]
    levels = level_totals(rows)
    total = grand_total(levels)
    level_rows = [
        (level.label, level.branches, level.members, level.joined, level.left)
        for level in [*levels, total]
    ]
    title = _("Số liệu hội viên Hội Khuyến học năm %(year)s%(where)s") % {
        "year": year,
        "where": where,
    }
    return [
        Sheet(
            name=_("Theo chi hội"),
            title=title,
            columns=[
                Column(_("Chi hội, hội"), width=40),
                Column(_("Loại"), width=24),
                Column(_("Địa bàn"), width=24),
                Column(_("Hội viên cuối năm"), width=14, number_format=INTEGER),
                Column(_("Vào hội trong năm"), width=14, number_format=INTEGER),
                Column(_("Ra khỏi hội trong năm"), width=14, number_format=INTEGER),
                Column(_("Nguồn số liệu"), width=20),
            ],
            rows=branch_rows,
        ),
        Sheet(
            name=_("Theo cấp"),
            title=title,
            columns=[
                Column(_("Cấp"), width=30),
                Column(_("Số chi hội, hội"), width=14, number_format=INTEGER),
                Column(_("Hội viên cuối năm"), width=14, number_format=INTEGER),
                Column(_("Vào hội trong năm"), width=14, number_format=INTEGER),
                Column(_("Ra khỏi hội trong năm"), width=14, number_format=INTEGER),
            ],
            rows=level_rows,
        ),
    ]

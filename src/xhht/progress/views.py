"""Progress dashboards (reading the kept counts only), the catalogue and entered values."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from xhht.accounts.access import (
    Capability,
    can,
    get_place_for_user,
    home_place,
    path_under,
    require,
    scope_paths,
)
from xhht.core.downloads import attach, file_name
from xhht.core.http import user_of, xlsx_response
from xhht.core.sheets import (
    DECIMAL,
    INTEGER,
    PERCENT,
    Column,
    Formatted,
    Sheet,
    workbook_bytes,
)
from xhht.indicators.actions import EntryError, record_value
from xhht.indicators.models import EnteredValue, Indicator
from xhht.places.models import Level, Place
from xhht.plans.models import Plan
from xhht.progress import cached
from xhht.progress.figures import (
    ProgressRow,
    children_figures,
    heat_class,
    plan_progress,
    plans_for,
    vi_number,
    vi_percent,
)
from xhht.progress.forms import EnteredValueForm
from xhht.progress.geo import boundary_map_for, legend
from xhht.progress.learning import learning_figures


@require_safe
@login_required
def catalogue(request: HttpRequest) -> HttpResponse:
    require(user_of(request), Capability.VIEW)
    indicators = Indicator.objects.select_related("part_of", "province")
    return render(request, "indicators/catalogue.html", {"indicators": indicators})


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The dashboard of the user's highest place (a national user picks a province)."""
    user = user_of(request)
    require(user, Capability.VIEW)
    start = home_place(user)
    if start is not None:
        return redirect("progress:dashboard", pk=start.pk)
    provinces = Place.objects.current().filter(level=Level.PROVINCE).by_name()
    return render(request, "indicators/home.html", {"provinces": provinces})


@dataclass
class Dashboard:
    place: Place
    plans: list[Plan]
    plan: Plan | None
    year: int
    rows: list[ProgressRow]
    focus: ProgressRow | None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isascii() and value.isdigit() else None


def choose(request: HttpRequest, plans: list[Plan]) -> tuple[Plan | None, int]:
    """The plan asked for (else the first) and the year asked for (else this year, within the
    plan's period); 404 for a year no plan can have."""
    wanted = _int(request.GET.get("plan"))
    plan = next((p for p in plans if p.pk == wanted), plans[0] if plans else None)
    this_year = timezone.localdate().year
    default_year = min(max(this_year, plan.period_start), plan.period_end) if plan else this_year
    year = _int(request.GET.get("year")) or default_year
    if not 2000 <= year <= 2100:
        raise Http404
    return plan, year


def build_dashboard(
    request: HttpRequest, place: Place, plans: list[Plan] | None = None
) -> Dashboard:
    plans = plans_for(place) if plans is None else plans
    plan, year = choose(request, plans)
    rows = plan_progress(plan, place, year) if plan else []
    code = request.GET.get("indicator")
    with_data = [r for r in rows if r.actual.rate is not None and r.actual.denominator != 0]
    default = with_data[0] if with_data else (rows[0] if rows else None)
    focus = next((r for r in rows if r.indicator.code == code), default)
    return Dashboard(place, plans, plan, year, rows, focus)


def _chart(board: Dashboard) -> dict[str, Any]:
    """The bars (every indicator, full names: the script wraps them) and the trend of the
    indicator in focus over the plan's years, with the plan's targets where it sets one."""
    rows = board.rows
    chart: dict[str, Any] = {
        "labels": [r.indicator.name for r in rows],
        "actual": [r.actual.rate for r in rows],
        "target": [
            None if r.target.value is None or r.target.kind != "percent" else float(r.target.value)
            for r in rows
        ],
    }
    if board.focus is not None and board.plan is not None:
        targets = {
            t.year: float(t.value)
            for t in board.plan.targets.filter(indicator=board.focus.indicator, kind="percent")
            if t.value is not None
        }
        chart["trend"] = {
            "name": board.focus.indicator.name,
            "years": [y for y, _rate in board.focus.trend],
            "actual": [rate for _y, rate in board.focus.trend],
            "target": [targets.get(y) for y, _rate in board.focus.trend],
        }
    return chart


def tables_key(board: Dashboard, children: list[dict[str, Any]], has_map: bool) -> str:
    """Everything the two tables of the dashboard show, hashed: the key of their cached HTML.

    Rendering 100-odd communes' rows is most of the page's time; the queries are not. The key
    is computed from the figures just read, so a recognition changes the key and the next
    request renders the new figures: nothing is ever invalidated, old entries simply age out
    of each worker's local cache.
    """
    rows = [
        (
            r.target.pk,
            r.target.year,
            r.target.kind,
            r.target.value,
            r.target.parent_id,
            r.indicator.code,
            r.indicator.name,
            r.actual.numerator,
            r.actual.denominator,
            r.actual.rate,
            r.trend,
            r.status,
            r.on_track,
        )
        for r in board.rows
    ]
    places = [
        (
            c["child"].place.pk,
            c["child"].place.name,
            c["child"].actual.numerator,
            c["child"].actual.denominator,
            c["child"].actual.rate,
            c["heat"],
        )
        for c in children
    ]
    focus = board.focus.indicator.code if board.focus else None
    plan = board.plan.pk if board.plan else None
    parts = (get_language(), board.place.pk, plan, board.year, focus, has_map, rows, places)
    return hashlib.sha256(repr(parts).encode()).hexdigest()


@require_safe
@login_required
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress of a place. Its content is cached in the worker under a key made of the
    version of the data it shows (``cached.data_version``: one query), what this user may see
    on it and the language; the browser revalidates it by ETag (a 304 renders nothing)."""
    user = user_of(request)
    place = get_place_for_user(user, pk)
    plans = plans_for(place)
    plan, year = choose(request, plans)
    can_enter = can(user, Capability.MANAGE_PLANS, place)
    # the ancestors this user may open (breadcrumbs), read from the place's path: no query
    ids, prefixes = place.ancestor_ids(), scope_paths(user, Capability.VIEW)
    above = [pk for i, pk in enumerate(ids) if path_under(Place.path_of(ids[: i + 1]), prefixes)]
    scope = (can_enter, place.level == Level.PROVINCE and can_enter, above)
    offered = [(p.pk, str(p), p.title, p.period_start, p.period_end, p.place.name) for p in plans]
    key = cached.page_key(
        "dashboard", place.pk, plan.pk if plan else None, year, request.GET.get("indicator"),
        offered, scope, cached.data_version(place, plan, year),
    )  # fmt: skip
    etag = None if len(messages.get_messages(request)) else cached.etag_for(request, key)
    if etag is not None and (unchanged := cached.not_modified(request, etag)) is not None:
        return unchanged
    page = cache.get(key)
    if page is None:
        ancestors = [a for a in place.ancestors() if a.pk in above]
        page = _content(request, place, plans, ancestors, can_enter)
        cache.set(key, page, PAGE_SECONDS)
    context = {"place": place, "content": mark_safe(page["content"]), **page["flags"]}  # noqa: S308 - our own rendered HTML
    response = render(request, "indicators/dashboard.html", context)
    # computed again: rendering may have made the CSRF secret this browser will send next time
    return cached.private(response, etag and cached.etag_for(request, key))


#: How long a worker keeps a page it rendered (a changed count changes the key before that).
PAGE_SECONDS = 600


def _content(
    request: HttpRequest, place: Place, plans: list[Plan], ancestors: list[Place], can_enter: bool
) -> dict[str, Any]:
    """The dashboard's content (everything inside the site's frame), rendered."""
    board = build_dashboard(request, place, plans)
    children = []
    figures = []
    if board.focus is not None:
        figures = children_figures(board.place, board.focus.indicator, board.year)
        for child in figures:
            rate = child.actual.rate
            children.append({"child": child, "heat": heat_class(rate, board.focus.target.value)})
    has_map = (
        any(f.place.level == Level.COMMUNE for f in figures)
        and boundary_map_for(board.place) is not None
    )
    context = {
        "board": board,
        "children": children,
        "has_map": has_map,
        "legend": legend() if has_map else [],
        "can_upload_map": board.place.level == Level.PROVINCE and can_enter,
        "ancestors": ancestors,
        "chart": _chart(board),
        "can_enter": can_enter,
        "years": range(board.plan.period_start, board.plan.period_end + 1) if board.plan else [],
        "tables_key": tables_key(board, children, has_map),
        "learning": learning_figures(board.place),
    }
    content = render_to_string("indicators/_dashboard_content.html", context)
    flags = {"has_map": has_map, "has_plan": board.plan is not None}
    return {"content": content, "flags": {**flags, "tables_key": context["tables_key"]}}


def _sheet(board: Dashboard) -> Sheet:
    """The dashboard's table as a sheet: rates as percentages, counts as numbers."""
    columns = [
        Column(_("Chỉ tiêu"), width=48),
        Column(_("Năm"), width=8),
        Column(_("Kế hoạch"), width=14),
        Column(_("Số đạt"), width=12, number_format=INTEGER),
        Column(_("Tổng số"), width=12, number_format=INTEGER),
        Column(_("Thực hiện"), width=12, number_format=PERCENT),
        Column(_("Còn thiếu"), width=12, number_format="#,##0.0#"),
        Column(_("Đơn vị của số còn thiếu"), width=14),
        Column(_("Đánh giá"), width=20),
    ]
    rows = [
        [
            r.indicator.name,
            r.target.year,
            _target_cell(r),
            r.actual.numerator,
            r.actual.denominator,
            None if r.actual.rate is None else r.actual.rate / 100,
            r.gap,
            r.gap_unit if r.gap is not None else "",
            r.status,
        ]
        for r in board.rows
    ]
    title = _("Tiến độ thực hiện: %(plan)s — %(place)s — năm %(year)s — ngày %(day)s") % {
        "plan": board.plan.title if board.plan else "",
        "place": board.place.name,
        "year": board.year,
        "day": timezone.localdate().strftime("%d/%m/%Y"),
    }
    return Sheet(_("Tiến độ"), columns, rows, title=title)


def _target_cell(row: ProgressRow) -> Any:
    """A percentage as a percentage, a count as a number, the other kinds in words."""
    value = row.target.value
    if value is not None and row.target.kind == "percent":
        return Formatted(float(value) / 100, PERCENT)
    if value is not None and row.target.kind == "count":
        return Formatted(float(value), DECIMAL)
    return row.target.get_kind_display()


def _table(rows: list[ProgressRow]) -> tuple[list[str], list[list[Any]]]:
    headers = [
        _("Chỉ tiêu"),
        _("Năm"),
        _("Chỉ tiêu kế hoạch"),
        _("Số đạt"),
        _("Tổng số"),
        _("Thực hiện"),
        _("Còn thiếu"),
        _("Đánh giá"),
    ]
    body = [
        [
            r.indicator.name,
            r.target.year,
            vi_percent(r.target.value)
            if r.target.kind == "percent"
            else r.target.get_kind_display(),
            r.actual.numerator,
            r.actual.denominator,
            vi_percent(r.actual.rate),
            f"{vi_number(r.gap)} {r.gap_unit}" if r.gap is not None else "—",
            r.status,
        ]
        for r in rows
    ]
    return headers, body


@require_safe
@login_required
def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    board = build_dashboard(request, get_place_for_user(user_of(request), pk))
    content = workbook_bytes([_sheet(board)])
    return xlsx_response(
        content, file_name("tien-do", board.place.name, board.year, extension="xlsx")
    )


@require_safe
@login_required
def export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from weasyprint import HTML

    board = build_dashboard(request, get_place_for_user(user_of(request), pk))
    headers, body = _table(board.rows)
    html = render_to_string(
        "indicators/progress_pdf.html", {"board": board, "headers": headers, "body": body}
    )
    pdf = HTML(string=html).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    return attach(response, file_name("tien-do", board.place.name, board.year, extension="pdf"))


@login_required
@require_http_methods(["GET", "POST"])
def enter_values(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    place = get_place_for_user(user, pk, Capability.MANAGE_PLANS)
    province = place.ancestor_of_level(Level.PROVINCE)
    initial = {"year": _int(request.GET.get("year")) or timezone.localdate().year}
    form = EnteredValueForm(request.POST or None, province=province, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record_value(
                user=user,
                indicator=data["indicator"],
                place=place,
                year=data["year"],
                numerator=data["numerator"],
                denominator=data["denominator"],
                percent=data["percent"],
                source_note=data["source_note"],
            )
        except EntryError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã lưu số liệu."))
            return redirect(f"{request.path}?year={data['year']}")
    values = (
        EnteredValue.objects.filter(place=place)
        .select_related("indicator", "recorded_by")
        .order_by("-year", "indicator__order")[:200]
    )
    return render(
        request, "indicators/enter.html", {"place": place, "form": form, "values": values}
    )

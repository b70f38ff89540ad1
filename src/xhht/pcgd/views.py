"""The PCGD–XMC pages: a commune's standards for a school year (each cohort's figures against its
threshold, the level reached and why not the next, with the list of who to visit), the province's
communes × standards and its own level, the province's settings (thresholds the decree does not
give, the province rule, ĐBKK communes), and the commune's statistical tables as XLSX."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from xhht.accounts.access import Capability, can, home_place, require
from xhht.core.downloads import file_name
from xhht.core.http import user_of, xlsx_response
from xhht.core.workflow import StepRefused
from xhht.pcgd import forms_xlsx, province_settings, recognition, reports, rules_actions
from xhht.pcgd.access import communes_for, get_commune_for_user, get_province_for_user
from xhht.pcgd.models import (
    Dossier,
    Family,
    HardshipCommune,
    ProvinceRule,
    current_school_year,
    school_year_label,
)
from xhht.pcgd.recognition_forms import (
    HardshipForm,
    ProvinceRuleForm,
    SubmitForm,
    ThresholdForm,
)
from xhht.places.models import Level, Place

PAGE_SIZE = 50
FIRST_YEAR = 2014


def school_year_param(request: HttpRequest) -> int:
    """``?year=`` (the start year of a school year), else the current school year."""
    current = current_school_year()
    try:
        year = int(request.GET.get("year", current))
    except ValueError:
        return current
    return year if FIRST_YEAR <= year <= current + 1 else current


def _year_choices(year: int) -> list[tuple[int, str]]:
    current = current_school_year()
    return [(y, school_year_label(y)) for y in range(current + 1, max(FIRST_YEAR, current - 5), -1)]


def visit_list_url(commune_pk: int, year: int, cohort: str) -> str:
    """P2's list of who to visit for the cohort ("" while it is not there)."""
    if not cohort:
        return ""
    try:
        base = reverse("pcgd:lists", args=[commune_pk])
    except NoReverseMatch:
        return ""
    return f"{base}?cohort={cohort}&year={year}"


@require_safe
@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Where one's PCGD pages start: one's province, one's commune, or the list of communes."""
    user = user_of(request)
    require(user, Capability.VIEW)
    place = home_place(user)
    if place is not None and place.level == Level.PROVINCE:
        return redirect("pcgd:province", pk=place.pk)
    if place is not None and place.level == Level.COMMUNE:
        return redirect("pcgd:commune", pk=place.pk)
    communes = Paginator(communes_for(user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "pcgd/index.html", {"communes": communes})


@require_safe
@login_required
def commune(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    place = get_commune_for_user(user, pk)
    year = school_year_param(request)
    figures = reports.commune_figures(place, year)
    dossier = Dossier.objects.filter(commune=place, school_year=year).first()
    families = [
        (f, visit_list_url(place.pk, year, f.next.short_cohort) if f.next else "")
        for f in figures.families()
    ]
    allowed = recognition.steps_allowed(user, dossier, place)
    reached = [s for s in figures.standards if s.reached]
    submit_form = SubmitForm(
        initial={"codes": [s.code for s in reached], "version": dossier.version if dossier else 0},
        offered=[(s.code, s.label) for s in reached],
    )
    context = {
        "place": place,
        # The province's page is linked only for who may open it (a commune's officer may not).
        "province": place.parent
        if place.parent is not None and can(user, Capability.VIEW, place.parent)
        else None,
        "year": year,
        "year_label": school_year_label(year),
        "years": _year_choices(year),
        "figures": figures,
        "families": families,
        "dossier": dossier,
        "may_submit": allowed[recognition.SUBMIT] and bool(reached),
        "submit_form": submit_form,
        "forms": forms_xlsx.FORMS.values(),
    }
    return render(request, "pcgd/commune.html", context)


@require_safe
@login_required
def province(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    place = get_province_for_user(user, pk)
    year = school_year_param(request)
    communes = reports.province_communes(place)
    rows = reports.province_rows(place, year, communes)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    waiting = (
        Dossier.objects.filter(
            commune__path__startswith=place.path,
            school_year=year,
            state__in=[Dossier.State.SUBMITTED, Dossier.State.CHECKED],
        )
        .select_related("commune")
        .order_by("submitted_at")[:PAGE_SIZE]
    )
    context = {
        "place": place,
        "year": year,
        "year_label": school_year_label(year),
        "years": _year_choices(year),
        "lines": reports.province_lines(place, year, rows),
        "page": page,
        "families": Family.choices,
        "waiting": waiting,
        "may_settle": can(user, Capability.RECOGNISE_PCGD, place),
    }
    return render(request, "pcgd/province.html", context)


@require_safe
@login_required
def form_xlsx(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """One statistical table (``forms_xlsx.FORMS``), or all four ("all") as sheets."""
    user = user_of(request)
    place = get_commune_for_user(user, pk)
    if slug != "all" and slug not in forms_xlsx.FORMS:
        raise Http404
    slugs = list(forms_xlsx.FORMS) if slug == "all" else [slug]
    year = school_year_param(request)
    figures = reports.commune_figures(place, year)
    content = forms_xlsx.forms_workbook(figures, slugs, today=timezone.localdate())
    name = "bieu-pcgd" if slug == "all" else forms_xlsx.FORMS[slug].code
    return xlsx_response(content, file_name(name, place.name, year, extension="xlsx"))


@login_required
@require_http_methods(["GET", "POST"])
def settings(request: HttpRequest, pk: int) -> HttpResponse:
    """The province enters what the decree leaves to it: thresholds, its rule, ĐBKK communes."""
    user = user_of(request)
    place = get_province_for_user(user, pk, Capability.RECOGNISE_PCGD)
    year = school_year_param(request)
    forms = {
        "threshold": ThresholdForm(prefix="t"),
        "rule": ProvinceRuleForm(prefix="r"),
    }
    status = 200
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        done = _save_setting(request, kind, place, year, forms)
        if done:
            return redirect(f"{reverse('pcgd:settings', args=[place.pk])}?year={year}")
        status = 400
    communes = reports.province_communes(place)
    hardship = set(
        HardshipCommune.objects.filter(
            commune__in=[c.pk for c in communes], school_year=year
        ).values_list("commune_id", flat=True)
    )
    page = Paginator([(c, c.pk in hardship) for c in communes], PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "place": place,
        "year": year,
        "year_label": school_year_label(year),
        "forms": forms,
        "unconfirmed": reports.unconfirmed_rules(place.pk, year),
        "province_rules": ProvinceRule.objects.filter(province=place).order_by("code"),
        "page": page,
    }
    return render(request, "pcgd/settings.html", context, status=status)


def _save_setting(
    request: HttpRequest, kind: str, place: Place, year: int, forms: dict[str, Form]
) -> bool:
    user = user_of(request)
    try:
        if kind == "threshold":
            form = ThresholdForm(request.POST, prefix="t")
            forms["threshold"] = form
            if not form.is_valid():
                return False
            data = form.cleaned_data
            rules_actions.fill_thresholds(
                user=user,
                province=place,
                code=data["code"],
                thresholds={data["cohort"]: (data["threshold"], data["hardship_threshold"])},
                source=data["source"],
            )
            messages.success(request, _("Đã lưu ngưỡng do tỉnh nhập."))
            return True
        if kind == "rule":
            rule_form = ProvinceRuleForm(request.POST, prefix="r")
            forms["rule"] = rule_form
            if not rule_form.is_valid():
                return False
            data = rule_form.cleaned_data
            rules_actions.set_province_rule(
                user=user,
                province=place,
                code=data["code"],
                share=data["share"],
                basis=data["basis"],
            )
            messages.success(request, _("Đã lưu quy định của tỉnh."))
            return True
        if kind == "hardship":
            hardship_form = HardshipForm(request.POST)
            if not hardship_form.is_valid():
                messages.error(request, _("Không lưu được: thiếu thông tin xã."))
                return False
            data = hardship_form.cleaned_data
            commune = get_commune_for_user(user, data["commune"], Capability.RECOGNISE_PCGD)
            province_settings.set_hardship(
                user=user,
                commune=commune,
                school_year=year,
                hardship=data["hardship"],
                basis=data["basis"],
            )
            messages.success(request, _("Đã lưu danh sách xã đặc biệt khó khăn."))
            return True
    except StepRefused as refusal:
        messages.error(request, refusal.message)
        return False
    messages.error(request, _("Không rõ nội dung cần lưu; hãy dùng một trong các biểu mẫu."))
    return False

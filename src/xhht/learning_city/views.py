"""The learning-city pages: the provinces one may open, a province's profile along the Key
Features (live figures and the province's texts), the coordinator's edits (the city's facts,
one section's texts) and the two documents in each language. Places come only through
``access.get_city_for_user``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from xhht.accounts.access import Capability, can, require, visible_places
from xhht.core.downloads import attach, file_name
from xhht.core.http import user_of
from xhht.core.workflow import StepRefused
from xhht.learning_city import actions, content, documents
from xhht.learning_city.access import EDIT, PROFILE_LEVELS, get_city_for_user
from xhht.learning_city.features import AREA_TITLES, Area, section, sections_of
from xhht.learning_city.forms import CityProfileForm, SectionTextForm
from xhht.learning_city.models import CityProfile

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FIRST_YEAR = 2020


def _lang() -> str:
    """The profile's bilingual data in the reader's interface language (Vietnamese by default)."""
    return "en" if (get_language() or "").startswith("en") else "vi"


def _year(request: HttpRequest) -> int:
    today = timezone.localdate().year
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() else today
    return year if FIRST_YEAR <= year <= today else today


@require_safe
@login_required
def profile_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.VIEW)
    cities = visible_places(user, Capability.VIEW).filter(level__in=PROFILE_LEVELS)
    return render(request, "learning_city/profile_list.html", {"cities": cities[:100]})


@require_safe
@login_required
def profile_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    place = get_city_for_user(user, pk)
    year = _year(request)
    loaded = content.load(place, years=[year], today=timezone.localdate())
    figures = loaded.figures[year]
    lang = _lang()
    areas = [
        {
            "title": AREA_TITLES[area][lang],
            "sections": [
                {
                    "section": s,
                    "title": s.title[lang],
                    "guidance": s.guidance[lang],
                    "figures": [
                        (figures[c].label(lang), figures[c].formatted(lang)) for c in s.figures
                    ],
                    "text_vi": loaded.texts.get(s.key, ("", ""))[0],
                    "text_en": loaded.texts.get(s.key, ("", ""))[1],
                }
                for s in sections_of(area)
            ],
        }
        for area in Area
    ]
    context = {
        "place": place,
        "profile": loaded.profile,
        "year": year,
        "areas": areas,
        "can_edit": can(user, EDIT, place),
        "documents": [
            (kind, lang, label)
            for kind, lang, label in (
                ("application", "vi", _("Hồ sơ đăng ký (tiếng Việt)")),
                ("application", "en", _("Hồ sơ đăng ký (tiếng Anh)")),
                ("report", "vi", _("Báo cáo hai năm (tiếng Việt)")),
                ("report", "en", _("Báo cáo hai năm (tiếng Anh)")),
            )
        ],
    }
    return render(request, "learning_city/profile_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    place = get_city_for_user(user, pk, EDIT)
    instance = CityProfile.objects.filter(place=place).first() or CityProfile(place=place)
    form = CityProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        values = {field: form.cleaned_data[field] for field in actions.PROFILE_FIELDS}
        actions.save_profile(user=user, place=place, values=values)
        messages.success(request, _("Đã lưu thông tin thành phố."))
        return redirect("learning_city:profile", pk=place.pk)
    status = 400 if request.method == "POST" else 200
    context = {"place": place, "form": form}
    return render(request, "learning_city/profile_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def text_edit(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    user = user_of(request)
    place = get_city_for_user(user, pk, EDIT)
    chosen = section(key)
    if chosen is None:
        raise Http404
    loaded = content.load(place, years=[], today=timezone.localdate())
    vi, en = loaded.texts.get(key, ("", ""))
    form = SectionTextForm(request.POST or None, initial={"text_vi": vi, "text_en": en})
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_text(user=user, place=place, key=key, **form.cleaned_data)
        except StepRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request, _("Đã lưu nội dung “%(title)s”.") % {"title": chosen.title[_lang()]}
            )
            return redirect("learning_city:profile", pk=place.pk)
    status = 400 if request.method == "POST" else 200
    context = {"place": place, "section": chosen, "title": chosen.title[_lang()], "form": form,
               "guidance": chosen.guidance[_lang()], "title_en": chosen.title["en"]}  # fmt: skip
    return render(request, "learning_city/text_form.html", context, status=status)


@require_safe
@login_required
def document(request: HttpRequest, pk: int, kind: str, lang: str) -> HttpResponse:
    user = user_of(request)
    place = get_city_for_user(user, pk)
    if kind not in documents.KINDS or lang not in documents.LANGS:
        raise Http404
    year = _year(request)
    years = [year] if kind == "application" else [year - 1, year]
    loaded = content.load(place, years=years, today=timezone.localdate())
    body = documents.build(loaded, kind=kind, lang=lang, year=year)
    response = HttpResponse(body, content_type=DOCX_TYPE)
    return attach(response, file_name("gnlc", kind, lang, place.name, year, extension="docx"))

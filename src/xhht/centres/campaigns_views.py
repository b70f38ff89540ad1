"""Campaign pages: the list, opening one, a campaign's page (who reported, the download), the
report form of a commune or body (a phone), and the consolidated DOCX. Campaigns are fetched
through ``access.get_campaign_for_user``; who may report or receive is ``campaigns``' rule."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from xhht.accounts.access import Capability, can, require
from xhht.centres import campaigns
from xhht.centres.access import get_campaign_for_user
from xhht.centres.campaigns_docx import Signature, campaign_docx, default_signature
from xhht.centres.campaigns_forms import CampaignForm, CampaignReportForm
from xhht.centres.models import Campaign
from xhht.core.downloads import attach
from xhht.core.http import user_of
from xhht.core.workflow import StepRefused, show_refusal

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_LISTED = 100


@require_safe
@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.VIEW)
    rows = Campaign.objects.visible_to(user).select_related("place")[:MAX_LISTED]
    context = {"campaigns": rows, "can_open": can(user, Capability.RECEIVE_REPORTS)}
    return render(request, "centres/campaign_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_open(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, Capability.RECEIVE_REPORTS)
    form = CampaignForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = campaigns.open_campaign(user=user, **form.cleaned_data)
        except StepRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Đã phát động “%(name)s”.") % {"name": campaign.name})
            return redirect("centres:campaign", pk=campaign.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "centres/campaign_form.html", {"form": form}, status=status)


@require_safe
@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    campaign = get_campaign_for_user(user, pk)
    context: dict[str, object] = {
        "campaign": campaign,
        "reporters": [
            (reporter, campaigns.report_of(campaign, reporter))
            for reporter in campaigns.reporters_for(user, campaign)[:MAX_LISTED]
        ],
    }
    if campaigns.may_receive(user, campaign):
        reports = {r.place_id: r for r in campaign.activities.filter(place__isnull=False)}
        rows = [
            (commune, reports.get(commune.pk)) for commune in campaigns.expected_communes(campaign)
        ]
        context["communes"] = [(commune, report) for commune, report in rows if report]
        context["missing"] = [commune.name for commune, report in rows if report is None]
        context["bodies"] = campaign.activities.filter(body__isnull=False).select_related("body")
        context["signature"] = default_signature(campaign)
        context["can_receive"] = True
    return render(request, "centres/campaign_detail.html", context)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 12 else None


@login_required
@require_http_methods(["GET", "POST"])
def campaign_report(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    campaign = get_campaign_for_user(user, pk)
    place_id, body_id = _int(request.GET.get("place")), _int(request.GET.get("body"))
    if place_id is None and body_id is None:
        reporters = campaigns.reporters_for(user, campaign)
        if not reporters:
            raise PermissionDenied
        if len(reporters) > 1:
            context = {"campaign": campaign, "reporters": reporters[:MAX_LISTED]}
            status = 400 if request.method == "POST" else 200
            return render(request, "centres/campaign_choose.html", context, status=status)
        reporter = reporters[0]
    else:
        reporter = campaigns.reporter_of(user, campaign, place_id=place_id, body_id=body_id)
    report = campaigns.report_of(campaign, reporter)
    classes = list(campaigns.linkable_classes(campaign, reporter))
    initial = {}
    if report is not None:
        initial = {
            "description": report.description,
            "participants": report.participants,
            "classes": list(report.classes.all()),
        }
    form = CampaignReportForm(request.POST or None, initial=initial, classes=classes)
    if request.method == "POST" and form.is_valid():
        try:
            campaigns.save_campaign_report(
                user=user,
                campaign=campaign,
                reporter=reporter,
                description=form.cleaned_data["description"],
                participants=form.cleaned_data["participants"],
                classes=form.cleaned_data["classes"],
                submit="submit" in request.POST,
            )
        except StepRefused as refusal:
            show_refusal(request, refusal)
        else:
            sent = "submit" in request.POST
            messages.success(request, _("Đã gửi báo cáo.") if sent else _("Đã lưu bản nháp."))
            return redirect("centres:campaign", pk=campaign.pk)
    context = {"campaign": campaign, "reporter": reporter, "report": report, "form": form}
    status = 400 if request.method == "POST" else 200
    return render(request, "centres/campaign_report.html", context, status=status)


@require_safe
@login_required
def campaign_docx_download(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    campaign = get_campaign_for_user(user, pk)
    if not campaigns.may_receive(user, campaign):
        raise PermissionDenied
    default = default_signature(campaign)
    signature = Signature(
        issuer=(request.GET.get("issuer") or default.issuer)[:200],
        signer_title=(request.GET.get("signer_title") or default.signer_title)[:200],
        signer_name=(request.GET.get("signer_name") or "")[:100],
    )
    content = campaign_docx(campaign, signature, today=timezone.localdate())
    response = HttpResponse(content, content_type=DOCX_TYPE)
    return attach(response, f"Báo cáo {campaign.name}.docx")

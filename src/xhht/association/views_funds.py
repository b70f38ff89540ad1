"""Pages of the study-promotion funds: the funds in scope with their balances, a fund's years and
ledger, the receipt, disbursement and correction forms, the receipt's paper and the yearly
report (XLSX, DOCX). Every object comes through ``funds_access``; every change through
``funds``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from xhht.accounts.access import require
from xhht.association import funds
from xhht.association.funds_access import FUNDS, get_fund_entry_for_user, get_fund_for_user
from xhht.association.funds_balances import reported, year_report, yearly_balances
from xhht.association.funds_documents import receipt_docx, report_docx, report_xlsx
from xhht.association.funds_forms import (
    CorrectionForm,
    DisbursementForm,
    FundForm,
    ReceiptForm,
    donor_choices,
    recipient_choices,
)
from xhht.association.models import Fund, FundEntry
from xhht.core.downloads import attach, file_name
from xhht.core.http import user_of
from xhht.core.workflow import StepRefused, show_refusal

PAGE_SIZE = 50
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_safe
@login_required
def fund_list(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, FUNDS)
    found = (
        Fund.objects.with_balance()
        .visible_to(user, FUNDS)
        .select_related("branch__place")
        .order_by("branch__place__path", "sort_key")
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "association/fund_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def fund_create(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    require(user, FUNDS)
    form = FundForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            fund = funds.open_fund(user=user, **form.cleaned_data)
        except StepRefused as refusal:
            show_refusal(request, refusal)
        else:
            messages.success(request, _("Đã lập quỹ."))
            return redirect("association:fund_detail", pk=fund.pk)
    return render(request, "association/fund_form.html", {"form": form})


def _year(request: HttpRequest) -> int:
    text = request.GET.get("year", "")
    return int(text) if text.isdigit() and 1900 < int(text) < 3000 else timezone.localdate().year


@require_safe
@login_required
def fund_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    fund = get_fund_for_user(user, pk)
    year = _year(request)
    balances = yearly_balances(fund)
    entries = (
        FundEntry.objects.filter(fund=fund, year=year)
        .select_related("corrects")
        .order_by("-date", "-pk")
    )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(entry, reported(entry)) for entry in page]
    context = {
        "fund": fund,
        "year": year,
        "balances": balances,
        "current": next((b for b in balances if b.year == year), None),
        "page": page,
        "rows": rows,
    }
    return render(request, "association/fund_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def fund_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    fund = get_fund_for_user(user, pk)
    query = request.GET.get("q", "").strip() or request.POST.get("q", "").strip()
    form = ReceiptForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = funds.record_receipt(
                user=user,
                fund=fund,
                donor=data["donor_record"],
                amount=data["amount"],
                date=data["date"],
                description=data["description"],
            )
        except StepRefused as refusal:
            show_refusal(request, refusal)
        else:
            messages.success(
                request,
                _("Đã ghi khoản thu %(code)s: %(amount)s.")
                % {"code": entry.code, "amount": funds.money(entry.amount)},
            )
            return redirect("association:fund_detail", pk=fund.pk)
    context = {
        "fund": fund,
        "form": form,
        "query": query,
        "choices": donor_choices(user, query),
        "chosen": request.POST.get("donor", ""),
    }
    return render(request, "association/fund_receipt.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def fund_disbursement(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    fund = get_fund_for_user(user, pk)
    query = request.GET.get("q", "").strip() or request.POST.get("q", "").strip()
    form = DisbursementForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = funds.record_disbursement(user=user, fund=fund, **data)
        except StepRefused as refusal:
            show_refusal(request, refusal)
        else:
            messages.success(
                request,
                _("Đã ghi khoản chi %(code)s: %(amount)s.")
                % {"code": entry.code, "amount": funds.money(entry.amount)},
            )
            return redirect("association:fund_detail", pk=fund.pk)
    context = {
        "fund": fund,
        "form": form,
        "query": query,
        "choices": recipient_choices(user, query),
        "chosen": request.POST.get("recipient", ""),
    }
    return render(request, "association/fund_disbursement.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def fund_entry_correct(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    entry = get_fund_entry_for_user(user, pk)
    original = entry.corrects or entry
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            correction = funds.correct_entry(user=user, entry=original, **form.cleaned_data)
        except StepRefused as refusal:
            show_refusal(request, refusal)
        else:
            messages.success(
                request, _("Đã ghi bút toán điều chỉnh %(code)s.") % {"code": correction.code}
            )
            return redirect("association:fund_detail", pk=original.fund_id)
    context = {
        "entry": original,
        "fund": original.fund,
        "current": funds.effective_amount(original),
        "form": form,
    }
    return render(request, "association/fund_correct.html", context)


@require_safe
@login_required
def fund_entry_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_fund_entry_for_user(user_of(request), pk)
    if entry.kind != FundEntry.Kind.RECEIPT or entry.is_correction:
        raise Http404
    content = receipt_docx(entry, today=timezone.localdate())
    name = file_name("phieu-thu", entry.code, extension="docx")
    return attach(HttpResponse(content, content_type=DOCX), name)


@require_safe
@login_required
def fund_report(request: HttpRequest, pk: int, year: int, fmt: str) -> HttpResponse:
    fund = get_fund_for_user(user_of(request), pk)
    if not fund.opened_on.year <= year <= timezone.localdate().year:
        raise Http404
    report = year_report(fund, year)
    if fmt == "xlsx":
        content, content_type = report_xlsx(report), XLSX
    else:
        content, content_type = report_docx(report, today=timezone.localdate()), DOCX
    name = file_name("bao-cao-quy-khuyen-hoc", fund.name, year, extension=fmt)
    return attach(HttpResponse(content, content_type=content_type), name)

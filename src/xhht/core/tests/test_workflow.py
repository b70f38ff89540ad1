"""The shared workflow helper: a refused step is shown once, in one place, and the user goes back."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from xhht.core.workflow import ChangedMeanwhile, StepRefused, refusal_shown, target_of

TABLE = {"send": (frozenset({"draft", "returned"}), "sent"), "accept": (frozenset({"sent"}), "ok")}


def _request() -> HttpRequest:
    request = RequestFactory().post("/anything/")
    request._messages = CookieStorage(request)  # type: ignore[attr-defined]  # what MessageMiddleware sets
    return request


def test_a_step_leads_to_its_target_only_from_its_sources() -> None:
    assert target_of(TABLE, "send", "returned") == "sent"
    assert target_of(TABLE, "accept", "draft") is None


def test_a_refused_step_is_shown_with_each_problem_and_the_user_goes_back() -> None:
    @refusal_shown(lambda request, pk: HttpResponse(f"back to {pk}", status=302))
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        raise StepRefused("Chưa gửi được.", ["Mục 1 chưa có nội dung.", "Dòng 2 chưa có số liệu."])

    request = _request()
    response = view(request, pk=7)
    assert (response.status_code, response.content) == (302, b"back to 7")
    assert [str(m) for m in get_messages(request)] == [
        "Chưa gửi được.",
        "Mục 1 chưa có nội dung.",
        "Dòng 2 chưa có số liệu.",
    ]


def test_a_url_name_is_reversed_with_the_views_arguments() -> None:
    @refusal_shown("recognition:detail")
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        raise ChangedMeanwhile("Hồ sơ vừa được người khác thay đổi.")

    request = _request()
    response = view(request, pk=7)
    assert response.status_code == 302
    assert response["Location"] == "/recognition/7/"
    assert [str(m) for m in get_messages(request)] == ["Hồ sơ vừa được người khác thay đổi."]


def test_a_view_that_succeeds_is_untouched() -> None:
    @refusal_shown("recognition:detail")
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        return HttpResponse("done")

    request = _request()
    assert view(request, pk=7).content == b"done"
    assert list(get_messages(request)) == []

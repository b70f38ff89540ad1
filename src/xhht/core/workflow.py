"""The small state machine that recognition and reporting share, and its one refusal.

A workflow is a table ``{step: (states it starts from, state it leads to)}``. A step changes the
row with one conditional ``UPDATE … WHERE state IN (…) [AND version = …]``: whoever comes second
matches nothing and is told the record changed meanwhile (``ChangedMeanwhile``). Every step that
cannot be taken raises ``StepRefused`` with a Vietnamese message (and, for a form, the list of
problems); views let it through ``@refusal_shown`` which shows it and goes back, nothing saved.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, ParamSpec, TypeAlias

from django.contrib import messages
from django.db.models import F, QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

#: ``{step: (the states it may start from, the state it leads to)}``.
Transitions: TypeAlias = Mapping[str, tuple[frozenset[str], str]]


class StepRefused(Exception):
    """A step that cannot be taken now; nothing was saved. ``message`` (Vietnamese) says why and
    what to do; ``problems`` lists each thing to fix when there are several."""

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message or "; ".join(problems))
        self.message = message
        self.problems = list(problems)


def form_problems(form: BaseForm) -> list[str]:
    """Every error of a bound, invalid form, as the ``problems`` of a ``StepRefused``."""
    return [str(message) for errors in form.errors.values() for message in errors]


class ChangedMeanwhile(StepRefused):
    """Someone else changed the record first (the conditional UPDATE matched nothing)."""


def target_of(transitions: Transitions, step: str, state: str) -> str | None:
    """The state ``step`` leads to from ``state``, or None when it cannot start there."""
    sources, target = transitions[step]
    return target if state in sources else None


def move_row(
    queryset: QuerySet[Any],
    *,
    pk: object,
    step: str,
    transitions: Transitions,
    states: Collection[str] | None = None,
    version: int | None = None,
    changes: Mapping[str, Any] | None = None,
    stale: Callable[[], ChangedMeanwhile],
) -> str:
    """Take ``step`` on the row ``pk``: one ``UPDATE … WHERE state IN (states)`` (the step's
    sources unless narrower ``states`` are given) and, with ``version``, ``AND version = …``
    (then bumped). Returns the new state; raises ``stale()`` when the row had moved on.
    Call inside ``transaction.atomic()``."""
    sources, target = transitions[step]
    filters: dict[str, Any] = {"pk": pk, "state__in": list(sources if states is None else states)}
    values: dict[str, Any] = {**(changes or {}), "state": target}
    if version is not None:
        filters["version"] = version
        values["version"] = F("version") + 1
    if queryset.filter(**filters).update(**values) != 1:
        raise stale()
    return target


def show_refusal(request: HttpRequest, refusal: StepRefused) -> None:
    """Tell the user why: the message, then each problem, as error messages."""
    for text in [refusal.message, *refusal.problems]:
        if text:
            messages.error(request, text)


ViewArgs = ParamSpec("ViewArgs")


def refusal_shown(
    back: Callable[..., HttpResponse] | str,
) -> Callable[[Callable[ViewArgs, HttpResponse]], Callable[ViewArgs, HttpResponse]]:
    """The one place views handle a refused step: shown as messages, then back to ``back``.

    ``back`` is a URL name (reversed with the view's URL arguments) or a function called with
    the request and the view's URL arguments, like the view's own way back after success.
    """

    def go_back(request: HttpRequest, kwargs: Mapping[str, Any]) -> HttpResponse:
        if isinstance(back, str):
            return HttpResponseRedirect(reverse(back, kwargs=dict(kwargs)))
        response: HttpResponse = back(request, **kwargs)
        return response

    def decorate(view: Callable[ViewArgs, HttpResponse]) -> Callable[ViewArgs, HttpResponse]:
        @functools.wraps(view)
        def wrapped(*args: ViewArgs.args, **kwargs: ViewArgs.kwargs) -> HttpResponse:
            try:
                return view(*args, **kwargs)
            except StepRefused as refusal:
                request = args[0]
                assert isinstance(request, HttpRequest)  # noqa: S101 - every view's first argument
                show_refusal(request, refusal)
                return go_back(request, kwargs)

        return wrapped

    return decorate


__all__ = [
    "ChangedMeanwhile",
    "StepRefused",
    "Transitions",
    "move_row",
    "refusal_shown",
    "show_refusal",
    "target_of",
]

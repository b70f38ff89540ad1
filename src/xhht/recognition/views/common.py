"""What the recognition views share: reading the posted version and numbers."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from xhht.core.numbers import bounded_int
from xhht.core.workflow import StepRefused


def int_or_none(value: str | None) -> int | None:
    """A whole number from a query or a form, or None (also for one no column could hold)."""
    return bounded_int(value)


def posted_version(request: HttpRequest) -> int:
    """The version of the assessment the page showed (its hidden ``version`` field).

    A form without one, or with anything but a whole number, is refused: the check that nobody
    changed the record meanwhile is never skipped. The refusal reaches the view's
    ``@refusal_shown`` and is shown as a message.
    """
    version = int_or_none(request.POST.get("version"))
    if version is None or version < 0:
        raise StepRefused(
            _(
                "Trang gửi lên không cho biết phiên bản hồ sơ đã xem nên chưa lưu gì. "
                "Hãy tải lại trang rồi thực hiện lại."
            )
        )
    return version

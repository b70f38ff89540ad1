"""``xhht send_reminders``: daily reminders about reports due soon or overdue (idempotent)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from xhht.audit.context import acting_as
from xhht.reporting.periods import today
from xhht.reporting.reminders import send_reminders


class Command(BaseCommand):
    help = "Nhắc các báo cáo sắp đến hạn hoặc quá hạn, trong ứng dụng và qua thư điện tử."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Ngày chạy (YYYY-MM-DD), mặc định là hôm nay.")

    def handle(self, *args: Any, **options: Any) -> None:
        day = today()
        if options["date"]:
            try:
                day = datetime.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError("Ngày không hợp lệ, hãy ghi theo dạng YYYY-MM-DD.") from exc
        with acting_as(None, via="command"):
            run = send_reminders(day)
        self.stdout.write(f"Đã tạo {run.created} nhắc việc, gửi {run.emailed} thư.")

"""``xhht run_jobs``: a worker process that runs queued background jobs (XHHT_JOBS_MODE=worker)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from xhht.jobs.runner import run_queued


class Command(BaseCommand):
    help = "Chạy các tác vụ nền đang chờ (nhập tệp lớn…)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Chạy hết hàng chờ rồi dừng.")
        parser.add_argument("--sleep", type=float, default=2.0, help="Số giây chờ giữa hai lượt.")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            ran = run_queued()
            if ran:
                self.stdout.write(f"{ran} tác vụ đã chạy.")
            if options["once"]:
                return
            time.sleep(options["sleep"])

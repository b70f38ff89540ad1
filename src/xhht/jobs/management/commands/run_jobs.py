"""``xhht run_jobs``: a worker process that runs queued background jobs (XHHT_JOBS_MODE=worker).

As it starts and in every round it fails the jobs whose process died (``runner.recover``), and
every ``--purge-every`` seconds it deletes what is past its retention (``retention.purge``).
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from xhht.jobs.retention import purge
from xhht.jobs.runner import recover, run_queued


class Command(BaseCommand):
    help = "Chạy các tác vụ nền đang chờ (nhập tệp lớn…)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Chạy hết hàng chờ rồi dừng.")
        parser.add_argument("--sleep", type=float, default=2.0, help="Số giây chờ giữa hai lượt.")
        parser.add_argument(
            "--purge-every",
            type=float,
            default=3600.0,
            help="Số giây giữa hai lần xóa dữ liệu quá hạn lưu (0: không xóa).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        next_purge = time.monotonic()
        while True:
            failed = recover()
            if failed:
                self.stdout.write(f"{failed} tác vụ bị dừng giữa chừng đã được đánh dấu lỗi.")
            if options["purge_every"] > 0 and time.monotonic() >= next_purge:
                purge()
                next_purge = time.monotonic() + options["purge_every"]
            ran = run_queued()
            if ran:
                self.stdout.write(f"{ran} tác vụ đã chạy.")
            if options["once"]:
                return
            time.sleep(options["sleep"])

"""``xhht purge``: delete the uploads, export files and job rows past their retention (daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from xhht.jobs.retention import purge


class Command(BaseCommand):
    help = "Xóa tệp tải lên, tệp xuất và tác vụ nền đã quá thời hạn lưu (chạy hằng ngày)."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = purge()
        self.stdout.write(
            f"Đã xóa {counts['uploads']} tệp nhập, {counts['exports']} tệp xuất, "
            f"{counts['plans']} văn bản kế hoạch chưa xác nhận, "
            f"{counts['spools']} tệp tạm của yêu cầu bị dừng, {counts['jobs']} tác vụ cũ."
        )

"""``xhht rebuild_pcgd [--province CODE] [--year Y ...] [--no-rollups]``: recompute the kept
PCGD–XMC results from the person data, then the indicators' kept counts of the same scope."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from xhht.indicators.rebuild import rebuild as rebuild_rollups
from xhht.pcgd.kept import rebuild
from xhht.places.models import Place


class Command(BaseCommand):
    help = (
        "Tính lại từ đầu kết quả phổ cập giáo dục, xóa mù chữ của các xã (cả nước hoặc một tỉnh)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--province", help="mã tỉnh/thành phố (mặc định: cả nước)")
        parser.add_argument(
            "--year",
            type=int,
            action="append",
            help="năm bắt đầu của năm học (2025 = 2025–2026); có thể lặp lại; mặc định: mọi năm",
        )
        parser.add_argument(
            "--no-rollups",
            action="store_true",
            help="không tính lại số liệu tổng hợp của chỉ tiêu (xhht rebuild_rollups)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        province = None
        if options["province"]:
            province = Place.objects.province(options["province"])
            if province is None:
                raise CommandError(f"Không có tỉnh/thành phố mã {options['province']}.")
        started = time.monotonic()
        pairs = rebuild(province, options["year"])
        self.stdout.write(
            f"Đã tính lại {pairs} lượt xã – năm học trong {time.monotonic() - started:.1f} giây."
        )
        if not options["no_rollups"]:
            started = time.monotonic()
            rows = rebuild_rollups(province)
            self.stdout.write(
                f"Đã tính lại {rows} dòng số liệu chỉ tiêu trong {time.monotonic() - started:.1f} giây."
            )

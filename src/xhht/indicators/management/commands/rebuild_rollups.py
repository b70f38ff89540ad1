"""``xhht rebuild_rollups [--province CODE] [--freeze-year YEAR]``: repair the kept counts."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from xhht.indicators.rebuild import rebuild
from xhht.indicators.rollups import freeze_year
from xhht.places.models import Place


class Command(BaseCommand):
    help = "Tính lại từ đầu các số liệu tổng hợp của chỉ tiêu (cả nước hoặc một tỉnh)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--province", help="mã tỉnh/thành phố (mặc định: cả nước)")
        parser.add_argument(
            "--freeze-year", type=int, help="chốt số liệu sổ đăng ký hiện tại làm mẫu số của năm"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        province = None
        if options["province"]:
            province = Place.objects.province(options["province"])
            if province is None:
                raise CommandError(f"Không có tỉnh/thành phố mã {options['province']}.")
        started = time.monotonic()
        rows = rebuild(province)
        self.stdout.write(f"Đã tính lại {rows} dòng trong {time.monotonic() - started:.1f} giây.")
        if options["freeze_year"]:
            frozen = freeze_year(options["freeze_year"], province)
            self.stdout.write(f"Đã chốt {frozen} dòng cho năm {options['freeze_year']}.")

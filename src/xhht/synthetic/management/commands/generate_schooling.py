from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from xhht.audit.context import acting_as
from xhht.core.text import group_thousands
from xhht.pcgd.models import current_school_year
from xhht.places.models import Place
from xhht.synthetic.pcgd import SchoolingStats, generate_schooling


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu phổ cập giáo dục, xóa mù chữ cho dân cư tổng hợp đã tạo (xhht generate): "
        "tình trạng học tập theo năm học của trẻ em, thanh thiếu niên 3–18 tuổi và mức độ biết "
        "chữ của người 14–65 tuổi; rồi tính lại kết quả phổ cập của các xã. Xã đã có dữ liệu thì "
        "bỏ qua."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--province", required=True, help='mã tỉnh ("92") hoặc "all"')
        parser.add_argument(
            "--school-year",
            type=int,
            default=None,
            help="năm bắt đầu của năm học (2025 = 2025–2026; mặc định năm học hiện tại)",
        )
        parser.add_argument("--years", type=int, default=2, help="số năm học có phiếu (mặc định 2)")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--no-rebuild", action="store_true", help="không tính lại kết quả phổ cập"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        verbose = options["verbosity"] >= 2
        school_year = options["school_year"] or current_school_year()
        if options["years"] < 1:
            raise CommandError("--years phải từ 1 trở lên.")

        def progress(commune: Place, stats: SchoolingStats) -> None:
            if verbose:
                state = "bỏ qua" if stats.skipped else f"{group_thousands(stats.children)} em"
                self.stdout.write(f"  {commune.code} {commune.name}: {state}")

        with acting_as(None, via="command"):
            try:
                total = generate_schooling(
                    province_code=options["province"],
                    school_year=school_year,
                    seed=options["seed"],
                    years=options["years"],
                    progress=progress,
                    rebuild=not options["no_rebuild"],
                )
            except ValueError as error:
                raise CommandError(str(error)) from error
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{total.communes} xã ({total.skipped} bỏ qua, {total.weak} xã khó khăn hơn), "
            f"{group_thousands(total.children)} trẻ em, thanh thiếu niên, "
            f"{group_thousands(total.schooling_rows)} phiếu học tập, "
            f"{group_thousands(total.literacy_rows)} người có mức độ biết chữ "
            f"trong {seconds:.1f} giây."
        )

from __future__ import annotations

import datetime
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from xhht.audit.context import acting_as
from xhht.core.text import group_thousands
from xhht.places.models import Place
from xhht.synthetic.centres import CentreStats, generate_centres
from xhht.synthetic.people import REFERENCE_YEAR


class Command(BaseCommand):
    help = (
        "Tạo cơ sở học tập (mỗi xã một trung tâm học tập cộng đồng, thư viện, nhà văn hóa…) và "
        "lớp học một năm với học viên, điểm danh, kết quả trên dân cư tổng hợp đã tạo "
        "(xhht generate). Xã đã có cơ sở học tập thì bỏ qua; số liệu tổng hợp của tỉnh được "
        "tính lại."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--province", required=True, help='mã tỉnh ("92") hoặc "all"')
        parser.add_argument("--year", type=int, default=REFERENCE_YEAR)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--as-of",
            type=datetime.date.fromisoformat,
            default=None,
            help="ngày xem tình trạng lớp (YYYY-MM-DD; mặc định 1/12 của năm)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        verbose = options["verbosity"] >= 2

        def progress(commune: Place, stats: CentreStats) -> None:
            if verbose:
                state = "bỏ qua" if stats.skipped else f"{group_thousands(stats.classes)} lớp"
                self.stdout.write(f"  {commune.code} {commune.name}: {state}")

        with acting_as(None, via="command"):
            try:
                total = generate_centres(
                    province_code=options["province"],
                    year=options["year"],
                    seed=options["seed"],
                    as_of=options["as_of"],
                    progress=progress,
                )
            except ValueError as error:
                raise CommandError(str(error)) from error
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{total.communes} xã ({total.skipped} bỏ qua), {group_thousands(total.centres)} cơ sở "
            f"học tập, {group_thousands(total.classes)} lớp, {group_thousands(total.talks)} buổi "
            f"nói chuyện, {group_thousands(total.sessions)} buổi học, "
            f"{group_thousands(total.participations)} lượt học viên, "
            f"{group_thousands(total.attendances)} lượt điểm danh, "
            f"{group_thousands(total.learning_entries)} dòng sổ học tập "
            f"({group_thousands(total.rows)} dòng) trong {seconds:.1f} giây."
        )

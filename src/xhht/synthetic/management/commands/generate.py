from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from xhht.audit.context import acting_as
from xhht.core.text import group_thousands
from xhht.places.models import Place
from xhht.registry.models import Clan, Household, Person, Unit
from xhht.synthetic.generator import BATCH_SIZE, Stats, generate


class Command(BaseCommand):
    help = (
        "Tạo dân cư tổng hợp (thôn, hộ, công dân, dòng họ, đơn vị) trên các xã thật của một "
        "tỉnh: --scale 1 ≈ 1 triệu người một tỉnh. Cùng --seed cho cùng dữ liệu; xã đã có hộ "
        "thì bỏ qua."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--province", required=True, help='mã tỉnh ("92") hoặc "all"')
        parser.add_argument("--scale", type=float, default=0.01, help="triệu người mỗi tỉnh")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["scale"] <= 0 or options["batch_size"] < 1:
            raise CommandError("--scale và --batch-size phải lớn hơn 0.")
        started = time.perf_counter()
        verbose = options["verbosity"] >= 2

        def progress(commune: Place, stats: Stats) -> None:
            if verbose:
                state = (
                    "bỏ qua (đã có hộ)"
                    if stats.skipped
                    else f"{group_thousands(stats.people)} người"
                )
                self.stdout.write(f"  {commune.code} {commune.name}: {state}")

        with acting_as(None, via="command"):
            try:
                total = generate(
                    province_code=options["province"],
                    scale=options["scale"],
                    seed=options["seed"],
                    batch_size=options["batch_size"],
                    progress=progress,
                )
            except ValueError as error:
                raise CommandError(str(error)) from error
        if total.people and connection.vendor == "postgresql":
            _vacuum_analyze()
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"{total.communes} xã ({total.skipped} bỏ qua), {group_thousands(total.hamlets)} thôn, "
            f"{group_thousands(total.households)} hộ, {group_thousands(total.people)} người ({group_thousands(total.cccd)} CCCD), "
            f"{group_thousands(total.units)} đơn vị, {group_thousands(total.clans)} dòng họ trong {seconds:.1f} giây."
        )
        if total.people:
            scope = "" if options["province"] == "all" else f" --province {options['province']}"
            self.stdout.write(
                "Dữ liệu được ghi theo lô nên chưa vào số liệu tổng hợp: chạy "
                f"`xhht rebuild_rollups{scope}` để cập nhật."
            )


def _vacuum_analyze() -> None:
    """Statistics and the visibility map of the tables just loaded (PostgreSQL). A freshly
    loaded table has no statistics until autovacuum comes round: the planner then guesses
    (nested loops over "empty" tables once ran for over 20 minutes in CI), and until VACUUM
    marks the pages all-visible an index-only scan (the rollup rebuild's counts) still reads
    the rows themselves. VACUUM cannot run inside a transaction (a caller's, or a test's): there
    only ANALYZE runs, which gives the statistics."""
    models = (Place, Household, Person, Unit, Clan, Clan.households.through)
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"{command} {connection.ops.quote_name(model._meta.db_table)}")

"""``xhht load_seed_plans [DIR]``: the five seed plans (default ../shared/seeds or XHHT_SEEDS_DIR)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from xhht.plans.seeds import load_seed_plans


class Command(BaseCommand):
    help = "Nạp năm kế hoạch mẫu (thư mục ../shared/seeds hoặc biến XHHT_SEEDS_DIR)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", nargs="?", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        for line in load_seed_plans(options["directory"]):
            self.stdout.write(line)

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from xhht.audit.context import acting_as
from xhht.places.loading import load_current_tree, load_past_tree


class Command(BaseCommand):
    help = "Nạp cây địa bàn hiện hành (34 tỉnh, 3.321 xã) từ gói vietnam-provinces; --past nạp địa bàn cũ từ tệp CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--past", type=Path, help="CSV of retired units and their successors")

    def handle(self, *args: Any, **options: Any) -> None:
        with acting_as(None, via="command"):
            report = load_current_tree()
            self.stdout.write(
                f"Địa bàn hiện hành: {report.created} mới, {report.updated} cập nhật, {report.unchanged} không đổi"
            )
            if options["past"]:
                past = load_past_tree(options["past"])
                self.stdout.write(f"Địa bàn cũ: {past.created} mới, {past.unchanged} đã có")

"""``xhht load_indicators FILE [--province CODE]``: add or update indicators from a YAML file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from xhht.indicators.catalogue import CatalogueError, load_catalogue, read_catalogue
from xhht.indicators.models import Indicator
from xhht.places.models import Place


class Command(BaseCommand):
    help = "Nạp danh mục chỉ tiêu từ tệp YAML (chỉ tiêu riêng của tỉnh với --province)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--province", help="mã tỉnh/thành phố bổ sung chỉ tiêu riêng")

    def handle(self, *args: Any, **options: Any) -> None:
        province = None
        if options["province"]:
            province = Place.objects.province(options["province"])
            if province is None:
                raise CommandError(f"Không có tỉnh/thành phố mã {options['province']}.")
        try:
            entries = read_catalogue(options["file"])
        except (CatalogueError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        taken = Indicator.objects.filter(code__in=[e["code"] for e in entries])
        if province is not None and taken.exclude(province=province).exists():
            raise CommandError("Mã chỉ tiêu đã có trong danh mục chung hoặc của tỉnh khác.")
        with transaction.atomic():
            count = load_catalogue(Indicator, entries, province)
        self.stdout.write(f"Đã nạp {count} chỉ tiêu.")

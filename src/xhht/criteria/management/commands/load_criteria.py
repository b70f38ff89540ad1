from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from xhht.audit.context import acting_as
from xhht.criteria.definition import DefinitionError
from xhht.criteria.loading import LoadReport, load_sets, load_shipped, sets_from_file


class Command(BaseCommand):
    help = "Nạp bộ tiêu chí từ tệp YAML hoặc XLSX; --shipped nạp các bộ kèm theo hệ thống."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", type=Path, help="YAML or XLSX files")
        parser.add_argument("--shipped", action="store_true", help="the sets in criteria/data")

    def handle(self, *args: Any, **options: Any) -> None:
        files: list[Path] = options["files"]
        if not files and not options["shipped"]:
            raise CommandError("Hãy chỉ ra tệp YAML/XLSX hoặc dùng --shipped.")
        with acting_as(None, via="command"):
            try:
                if options["shipped"]:
                    self._report("Bộ kèm theo hệ thống", load_shipped())
                for path in files:
                    if not path.exists():
                        raise CommandError(f"Không thấy tệp {path}.")
                    self._report(str(path), load_sets(sets_from_file(path)))
            except DefinitionError as exc:
                raise CommandError(
                    "Bộ tiêu chí không hợp lệ, chưa nạp gì:\n- " + "\n- ".join(exc.problems)
                ) from exc

    def _report(self, what: str, report: LoadReport) -> None:
        self.stdout.write(
            f"{what}: {len(report.created)} mới, {len(report.revised)} sửa/phiên bản mới, "
            f"{len(report.unchanged)} không đổi"
        )

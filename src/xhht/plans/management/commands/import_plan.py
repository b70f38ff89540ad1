"""``xhht import_plan FILE --dry-run --json``: what the importer reads off a plan document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from xhht.plans.importer import DocumentError, PlanProposal, propose, read_document


class Command(BaseCommand):
    help = (
        "Đọc một kế hoạch (.docx, .txt, .md) và in đề xuất: số, ngày, chỉ tiêu, nhiệm vụ, báo cáo."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="tệp kế hoạch (.docx, .txt, .md)")
        parser.add_argument("--dry-run", action="store_true", help="chỉ đọc, không lưu")
        parser.add_argument("--json", action="store_true", help="in đề xuất dạng JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("Không thấy tệp %(path)s.") % {"path": path})
        try:
            proposal = propose(read_document(path.read_bytes(), path.name))
        except DocumentError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps(proposal.to_json(), ensure_ascii=False, indent=2))
        else:
            self._summary(proposal)
        if not options["dry_run"]:
            raise CommandError(
                _(
                    "Chưa lưu gì: kế hoạch được lưu qua trang “Nhập kế hoạch” sau khi người dùng xác nhận chỉ tiêu. Dùng --dry-run để chỉ xem đề xuất."
                )
            )

    def _summary(self, proposal: PlanProposal) -> None:
        write = self.stdout.write
        write(
            f"Số: {proposal.number or '—'}  Ngày: {proposal.date or '—'}  Địa bàn: {proposal.place or '—'}"
        )
        write(f"Trích yếu: {proposal.title}")
        write(f"Chỉ tiêu ({len(proposal.targets)}):")
        for target in proposal.targets:
            value = "" if target.value is None else f" {target.value}"
            write(f"  {target.year} {target.indicator}: {target.kind}{value}")
        write(f"Cơ quan ({len(proposal.bodies)}), nhiệm vụ ({len(proposal.tasks)}):")
        for task in proposal.tasks:
            write(f"  [{task.body}] {task.text[:90]} ({task.deadline or '—'})")
        write(f"Báo cáo ({len(proposal.reports)}):")
        for report in proposal.reports:
            write(f"  {report.from_} → {report.to}: {report.due}")

"""``xhht import_plan FILE --dry-run [--json] [--place CODE]``: what importing a plan document
would save: the plan and the plan it carries out, the bodies (matched to existing ones or
created), the targets, the tasks and the report types (``plans.proposed``, the confirm page's
path), and what is left for the officer (targets outside the catalogue, tasks without a body)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils.translation import gettext as _

from xhht.places.models import Level, Place
from xhht.plans import proposed
from xhht.plans.importer import DocumentError, propose, read_document


class Command(BaseCommand):
    help = (
        "Đọc một kế hoạch (.docx, .txt, .md) và in những gì sẽ được lưu: kế hoạch, cơ quan, "
        "chỉ tiêu, nhiệm vụ, loại báo cáo."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="tệp kế hoạch (.docx, .txt, .md)")
        parser.add_argument("--dry-run", action="store_true", help="chỉ đọc, không lưu")
        parser.add_argument("--json", action="store_true", help="in dạng JSON")
        parser.add_argument(
            "--place",
            help="mã địa bàn của kế hoạch (tỉnh “92”, xã “31135”); mặc định: tỉnh văn bản ghi",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("Không thấy tệp %(path)s.") % {"path": path})
        try:
            data = path.read_bytes()
            proposal = propose(read_document(data, path.name)).to_json()
        except DocumentError as error:
            raise CommandError(str(error)) from error
        place = self._place(options["place"], proposal.get("place"))
        text = data.decode("utf-8", errors="replace") if path.suffix != ".docx" else ""
        result = proposed.plan_from(proposal, place, text=text, source_name=path.name)
        saved = proposed.as_json(result.data)
        saved["left_for_the_officer"] = {
            "targets_without_indicator": result.unmapped_targets,
            "tasks_without_body": result.unassigned_tasks,
        }
        if options["json"]:
            self.stdout.write(json.dumps(saved, ensure_ascii=False, indent=2))
        else:
            self._summary(saved)
        if not options["dry_run"]:
            raise CommandError(
                _(
                    "Chưa lưu gì: kế hoạch được lưu qua trang “Nhập kế hoạch” sau khi người dùng xác nhận. Dùng --dry-run để chỉ xem những gì sẽ được lưu."
                )
            )

    def _place(self, code: str | None, written: str | None) -> Place:
        if code:
            place = (
                Place.objects.current()
                .filter(Q(code=code), ~Q(level=Level.HAMLET))
                .order_by("depth")
                .first()
            )
            if place is None:
                raise CommandError(_("Không có địa bàn mã %(code)s.") % {"code": code})
            return place
        place = proposed.place_named(written)
        if place is None:
            raise CommandError(
                _("Không xác định được địa bàn “%(name)s”; hãy ghi --place MÃ.")
                % {"name": written or "—"}
            )
        return place

    def _summary(self, saved: dict[str, Any]) -> None:
        write = self.stdout.write
        plan = saved["plan"]
        write(
            f"Số: {plan['number'] or '—'}  Ngày: {plan['date'] or '—'}  "
            f"Địa bàn: {plan['place']['name']}  Giai đoạn: {plan['period'][0]}–{plan['period'][1]}"
        )
        write(f"Trích yếu: {plan['title']}")
        if plan["parent"]:
            write(f"Thực hiện kế hoạch: {plan['parent']['number']}")
        write(f"Chỉ tiêu ({len(saved['targets'])}):")
        for target in saved["targets"]:
            value = "" if target["value"] is None else f" {target['value']}"
            write(f"  {target['year']} {target['indicator']}: {target['kind']}{value}")
        write(f"Cơ quan ({len(saved['bodies'])}):")
        for body in saved["bodies"]:
            action = "có sẵn" if body["action"] == "match" else "tạo mới"
            write(f"  {body['name']} ({action}, {body['place']})")
        write(f"Nhiệm vụ ({len(saved['tasks'])}):")
        for task in saved["tasks"]:
            deadline = _deadline_words(task)
            write(f"  [{task['lead']}] {task['text'][:90]} ({deadline})")
        write(f"Loại báo cáo ({len(saved['report_types'])}):")
        for report in saved["report_types"]:
            first = report["first_period"]
            due = f" hạn {first['due']}" if first else ""
            write(f"  {report['name']}: {', '.join(report['reporters'])}{due}")
        left = saved["left_for_the_officer"]
        write(
            f"Chờ người dùng: {len(left['targets_without_indicator'])} chỉ tiêu chưa có mã, "
            f"{len(left['tasks_without_body'])} nhiệm vụ chưa có cơ quan chủ trì"
        )


def _deadline_words(task: dict[str, Any]) -> str:
    kind = task["deadline_kind"]
    if kind == "date":
        return f"trước ngày {task['deadline_date']}"
    if kind == "quarter":
        roman = {1: "I", 2: "II", 3: "III", 4: "IV"}[task["deadline_quarter"]]
        return f"quý {roman}/{task['deadline_year']}"
    if kind == "yearly":
        return f"hằng năm trước {task['yearly_day']:02d}/{task['yearly_month']:02d}"
    return "—"

"""Loading criteria sets from YAML or XLSX files: the shipped ones and a province's own."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from django.db import transaction

from xhht.criteria.actions import create_set, revise_set
from xhht.criteria.definition import DefinitionError, parse_definition
from xhht.criteria.models import CriteriaSet
from xhht.criteria.serialize import from_yaml, to_data
from xhht.criteria.xlsx import read_set_xlsx

if TYPE_CHECKING:
    from xhht.accounts.models import User

SHIPPED_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    revised: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def sets_from_yaml(text: str) -> list[dict[str, Any]]:
    """One set (a mapping), a list of sets, or ``{sets: [...]}``."""
    data = from_yaml(text)
    if isinstance(data, dict) and isinstance(data.get("sets"), list):
        data = data["sets"]
    if isinstance(data, dict):
        return [data]
    if isinstance(data, list) and data and all(isinstance(d, dict) for d in data):
        return data
    raise DefinitionError(
        ["Tệp YAML không chứa bộ tiêu chí nào (cần các trường code, name, title…)."]
    )


def sets_from_upload(upload: IO[bytes], filename: str) -> list[dict[str, Any]]:
    if filename.lower().endswith(".xlsx"):
        return [read_set_xlsx(upload)]
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DefinitionError(["Tệp YAML phải được lưu với mã UTF-8."]) from exc
    return sets_from_yaml(text)


def sets_from_file(path: Path) -> list[dict[str, Any]]:
    with path.open("rb") as handle:
        return sets_from_upload(handle, path.name)


def load_sets(
    datas: list[dict[str, Any]], *, user: User | None = None, shipped: bool = False
) -> LoadReport:
    """Create new sets, revise changed ones (a used set gets a new version); all or nothing."""
    problems: list[str] = []
    for number, data in enumerate(datas, start=1):
        try:
            parse_definition(data)
        except DefinitionError as exc:
            name = data.get("code") if isinstance(data, dict) else None
            prefix = f"Bộ “{name}”" if name else f"Bộ thứ {number}"
            problems.extend(f"{prefix}: {p}" for p in exc.problems)
    if problems:
        raise DefinitionError(problems)
    report = LoadReport()
    with transaction.atomic():
        for data in datas:
            definition = parse_definition(data)
            latest = CriteriaSet.objects.filter(code=definition.code).order_by("-version").first()
            if latest is None:
                create_set(user=user, data=data, shipped=shipped)
                report.created.append(definition.code)
                continue
            wanted = {**to_data(definition), "version": latest.version}
            if wanted == latest.definition_json:
                report.unchanged.append(definition.code)
                continue
            revise_set(user=user, criteria_set=latest, data=data, reason="Nạp lại từ tệp")
            report.revised.append(definition.code)
    return report


def load_shipped(*, user: User | None = None) -> LoadReport:
    datas: list[dict[str, Any]] = []
    for path in sorted(SHIPPED_DIR.glob("*.yaml")):
        datas.extend(sets_from_file(path))
    return load_sets(datas, user=user, shipped=True)

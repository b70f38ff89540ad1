"""Workflows on criteria sets: create, revise (a used set becomes a new version), derive a
province variant, and mark a set used when an assessment starts with it.

Each checks permission (``user=None`` is the system: commands and data loading), validates with
``parse_definition`` (``DefinitionError`` lists every problem, nothing is half-saved), runs in a
transaction and leaves an audit record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from xhht.accounts.access import EVERYWHERE, Capability, can, scope_paths
from xhht.audit.actions import record_step
from xhht.audit.context import acting_as
from xhht.criteria.definition import DefinitionError, SetDefinition, parse_definition
from xhht.criteria.models import CriteriaSet
from xhht.criteria.serialize import to_data
from xhht.places.models import Place

if TYPE_CHECKING:
    from xhht.accounts.models import User


class CriteriaSetNotUsable(Exception):
    """A template, or a replaced version: it cannot start an assessment."""


def may_manage(user: User | None, province: Place | None) -> bool:
    """National sets need a national scope; a province's variants, the capability there."""
    if user is None:
        return True
    if province is None:
        return EVERYWHERE in scope_paths(user, Capability.MANAGE_CRITERIA)
    return can(user, Capability.MANAGE_CRITERIA, province)


def _province(definition: SetDefinition) -> Place | None:
    if definition.province_code is None:
        return None
    province = Place.objects.province(definition.province_code)
    if province is None:
        raise DefinitionError(
            [
                f"Mã tỉnh (province) “{definition.province_code}” không có trong danh mục địa bàn hiện hành."
            ]
        )
    return province


def require_manage(user: User | None, province: Place | None) -> None:
    if not may_manage(user, province):
        where = province.name if province else "toàn quốc"
        raise DefinitionError(
            [
                f"Bạn không có quyền quản lý bộ tiêu chí của {where}; hãy ghi mã tỉnh của mình (province)."
            ]
        )


def _stored(definition: SetDefinition, version: int) -> dict[str, Any]:
    return {**to_data(definition), "version": version}


def create_set(
    *, user: User | None, data: dict[str, Any], shipped: bool = False, reason: str = ""
) -> CriteriaSet:
    """A new set (version 1); its code must not be taken."""
    definition = parse_definition(data)
    province = _province(definition)
    require_manage(user, province)
    if CriteriaSet.objects.filter(code=definition.code).exists():
        raise DefinitionError(
            [
                f"Mã bộ tiêu chí “{definition.code}” đã có; hãy sửa bộ đó (tạo phiên bản mới) hoặc dùng mã khác."
            ]
        )
    with transaction.atomic(), acting_as(user, reason=reason):
        criteria_set = CriteriaSet(
            province=province,
            definition_json=_stored(definition, 1),
            shipped=shipped,
            created_by=user,
            version=1,
        )
        criteria_set.copy_from_definition(definition)
        criteria_set.save()
    return criteria_set


def revise_set(
    *, user: User | None, criteria_set: CriteriaSet, data: dict[str, Any], reason: str = ""
) -> CriteriaSet:
    """Change a set: in place while no assessment used it, otherwise as a new version.

    Returns the row that now holds the definition. A new version that is complete replaces
    the old one for new assessments (the old one is retired; assessments keep theirs).
    """
    definition = parse_definition(data)
    with transaction.atomic(), acting_as(user, reason=reason):
        current = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
        require_manage(user, current.province)
        problems = []
        if current.status == CriteriaSet.Status.RETIRED or current.next_versions.exists():
            problems.append("Đây không phải phiên bản mới nhất; hãy sửa phiên bản mới nhất.")
        if definition.code != current.code:
            problems.append(
                f"Không đổi được mã bộ tiêu chí khi sửa (“{current.code}” → “{definition.code}”); hãy tạo bộ mới."
            )
        if _province(definition) != current.province:
            problems.append("Không đổi được tỉnh áp dụng (province) khi sửa; hãy tạo biến thể mới.")
        if problems:
            raise DefinitionError(problems)
        if not current.is_used:
            current.definition_json = _stored(definition, current.version)
            current.copy_from_definition(definition)
            current.save()
            return current
        latest = CriteriaSet.objects.filter(code=current.code).aggregate(v=Max("version"))["v"]
        revised = CriteriaSet(
            province=current.province,
            definition_json=_stored(definition, (latest or 0) + 1),
            shipped=current.shipped,
            illustrative=current.illustrative,
            previous=current,
            created_by=user,
            version=(latest or 0) + 1,
        )
        revised.copy_from_definition(definition)
        revised.save()
        if revised.complete:
            current.status = CriteriaSet.Status.RETIRED
            current.save(update_fields=["status", "updated_at"])
        record_step(
            actor=user,
            obj=revised,
            step="criteria.new_version",
            place=current.province,
            before={"version": current.version},
            after={"version": revised.version},
            reason=reason,
        )
    return revised


def derive_variant(*, user: User | None, criteria_set: CriteriaSet, province: Place) -> CriteriaSet:
    """A copy of a national set as a province's own variant, to complete or adapt."""
    code = f"{criteria_set.code}-{province.code}"
    existing = CriteriaSet.objects.filter(code=code).order_by("-version").first()
    if existing is not None:
        return existing
    data = {**criteria_set.definition_json, "code": code, "province": province.code}
    data["name"] = f"{criteria_set.name} — {province.name}"
    return create_set(user=user, data=data, reason=f"Biến thể của {criteria_set.code}")


def mark_used(criteria_set: CriteriaSet, *, actor: User | None = None) -> None:
    """Record that an assessment uses the set: from now on it is never changed in place.

    Raises ``CriteriaSetNotUsable`` for a template (it can recognise no one) or a replaced
    version.
    """
    if not criteria_set.complete:
        missing = " ".join(criteria_set.missing_values())
        raise CriteriaSetNotUsable(
            f"Bộ tiêu chí “{criteria_set.name}” là mẫu chưa hoàn chỉnh, chưa thể dùng để công nhận: {missing}"
        )
    if criteria_set.status == CriteriaSet.Status.RETIRED:
        raise CriteriaSetNotUsable(
            f"Bộ tiêu chí “{criteria_set.name}” (phiên bản {criteria_set.version}) đã được thay thế."
        )
    now = timezone.now()
    with transaction.atomic():
        updated = CriteriaSet.objects.filter(pk=criteria_set.pk, used_at__isnull=True).update(
            used_at=now
        )
        if updated:
            record_step(
                actor=actor, obj=criteria_set, step="criteria.used", place=criteria_set.province
            )
    criteria_set.refresh_from_db(fields=["used_at"])

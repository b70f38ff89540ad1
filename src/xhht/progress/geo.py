"""Commune boundaries of a province (GeoJSON) and the map data of the progress dashboard.

A province uploads a FeatureCollection of Polygon/MultiPolygon features in longitude/latitude
(WGS84), each carrying a commune code in one property (named by the user, or found among
``ma_xa``, ``code``, ``ma``). The file is stored whole in ``BoundaryMap``; the dashboard's map
endpoint returns only the features of the place's children, each with its actual rate.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from xhht.accounts.access import Capability, require
from xhht.accounts.models import User
from xhht.indicators.models import BoundaryMap
from xhht.places.models import Level, Place
from xhht.progress.figures import ChildFigure, heat_class, vi_percent

MAX_GEOJSON_BYTES: int = getattr(settings, "XHHT_MAX_GEOJSON_BYTES", 20 * 1024 * 1024)
CODE_PROPERTIES = ("ma_xa", "code", "ma")
GEOMETRY_TYPES = ("Polygon", "MultiPolygon")
#: Heat classes (as in the heat table) and their colours on the map, best first.
HEAT_COLOURS = {
    "heat-4": "#2e9e5b",
    "heat-3": "#9ccc65",
    "heat-2": "#ffd54f",
    "heat-1": "#e57373",
    "heat-none": "#cfd6de",
}


class GeoJSONError(Exception):
    """The file cannot be used; the message says what to fix."""


@dataclass
class BoundaryCheck:
    data: dict[str, Any]
    code_property: str
    #: commune code → feature index
    matched: dict[str, int] = field(default_factory=dict)
    #: codes (as in the file) of features that match no commune of the province
    unmatched_features: list[str] = field(default_factory=list)
    #: communes of the province without a feature
    missing_communes: list[Place] = field(default_factory=list)


def feature_code(feature: dict[str, Any], prop: str) -> str:
    """The commune code a feature carries; numbers get their leading zeros back (70 → "00070")."""
    value = (feature.get("properties") or {}).get(prop)
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text.zfill(5) if text.isdigit() and len(text) < 5 else text


def _is_position(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) >= 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value[:2])
        and -180 <= value[0] <= 180
        and -90 <= value[1] <= 90
    )


def _polygon_ok(rings: Any) -> bool:
    return (
        isinstance(rings, list)
        and len(rings) >= 1
        and all(
            isinstance(ring, list) and len(ring) >= 4 and all(_is_position(p) for p in ring)
            for ring in rings
        )
    )


def _geometry_ok(geometry: dict[str, Any]) -> bool:
    coordinates = geometry.get("coordinates")
    if geometry.get("type") == "Polygon":
        return _polygon_ok(coordinates)
    return (
        isinstance(coordinates, list)
        and bool(coordinates)
        and all(_polygon_ok(polygon) for polygon in coordinates)
    )


def parse_geojson(content: bytes) -> dict[str, Any]:
    """A FeatureCollection of Polygon/MultiPolygon features, or ``GeoJSONError``."""
    if len(content) > MAX_GEOJSON_BYTES:
        raise GeoJSONError(
            _("Tệp quá lớn (%(size)s MB); giới hạn là %(limit)s MB.")
            % {"size": len(content) // (1024 * 1024), "limit": MAX_GEOJSON_BYTES // (1024 * 1024)}
        )
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):  # "[[[[…" overflows the stack
        raise GeoJSONError(
            _(
                "Tệp không phải GeoJSON (không đọc được JSON). Hãy xuất ranh giới từ phần mềm GIS "
                "dưới dạng GeoJSON."
            )
        ) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise GeoJSONError(_("Tệp GeoJSON phải là một FeatureCollection (tập hợp các vùng)."))
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise GeoJSONError(_("Tệp GeoJSON không có vùng nào (features trống)."))
    for index, feature in enumerate(features, start=1):
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRY_TYPES:
            raise GeoJSONError(
                _(
                    "Vùng thứ %(n)s không phải Polygon hoặc MultiPolygon; chỉ dùng ranh giới dạng "
                    "vùng."
                )
                % {"n": index}
            )
        if not _geometry_ok(geometry):
            raise GeoJSONError(
                _(
                    "Tọa độ của vùng thứ %(n)s không hợp lệ; tọa độ phải là kinh độ, vĩ độ (WGS84, "
                    "EPSG:4326), không dùng VN-2000."
                )
                % {"n": index}
            )
    return data


def _communes_of(province: Place) -> dict[str, Place]:
    communes = (
        Place.objects.current()
        .filter(level=Level.COMMUNE, path__startswith=province.path)
        .by_name()
    )
    return {c.code: c for c in communes}


def check_boundaries(content: bytes, province: Place, code_property: str = "") -> BoundaryCheck:
    """Parse and match the features against the province's current communes."""
    data = parse_geojson(content)
    features: list[dict[str, Any]] = data["features"]
    communes = _communes_of(province)
    if code_property:
        candidates = [code_property]
    else:
        keys = {k for f in features for k in (f.get("properties") or {})}
        by_fold = {k.lower(): k for k in sorted(keys)}
        candidates = [by_fold[c] for c in CODE_PROPERTIES if c in by_fold]
        if not candidates:
            raise GeoJSONError(
                _(
                    "Không tìm thấy thuộc tính chứa mã xã (ma_xa, code, ma); hãy nhập tên thuộc "
                    "tính."
                )
            )
    prop = max(candidates, key=lambda c: sum(feature_code(f, c) in communes for f in features))
    check = BoundaryCheck(data, prop)
    for index, feature in enumerate(features, start=1):
        code = feature_code(feature, prop)
        if not code:
            raise GeoJSONError(
                _("Vùng thứ %(n)s không có thuộc tính “%(prop)s” (mã xã).")
                % {"n": index, "prop": prop}
            )
        if code in check.matched:
            raise GeoJSONError(
                _(
                    "Mã xã “%(code)s” có ở hai vùng (thứ %(a)s và %(n)s); mỗi xã một vùng "
                    "(dùng MultiPolygon cho xã có nhiều phần)."
                )
                % {"code": code, "a": check.matched[code] + 1, "n": index}
            )
        if code in communes:
            check.matched[code] = index - 1
        else:
            check.unmatched_features.append(code)
    if not check.matched:
        raise GeoJSONError(
            _("Không vùng nào có mã xã thuộc %(province)s (thuộc tính “%(prop)s”).")
            % {"province": province.name, "prop": prop}
        )
    check.missing_communes = [c for code, c in communes.items() if code not in check.matched]
    return check


def save_boundaries(
    *, user: User, province: Place, content: bytes, code_property: str = "", file_name: str = ""
) -> BoundaryCheck:
    """Check and store (replace) the province's boundaries; audited."""
    require(user, Capability.MANAGE_PLANS, province)
    if province.level != Level.PROVINCE:
        raise GeoJSONError(_("Chỉ tải ranh giới cho tỉnh/thành phố."))
    check = check_boundaries(content, province, code_property)
    text = content.decode("utf-8-sig")
    with transaction.atomic():
        stored = BoundaryMap.objects.select_for_update().filter(province=province).first()
        stored = stored or BoundaryMap(province=province)
        stored.geojson, stored.code_property = text, check.code_property
        stored.sha256 = hashlib.sha256(content).hexdigest()
        stored.feature_count = len(check.data["features"])
        stored.matched_count = len(check.matched)
        stored.file_name, stored.uploaded_by = file_name[:255], user
        stored.save()
    return check


def boundary_map_for(place: Place) -> BoundaryMap | None:
    """The boundaries of the place's province, if it uploaded any: one query."""
    return BoundaryMap.objects.filter(province_id=place.root_id).first() if place.path else None


def map_features(
    boundaries: BoundaryMap, children: list[ChildFigure], target: Any, query: str = ""
) -> list[dict[str, Any]]:
    """The features of the children, properties replaced by name, figures and heat class."""
    by_code = {child.place.code: child for child in children}
    features = []
    for feature in json.loads(boundaries.geojson)["features"]:
        child = by_code.get(feature_code(feature, boundaries.code_property))
        if child is None:
            continue
        rate = child.actual.rate
        heat = heat_class(rate, target)
        features.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {
                    "id": child.place.pk,
                    "code": child.place.code,
                    "name": child.place.name,
                    "numerator": child.actual.numerator,
                    "denominator": child.actual.denominator,
                    "rate": rate,
                    "rate_text": vi_percent(rate),
                    "heat": heat,
                    "colour": HEAT_COLOURS[heat],
                    "url": reverse("progress:dashboard", args=[child.place.pk]) + query,
                },
            }
        )
    return features


def legend() -> list[dict[str, str]]:
    labels = {
        "heat-4": _("Đạt kế hoạch"),
        "heat-3": _("Từ 80% kế hoạch"),
        "heat-2": _("Từ 50% kế hoạch"),
        "heat-1": _("Dưới 50% kế hoạch"),
        "heat-none": _("Chưa có số liệu"),
    }
    return [{"heat": k, "colour": c, "label": labels[k]} for k, c in HEAT_COLOURS.items()]

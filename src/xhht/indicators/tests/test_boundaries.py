from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xhht.audit.models import AuditEntry
from xhht.indicators.actions import record_value
from xhht.indicators.models import BoundaryMap, Indicator
from xhht.plans.actions import PlanData, TargetData, create_plan
from xhht.progress.geo import GeoJSONError, check_boundaries, save_boundaries
from xhht.testing.world import World


def square(code: Any, x: float, prop: str = "ma_xa", kind: str = "Polygon") -> dict[str, Any]:
    ring = [[x, 10.0], [x + 0.1, 10.0], [x + 0.1, 10.1], [x, 10.1], [x, 10.0]]
    coordinates: Any = [ring] if kind == "Polygon" else [[ring]]
    return {
        "type": "Feature",
        "properties": {prop: code, "ten": f"Xã {code}"},
        "geometry": {"type": kind, "coordinates": coordinates},
    }


def collection(*features: dict[str, Any]) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


POINT = json.dumps(
    {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"ma_xa": "31135"},
                "geometry": {"type": "Point", "coordinates": [105.7, 10.0]},
            }
        ],
    }
).encode()


def cantho_boundaries() -> bytes:
    return collection(square("31135", 105.7), square(31120, 105.8, kind="MultiPolygon"))


def test_a_good_file_matches_every_commune(world: World) -> None:
    check = check_boundaries(cantho_boundaries(), world.province)
    assert check.code_property == "ma_xa"
    assert set(check.matched) == {"31135", "31120"}
    assert not check.unmatched_features and not check.missing_communes


def test_the_code_property_is_found_or_named_by_the_user(world: World) -> None:
    detected = check_boundaries(collection(square("31135", 105.7, prop="CODE")), world.province)
    assert detected.code_property == "CODE"
    named = check_boundaries(
        collection(square("31135", 105.7, prop="MaHC")), world.province, "MaHC"
    )
    assert set(named.matched) == {"31135"}
    with pytest.raises(GeoJSONError, match="thuộc tính"):
        check_boundaries(collection(square("31135", 105.7, prop="MaHC")), world.province)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<kml>not json</kml>", "không phải GeoJSON"),
        (b"[" * 100_000, "không phải GeoJSON"),  # nesting that overflowed the stack: a 500
        (b'{"type": "Feature"}', "FeatureCollection"),
        (collection(), "không có vùng"),
        (POINT, "Polygon"),
        (collection(square("31135", 587000.0)), "WGS84"),
        (collection(square("31135", 105.7), square("31135", 105.8)), "hai vùng"),
        (collection(square("00070", 105.7)), "Không vùng nào"),
    ],
)
def test_files_that_are_not_usable_are_refused(world: World, content: bytes, message: str) -> None:
    with pytest.raises(GeoJSONError, match=message):
        check_boundaries(content, world.province)


def test_unmatched_features_and_communes_without_a_feature_are_reported(world: World) -> None:
    content = collection(square("31135", 105.7), square("99999", 105.8), square("00070", 105.9))
    check = check_boundaries(content, world.province)
    assert check.unmatched_features == ["99999", "00070"]
    assert [c.code for c in check.missing_communes] == ["31120"]


def test_a_file_over_the_size_limit_is_refused(world: World, monkeypatch: Any) -> None:
    monkeypatch.setattr("xhht.progress.geo.MAX_GEOJSON_BYTES", 100)
    with pytest.raises(GeoJSONError, match="quá lớn"):
        check_boundaries(cantho_boundaries(), world.province)


def test_the_coordinator_uploads_and_sees_the_report(world: World, client_for: Any) -> None:
    client = client_for(world.coordinator)
    url = reverse("progress:boundaries", args=[world.province.pk])
    bad = client.post(url, {"file": SimpleUploadedFile("x.geojson", b"{nope")})
    assert bad.status_code == 400 and not BoundaryMap.objects.exists()
    content = collection(square("31135", 105.7), square("99999", 105.8))
    response = client.post(url, {"file": SimpleUploadedFile("ranh-gioi.geojson", content)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "99999" in page and "Phường Cái Khế (31120)" in page
    stored = BoundaryMap.objects.get(province=world.province)
    assert (stored.feature_count, stored.matched_count) == (2, 1)
    entry = AuditEntry.objects.filter(object_id=str(stored.pk)).latest("pk")
    assert "geojson" not in (entry.after or {}) and "FeatureCollection" not in str(entry.after)
    again = client.post(url, {"file": SimpleUploadedFile("b.geojson", cantho_boundaries())})
    assert again.status_code == 200 and BoundaryMap.objects.get().matched_count == 2


def test_only_a_province_gets_boundaries(world: World, client_for: Any) -> None:
    url = reverse("progress:boundaries", args=[world.commune.pk])
    assert client_for(world.coordinator).get(url).status_code == 404


def progress_world(world: World) -> Any:
    plan = create_plan(
        user=None,
        data=PlanData(
            place=world.province,
            number="12/KH-UBND",
            date=datetime.date(2024, 3, 1),
            issuer="UBND thành phố",
            title="Kỹ năng sống 2024",
            period_start=2024,
            period_end=2024,
            targets=[TargetData("khuyenhoc_trained", 2024, Decimal("80"), "percent")],
        ),
    )
    skills = Indicator.objects.get(code="khuyenhoc_trained")
    record_value(
        user=world.coordinator,
        indicator=skills,
        place=world.commune,
        year=2024,
        numerator=45,
        denominator=50,
    )
    record_value(
        user=world.coordinator,
        indicator=skills,
        place=world.other_commune,
        year=2024,
        numerator=1111,
        denominator=2000,
    )
    return plan


def map_json(client: Any, place_id: int) -> Any:
    url = reverse("progress:map_data", args=[place_id]) + "?year=2024&indicator=khuyenhoc_trained"
    response = client.get(url)
    assert response.status_code == 200
    return response.json()


def test_the_map_endpoint_gives_each_commune_its_rate(world: World, client_for: Any) -> None:
    progress_world(world)
    save_boundaries(user=world.coordinator, province=world.province, content=cantho_boundaries())
    data = map_json(client_for(world.coordinator), world.province.pk)
    by_code = {f["properties"]["code"]: f["properties"] for f in data["features"]}
    assert set(by_code) == {"31135", "31120"}
    assert by_code["31120"]["rate_text"] == "55,55%"
    assert by_code["31120"]["name"] == "Phường Cái Khế"
    assert (by_code["31135"]["numerator"], by_code["31135"]["denominator"]) == (45, 50)
    assert by_code["31135"]["heat"] == "heat-4" and by_code["31120"]["heat"] == "heat-2"
    assert data["indicator"]["code"] == "khuyenhoc_trained" and len(data["legend"]) == 5


def test_the_map_endpoint_keeps_the_dashboard_scope(world: World, client_for: Any) -> None:
    progress_world(world)
    save_boundaries(user=world.coordinator, province=world.province, content=cantho_boundaries())
    officer = client_for(world.commune_officer)
    assert officer.get(reverse("progress:map_data", args=[world.province.pk])).status_code == 404
    assert map_json(officer, world.commune.pk)["features"] == []  # hamlets are not on the map
    outsider = client_for(world.outsider)
    assert outsider.get(reverse("progress:map_data", args=[world.commune.pk])).status_code == 404


def test_the_dashboard_shows_the_map_only_when_boundaries_exist(
    world: World, client_for: Any
) -> None:
    progress_world(world)
    client = client_for(world.coordinator)
    url = reverse("progress:dashboard", args=[world.province.pk]) + "?year=2024"
    without = client.get(url).content.decode()
    assert 'data-testid="children-table"' in without and "progress-map" not in without
    save_boundaries(user=world.coordinator, province=world.province, content=cantho_boundaries())
    with_map = client.get(url).content.decode()
    assert "progress-map" in with_map and "vendor/leaflet/leaflet.js" in with_map

"""Resources placed in the test world, for the app's tests, R2's and the permission matrix:
``w.once("resource", factories.published_resource)``."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from xhht.centres.models import Centre
from xhht.centres.tests import factories as centre_factories
from xhht.resources.actions import (
    ResourceFields,
    create_resource,
    publish_resource,
    submit_resource,
)
from xhht.resources.models import Collection, CollectionItem, Resource
from xhht.testing.world import World


def fields(title: str = "Kỹ năng số cho người cao tuổi", **extra: object) -> ResourceFields:
    values: dict[str, object] = {
        "title": title,
        "kind": Resource.Kind.VIDEO,
        "licence": Resource.Licence.CC_BY,
        "description": "Dùng điện thoại thông minh an toàn: Zalo, VNeID, thanh toán.",
        "audience": Resource.Audience.ELDERLY,
        "author": "Nguyễn Thị Hoa",
        "url": "https://example.org/ky-nang-so",
        "topics": [centre_factories.topic()],
    }
    values.update(extra)
    return ResourceFields(**values)  # type: ignore[arg-type]  # the dataclass checks names


def draft_resource(w: World, title: str = "Kỹ năng số cho người cao tuổi") -> Resource:
    """A draft offered by the commune's centre, written by the commune officer."""
    centre: Centre = w.once("centre", centre_factories.centre)
    return create_resource(user=w.commune_officer, fields=fields(title), centre=centre)


def submitted_resource(w: World, title: str = "Kỹ năng số: dịch vụ công trực tuyến") -> Resource:
    return submit_resource(user=w.commune_officer, resource=draft_resource(w, title))


def published_resource(w: World, title: str = "Kỹ năng số cơ bản") -> Resource:
    resource = submitted_resource(w, title)
    return publish_resource(user=w.coordinator, resource=resource)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def published_file(w: World, title: str = "Sổ tay kỹ năng số") -> Resource:
    """A published resource with an uploaded PDF (and no link)."""
    centre: Centre = w.once("centre", centre_factories.centre)
    upload = SimpleUploadedFile(f"{title}.pdf", PDF, content_type="application/pdf")
    resource = create_resource(
        user=w.commune_officer, fields=fields(title, url=""), centre=centre, upload=upload
    )
    submit_resource(user=w.commune_officer, resource=resource)
    return publish_resource(user=w.coordinator, resource=resource)


def collection(w: World) -> Collection:
    centre: Centre = w.once("centre", centre_factories.centre)
    shelf = Collection.objects.create(centre=centre, name="Tủ sách kỹ năng số")
    CollectionItem.objects.create(collection=shelf, resource=w.once("resource", published_resource))
    return shelf

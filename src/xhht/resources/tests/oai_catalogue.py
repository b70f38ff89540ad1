"""A catalogue in every state for the harvesting tests: published resources of two provinces, by
an institution and by a body, with and without topics, and the states harvesters must not see
(draft, submitted, returned) or must see as deleted (published once, then withdrawn)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from xhht.centres.models import Centre
from xhht.centres.tests import factories as centre_factories
from xhht.resources.models import Resource
from xhht.testing.world import World

S = Resource.State


@dataclass
class Catalogue:
    published: list[Resource] = field(default_factory=list)
    hidden: list[Resource] = field(default_factory=list)
    withdrawn: Resource | None = None


def resource(
    w: World,
    title: str,
    *,
    state: str = S.PUBLISHED,
    centre: Centre | None = None,
    by_body: bool = False,
    kind: str = Resource.Kind.VIDEO,
) -> Resource:
    """A resource saved straight to ``state`` (the workflow's own tests take the steps)."""
    by_body = by_body or centre is None
    place = w.body.place if by_body or centre is None else centre.place
    now = timezone.now()
    published = state == S.PUBLISHED or state == S.WITHDRAWN
    return Resource.objects.create(
        title=title,
        description=f"Mô tả: {title}",
        kind=kind,
        licence=Resource.Licence.CC_BY,
        author="Nguyễn Văn A",
        url="https://hoclieu.example.vn/bai-hoc",
        centre=None if by_body else centre,
        body=w.body if by_body else None,
        place=place,
        province_id=place.root_id,
        state=state,
        published_at=now - timedelta(days=1) if published else None,
    )


def build(w: World, published: int = 23) -> Catalogue:
    """``published`` resources in Cần Thơ (plus one in Hà Nội) and five that are not."""
    university = centre_factories.centre(
        w, code="DH-CT", kind=Centre.Kind.UNIVERSITY, name="Trường Đại học Cần Thơ"
    )
    digital = centre_factories.topic()
    catalogue = Catalogue()
    for number in range(published):
        item = resource(
            w,
            f"Kỹ năng số bài {number + 1}" if number % 2 == 0 else f"Pháp luật phổ thông {number}",
            centre=None if number % 3 == 0 else university,
            by_body=number % 3 == 0,
            kind=Resource.Kind.DOCUMENT if number % 2 else Resource.Kind.VIDEO,
        )
        if number % 2 == 0:
            item.topics.add(digital)
        catalogue.published.append(item)
    hanoi = centre_factories.centre(
        w, code="TT-HN", place=w.far_commune, name="Trung tâm Hoàn Kiếm"
    )
    catalogue.published.append(resource(w, "Học liệu Hà Nội", centre=hanoi))
    for title, state in (
        ("Bản nháp", S.DRAFT),
        ("Chờ duyệt 1", S.SUBMITTED),
        ("Chờ duyệt 2", S.SUBMITTED),
        ("Trả lại", S.RETURNED),
    ):
        catalogue.hidden.append(resource(w, title, state=state, centre=university))
    catalogue.withdrawn = resource(w, "Đã rút", state=S.WITHDRAWN, centre=university)
    return catalogue

"""Open learning resources in bulk, for the benchmarks (the harvest of a large catalogue): plausible
titles from the topic catalogue, every kind and licence, offered by the province's active
institutions and bodies; most published, the rest drafts or submitted. Written with bulk
inserts (no trail, no signals), then the province's kept counts are recounted."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from xhht.accounts.models import Body
from xhht.centres.models import Centre, Topic
from xhht.indicators.rebuild import rebuild
from xhht.places.models import Place
from xhht.resources.models import Resource

BATCH = 1000
SUBJECTS = (
    "bài {n}: nhập môn",
    "bài {n}: thực hành",
    "tài liệu hướng dẫn số {n}",
    "hỏi đáp số {n}",
    "chuyên đề {n}",
)


def generate_resources(
    *, province: Place, count: int, seed: int = 1, published_share: float = 0.8
) -> int:
    """``count`` resources under ``province``; returns how many were made (0 when the province
    has no institution or body to offer them)."""
    rng = random.Random(seed)
    centres = list(
        Centre.objects.filter(place__path__startswith=province.path, status=Centre.Status.ACTIVE)
        .order_by("pk")
        .values_list("pk", "place_id")
    )
    bodies = list(
        Body.objects.filter(place__path__startswith=province.path)
        .order_by("pk")
        .values_list("pk", "place_id")
    )
    contributors = [("centre", *c) for c in centres] + [("body", *b) for b in bodies]
    topics = list(Topic.objects.filter(province__isnull=True, active=True))
    if not contributors or not topics:
        return 0
    now = timezone.now()
    states = [Resource.State.DRAFT, Resource.State.SUBMITTED]
    with transaction.atomic():
        for start in range(0, count, BATCH):
            batch: list[Resource] = []
            chosen: list[Topic] = []
            for n in range(start, min(start + BATCH, count)):
                kind, pk, place_id = rng.choice(contributors)
                topic = rng.choice(topics)
                published = rng.random() < published_share
                moment = now - timedelta(minutes=rng.randrange(0, 60 * 24 * 365))
                resource = Resource(
                    uid=uuid.UUID(int=rng.getrandbits(128), version=4),
                    title=f"{topic.name}: {rng.choice(SUBJECTS).format(n=n + 1)}",
                    description=f"Học liệu tổng hợp số {n + 1} (dữ liệu thử nghiệm).",
                    kind=rng.choice(Resource.Kind.values),
                    licence=rng.choice(Resource.Licence.values),
                    audience=rng.choice(Resource.Audience.values),
                    url=f"https://example.org/hoc-lieu/{n + 1}",
                    centre_id=pk if kind == "centre" else None,
                    body_id=pk if kind == "body" else None,
                    place_id=place_id,
                    province_id=province.pk,
                    state=Resource.State.PUBLISHED if published else rng.choice(states),
                    published_at=moment if published else None,
                )
                resource.refresh_keys()
                batch.append(resource)
                chosen.append(topic)
            made = Resource.objects.bulk_create(batch)
            through = Resource.topics.through
            through.objects.bulk_create(
                [
                    through(resource_id=r.pk, topic_id=t.pk)
                    for r, t in zip(made, chosen, strict=True)
                ]
            )
            stamps = {r.pk: r.published_at or now for r in made}
            for pk, moment in stamps.items():  # bulk_create sets auto_now to now: spread them
                Resource.objects.filter(pk=pk).update(updated_at=moment)
        rebuild(province)
    return count

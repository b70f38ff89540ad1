"""The production path stores uploaded files in S3-compatible storage (a local moto server here)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.test import override_settings


@pytest.fixture
def s3_endpoint() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def test_files_round_trip_through_s3_compatible_storage(s3_endpoint: str) -> None:
    s3 = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "xhht-evidence",
            "endpoint_url": s3_endpoint,
            "access_key": "test",
            "secret_key": "test",
            "region_name": "us-east-1",
            "signature_version": "s3v4",
            "default_acl": None,
            "querystring_auth": True,
        },
    }
    with override_settings(
        STORAGES={
            "default": s3,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ):
        from storages.backends.s3 import S3Storage

        storage = storages.create_storage(s3)
        assert isinstance(storage, S3Storage)
        storage.connection.meta.client.create_bucket(Bucket="xhht-evidence")
        name = storage.save(
            "evidence/2026/anh-minh-chung.jpg", ContentFile(b"\xff\xd8\xff\xe0 photo")
        )
        with storage.open(name) as handle:
            assert handle.read() == b"\xff\xd8\xff\xe0 photo"
        assert storage.exists(name)
        assert "X-Amz-Signature" in storage.url(name)  # private files: signed, expiring links
        storage.delete(name)
        assert not storage.exists(name)

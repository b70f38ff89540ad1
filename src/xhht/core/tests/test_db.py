import pytest
from django.conf import settings
from django.test import override_settings

from xhht.core.db import read_db


def test_reads_go_to_the_primary_without_a_replica() -> None:
    assert read_db() == "default"


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")  # only read_db reads it here
def test_reads_go_to_the_replica_when_one_is_configured() -> None:
    with override_settings(
        DATABASES={**settings.DATABASES, "replica": settings.DATABASES["default"]}
    ):
        assert read_db() == "replica"

"""The rows that data migrations ship (indicator catalogue, criteria templates), put back.

A transactional test (every browser test) ends by emptying all tables, so the next one would
find no indicator catalogue and no shipped criteria sets; the ``shipped_data`` fixture in the
root conftest calls this first.
"""

from __future__ import annotations

from django.core.management import call_command


def restore_shipped_data() -> None:
    # Imported here: the root conftest imports this module before pytest-django sets Django
    # up, and models cannot be imported before then.
    from xhht.criteria.models import CriteriaSet
    from xhht.indicators.catalogue import load_catalogue, read_catalogue
    from xhht.indicators.models import Indicator

    if not Indicator.objects.exists():
        load_catalogue(Indicator, read_catalogue())
    if not CriteriaSet.objects.filter(shipped=True).exists():
        call_command("load_criteria", "--shipped", verbosity=0)

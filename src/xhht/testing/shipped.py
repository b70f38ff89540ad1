"""The rows that data migrations ship (indicator catalogue, criteria templates, the national
class topics), put back.

A transactional test (every browser test) ends by emptying all tables, so the next one would
find no indicator catalogue and no shipped criteria sets; the ``shipped_data`` fixture in the
root conftest calls this first.
"""

from __future__ import annotations

import importlib

from django.apps import apps
from django.core.management import call_command


def restore_shipped_data() -> None:
    # Imported here: the root conftest imports this module before pytest-django sets Django
    # up, and models cannot be imported before then.
    from xhht.centres.models import Topic
    from xhht.criteria.models import CriteriaSet
    from xhht.indicators.catalogue import load_catalogue, read_catalogue
    from xhht.indicators.models import Indicator
    from xhht.pcgd.models import Standard

    if not Indicator.objects.exists():
        load_catalogue(Indicator, read_catalogue())
    if not CriteriaSet.objects.filter(shipped=True).exists():
        call_command("load_criteria", "--shipped", verbosity=0)
    if not Topic.objects.filter(province=None).exists():
        # The data migration's own function, run on the current models (a module name cannot
        # start with a digit in an import statement).
        topics = importlib.import_module("xhht.centres.migrations.0002_national_topics")
        topics.add_topics(apps, None)
    if not Standard.objects.filter(province=None).exists():
        # The national PCGD–XMC rule sets, by the data migration's own function.
        standards = importlib.import_module("xhht.pcgd.migrations.0002_national_standards")
        standards.load(apps, None)

"""The ``xhht`` console command: Django's management commands under the project's name."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xhht.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line([*sys.argv[:1], *sys.argv[1:]])


if __name__ == "__main__":
    main()

"""WSGI entry point for gunicorn: ``gunicorn xhht.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xhht.settings")
application = get_wsgi_application()

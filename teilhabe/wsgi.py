"""WSGI entry point for gunicorn (`teilhabe serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teilhabe.settings")
application = get_wsgi_application()

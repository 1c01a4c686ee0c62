"""The WSGI application (gunicorn: `pinggu.web.wsgi:application`).

A new process pays its first request's costs while it starts, before it accepts a request
(warm.py): so the first page after a restart is as fast as the next (README, 性能)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pinggu.web.settings")
application = get_wsgi_application()

from . import warm  # noqa: E402 (models can be imported only once Django is set up)

warm.up()

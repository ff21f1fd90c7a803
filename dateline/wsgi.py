"""WSGI entry point: ``granian --interface wsgi dateline.wsgi:application`` (or gunicorn).

Django's handler is wrapped in the page cache's hit path (``dateline.pagecache.wsgi``):
a cached anonymous page is answered from the shared store before Django's middleware.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings.production")
django_application = get_wsgi_application()

from dateline.pagecache.wsgi import PageCacheApp  # noqa: E402 - needs Django set up

application = PageCacheApp(django_application)

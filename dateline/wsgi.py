"""WSGI entry point: ``granian --interface wsgi dateline.wsgi:application`` (or gunicorn).

Django's handler is wrapped in the page cache's hit path (``dateline.pagecache.wsgi``):
a cached anonymous page is answered from the shared store before Django's middleware. Each
worker loads its templates, catalogues and URL patterns before it serves (``warm_up``).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings.production")
django_application = get_wsgi_application()

from dateline.pagecache.wsgi import PageCacheApp, warm_up  # noqa: E402 - needs Django set up

warm_up()  # before this worker serves: templates, catalogues and URL patterns (no database)
application = PageCacheApp(django_application)

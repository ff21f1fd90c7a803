"""``manage.py pagecache_headers``: write the headers nginx adds to page files (``pagefiles``)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client, override_settings

from dateline.pagecache import pagefiles
from dateline.pagecache.middleware import entry_headers


class Command(BaseCommand):
    help = (
        "Render the edition home of the default language and write the headers nginx must add to page files "
        "(headers.conf, included by deploy/nginx/dateline.conf.template) and headers.json (what the app compares) "
        "into DATELINE_PAGECACHE_NGINX_FILES_DIR. Run it after each deploy, before reloading nginx."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", help="Host to render the page for (default: the first of ALLOWED_HOSTS).")

    def handle(self, *args, host=None, **options):
        directory = settings.DATELINE_PAGECACHE_NGINX_FILES_DIR
        if not directory:
            raise CommandError("DATELINE_PAGECACHE_NGINX_FILES_DIR is not set: there are no page files to serve.")
        host = host or next((h for h in settings.ALLOWED_HOSTS if h not in ("*",) and not h.startswith(".")), "")
        if not host:
            raise CommandError("Give --host: ALLOWED_HOSTS names no single host.")
        url = f"/{settings.LANGUAGE_CODE}/"
        # Rendered afresh, and without writing a page file from headers that are about to change.
        with override_settings(DATELINE_PAGECACHE_ENABLED=False):
            response = Client(HTTP_HOST=host).get(url)
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}, not 200: load the site's pages first.")
        headers = pagefiles.policy_headers(entry_headers(response))
        try:
            pagefiles.write_headers(directory, headers)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Wrote {len(headers)} headers to {directory}/{pagefiles.HEADERS_CONF} and {pagefiles.HEADERS_JSON}."
        )

"""``manage.py bench_render``: cold render time and SQL queries of every page kind, page cache off."""

import json
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dateline.bench.pages import page_kinds, search_queries


class Command(BaseCommand):
    help = "Render every page kind and several searches with the page cache off; print median time (ms) and queries."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=15, help="Renders per page kind (default 15).")
        parser.add_argument(
            "--budget", type=float, default=10.0, help="Seconds of renders per page kind, after the first (default 10)."
        )
        parser.add_argument("--json", action="store_true", help="Print JSON instead of a table.")

    def handle(self, *args, runs, budget, json: bool = False, **options):
        settings.DATELINE_PAGECACHE_ENABLED = False
        host = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "localhost"
        client = Client(HTTP_HOST=host)
        results = {"kinds": {}, "searches": {}}
        pages = [("kinds", kind, url, headers) for kind, url, headers in page_kinds()]
        pages += [("searches", label, url, {}) for label, url in search_queries()]
        for group, kind, url, headers in pages:
            client.get(url, headers=headers)  # warm Python's own caches (templates, URL resolvers)
            times = []
            for _ in range(runs):
                if times and sum(times) > budget * 1000:
                    break
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url, headers=headers)
                    times.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise SystemExit(f"{kind} {url}: HTTP {response.status_code}")
            results[group][kind] = {
                "url": url,
                "median_ms": round(statistics.median(times), 1),
                "queries": len(queries),
            }
        if json:
            self.stdout.write(_dumps(results))
            return
        for kind, result in [*results["kinds"].items(), *results["searches"].items()]:
            self.stdout.write(
                f"{kind:16} {result['median_ms']:7.1f} ms {result['queries']:4d} queries  {result['url']}"
            )


def _dumps(data) -> str:
    return json.dumps(data)

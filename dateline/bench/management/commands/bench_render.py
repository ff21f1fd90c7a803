"""``manage.py bench_render``: cold render time and SQL queries of every page kind, page cache off."""

import json
import statistics
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dateline.bench.pages import page_kinds, search_queries
from dateline.news.fragments import clear_fragments
from dateline.news.visibility import kept_here


class Command(BaseCommand):
    help = (
        "Render every page kind and several searches with the page cache off; print median time (ms) and "
        "queries, with the process's fragments (article cards, pictures) kept and emptied before each render."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=15, help="Renders per page kind (default 15).")
        parser.add_argument(
            "--budget", type=float, default=10.0, help="Seconds of renders per page kind, after the first (default 10)."
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=30.0,
            help="Seconds one render may take; a slower one is stopped and reported as over (default 30).",
        )
        parser.add_argument("--json", action="store_true", help="Print JSON instead of a table.")

    def handle(self, *args, runs, budget, timeout, json: bool = False, **options):
        settings.DATELINE_PAGECACHE_ENABLED = False
        host = settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS else "localhost"
        client = Client(HTTP_HOST=host)
        results = {"kinds": {}, "searches": {}}
        pages = [("kinds", kind, url, headers) for kind, url, headers in page_kinds()]
        pages += [("searches", label, url, {}) for label, url in search_queries()]
        for group, kind, url, headers in pages:
            # The first render warms Python's own caches (templates, URL resolvers); it is not counted.
            if get_within(client, url, headers, timeout) is None:
                results[group][kind] = {"url": url, "median_ms": None, "queries": None, "over_seconds": timeout}
                continue
            # Alternate renders with this process's fragments (article cards, pictures) kept (as after a
            # purge: most unchanged) and emptied first (as in a new process): both medians are reported.
            times: dict[bool, list[float]] = {True: [], False: []}
            counts: dict[bool, int] = {}
            for run in range(runs):
                if run and sum(times[True]) + sum(times[False]) > budget * 1000:
                    break
                kept = run % 2 == 0
                if not kept:
                    clear_fragments()
                    kept_here.clear()
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = get_within(client, url, headers, timeout)
                    times[kept].append((time.perf_counter() - started) * 1000)
                if response is None:
                    break
                if response.status_code != 200:
                    raise SystemExit(f"{kind} {url}: HTTP {response.status_code}")
                counts[kept] = len(queries)
            if response is None:
                results[group][kind] = {"url": url, "median_ms": None, "queries": None, "over_seconds": timeout}
                continue
            results[group][kind] = {
                "url": url,
                "median_ms": round(statistics.median(times[True]), 1),
                "queries": counts[True],
            }
            if times[False]:
                results[group][kind]["no_cards_ms"] = round(statistics.median(times[False]), 1)
                results[group][kind]["no_cards_queries"] = counts[False]
        if json:
            self.stdout.write(_dumps(results))
            return
        for kind, result in [*results["kinds"].items(), *results["searches"].items()]:
            if result["median_ms"] is None:
                self.stdout.write(f"{kind:16} over {timeout:.0f} s  {result['url']}")
                continue
            no_cards = f" ({result['no_cards_ms']:.1f} ms no cards or pictures kept)" if "no_cards_ms" in result else ""
            self.stdout.write(
                f"{kind:16} {result['median_ms']:7.1f} ms {result['queries']:4d} queries{no_cards}  {result['url']}"
            )


def get_within(client, url: str, headers: dict, seconds: float):
    """GET ``url`` with the test client; None when the database was still busy after ``seconds`` (stopped).

    The request's query is interrupted from a timer thread (SQLite's ``interrupt()``, PostgreSQL's
    cancel request), so a render that would take minutes costs ``seconds``; the site answers such a
    request with its 503 page or an error, both taken as "over".
    """
    connection.ensure_connection()
    raw = connection.connection
    stop = raw.interrupt if connection.vendor == "sqlite" else raw.cancel
    fired = threading.Event()

    def interrupt():
        fired.set()
        stop()

    timer = threading.Timer(seconds, interrupt)
    timer.start()
    try:
        response = client.get(url, headers=headers)
    except DatabaseError:
        if not fired.is_set():
            raise
        response = None
    finally:
        timer.cancel()
    return None if fired.is_set() else response


def _dumps(data) -> str:
    return json.dumps(data)

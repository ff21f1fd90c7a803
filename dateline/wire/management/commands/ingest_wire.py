"""``dateline import SOURCE... --section S [--locale L] [--publish]``: the wire import.

Reads web pages, RSS/Atom/RDF feeds, NewsML-G2, NITF, NewsML 1.x and ninjs
documents (files or http(s) URLs) and files each item as an article of section
S. Each item goes through the wire desk (``desk.receive`` then ``desk.take``), so
it is recorded in the inbox as taken and never imported twice (normalised guid,
canonical URL, content hash); an item without a usable date stays a draft even
with ``--publish``, with a line that says why. Without ``--locale`` an item goes to the
edition of its language (English → English edition, Russian → Russian edition)
and items in other languages are skipped; ``--locale`` sends everything to that
locale's edition. Articles are drafts unless ``--publish``.

Output (for editors and cron logs, English only): one line per problem
(failed source or item, skipped item, warning), then the counts per reason and
per format (``  format nitf: imported 2, skipped 0, failed 0``) and a last line
``Imported N, skipped N, failed N.``. Exit status 1 when anything failed, else 0.
A section that does not exist is an error before anything is read: sections
are made by editors in the admin, never by an import (a typo would otherwise
create a stray section on the site).
"""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from dateline.news.models import EditionPage

from ...actions import FAILED, IMPORTED, SKIPPED, find_section, section_for_item
from ...desk import DUPLICATE, UNUSABLE, receive, take, unusable_reason
from ...sources import SourceError, read_source

TITLE_IN_LINE = 70  # characters of a headline quoted in a line


class Command(BaseCommand):
    help = (
        "Import web pages, RSS/Atom/RDF feeds, NewsML-G2, NITF and ninjs documents (files or URLs) "
        "as articles of a section. "
        "Prints one line per problem and a summary; exits 1 if anything failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", metavar="SOURCE", help="Web page or feed: a file path or URL.")
        parser.add_argument("--section", required=True, help="Slug (or title) of the section to file articles in.")
        parser.add_argument(
            "--locale",
            help="Language code of the edition that takes every item (default: each item's own language).",
        )
        parser.add_argument("--publish", action="store_true", help="Publish the articles (default: drafts).")
        parser.add_argument(
            "--timeout",
            type=float,
            default=None,
            help="Seconds to wait for a URL (default: DATELINE_WIRE_FETCH_TIMEOUT, 20).",
        )

    def handle(self, *args, **options):
        forced, sections = self._resolve_sections(options["section"], options["locale"])
        timeout = options["timeout"] if options["timeout"] is not None else settings.DATELINE_WIRE_FETCH_TIMEOUT
        counts: Counter[str] = Counter()
        reasons: Counter[tuple[str, str]] = Counter()
        by_format: Counter[tuple[str, str]] = Counter()
        current_format = ["unread"]

        def report(status: str, label: str, reason: str = "") -> None:
            counts[status] += 1
            by_format[(current_format[0], status)] += 1
            if status != IMPORTED:
                reasons[(status, reason)] += 1
                self.stdout.write(f"{label}: {status}: {reason}")

        for location in options["sources"]:
            current_format[0] = "unreadable source"
            try:
                reading = read_source(location, timeout=timeout)
            except SourceError as exc:
                report(FAILED, location, str(exc))
                continue
            for warning in reading.warnings:
                self.stdout.write(f"{location}: warning: {warning}")
            if not reading.items and options["verbosity"] >= 1:
                self.stdout.write(f"{location}: warning: the feed has no items")
            for item in reading.items:
                current_format[0] = item.format or reading.kind
                label = location if reading.kind == "page" else f"{location} » {_quote(item.title)}"
                reason = unusable_reason(item)
                section, routing_problem = section_for_item(item, sections, forced)
                reason = reason or routing_problem
                if reason:
                    report(SKIPPED, label, reason)
                    continue
                try:
                    received = receive(item, None, reading.warnings)
                    if received.status in (DUPLICATE, UNUSABLE):
                        reason = "already imported" if received.status == DUPLICATE else received.reason
                        report(SKIPPED, label, reason)
                        continue
                    article, note = take(received.item, section, publish=options["publish"])
                except Exception as exc:  # noqa: BLE001 - one bad item must not stop the batch
                    report(FAILED, label, f"could not be stored: {exc}")
                    continue
                report(IMPORTED, label)
                for problem in filter(None, [item.date_problem, note]):
                    self.stdout.write(f"{label}: warning: {problem}")
                if options["verbosity"] >= 2:
                    state = "published" if article.live else "draft"
                    self.stdout.write(
                        f"{label}: imported ({state}, {section.locale.language_code}): {article.url_path}"
                    )

        for (status, reason), number in sorted(reasons.items()):
            self.stdout.write(f"  {status} {number}: {reason}")
        for name in sorted({name for name, _status in by_format}):
            figures = ", ".join(f"{status} {by_format[(name, status)]}" for status in (IMPORTED, SKIPPED, FAILED))
            self.stdout.write(f"  format {name}: {figures}")
        self.stdout.write(f"Imported {counts[IMPORTED]}, skipped {counts[SKIPPED]}, failed {counts[FAILED]}.")
        if counts[FAILED]:
            raise SystemExit(1)

    def _resolve_sections(self, name: str, language_code: str | None):
        """Return (forced section or None, {language code: section or None}); CommandError when unusable."""
        if language_code:
            locale = Locale.objects.filter(language_code=language_code).first()
            if locale is None:
                raise CommandError(f"There is no locale “{language_code}”.")
            edition = EditionPage.objects.filter(locale=locale).order_by("path").first()
            if edition is None:
                raise CommandError(f"There is no {language_code} edition.")
            section = find_section(edition, name)
            if section is None:
                raise CommandError(
                    f"The {language_code} edition has no section “{name}”; create it in the admin first."
                )
            return section, {}
        sections = {}
        for edition in EditionPage.objects.select_related("locale").order_by("path"):
            sections.setdefault(edition.locale.language_code, find_section(edition, name))
        if not any(sections.values()):
            raise CommandError(f"No edition has a section “{name}”; create it in the admin first.")
        return None, sections


def _quote(title: str) -> str:
    title = " ".join(title.split())
    if len(title) > TITLE_IN_LINE:
        title = title[: TITLE_IN_LINE - 1] + "…"
    return f"“{title}”"

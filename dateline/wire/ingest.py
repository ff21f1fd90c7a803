"""Polling of wire sources: fetch each source that is due, file its new items in the inbox.

``poll_due_sources`` is what the worker runs every 30 seconds (``tasks.py``) and
``dateline ingest`` runs from cron or in a loop. A source is due when it is on
and its ``next_poll_at`` has passed; it is claimed with a conditional UPDATE, so
two pollers (the worker and a cron job) never poll one source at once.

A source that fails (timeout, HTTP error, malformed XML/JSON, wrong content
type, a response over ``DATELINE_WIRE_MAX_BYTES``) gets its error and time
recorded, its ``failures`` counted and its next poll put off (the interval
doubled per failure, at most ``DATELINE_WIRE_MAX_BACKOFF`` seconds); the other
sources go on, and nothing already in the inbox is touched.

A watched folder is read file by file (``*.xml``, ``*.nitf``, ``*.json``; names
starting with a dot or ending in ``.part``/``.tmp`` are still being uploaded and
wait): a file read is moved to ``processed/`` beside it, a file that cannot be
read to ``failed/`` (the reason is in the source's last error), so a bad file is
reported once and the good ones still arrive — the layout Superdesk's file
ingest uses.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .desk import DUPLICATE, NEW, UNUSABLE, UPDATE, receive
from .models import WireSource
from .sources import SourceError
from .sources.reader import SourceReading, read_source

logger = logging.getLogger(__name__)

FOLDER_SUFFIXES = {".xml", ".nitf", ".json", ".newsml", ".g2"}
UPLOADING_SUFFIXES = {".part", ".tmp", ".filepart"}
MAX_FILES_PER_POLL = 500
MAX_ERROR_CHARS = 2000


@dataclass
class PollReport:
    """What one poll of one source did: counts per outcome, and the error when it failed."""

    source: WireSource
    new: int = 0
    updates: int = 0
    duplicates: int = 0
    unusable: int = 0
    failed_items: int = 0
    error: str = ""
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One English line for logs and the command's output."""
        if self.error:
            return f"{self.source.name}: failed: {self.error}"
        return (
            f"{self.source.name}: {self.new} new, {self.updates} updates, {self.duplicates} already received, "
            f"{self.unusable} unusable, {self.failed_items} failed"
        )


def _readings(source: WireSource) -> tuple[list[SourceReading], list[str]]:
    """The readings of ``source`` and the problems of single files; ``SourceError`` when it yields nothing."""
    options = {
        "language": source.language,
        "default_language": source.copy_language,
        "encoding": source.encoding,
        "max_bytes": settings.DATELINE_WIRE_MAX_BYTES,
        "timeout": settings.DATELINE_WIRE_FETCH_TIMEOUT,
    }
    if source.kind != WireSource.Kind.FOLDER:
        headers = source.request_headers()
        return [read_source(source.url, headers=headers, expect=source.kind, **options)], []
    folder = Path(source.folder)
    if not folder.is_dir():
        raise SourceError(f"folder not found: {folder}")
    readings, problems = [], []
    files = sorted(
        (p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in FOLDER_SUFFIXES),
        key=lambda p: (p.stat().st_mtime, p.name),
    )
    for path in files[:MAX_FILES_PER_POLL]:
        if path.name.startswith(".") or path.suffix.lower() in UPLOADING_SUFFIXES:
            continue
        try:
            readings.append(read_source(str(path), expect="folder", **options))
            _move(path, "processed")
        except SourceError as exc:
            problems.append(f"{path.name}: {exc}")
            _move(path, "failed")
    return readings, problems


def _move(path: Path, subfolder: str) -> None:
    target_dir = path.parent / subfolder
    try:
        target_dir.mkdir(exist_ok=True)
        target = target_dir / path.name
        if target.exists():
            target = target_dir / f"{path.stem}-{int(timezone.now().timestamp())}{path.suffix}"
        shutil.move(str(path), str(target))
    except OSError as exc:  # a read-only drop folder: the content hash keeps re-reads out of the inbox
        logger.warning("wire folder file %s not moved to %s: %s", path, subfolder, exc)


def poll_source(source: WireSource) -> PollReport:
    """Poll ``source`` once, file its items, record the outcome on it; returns a ``PollReport``.

    Never raises for a failing source: the failure is recorded on it.
    """
    report = PollReport(source)
    started = timezone.now()
    try:
        readings, problems = _readings(source)
    except SourceError as exc:
        report.error = str(exc)
    except Exception as exc:  # noqa: BLE001 - one broken source must not stop the others
        logger.exception("wire source %s failed", source.pk)
        report.error = f"{type(exc).__name__}: {exc}"
    else:
        for reading in readings:
            report.warnings.extend(reading.warnings)
            for item in reading.items:
                try:
                    received = receive(item, source, reading.warnings)
                except Exception as exc:  # noqa: BLE001 - one bad item must not stop the batch
                    logger.exception("wire item of source %s not stored", source.pk)
                    report.failed_items += 1
                    report.warnings.append(f"item “{item.title[:60]}” not stored: {exc}")
                    continue
                if received.status == NEW:
                    report.new += 1
                elif received.status == UPDATE:
                    report.updates += 1
                elif received.status == DUPLICATE:
                    report.duplicates += 1
                elif received.status == UNUSABLE:
                    report.unusable += 1
        if problems:
            report.failed_items += len(problems)
            if not readings:
                report.error = "; ".join(problems)
            else:
                report.warnings.extend(problems)
    _record(source, report, started)
    return report


def _record(source: WireSource, report: PollReport, now) -> None:
    source.last_polled_at = now
    if report.error:
        source.failures += 1
        source.last_error = report.error[:MAX_ERROR_CHARS]
        source.last_error_at = now
    else:
        source.failures = 0
        source.last_success_at = now
    source.last_warnings = "\n".join(dict.fromkeys(report.warnings))[:MAX_ERROR_CHARS]
    source.schedule_next(now)
    WireSource.objects.filter(pk=source.pk).update(
        last_polled_at=source.last_polled_at,
        last_success_at=source.last_success_at,
        failures=source.failures,
        last_error=source.last_error,
        last_error_at=source.last_error_at,
        last_warnings=source.last_warnings,
        next_poll_at=source.next_poll_at,
    )


def due_sources(now=None):
    """The sources that are on and due (never polled, or ``next_poll_at`` passed), oldest due first."""
    now = now or timezone.now()
    return WireSource.objects.filter(enabled=True).filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))


def _claim(source: WireSource, now) -> bool:
    """Take ``source`` for this poller (push its next poll ahead); ``False`` when another poller has it."""
    claimed = WireSource.objects.filter(pk=source.pk, next_poll_at=source.next_poll_at, enabled=True).update(
        next_poll_at=now + timedelta(seconds=max(source.interval, 60))
    )
    return bool(claimed)


def poll_due_sources(now=None, force: bool = False) -> list[PollReport]:
    """Poll every source that is due (every source that is on, with ``force``); returns their reports."""
    now = now or timezone.now()
    queryset = WireSource.objects.filter(enabled=True) if force else due_sources(now)
    reports = []
    for source in queryset.select_related("locale").order_by("next_poll_at", "pk"):
        if not _claim(source, now):
            continue
        reports.append(poll_source(source))
    return reports

"""The ``dateline`` command: Django's management commands, with newsroom verbs.

``dateline import SOURCE...`` is the wire import (``ingest_wire``); every other
argument list is handed to Django's ``manage.py`` unchanged.
"""

import os
import sys

ALIASES = {"import": "ingest_wire", "demo": "load_demo"}


def main(argv: list[str] | None = None) -> None:
    """Run a management command; ``argv`` defaults to ``sys.argv``."""
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dateline.settings.dev")
    if len(argv) > 1 and argv[1] in ALIASES:
        argv[1] = ALIASES[argv[1]]
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)

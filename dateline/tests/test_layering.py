"""Apps import only the floors beneath them: a lower app never imports a higher one.

The intended order, lowest first (also in README, "What is where"). An app may
import the apps of lower layers, never one of its own layer or above; the
project-level modules (``dateline/urls.py``, ``dateline/error_pages.py``,
settings, ``dateline/tests``) sit on top and may import anything. Imports are
read with ``ast`` from every module of every app, tests included, also those
inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DATELINE = Path(__file__).resolve().parent.parent

#: Layers, lowest first.
LAYERS = [
    {"news", "ratelimit", "roles"},  # the content model; the cache-backed rate limiter; admin groups
    {"readers", "wire", "worker", "photos"},  # the anonymous reader; wire import; the background worker; photos
    {"ratings", "comments", "errorreports", "availability"},  # reader endpoints; 503s and the soft Redis cache
    {"newsroom"},  # roles, workflow, withdrawals, release job, the newsroom's admin (over the reader queues)
    {"distribution", "search", "security"},  # feeds, sitemaps, metadata, ninjs API; search; sign-in lockouts, CSP
    {"pagecache"},  # the shared page cache of everything above, purged by what pages show
    {"bench"},  # make bench: generated archives, cold renders, the load runner
]
LAYER_OF = {app: level for level, apps in enumerate(LAYERS) for app in apps}
PROJECT_LEVEL = {"settings", "tests", "locale", "static", "templates"}


def app_packages() -> list[str]:
    """Names of the Python packages directly under ``dateline/`` that are not project-level."""
    return sorted(
        path.name for path in DATELINE.iterdir() if (path / "__init__.py").exists() and path.name not in PROJECT_LEVEL
    )


def imported_apps(app: str) -> list[tuple[str, str]]:
    """(module path, imported app) for every import of another Dateline app by ``app``'s modules."""
    found = []
    for path in sorted((DATELINE / app).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                parts = name.split(".")
                if parts[0] == "dateline" and len(parts) > 1 and parts[1] != app:
                    found.append((str(path.relative_to(DATELINE.parent)), parts[1]))
    return found


def test_every_app_has_a_layer():
    assert set(app_packages()) == set(LAYER_OF), "add the new app to LAYERS (and to README)"


@pytest.mark.parametrize("app", sorted(LAYER_OF))
def test_app_imports_only_lower_layers(app):
    wrong = [
        f"{module} imports dateline.{other}"
        for module, other in imported_apps(app)
        if LAYER_OF.get(other, len(LAYERS)) >= LAYER_OF[app]
    ]
    assert wrong == []


def test_the_check_catches_an_import_upwards(tmp_path, monkeypatch):
    fake = tmp_path / "dateline"
    (fake / "news").mkdir(parents=True)
    (fake / "news" / "models.py").write_text("def f():\n    from dateline.distribution.feeds import serve_feed\n")
    monkeypatch.setattr(__import__(__name__, fromlist=["DATELINE"]), "DATELINE", fake)
    assert imported_apps("news") == [("dateline/news/models.py", "distribution")]

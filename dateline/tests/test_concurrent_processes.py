"""Several PROCESSES at once, as gunicorn's workers: SQLite writes that never fail, and limits that are
exact across processes on the embedded default's shared store (diskcache) and on Redis.

Each child is a separate Python process with Django set up from the project's settings; they start
their work at the same moment (a shared start time) so that they really contend.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_children(code: str, count: int, env: dict) -> list[dict]:
    """Start ``count`` Python processes running ``code`` (which prints one JSON line); return their outputs."""
    start_at = time.time() + 3  # every child waits for this moment, then goes
    children = [
        subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(code)],
            cwd=ROOT,
            env={**os.environ, **env, "START_AT": str(start_at), "CHILD": str(n)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(count)
    ]
    outputs = []
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err[-3000:]
        outputs.append(json.loads(out.strip().splitlines()[-1]))
    return outputs


SQLITE_WRITER = """
    import json, os, time
    import django
    from django.conf import settings
    from dateline.settings import base  # the project's DATABASES, with its SQLite options
    settings.configure(DATABASES=base.DATABASES, USE_TZ=True)
    django.setup()
    from django.db import connection, transaction
    time.sleep(max(0, float(os.environ["START_AT"]) - time.time()))
    ok = errors = 0
    for n in range(int(os.environ["WRITES"])):
        try:
            with transaction.atomic():  # read, then write: the pattern of a vote
                with connection.cursor() as cursor:
                    cursor.execute("SELECT COALESCE(SUM(value), 0) FROM bench_votes")
                    cursor.fetchone()
                    time.sleep(0.002)  # the work between a vote's reads and its writes
                    cursor.execute("INSERT INTO bench_votes (value) VALUES (1)")
            ok += 1
        except Exception as error:
            errors += 1
            last = str(error)
    print(json.dumps({"ok": ok, "errors": errors}))
"""


def test_sqlite_writes_from_several_processes_never_fail(tmp_path):
    """Read-then-write transactions from 6 processes at once (as the reader apps do) all succeed.

    Without WAL, the busy timeout and IMMEDIATE transactions (settings/base.py), SQLite answers many of
    them "database is locked": a deferred transaction that read cannot wait to become a writer.
    """
    import sqlite3

    db_file = tmp_path / "concurrent.sqlite3"
    with sqlite3.connect(db_file) as connection:
        connection.execute("CREATE TABLE bench_votes (id INTEGER PRIMARY KEY, value INTEGER)")
    env = {"DATABASE_URL": f"sqlite:///{db_file}", "WRITES": "40"}
    results = run_children(SQLITE_WRITER, 6, env)
    assert sum(r["errors"] for r in results) == 0
    assert sum(r["ok"] for r in results) == 240
    with sqlite3.connect(db_file) as connection:
        assert connection.execute("SELECT COUNT(*) FROM bench_votes").fetchone()[0] == 240
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


LIMITER = """
    import json, os, time
    import django
    from django.conf import settings
    settings.configure(CACHES=json.loads(os.environ["CACHES_JSON"]))
    django.setup()
    from dateline.ratelimit import RateLimitExceeded, hit
    time.sleep(max(0, float(os.environ["START_AT"]) - time.time()))
    try:
        # One window for all (a run that straddles a window's end would count two windows).
        hit("comments", os.environ["KEY"], limit=5, window=600, now=float(os.environ["START_AT"]))
        print(json.dumps({"accepted": True}))
    except RateLimitExceeded:
        print(json.dumps({"accepted": False}))
"""


def shared_stores(tmp_path):
    from dateline.settings import base

    embedded = copy.deepcopy(base.CACHES)  # the make-run default, as settings make it without REDIS_URL
    if embedded["default"]["BACKEND"] != "diskcache.DjangoCache":
        pytest.skip("REDIS_URL is set: the embedded default store is not in use")
    embedded["default"]["LOCATION"] = str(tmp_path / "cache")
    yield "diskcache", embedded
    redis_url = os.environ.get("DATELINE_TEST_REDIS_URL", "redis://127.0.0.1:6379/7")
    yield (
        "redis",
        {
            "default": {
                "BACKEND": "dateline.availability.cache.ResilientRedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": f"dateline-test-{uuid.uuid4().hex}",
            }
        },
    )


@pytest.mark.parametrize("store", ["diskcache", "redis"])
def test_exactly_5_of_20_processes_pass_a_limit_of_5(tmp_path, store):
    caches = dict(shared_stores(tmp_path))[store]
    if store == "redis":
        import redis

        try:
            redis.Redis.from_url(caches["default"]["LOCATION"], socket_connect_timeout=0.5).ping()
        except redis.exceptions.RedisError:
            pytest.skip("no Redis at DATELINE_TEST_REDIS_URL")
    env = {
        "CACHES_JSON": json.dumps(caches),
        "KEY": uuid.uuid4().hex,
    }
    results = run_children(LIMITER, 20, env)
    assert sum(r["accepted"] for r in results) == 5


def test_the_embedded_default_store_is_shared_by_every_process(tmp_path):
    """Without REDIS_URL, CACHES["default"] is diskcache in var/cache (a file store), never per-process memory."""
    code = """
        import json
        import dateline.settings.production as s
        print(json.dumps({"caches": s.CACHES["default"], "var": str(s.VAR_DIR)}))
    """
    env = {"DATELINE_VAR_DIR": str(tmp_path / "new" / "var"), "DJANGO_SECRET_KEY": "x", "REDIS_URL": ""}
    result = run_children(code, 1, env)[0]
    assert result["caches"]["BACKEND"] == "dateline.availability.cache.PersistentDiskCache"  # diskcache's
    assert result["caches"]["LOCATION"] == str(tmp_path / "new" / "var" / "cache")
    env["REDIS_URL"] = "redis://localhost:6379/0"
    result = run_children(code, 1, env)[0]
    assert result["caches"]["BACKEND"] == "dateline.availability.cache.ResilientRedisCache"


def test_any_management_command_works_right_after_install(tmp_path):
    """``make install`` then ``manage.py <anything>``: the settings make var/ (SQLite needs its directory)."""
    var_dir = tmp_path / "fresh" / "var"
    env = {**os.environ, "DATELINE_VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": "dateline.settings.dev"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "showmigrations", "worker"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (var_dir / "dateline.sqlite3").exists()

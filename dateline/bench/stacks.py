"""The two stacks ``make bench`` measures: SQLite + diskcache (``make run``) and PostgreSQL + Redis (production).

PostgreSQL: ``BENCH_POSTGRES_URL`` (default ``postgres://postgres@127.0.0.1:5432/dateline_bench``)
names the server and the prefix of the bench's own databases, one per archive size:
``dateline_bench_1000``, ``dateline_bench_10000``... The bench creates them (and drops one
only to rebuild it); it never touches another database, so the ``test`` database CI uses is
safe. Redis: ``BENCH_REDIS_URL`` (default ``redis://127.0.0.1:6379/15``) must select a
database number other than 0, because the bench empties it (``FLUSHDB``) before each use.
When either server does not answer (or a URL is refused), the bench says why and measures
the SQLite stack only.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/dateline_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
#: Seconds to wait for PostgreSQL or Redis to answer before the bench goes on without them.
CONNECT_TIMEOUT = 3


@dataclass(frozen=True)
class Stack:
    """One way of running the site: its name in the tables, and its database and cache URLs (None: defaults)."""

    key: str  # "sqlite" or "postgres"
    label: str
    postgres_url: str | None = None  # server and database-name prefix (postgres only)
    redis_url: str | None = None

    def database_url(self, size: int) -> str | None:
        """``DATABASE_URL`` of the archive of ``size`` articles (None: SQLite in the archive's directory)."""
        return bench_database_url(self.postgres_url, size) if self.postgres_url else None

    def directory_name(self, size: int) -> str:
        """The archive's directory under ``var/bench/`` (uploads, cache files; the SQLite database)."""
        return str(size) if self.key == "sqlite" else f"{self.key}-{size}"


SQLITE = Stack("sqlite", "SQLite")


def bench_database_url(base_url: str, size: int) -> str:
    """The URL of the bench's database for ``size`` articles: ``<prefix>_<size>`` on ``base_url``'s server.

    ``postgres://postgres@localhost/dateline_bench`` → ``postgres://postgres@localhost/dateline_bench_1000``.
    A URL without a database name uses ``dateline_bench``.
    """
    parts = urlsplit(base_url)
    prefix = parts.path.strip("/") or "dateline_bench"
    return urlunsplit(parts._replace(path=f"/{prefix}_{size}"))


def database_name(url: str) -> str:
    """The database name of a PostgreSQL URL."""
    return urlsplit(url).path.strip("/")


def redis_database_number(url: str) -> int:
    """The database number a Redis URL selects (``redis://host:6379/15`` → 15; as redis-py reads it, 0 if none)."""
    from redis.connection import parse_url

    return int(parse_url(url).get("db", 0) or 0)


def postgres_stack(environ) -> tuple[Stack | None, str]:
    """The PostgreSQL + Redis stack of ``environ`` (``BENCH_POSTGRES_URL``, ``BENCH_REDIS_URL``) if both answer.

    Returns ``(stack, "")``, or ``(None, why)`` when it cannot be measured: ``BENCH_POSTGRES_URL=off``,
    a Redis URL of database 0, or a server that does not answer within ``CONNECT_TIMEOUT`` seconds.
    """
    postgres_url = environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    redis_url = environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    if postgres_url.strip().lower() in {"", "0", "off", "no", "none"}:
        return None, "BENCH_POSTGRES_URL is off"
    if "bench" not in database_name(bench_database_url(postgres_url, 0)):
        return None, f"BENCH_POSTGRES_URL {_without_password(postgres_url)}: the database name must contain 'bench'"
    if redis_database_number(redis_url) == 0:
        return (
            None,
            f"BENCH_REDIS_URL {_without_password(redis_url)} selects database 0; the bench empties its database, "
            "so give it one of its own (e.g. /15)",
        )
    try:
        with _maintenance_connection(postgres_url):
            pass
    except Exception as error:  # noqa: BLE001 - any failure means: measure SQLite only
        return (
            None,
            f"PostgreSQL at {_without_password(postgres_url)} does not answer ({error.__class__.__name__}: {error})",
        )
    try:
        _redis(redis_url).ping()
    except Exception as error:  # noqa: BLE001
        return None, f"Redis at {_without_password(redis_url)} does not answer ({error.__class__.__name__}: {error})"
    return Stack("postgres", "PostgreSQL", postgres_url, redis_url), ""


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        parts = parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@"))
    return urlunsplit(parts)


def _maintenance_connection(url: str):
    """An autocommit connection to the server's ``postgres`` database (to create and drop the bench's own)."""
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(
        urlunsplit(parts._replace(path="/postgres", query="")), autocommit=True, connect_timeout=CONNECT_TIMEOUT
    )


def _redis(url: str):
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=CONNECT_TIMEOUT, socket_timeout=CONNECT_TIMEOUT)


def database_exists(url: str) -> bool:
    """True when the database of ``url`` exists on its server."""
    with _maintenance_connection(url) as connection:
        return (
            connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database_name(url)]).fetchone()
            is not None
        )


def recreate_database(url: str) -> None:
    """Drop the bench database of ``url`` if it exists (closing its connections) and create it empty."""
    from psycopg import sql

    name = database_name(url)
    if "bench" not in name:
        raise ValueError(f"{name!r} is not a bench database (its name must contain 'bench')")
    with _maintenance_connection(url) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def flush_redis(url: str) -> None:
    """Empty the Redis database of ``url`` (never database 0)."""
    if redis_database_number(url) == 0:
        raise ValueError("refusing to empty Redis database 0")
    _redis(url).flushdb()

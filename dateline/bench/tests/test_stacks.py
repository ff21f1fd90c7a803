"""The bench's PostgreSQL + Redis stack: its own database per size, its own Redis database, skipped when absent."""

from __future__ import annotations

import pytest

from dateline.bench import stacks


def test_each_size_gets_a_database_of_its_own_on_the_given_server():
    url = "postgres://postgres@db.example:5433/dateline_bench"
    assert stacks.bench_database_url(url, 1000) == "postgres://postgres@db.example:5433/dateline_bench_1000"
    assert stacks.bench_database_url("postgres://u:p@localhost/", 10) == "postgres://u:p@localhost/dateline_bench_10"
    assert stacks.database_name(stacks.bench_database_url(url, 100000)) == "dateline_bench_100000"


def test_the_sqlite_stack_keeps_make_runs_defaults():
    assert stacks.SQLITE.database_url(1000) is None
    assert stacks.SQLITE.directory_name(1000) == "1000"
    postgres = stacks.Stack("postgres", "PostgreSQL", stacks.DEFAULT_POSTGRES_URL, stacks.DEFAULT_REDIS_URL)
    assert postgres.directory_name(1000) == "postgres-1000"
    assert postgres.database_url(1000).endswith("/dateline_bench_1000")


def test_a_database_without_bench_in_its_name_is_never_recreated():
    # The CI's database, or the site's own: refused before any connection is made.
    for url in ["postgres://postgres@localhost/test", "postgres://postgres@localhost/dateline"]:
        with pytest.raises(ValueError, match="not a bench database"):
            stacks.recreate_database(url)
    stack, why = stacks.postgres_stack({"BENCH_POSTGRES_URL": "postgres://postgres@localhost/test"})
    assert stack is None and "must contain 'bench'" in why


def test_redis_database_0_is_refused_because_the_bench_empties_its_database():
    assert stacks.redis_database_number("redis://localhost:6379/15") == 15
    assert stacks.redis_database_number("redis://localhost:6379") == 0
    stack, why = stacks.postgres_stack({"BENCH_REDIS_URL": "redis://localhost:6379/0"})
    assert stack is None and "database 0" in why
    with pytest.raises(ValueError):
        stacks.flush_redis("redis://localhost:6379")


def test_postgres_can_be_turned_off():
    assert stacks.postgres_stack({"BENCH_POSTGRES_URL": "off"}) == (None, "BENCH_POSTGRES_URL is off")


def test_an_unreachable_server_skips_the_stack_with_the_reason(free_port):
    port = free_port
    stack, why = stacks.postgres_stack(
        {"BENCH_POSTGRES_URL": f"postgres://postgres:secret@127.0.0.1:{port}/dateline_bench"}
    )
    assert stack is None
    assert f"PostgreSQL at postgres://postgres:***@127.0.0.1:{port}/dateline_bench does not answer" in why
    assert "secret" not in why
    stack, why = stacks.postgres_stack({"BENCH_REDIS_URL": f"redis://127.0.0.1:{port}/15"})
    if stack is None and why.startswith("PostgreSQL"):
        pytest.skip("no PostgreSQL here to get as far as Redis")
    assert stack is None and why.startswith(f"Redis at redis://127.0.0.1:{port}/15 does not answer")

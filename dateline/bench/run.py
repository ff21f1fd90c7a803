"""``make bench``: the cached article page against nginx serving the same HTML, then cold renders and scale.

Run as ``python -m dateline.bench.run`` (``make bench`` installs wrk, nginx-light and the
Python packages first). Two stacks (``dateline.bench.stacks``):

* **SQLite** + diskcache, as ``make run`` ships;
* **PostgreSQL** + Redis, as ``deploy/`` documents: one database of the bench's own per size
  (``BENCH_POSTGRES_URL``, default ``postgres://postgres@127.0.0.1:5432/dateline_bench`` →
  ``dateline_bench_<size>``) and a Redis database it empties (``BENCH_REDIS_URL``, default
  ``redis://127.0.0.1:6379/15``). Skipped, with the reason printed, when either does not answer
  or ``BENCH_POSTGRES_URL=off``.

For each archive size (``BENCH_SIZES``, default ``1000 10000``; ``"1000 10000 100000"`` for the
full table) and stack it builds the archive once (migrate, demo, ``bench_archive``: ``size``
English articles and ``size // 10`` Russian ones; kept in ``var/bench/`` and the bench databases,
delete ``var/bench/<dir>/built`` to rebuild one), then measures the cold render of every page
kind and of several searches (``bench_render``). On the first size it runs wrk (two threads,
64 connections, ``BENCH_SECONDS`` each, default 5) on loopback, alternating (each round starting one
server later), ``BENCH_ROUNDS`` times (default 5; the median run of each is printed):

* **static** — nginx serving a saved copy of the article page: the reference, twice: with
  ``open_file_cache`` on, as for the page files (the fastest nginx sends a file), and with nginx's
  defaults (each request opens the file);
* **embedded** — the site as ``make run`` serves it (granian, SQLite, the page cache's hit path);
* **production** — nginx (``deploy/nginx``) in front of granian on PostgreSQL + Redis: the page files
  the app writes (``dateline.pagecache.pagefiles``), else its proxy_cache, both purged by the app
  (on SQLite when PostgreSQL is skipped);
* the other app servers measured for ``make run`` (gunicorn sync and gthread, uvicorn; SQLite).

It prints ratios first, then requests/s, p50 and p99, then the cold renders, the scale table
of both databases and the searches. Every process it starts is stopped at the end (also on
Ctrl+C, SIGTERM or an error). Ports: ``BENCH_PORT`` (default 8900) and the next 19.
``BENCH_RENDER_SECONDS`` (default 3) bounds the renders of one page kind after the first;
``BENCH_RENDER_TIMEOUT`` (default 30) stops a render that takes longer (shown as "over 30 s").
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from string import Template

from dateline.bench import stacks
from dateline.bench.stacks import SQLITE, Stack

PROJECT = Path(__file__).resolve().parent.parent.parent
VENV_BIN = Path(sys.executable).parent
WRK_THREADS, WRK_CONNECTIONS = 2, 64
#: One Russian article for every RU_SHARE English ones in each archive.
RU_SHARE = 10


class Processes:
    """The processes the bench started, each in its own process group, stopped together."""

    def __init__(self):
        self.running: list[subprocess.Popen] = []

    def start(self, args, env=None, log=None) -> subprocess.Popen:
        out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        self.running.append(process)
        return process

    def stop(self, process: subprocess.Popen) -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if process in self.running:
            self.running.remove(process)

    def stop_all(self) -> None:
        for process in list(reversed(self.running)):
            self.stop(process)


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s")


def fetch(url: str):
    """GET ``url``; return (body, headers) (headers: case-insensitive ``email.message.Message``)."""
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
        return response.read(), response.headers


def parse_ms(value: str) -> float:
    """Milliseconds of a wrk duration such as ``850.00us``, ``4.2ms``, ``1.02s`` or ``1.5m`` (NaN if unreadable)."""
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", value.strip())
    if match is None:
        return float("nan")
    number, unit = match.groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000, "h": 3600000}[unit]


def wrk(url: str, seconds: int) -> dict:
    """Run wrk on ``url``; return requests/s, p50 and p99 (ms) and the count of errors."""
    out = subprocess.run(
        ["wrk", f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    ).stdout
    if "Requests/sec" not in out:
        raise SystemExit(f"wrk {url} printed no result:\n{out}")
    return parse_wrk(out)


def parse_wrk(out: str) -> dict:
    """Requests/s, p50 and p99 (ms) and the count of errors of wrk's ``--latency`` report ``out``.

    The percentiles are read from their own lines of the latency distribution: a ``+/- Stdev``
    figure such as ``76.50%`` on the lines above must not be taken for the 50th percentile.
    """
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": parse_ms(re.search(r"^\s*50%\s+(\S+)", out, re.MULTILINE).group(1)),
        "p99": parse_ms(re.search(r"^\s*99%\s+(\S+)", out, re.MULTILINE).group(1)),
        "errors": errors + (int(non2xx.group(1)) if non2xx else 0),
    }


def best(runs: list[dict]) -> dict:
    """The median-throughput run of several (each figure from the same run)."""
    return sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]


def site_env(var: Path, port: int, stack: Stack = SQLITE, size: int = 0, extra: dict | None = None) -> dict:
    """The environment of the site under production settings on ``stack``, its files in ``var``."""
    secret = PROJECT / "var" / "secret_key"
    if not secret.exists():
        secret.parent.mkdir(parents=True, exist_ok=True)
        secret.write_text(secrets.token_urlsafe(50))
    env = {
        **os.environ,
        # The checkout's own code, also when the virtual environment's editable install points elsewhere.
        "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")])),
        "DJANGO_SETTINGS_MODULE": "dateline.settings.production",
        "DJANGO_SECRET_KEY": secret.read_text().strip(),
        "DATELINE_VAR_DIR": str(var),
        "DJANGO_STATIC_ROOT": str(PROJECT / "var" / "bench" / "static"),
        "DATELINE_BASE_URL": f"http://127.0.0.1:{port}",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_LOG_LEVEL": "WARNING",
        **(extra or {}),
    }
    for name in ("DATABASE_URL", "REDIS_URL"):
        env.pop(name, None)  # the stack decides, not the caller's shell
    if stack.key == "postgres":
        env["DATABASE_URL"] = stack.database_url(size)
        env["REDIS_URL"] = stack.redis_url
    return env


def manage(env: dict, *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", *args],
        cwd=PROJECT,
        env=env,
        check=True,
        capture_output=capture,
        text=True,
    )
    return result.stdout if capture else ""


def build(size: int, port: int, stack: Stack = SQLITE) -> Path:
    """Build the archive of ``size`` articles on ``stack`` once; migrate it every time (new indexes).

    The archive: the demo content, ``size`` generated English articles and ``size // RU_SHARE``
    Russian ones, in ``var/bench/<dir>/`` (and, on PostgreSQL, the bench's database for ``size``).
    """
    var = PROJECT / "var" / "bench" / stack.directory_name(size)
    env = site_env(var, port, stack, size)
    database = stack.database_url(size)
    if (var / "built").exists() and (database is None or stacks.database_exists(database)):
        manage(env, "migrate", "--noinput", "-v0")
        return var
    shutil.rmtree(var, ignore_errors=True)
    var.mkdir(parents=True)
    if database:
        stacks.recreate_database(database)
        stacks.flush_redis(stack.redis_url)
    print(f"Building the archive of {size:,} articles on {stack.label} ({database or var}) ...", flush=True)
    started = time.monotonic()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    manage(env, "bench_archive", str(size))
    if size // RU_SHARE:
        # One Russian article every RU_SHARE × 17 minutes: both editions span the same period.
        manage(env, "bench_archive", str(size // RU_SHARE), "--language", "ru", "--every", str(17 * RU_SHARE))
    (var / "built").write_text("ok\n")
    print(f"  built in {time.monotonic() - started:.0f} s", flush=True)
    return var


def cold_renders(var: Path, port: int, stack: Stack, size: int) -> dict:
    """``bench_render``'s figures for the archive in ``var``: ``{"kinds": {...}, "searches": {...}}``."""
    if stack.redis_url:
        stacks.flush_redis(stack.redis_url)
    budget = os.environ.get("BENCH_RENDER_SECONDS", "3")
    timeout = os.environ.get("BENCH_RENDER_TIMEOUT", "30")
    out = manage(
        site_env(var, port, stack, size),
        "bench_render",
        "--json",
        "--budget",
        budget,
        "--timeout",
        timeout,
        capture=True,
    )
    return json.loads(out.strip().splitlines()[-1])


SERVERS = {
    "granian": lambda port: [
        str(VENV_BIN / "granian"),
        *("--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port)),
        *("--workers", "2", "--blocking-threads", "4", "--backpressure", "64", "--log-level", "warning"),
        "dateline.wsgi:application",
    ],
    "gunicorn sync": lambda port: [
        str(VENV_BIN / "gunicorn"),
        *("dateline.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "3", "--log-level", "warning"),
    ],
    "gunicorn gthread": lambda port: [
        str(VENV_BIN / "gunicorn"),
        *("dateline.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "8"),
        *("--worker-class", "gthread", "--log-level", "warning"),
    ],
    "uvicorn": lambda port: [
        str(VENV_BIN / "uvicorn"),
        *("--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"),
        *("--log-level", "warning", "--no-access-log", "dateline.wsgi:application"),
    ],
}


def static_server(base: Path, port: int, kept_open: bool) -> str:
    """An nginx ``server`` block serving ``base/www`` on ``port``; ``kept_open``: with ``open_file_cache``."""
    cache = "open_file_cache max=20000 inactive=60s;\n        open_file_cache_valid 1s;" if kept_open else ""
    return f"""    server {{
        listen 127.0.0.1:{port} reuseport backlog=4096;
        keepalive_requests 100000;
        {cache}
        root {base}/www;
        location / {{ default_type "text/html; charset=utf-8"; }}
    }}"""


def nginx_config(base: Path, static_port: int, prod_port: int, app_port: int, plain_port: int) -> Path:
    """Write the bench's nginx configuration: the two static references and the production cache."""
    template = Template((PROJECT / "deploy" / "nginx" / "dateline.conf.template").read_text())
    production = template.safe_substitute(
        DATELINE_NGINX_CACHE_DIR=str(base / "cache"),
        DATELINE_APP_ADDRESS=f"127.0.0.1:{app_port}",
        DATELINE_NGINX_LISTEN=f"127.0.0.1:{prod_port}",
        DATELINE_STATIC_ROOT=str(PROJECT / "var" / "bench" / "static"),
        DATELINE_NGINX_PAGE_FILES_DIR=str(base / "pages"),
    )
    user = "root root" if os.geteuid() == 0 else ""
    config = f"""
{"user " + user + ";" if user else ""}
worker_processes 2;
daemon off;
pid {base}/nginx.pid;
error_log {base}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    include /etc/nginx/mime.types;
    default_type text/html;
    client_body_temp_path {base}/tmp/body;
    proxy_temp_path {base}/tmp/proxy;
    fastcgi_temp_path {base}/tmp/fastcgi;
    uwsgi_temp_path {base}/tmp/uwsgi;
    scgi_temp_path {base}/tmp/scgi;
    # The reference: the same article page as a static file, kept open as the page files are.
{static_server(base, static_port, kept_open=True)}
    # The same file with nginx's defaults (each request opens it), as Debian's nginx serves a site.
{static_server(base, plain_port, kept_open=False)}
{production}
}}
"""
    path = base / "nginx.conf"
    path.write_text(config)
    return path


def throughput(
    var: Path, size: int, production: Stack, production_var: Path, port: int, seconds: int, processes, rounds: int = 5
) -> None:
    """wrk against the static copy, the embedded server (SQLite) and the production cache (``production`` stack)."""
    app_port, static_port, prod_port, prod_app_port, plain_port = port, port + 1, port + 2, port + 3, port + 4
    other_port = port + 10
    base = PROJECT / "var" / "bench" / "nginx"
    shutil.rmtree(base, ignore_errors=True)
    for sub in ("www", "cache", "pages", "tmp"):
        (base / sub).mkdir(parents=True)
    logs = PROJECT / "var" / "bench" / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    env = site_env(var, app_port)
    shutil.rmtree(var / "pagecache", ignore_errors=True)
    prod_env = site_env(
        production_var,
        prod_app_port,
        production,
        size,
        {
            "DATELINE_PAGECACHE_NGINX_DIR": str(base / "cache"),
            "DATELINE_PAGECACHE_NGINX_FILES_DIR": str(base / "pages"),
        },
    )
    manage(prod_env, "pagecache_headers", "--host", "127.0.0.1")
    shutil.rmtree(production_var / "pagecache", ignore_errors=True)
    if production.redis_url:
        stacks.flush_redis(production.redis_url)

    app = processes.start(SERVERS["granian"](app_port), env=env, log=logs / "granian.log")
    prod_app = processes.start(SERVERS["granian"](prod_app_port), env=prod_env, log=logs / "granian-production.log")
    wait_for(f"http://127.0.0.1:{app_port}/en/")
    wait_for(f"http://127.0.0.1:{prod_app_port}/en/")
    article = _article_url(var, app_port)
    body, headers = fetch(f"http://127.0.0.1:{app_port}{article}")
    (base / "www" / "article.html").write_bytes(body)
    nginx = processes.start(
        ["/usr/sbin/nginx", "-c", str(nginx_config(base, static_port, prod_port, prod_app_port, plain_port))],
        log=logs / "nginx.log",
    )
    urls = {
        "static": f"http://127.0.0.1:{static_port}/article.html",
        "static, nginx defaults": f"http://127.0.0.1:{plain_port}/article.html",
        "embedded": f"http://127.0.0.1:{app_port}{article}",
        "production": f"http://127.0.0.1:{prod_port}{article}",
    }
    for url in urls.values():
        wait_for(url)
        fetch(url)
    prod_body, prod_headers = fetch(urls["production"])
    print(
        f"\nArticle {article} ({len(body):,} bytes; {len(prod_body):,} from production), {size:,} articles, "
        f"wrk -t{WRK_THREADS} -c{WRK_CONNECTIONS}, {seconds} s runs, alternating (each round rotated), "
        f"median of {rounds}:"
    )
    print(
        f"  embedded page cache: {headers.get('X-Dateline-Cache')} then hit; "
        f"production: {prod_headers.get('X-Cache-Status')} "
        f"(nginx page files, else proxy_cache; app on {production.label})"
    )
    runs: dict[str, list] = {name: [] for name in urls}
    names = list(urls)
    for round_number in range(rounds):
        # Each round starts one server later: no server always runs right after the same other one.
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            runs[name].append(wrk(urls[name], seconds))
    result = {name: best(r) for name, r in runs.items()}

    # The other app servers (make run's database), each against a static run just before it.
    others = {}
    for name in ("gunicorn sync", "gunicorn gthread", "uvicorn"):
        server = processes.start(SERVERS[name](other_port), env=env, log=logs / f"{name.replace(' ', '-')}.log")
        try:
            wait_for(f"http://127.0.0.1:{other_port}{article}")
            fetch(f"http://127.0.0.1:{other_port}{article}")
            reference = wrk(urls["static"], seconds)
            others[name] = (wrk(f"http://127.0.0.1:{other_port}{article}", seconds), reference)
        finally:
            processes.stop(server)
    processes.stop(nginx)
    processes.stop(prod_app)
    processes.stop(app)

    static, plain = result["static"]["rps"], result["static, nginx defaults"]["rps"]
    print(
        "\nRatios to nginx serving the same HTML as a static file (requests/s), "
        "kept open (open_file_cache) / with nginx's defaults:"
    )
    embedded_label = "embedded (make run: granian, SQLite, page cache hit path)"
    embedded = result["embedded"]["rps"]
    print(f"  {embedded_label:60} {embedded / static:5.2f} x / {embedded / plain:4.2f} x")
    prod_label = (
        f"production (nginx page file; granian, {production.label}{' + Redis' if production.redis_url else ''})"
    )
    prod = result["production"]["rps"]
    print(f"  {prod_label:60} {prod / static:5.2f} x / {prod / plain:4.2f} x")
    for name, (own, reference) in others.items():
        print(f"  {name + ' (SQLite, same hit path)':60} {own['rps'] / reference['rps']:5.2f} x")
    print(f"\n  {'':60}{'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for name, figures in [*result.items(), *((n, o) for n, (o, _r) in others.items())]:
        print(f"  {name:58}{figures['rps']:11.0f} {figures['p50']:8.2f} {figures['p99']:8.2f} {figures['errors']:7d}")


def _article_url(var: Path, port: int) -> str:
    out = manage(
        site_env(var, port),
        "shell",
        "-c",
        "from dateline.news.models import ArticlePage;"
        "print(ArticlePage.objects.live().filter(locale__language_code='en').order_by('-published_at').first().url)",
        capture=True,
    )
    return out.strip().splitlines()[-1]


CELL, LABEL = 21, 34  # characters of a table cell ("PostgreSQL no cards") and of the row labels


def _cell(figures: dict | None) -> str:
    """One cell of a render table: ``median ms / queries`` (or a dash when not measured)."""
    if figures is None:
        return f"{'-':>{CELL}}"
    if figures["median_ms"] is None:
        return f"{'over ' + format(figures['over_seconds'], '.0f') + ' s':>{CELL}}"
    return f"{figures['median_ms']:>{CELL - 6}.1f} /{figures['queries']:3d}"


def _table(columns: dict[str, dict]) -> None:
    """Rows of page kinds, then of searches; one column per ``{heading: bench_render figures}``."""
    print(f"  {'':{LABEL}}" + "".join(f"{heading:>{CELL}}" for heading in columns))
    first = next(iter(columns.values()))
    for group in ("kinds", "searches"):
        if group == "searches":
            print("  searches, relevance order:")
        for kind in first[group]:
            print(
                f"  {kind[:LABEL]:{LABEL}}" + "".join(_cell(figures[group].get(kind)) for figures in columns.values())
            )


def without_cards(figures: dict) -> dict:
    """``bench_render``'s figures of the renders with no fragment kept (cards, pictures: ``news.fragments``)."""
    return {
        group: {
            kind: {"median_ms": result["no_cards_ms"], "queries": result["no_cards_queries"]}
            if "no_cards_ms" in result
            else None
            for kind, result in results.items()
        }
        for group, results in figures.items()
    }


def print_renders(size: int, renders: dict[str, dict]) -> None:
    """The cold renders of the first size: per stack, with the process's fragments (article cards, pictures)
    kept (a render after a purge) and with none kept (a new process, the "no cards" columns)."""
    print(f"\nCold render, page cache off, {size:,} articles (median ms / SQL queries, in-process):")
    columns = {}
    for label, figures in renders.items():
        columns[label] = figures
        columns[f"{label} no cards"] = without_cards(figures)
    _table(columns)


def print_scale(sizes: list[int], renders: dict[tuple[int, str], dict], labels: dict[str, str]) -> None:
    """The scale table: every page kind (then every search) at every size, on every stack."""
    print(
        "\nScale: cold render median ms / SQL queries by archive size "
        "(English articles; the Russian edition has a tenth as many):"
    )
    _table(
        {f"{size:,} {labels[key]}": renders[size, key] for size in sizes for key in labels if (size, key) in renders}
    )


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt


def machine_speed(loops: int = 5_000_000) -> float:
    """Milliseconds this process takes to add up ``loops`` integers in pure Python: the machine's speed at
    the moment, printed before and after the measurements (a virtual machine's speed can change by half
    within minutes; figures of runs with different speeds are not comparable)."""
    started = time.perf_counter()
    total = 0
    for number in range(loops):
        total += number
    return (time.perf_counter() - started) * 1000


def main() -> None:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "1000 10000").split()]
    port = int(os.environ.get("BENCH_PORT", "8900"))
    seconds = int(os.environ.get("BENCH_SECONDS", "5"))
    rounds = int(os.environ.get("BENCH_ROUNDS", "5"))
    processes = Processes()
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    os.chdir(PROJECT)
    postgres, why = stacks.postgres_stack(os.environ)
    if postgres is None:
        print(f"PostgreSQL + Redis not measured: {why}. Measuring the SQLite stack only.", flush=True)
    stack_list = [SQLITE, *([postgres] if postgres else [])]
    print(f"Machine speed before: {machine_speed():.0f} ms for 5,000,000 additions in Python (lower is faster).")
    try:
        manage(site_env(PROJECT / "var" / "bench", port), "collectstatic", "--noinput", "-v0")
        renders: dict[tuple[int, str], dict] = {}
        for n, size in enumerate(sizes):
            built = {stack.key: build(size, port, stack) for stack in stack_list}
            if n == 0:
                production = postgres or SQLITE
                throughput(built["sqlite"], size, production, built[production.key], port, seconds, processes, rounds)
            for stack in stack_list:
                renders[size, stack.key] = cold_renders(built[stack.key], port, stack, size)
            if n == 0:
                print_renders(size, {stack.label: renders[size, stack.key] for stack in stack_list})
        print_scale(sizes, renders, {stack.key: stack.label for stack in stack_list})
        print(f"\nMachine speed after: {machine_speed():.0f} ms for the same additions.")
    except KeyboardInterrupt:
        print("\nInterrupted: stopping the processes the bench started.", file=sys.stderr)
        raise SystemExit(130) from None
    finally:
        processes.stop_all()


if __name__ == "__main__":
    main()

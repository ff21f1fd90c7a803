"""``make bench``: the cached article page against nginx serving the same HTML, then cold renders and scale.

Run as ``python -m dateline.bench.run`` (``make bench`` installs wrk, nginx-light and the
Python packages first). For each archive size (``BENCH_SIZES``, default ``1000 10000``;
add ``100000`` for the full scale table, about ten minutes of generation on SQLite) it
builds ``var/bench/<size>/`` once (migrate, demo, ``bench_archive``), measures the cold
render of every page kind (``bench_render``), and on the first size runs wrk (two
threads, 64 connections, ``BENCH_SECONDS`` each, default 5) on loopback, alternating:

* **static** — nginx serving a saved copy of the article page (the reference);
* **embedded** — the site as ``make run`` serves it (granian, the page cache's hit path);
* **production** — nginx's proxy_cache in front of the app (``deploy/nginx``), purged by the app;
* the other app servers measured for ``make run`` (gunicorn sync and gthread, uvicorn).

It prints ratios first, then requests/s, p50 and p99, then the cold renders and the
scaling table. Every process it starts is stopped at the end (also on Ctrl+C or error).
Ports: ``BENCH_PORT`` (default 8900) and the next 19.
"""

from __future__ import annotations

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

PROJECT = Path(__file__).resolve().parent.parent.parent
VENV_BIN = Path(sys.executable).parent
WRK_THREADS, WRK_CONNECTIONS = 2, 64


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
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": parse_ms(re.search(r"50%\s+(\S+)", out).group(1)),
        "p99": parse_ms(re.search(r"99%\s+(\S+)", out).group(1)),
        "errors": errors + (int(non2xx.group(1)) if non2xx else 0),
    }


def best(runs: list[dict]) -> dict:
    """The median-throughput run of several (each figure from the same run)."""
    return sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]


def site_env(var: Path, port: int, extra: dict | None = None) -> dict:
    secret = PROJECT / "var" / "secret_key"
    if not secret.exists():
        secret.parent.mkdir(parents=True, exist_ok=True)
        secret.write_text(secrets.token_urlsafe(50))
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dateline.settings.production",
        "DJANGO_SECRET_KEY": secret.read_text().strip(),
        "DATELINE_VAR_DIR": str(var),
        "DJANGO_STATIC_ROOT": str(PROJECT / "var" / "bench" / "static"),
        "DATELINE_BASE_URL": f"http://127.0.0.1:{port}",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_LOG_LEVEL": "WARNING",
        **(extra or {}),
    }


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


def build(size: int, port: int) -> Path:
    """Create ``var/bench/<size>/`` (database with the demo and ``size`` generated articles) once."""
    var = PROJECT / "var" / "bench" / str(size)
    if (var / "built").exists():
        return var
    shutil.rmtree(var, ignore_errors=True)
    var.mkdir(parents=True)
    env = site_env(var, port)
    print(f"Building the archive of {size:,} articles in {var} ...", flush=True)
    started = time.monotonic()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    manage(env, "bench_archive", str(size))
    (var / "built").write_text("ok\n")
    print(f"  built in {time.monotonic() - started:.0f} s", flush=True)
    return var


def cold_renders(var: Path, port: int) -> dict:
    import json

    out = manage(site_env(var, port), "bench_render", "--json", capture=True)
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


def nginx_config(base: Path, static_port: int, prod_port: int, app_port: int) -> Path:
    """Write the bench's nginx configuration: the static reference and the production cache."""
    template = Template((PROJECT / "deploy" / "nginx" / "dateline.conf.template").read_text())
    production = template.safe_substitute(
        DATELINE_NGINX_CACHE_DIR=str(base / "cache"),
        DATELINE_APP_ADDRESS=f"127.0.0.1:{app_port}",
        DATELINE_NGINX_LISTEN=f"127.0.0.1:{prod_port}",
        DATELINE_STATIC_ROOT=str(PROJECT / "var" / "bench" / "static"),
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
    # The reference: the same article page as a static file.
    server {{
        listen 127.0.0.1:{static_port} reuseport backlog=4096;
        keepalive_requests 100000;
        root {base}/www;
        location / {{ default_type "text/html; charset=utf-8"; }}
    }}
{production}
}}
"""
    path = base / "nginx.conf"
    path.write_text(config)
    return path


def throughput(var: Path, port: int, seconds: int, processes: Processes) -> None:
    static_port, prod_port, app_port = port + 1, port + 2, port
    base = PROJECT / "var" / "bench" / "nginx"
    shutil.rmtree(base, ignore_errors=True)
    for sub in ("www", "cache", "tmp"):
        (base / sub).mkdir(parents=True)
    logs = PROJECT / "var" / "bench" / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    env = site_env(var, app_port, {"DATELINE_PAGECACHE_NGINX_DIR": str(base / "cache")})
    shutil.rmtree(var / "pagecache", ignore_errors=True)

    app = processes.start(SERVERS["granian"](app_port), env=env, log=logs / "granian.log")
    wait_for(f"http://127.0.0.1:{app_port}/en/")
    article = _article_url(var, app_port)
    body, headers = fetch(f"http://127.0.0.1:{app_port}{article}")
    (base / "www" / "article.html").write_bytes(body)
    nginx = processes.start(
        ["/usr/sbin/nginx", "-c", str(nginx_config(base, static_port, prod_port, app_port))], log=logs / "nginx.log"
    )
    urls = {
        "static": f"http://127.0.0.1:{static_port}/article.html",
        "embedded": f"http://127.0.0.1:{app_port}{article}",
        "production": f"http://127.0.0.1:{prod_port}{article}",
    }
    for url in urls.values():
        wait_for(url)
        fetch(url)
    _, prod_headers = fetch(urls["production"])
    print(f"\nArticle {article} ({len(body):,} bytes), {WRK_CONNECTIONS} connections, {seconds} s runs, alternating:")
    print(
        f"  embedded page cache: {headers.get('X-Dateline-Cache')} then hit; "
        f"production cache: {prod_headers.get('X-Cache-Status')}"
    )
    runs: dict[str, list] = {name: [] for name in urls}
    for _round in range(3):
        for name, url in urls.items():
            runs[name].append(wrk(url, seconds))
    result = {name: best(r) for name, r in runs.items()}

    # The other app servers, each against a static run just before it.
    others = {}
    for name in ("gunicorn sync", "gunicorn gthread", "uvicorn"):
        server = processes.start(SERVERS[name](port + 10), env=env, log=logs / f"{name.replace(' ', '-')}.log")
        try:
            wait_for(f"http://127.0.0.1:{port + 10}{article}")
            fetch(f"http://127.0.0.1:{port + 10}{article}")
            reference = wrk(urls["static"], seconds)
            others[name] = (wrk(f"http://127.0.0.1:{port + 10}{article}", seconds), reference)
        finally:
            processes.stop(server)
    processes.stop(nginx)
    processes.stop(app)

    static = result["static"]["rps"]
    print("\nRatios to nginx serving the same HTML as a static file (requests/s):")
    print(f"  embedded (make run: granian + page cache hit path)  {result['embedded']['rps'] / static:5.2f} x")
    print(f"  production (nginx proxy_cache, purged by the app)   {result['production']['rps'] / static:5.2f} x")
    for name, (own, reference) in others.items():
        print(f"  {name + ' (same hit path)':50} {own['rps'] / reference['rps']:5.2f} x")
    print(f"\n  {'':52}{'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for name, figures in [*result.items(), *((n, o) for n, (o, _r) in others.items())]:
        print(f"  {name:50}{figures['rps']:11.0f} {figures['p50']:8.2f} {figures['p99']:8.2f} {figures['errors']:7d}")


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


def main() -> None:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "1000 10000").split()]
    port = int(os.environ.get("BENCH_PORT", "8900"))
    seconds = int(os.environ.get("BENCH_SECONDS", "5"))
    processes = Processes()
    os.chdir(PROJECT)
    try:
        manage(site_env(PROJECT / "var" / "bench", port), "collectstatic", "--noinput", "-v0")
        renders = {}
        for n, size in enumerate(sizes):
            var = build(size, port)
            if n == 0:
                throughput(var, port, seconds, processes)
            renders[size] = cold_renders(var, port)
            if n == 0:
                print(f"\nCold render, page cache off, {size:,} articles (median of up to 15, in-process):")
                for kind, figures in renders[size].items():
                    print(f"  {kind:14} {figures['median_ms']:7.1f} ms {figures['queries']:4d} queries")
        print("\nScale: cold render median (ms) / queries by archive size:")
        kinds = list(renders[sizes[0]])
        print(f"  {'':14}" + "".join(f"{size:>16,}" for size in sizes))
        for kind in kinds:
            cells = "".join(
                f"{renders[size][kind]['median_ms']:10.1f} /{renders[size][kind]['queries']:3d}" for size in sizes
            )
            print(f"  {kind:14}{cells}")
    finally:
        processes.stop_all()


if __name__ == "__main__":
    main()

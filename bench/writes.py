"""Concurrent reader writes against a server like ``make run`` (``make bench-writes``).

For each configuration it makes a fresh database with the demo content, starts
the web server exactly as ``make run`` does (``make print-web-server``, 2
web-server workers by default) and the background worker, then sends at once,
over ``BENCH_CONNECTIONS`` (50) concurrent connections:

- 200 votes on the reference article from 200 distinct readers and addresses;
- 100 comments from 100 readers and addresses;
- 100 spelling-error reports from 100 readers and addresses;
- 20 comments at once from ONE address (the limit is 5 per 10 minutes);

while one more client keeps reading the article page. Distinct addresses are
real: each reader connects from its own loopback address (127.x.y.z), so the
server sees them in ``REMOTE_ADDR`` with its real-site settings (no trusted
proxy header). It prints accepted / errors / stored for each, and stops
everything it started.

Configurations: ``default`` (SQLite in a temporary var/, the shared diskcache
store, as ``make run``) and ``postgres+redis`` (a PostgreSQL database it creates
and drops, ``BENCH_DATABASE_URL`` default postgres://postgres@localhost/dateline_bench_7,
and ``BENCH_REDIS_URL`` default redis://localhost:6379/7 under a key prefix of its
own, deleted afterwards). ``BENCH_CONFIGS=default`` runs one. Ports: ``BENCH_PORT``
(8701). Every request times out after 60 s; the whole run is bounded.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import shlex
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT", "8701"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "50"))
TIMEOUT = 60  # seconds per request
VOTES, COMMENTS, REPORTS, BURST = 200, 100, 100, 20


def reader_address(group: int, n: int) -> str:
    """The loopback address of reader ``n`` of ``group`` (127.group.hi.lo; Linux routes all 127/8 to lo)."""
    return f"127.{group}.{n // 250}.{n % 250 + 1}"


class Client:
    """One reader: its own source address, cookies and CSRF token."""

    def __init__(self, address: str):
        self.address = address
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None, headers: dict | None = None):
        """Send one request on a new connection from the reader's address; return (status, headers, text)."""
        connection = http.client.HTTPConnection(HOST, PORT, timeout=TIMEOUT, source_address=(self.address, 0))
        all_headers = {"Host": f"localhost:{PORT}", "Accept": "application/json", **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, data, all_headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key] = rest.split(";", 1)[0]
            return response.status, text
        finally:
            connection.close()

    def state(self, article_id: int) -> dict:
        """GET the article's reader state: sets the reader and CSRF cookies; returns the JSON."""
        status, text = self.request("GET", f"/en/-/reader/state/{article_id}/")
        if status != 200:
            raise RuntimeError(f"state {status}: {text[:200]}")
        return json.loads(text)


def post(client: Client, path: str, fields: dict, token: str):
    status, text = client.request("POST", path, fields, {"X-CSRFToken": token})
    return status, text


def vote(article_id: int, n: int):
    client = Client(reader_address(11, n))
    state = client.state(article_id)
    return post(client, f"/en/-/ratings/{article_id}/", {"stars": str(n % 5 + 1)}, state["csrfToken"])


def comment(article_id: int, group: int, n: int, address_n: int | None = None):
    client = Client(reader_address(group, n if address_n is None else address_n))
    state = client.state(article_id)
    fields = {
        "name": f"Reader {group}-{n}",
        "body": f"Comment number {n} of bench group {group}: {secrets.token_hex(6)}.",
        "nonce": state["comments"]["nonce"],
    }
    return post(client, f"/en/-/comments/{article_id}/new/", fields, state["csrfToken"])


def report(article_id: int, n: int, passage: str):
    client = Client(reader_address(13, n))
    state = client.state(article_id)
    fields = {"selected_text": passage, "comment": f"report {n}"}
    return post(client, f"/en/-/errorreports/{article_id}/", fields, state["csrfToken"])


def run_all(jobs) -> dict:
    """Run the callables ``jobs`` over CONNECTIONS threads; count 2xx, 4xx (refused) and other answers."""
    counts = {"accepted": 0, "refused": 0, "errors": 0, "statuses": {}}
    lock = threading.Lock()

    def one(job):
        try:
            status, _text = job()
        except Exception as error:  # a connection error or timeout is an error the reader saw
            status = type(error).__name__
        with lock:
            counts["statuses"][str(status)] = counts["statuses"].get(str(status), 0) + 1
            if isinstance(status, int) and status < 300:
                counts["accepted"] += 1
            elif isinstance(status, int) and 400 <= status < 500:
                counts["refused"] += 1
            else:
                counts["errors"] += 1

    start = time.monotonic()
    with ThreadPoolExecutor(CONNECTIONS) as pool:
        list(pool.map(one, jobs))
    counts["seconds"] = round(time.monotonic() - start, 1)
    return counts


class PageReader(threading.Thread):
    """Reads the article page over and over while the writes run; counts answers that are not 200."""

    def __init__(self, path: str):
        super().__init__(daemon=True)
        self.path, self.ok, self.failed, self.stop = path, 0, 0, threading.Event()

    def run(self):
        client = Client("127.0.0.1")
        while not self.stop.is_set():
            try:
                status, _ = client.request("GET", self.path, headers={"Accept": "text/html"})
            except Exception:
                status = 0
            if status == 200:
                self.ok += 1
            else:
                self.failed += 1


def manage(env: dict, *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=capture, text=True, timeout=600
    )
    return result.stdout if capture else ""


FACTS = """
import json
from dateline.news.models import ArticlePage
from dateline.comments.models import ReaderComment
from dateline.errorreports.models import ErrorReportSubmission
from dateline.ratings.models import ArticleRating, Vote
a = ArticlePage.objects.live().filter(locale__language_code="en").order_by("pk").first()
r = ArticleRating.objects.filter(article=a).first()
text = " ".join(a.plain_text().split())
print(json.dumps({"id": a.pk, "path": a.url, "passage": text[40:70].strip(),
    "votes": Vote.objects.filter(article=a).count(), "vote_count": r.vote_count if r else 0,
    "vote_sum": r.vote_sum if r else 0,
    "comments": {g: ReaderComment.objects.filter(article=a, name__startswith=f"Reader {g}-").count() for g in (12, 14)},
    "reports": ErrorReportSubmission.objects.filter(report__article=a).count()}))
"""


def facts(env: dict) -> dict:
    return json.loads(manage(env, "shell", "-v0", "-c", FACTS, capture=True).strip().splitlines()[-1])


def wait_ready(path: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            if Client("127.0.0.1").request("GET", path, headers={"Accept": "text/html"})[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError("the server did not answer in time")


def bench(name: str, extra_env: dict) -> dict:
    """Run the four write loads in one configuration; return the figures."""
    var_dir = tempfile.mkdtemp(prefix="dateline-bench-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dateline.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        "DATELINE_VAR_DIR": var_dir,
        "DJANGO_STATIC_ROOT": str(ROOT / "var" / "static"),
        "DATELINE_BASE_URL": f"http://localhost:{PORT}",
        "DJANGO_LOG_LEVEL": "ERROR",
        **extra_env,
    }
    env.pop("DATABASE_URL", None) if "DATABASE_URL" not in extra_env else None
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo", capture=True)
    setup = facts(env)
    article_id, path = setup["id"], setup["path"]
    path = urllib.parse.urlparse(path).path or path
    web = subprocess.check_output(["make", "-s", "--no-print-directory", "print-web-server", f"PORT={PORT}"], cwd=ROOT)
    web_cmd = shlex.split(web.decode().strip())
    web_cmd = [str(ROOT / c) if c.startswith(".venv/") else c for c in web_cmd]
    processes = [
        subprocess.Popen(web_cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True),
        subprocess.Popen([PY, "manage.py", "run_worker"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL),
    ]
    results: dict = {"config": name}
    try:
        wait_ready(path, time.monotonic() + 60)
        reader = PageReader(path)
        reader.start()
        results["votes"] = run_all([lambda n=n: vote(article_id, n) for n in range(VOTES)])
        results["comments"] = run_all([lambda n=n: comment(article_id, 12, n) for n in range(COMMENTS)])
        results["reports"] = run_all([lambda n=n: report(article_id, n, setup["passage"]) for n in range(REPORTS)])
        results["burst"] = run_all([lambda n=n: comment(article_id, 14, n, address_n=0) for n in range(BURST)])
        reader.stop.set()
        reader.join(TIMEOUT)
        results["pages"] = {"ok": reader.ok, "failed": reader.failed}
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
        server_errors = processes[0].stderr.read() if processes[0].stderr else ""
    stored = facts(env)
    results["stored"] = stored
    results["expected_vote_sum"] = sum(n % 5 + 1 for n in range(VOTES))
    results["server_errors"] = len(re.findall(r"Traceback", server_errors))
    return results


def show(r: dict) -> None:
    s = r["stored"]
    print(f"\n== {r['config']} ==")
    line = "{:<28} accepted {:>3}  refused(4xx) {:>3}  errors {:>3}  stored {:>3}  ({} s; {})"
    v, c, e, b = r["votes"], r["comments"], r["reports"], r["burst"]
    print(
        line.format(f"{VOTES} votes", v["accepted"], v["refused"], v["errors"], s["votes"], v["seconds"], v["statuses"])
    )
    print(f"{'':<28} rating figures: count {s['vote_count']}, sum {s['vote_sum']} (expected {r['expected_vote_sum']})")
    print(
        line.format(
            f"{COMMENTS} comments",
            c["accepted"],
            c["refused"],
            c["errors"],
            s["comments"]["12"],
            c["seconds"],
            c["statuses"],
        )
    )
    print(
        line.format(
            f"{REPORTS} error reports",
            e["accepted"],
            e["refused"],
            e["errors"],
            s["reports"],
            e["seconds"],
            e["statuses"],
        )
    )
    print(
        line.format(
            f"{BURST} comments, one address",
            b["accepted"],
            b["refused"],
            b["errors"],
            s["comments"]["14"],
            b["seconds"],
            b["statuses"],
        )
    )
    print(
        f"article page read meanwhile: {r['pages']['ok']} x 200, {r['pages']['failed']} other; "
        f"tracebacks in the server log: {r['server_errors']}"
    )


def main() -> int:
    configs = os.environ.get("BENCH_CONFIGS", "default,postgres+redis").split(",")
    all_results = []
    if "default" in configs:
        all_results.append(bench("make run defaults: SQLite + diskcache, 2 web-server workers", {}))
        show(all_results[-1])
    if "postgres+redis" in configs:
        url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@localhost/dateline_bench_7")
        redis_url = os.environ.get("BENCH_REDIS_URL", "redis://localhost:6379/7")
        db = urllib.parse.urlparse(url)
        name, admin = db.path.lstrip("/"), db._replace(path="/postgres").geturl()
        prefix = f"dateline-bench-{os.getpid()}"
        import psycopg
        import redis

        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            connection.execute(f'CREATE DATABASE "{name}"')
        try:
            all_results.append(
                bench(
                    "PostgreSQL + Redis, 2 web-server workers",
                    {"DATABASE_URL": url, "REDIS_URL": redis_url, "DATELINE_CACHE_KEY_PREFIX": prefix},
                )
            )
            show(all_results[-1])
        finally:
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            store = redis.Redis.from_url(redis_url)
            for key in store.scan_iter(f"{prefix}:*"):
                store.delete(key)
    return 0


if __name__ == "__main__":
    sys.exit(main())

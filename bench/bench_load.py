"""Load test: 50 concurrent users against the production server (gunicorn + whitenoise) on loopback.

Seeds a fresh database with the demo data (or reuses RSCA_BENCH_DATA_DIR), starts `gunicorn rsca.config.wsgi`
with 2 x cores + 1 workers and the task worker in production mode on 127.0.0.1, then drives it with Locust for
RSCA_LOAD_SECONDS (60 by default): public visitors (home, coherence map, library, projects, both languages), buyers
(their supplier list, graph, map, facility search) and suppliers (their compliance checks and a check's page).
Prints requests, failures, median and p95 per page; exits 1 on any failed request.

    python bench/bench_load.py            # or: make bench
    RSCA_LOAD_USERS=50 RSCA_LOAD_SECONDS=60 python bench/bench_load.py
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
USERS = int(os.environ.get("RSCA_LOAD_USERS", "50"))
SECONDS = int(os.environ.get("RSCA_LOAD_SECONDS", "60"))
PASSWORD = "rsca-demo-2026"
PUBLIC_PAGES = [
    "/",
    "/zh-hans/",
    "/standards/coherence/",
    "/zh-hans/standards/coherence/",
    "/library/",
    "/projects/",
    "/standards/",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _environment(data_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        {
            "RSCA_ENV": "production",
            "SECRET_KEY": "bench-only-" + "k" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_COOKIES": "false",
            "RSCA_DATA_DIR": str(data_dir),
            "AXES_ENABLED": "false",
            "LOG_LEVEL": "ERROR",
        }
    )
    return env


def _rsca(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "rsca.manage", *args], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL
    )


def _wait_until_up(url: str, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=5) as answer:  # noqa: S310 - loopback only
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server at {url} did not come up")


def main() -> int:
    data_dir = Path(os.environ.get("RSCA_BENCH_DATA_DIR") or tempfile.mkdtemp(prefix="rsca-load-"))
    env = _environment(data_dir)
    started = time.perf_counter()
    _rsca(env, "migrate", "--no-input", "-v", "0")
    _rsca(env, "seed", "--demo")
    _rsca(env, "collectstatic", "--no-input", "-v", "0")
    print(f"database seeded in {time.perf_counter() - started:.0f} s ({data_dir})", flush=True)

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    workers = 2 * (os.cpu_count() or 1) + 1
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "rsca.config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "60",
        ],
        env=env,
        cwd=ROOT,
    )
    worker = subprocess.Popen(
        [sys.executable, "-m", "rsca.manage", "worker", "--queue-name", "*", "--no-reload", "-v", "0"],
        env=env,
        cwd=ROOT,
    )
    try:
        _wait_until_up(url)
        for page in PUBLIC_PAGES:  # one visit each first, as a visitor before the crowd would
            urllib.request.urlopen(url + page, timeout=60).read()  # noqa: S310 - loopback only
        child = subprocess.run(
            [sys.executable, __file__, "--locust", url],
            capture_output=True,
            text=True,
            timeout=SECONDS + 180,
            cwd=ROOT,
        )
    finally:
        server.terminate()
        worker.terminate()
        server.wait(timeout=60)
        worker.wait(timeout=60)
    if child.returncode != 0 or not child.stdout.strip():
        print(child.stdout, child.stderr)
        return 1
    stats = json.loads(child.stdout.strip().splitlines()[-1])
    print(
        f"{USERS} concurrent users for {SECONDS} s against gunicorn ({workers} workers) on {os.cpu_count()} cores"
    )
    print(f"{'page':38} {'requests':>8} {'failures':>8} {'median ms':>9} {'p95 ms':>7}")
    for row in stats["pages"]:
        print(
            f"{row['name']:38} {row['requests']:8d} {row['failures']:8d} {row['median']:9.0f} {row['p95']:7.0f}"
        )
    total = stats["total"]
    print(
        f"{'all':38} {total['requests']:8d} {total['failures']:8d} {total['median']:9.0f} {total['p95']:7.0f}"
        f"   ({total['rps']:.1f} requests/s)"
    )
    for error in stats["errors"][:10]:
        print("error:", error)
    return 1 if total["failures"] else 0


def run_locust(url: str) -> None:
    """In a child process (Locust patches the standard library with gevent)."""
    import gevent
    from locust import HttpUser, between, task
    from locust.env import Environment

    def sign_in(user: HttpUser, username: str) -> None:
        page = user.client.get("/account/login/", name="login page")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token is not None
        user.client.post(
            "/account/login/",
            name="login",
            data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)},
            headers={"Referer": url + "/account/login/"},
        )

    class Visitor(HttpUser):
        weight = 3
        wait_time = between(0.5, 2)

        @task
        def browse(self) -> None:
            for page in PUBLIC_PAGES:
                self.client.get(page, name=page)

    class Buyer(HttpUser):
        weight = 1
        wait_time = between(0.5, 2)

        def on_start(self) -> None:
            sign_in(self, "buyer")

        @task
        def supply_chain(self) -> None:
            for page in (
                "/supplychain/",
                "/supplychain/graph/",
                "/supplychain/map/",
                "/supplychain/facilities/",
            ):
                self.client.get(page, name=f"buyer {page}")

    class Supplier(HttpUser):
        weight = 1
        wait_time = between(0.5, 2)

        def on_start(self) -> None:
            sign_in(self, "supplier")
            index = self.client.get("/compliance/", name="supplier /compliance/")
            found = re.search(r'href="(/compliance/checks/\d+/)"', index.text)
            self.check = found.group(1) if found else None

        @task
        def check(self) -> None:
            self.client.get("/compliance/", name="supplier /compliance/")
            if self.check:
                self.client.get(self.check, name="supplier /compliance/checks/<id>/")

    env = Environment(user_classes=[Visitor, Buyer, Supplier], host=url)
    runner = env.create_local_runner()
    runner.start(USERS, spawn_rate=USERS)
    gevent.spawn_later(SECONDS, runner.quit)
    runner.greenlet.join()
    pages = []
    for entry in sorted(env.stats.entries.values(), key=lambda e: e.name):
        pages.append(
            {
                "name": entry.name,
                "requests": entry.num_requests,
                "failures": entry.num_failures,
                "median": entry.median_response_time,
                "p95": entry.get_response_time_percentile(0.95),
            }
        )
    total = env.stats.total
    errors = [f"{e.method} {e.name}: {e.error} ({e.occurrences}x)" for e in env.stats.errors.values()]
    print(
        json.dumps(
            {
                "pages": pages,
                "errors": errors,
                "total": {
                    "requests": total.num_requests,
                    "failures": total.num_failures,
                    "median": total.median_response_time,
                    "p95": total.get_response_time_percentile(0.95),
                    "rps": total.total_rps,
                },
            }
        )
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--locust":
        run_locust(sys.argv[2])
        sys.exit(0)
    sys.exit(main())

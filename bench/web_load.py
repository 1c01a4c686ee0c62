"""Benchmark (not a test): the web app under 20 concurrent users over one season's data (issue 4).

    uv run python bench/web_load.py [--db sqlite|postgres|both] [--server gunicorn|wsgiref]
                                    [--workers 2] [--threads 4] [--think 0] [--stations 176]
                                    [--conn-max-age 60]
                                    [--users 20] [--requests 200] [--seconds 30]

For each database: a fresh data directory (and for PostgreSQL a throwaway cluster on 127.0.0.1,
started the way tests/pg_cluster.py does) is filled with a season: `--stations` stations with
two rounds each (mid-term and final, report issued), one data version per round from
`synthetic_evaluation` and the parties' scores and findings from `seed_from_evaluation`, a city
viewer (市民政局) and a coordinator. The app is then served on 127.0.0.1 (see below), `--users`
client sessions log in as the city viewer, and the script measures p50/p95 of

  round page   GET /rounds/<id>/ on random rounds
  report       GET /rounds/<id>/report.docx on rounds whose report was written beforehand
               (generation excluded: the files are written in the fill step; serving still
               reads the round's stored result for its input's fingerprint)
  dashboard    GET /dashboard/ as the city viewer over all rounds

Results are stored in the database with their revision (pinggu/web/engine.py): the fill step's
scores store every round's result as their transaction commits, so no page has anything to
compute and there is no warm-up. The server is started after the fill, so its worker processes
are fresh, as right after a restart: the first dashboard request in each worker (`--workers`
sessions at once, again until each worker has answered one: gunicorn's access log says which
process answered; at most COLD_TRIES tries) is the cold dashboard, printed beside the warm one.
A few requests one at a time then give each kind's service time alone, and the server's CPU
time per request of each kind (`cpu_per_request`).

Each phase stops after `--requests` requests, spread over the sessions, or after `--seconds`,
whichever comes first; requests under way then finish (each has a 300 s timeout). With
`--think 0` (the default) the load is a closed loop: each session sends its next request as
soon as the last one returns, the heaviest load 20 sessions can make. With `--think T` each
session waits uniform(0.5, 1.5) × T seconds before each request, modelling people who read a
page before clicking. Only loopback connections are made; the server and the cluster are
stopped at the end, also on error or Ctrl-C, and the server exits by itself after
SERVER_LIFETIME whatever happens.

Servers:

  gunicorn (default)  the production server (a project dependency): `gunicorn
      pinggu.web.wsgi:application --workers W --threads T`, a master and W worker processes
      with T threads each (gthread), so the processes do not share one GIL and can use every
      core; the default W = 2 is one per core of the 2-core machine the figures were taken on.
      Started as a subprocess under `timeout`, ready once its port accepts connections and
      every worker has booted.
  wsgiref             the previous benchmark server, kept for comparison: the standard
      library's WSGIServer + ThreadingMixIn in one process (one GIL), HTTP/1.0 and a new
      thread per request. It serves the same WSGI application without runserver's
      autoreloader, static handling or per-request logging.

The client runs on the same machine: its 20 threads use the same cores as the server.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "bench-load-2026"
CITY, COORDINATOR = "bench_city", "bench_coordinator"
TARGET_MS = 150.0
REPORT_ROUNDS = 10  # reports written in the fill step and then downloaded
DISTRICTS = ("越秀区", "海珠区", "荔湾区", "天河区", "白云区", "黄埔区",
             "番禺区", "花都区", "南沙区", "从化区", "增城区")  # fmt: skip
SERVER_LIFETIME = 1800.0  # the server exits by itself after this long, whatever happens

DASHBOARD = "/dashboard/"
COLD_TRIES = 8  # tries to reach every fresh worker with a first dashboard request
CPU_REQUESTS = 40  # sequential requests of each kind for the CPU time per request
ACCESS_FORMAT = "%(p)s %(m)s %(U)s %(s)s %(M)s"  # <pid> GET /path/ 200 ms (gunicorn)

# --- fill: runs in a child process with the database's settings -------------------------------


def fill(stations: int) -> dict[str, object]:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pinggu.web.settings")
    django.setup()
    from dataclasses import replace
    from datetime import date

    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import transaction

    from pinggu import Kind, evaluation_to_dict, synthetic_evaluation
    from pinggu.web import engine
    from pinggu.web.models import (
        DataVersion,
        District,
        Membership,
        Organization,
        Role,
        Round,
        Station,
        StoredResult,
    )
    from pinggu.web.rounds.scoring import seed_from_evaluation

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    t_migrate = time.perf_counter() - t0

    t0 = time.perf_counter()
    with transaction.atomic():
        evaluator = Organization.objects.create(name="广州市瑞祥社会服务评估中心")
        coordinator = User.objects.create_user(COORDINATOR, password=PASSWORD, first_name="统筹")
        city = User.objects.create_user(CITY, password=PASSWORD, first_name="广州市民政局")
        Membership.objects.create(user=coordinator, role=Role.COORDINATOR, organization=evaluator)
        Membership.objects.create(user=city, role=Role.CITY)
        districts = {n: District.objects.create(name=n) for n in DISTRICTS}
        evaluations = []  # (station index, kind, evaluation)
        for i in range(stations):
            district = DISTRICTS[i % len(DISTRICTS)]
            for kind in (Kind.MIDTERM, Kind.FINAL):
                ev = synthetic_evaluation(i + 1, kind=kind, start=date(2023, 7, 1))
                info = replace(
                    ev.info,
                    district=district,
                    supervisor=f"广州市{district}民政局",
                    evaluator=evaluator.name,
                )
                evaluations.append((i, kind, replace(ev, info=info)))
        names = {e.info.operator for _, _, e in evaluations} | {
            e.info.purchaser for _, _, e in evaluations
        }
        Organization.objects.bulk_create(
            [Organization(name=n) for n in sorted(names - {evaluator.name})],
            ignore_conflicts=True,
        )
        orgs = {o.name: o for o in Organization.objects.all()}
        station_rows: dict[int, Station] = {}
        for i, _, ev in evaluations:
            if i not in station_rows:
                station_rows[i] = Station(
                    name=ev.info.station,
                    district=districts[DISTRICTS[i % len(DISTRICTS)]],
                    operator=orgs[ev.info.operator],
                    purchaser=orgs[ev.info.purchaser],
                )
        Station.objects.bulk_create(list(station_rows.values()))
        station_rows = {i: Station.objects.get(name=s.name) for i, s in station_rows.items()}
        round_rows = Round.objects.bulk_create(
            [
                Round(
                    station=station_rows[i],
                    evaluator=evaluator,
                    kind=kind.value,
                    period_start=ev.info.period_start,
                    period_end=ev.info.period_end,
                    fieldwork_date=ev.info.evaluation_date,
                    state="report_issued",
                    locked=True,
                )
                for i, kind, ev in evaluations
            ]
        )
        if round_rows[0].pk is None:  # backends without RETURNING ids
            by_key = {(r.station_id, r.kind): r for r in Round.objects.all()}
            round_rows = [by_key[(r.station.pk, r.kind)] for r in round_rows]
        DataVersion.objects.bulk_create(
            [
                DataVersion(
                    round=r,
                    number=1,
                    data=evaluation_to_dict(ev),
                    filename="bench.xlsx",
                    uploaded_by=coordinator,
                )
                for r, (_, _, ev) in zip(round_rows, evaluations, strict=True)
            ]
        )
        judge_names = sorted({row.judge for _, _, ev in evaluations for row in ev.scores})
        User.objects.bulk_create(
            [User(username=f"bench-judge-{n}", first_name=n) for n in judge_names]
        )
        judges = {u.first_name: u for u in User.objects.filter(username__startswith="bench-judge-")}
        t_rows = time.perf_counter() - t0
        t0 = time.perf_counter()
        for r, (_, _, ev) in zip(round_rows, evaluations, strict=True):
            seed_from_evaluation(r, ev, judges, coordinator)
    # (the audit log's commit hook has stored every round's result by now)
    t_scores = time.perf_counter() - t0

    t0 = time.perf_counter()
    ids = [r.pk for r in round_rows]
    report_ids = random.Random(4).sample(ids, min(REPORT_ROUNDS, len(ids)))
    for pk in report_ids:
        engine.report_file(Round.objects.get(pk=pk), ".docx")
    t_reports = time.perf_counter() - t0
    return {
        "round_ids": ids,
        "report_ids": report_ids,
        "fill": {
            "migrate": t_migrate,
            "rows": t_rows,
            "scores": t_scores,
            "reports": t_reports,
        },
        "counts": {
            "stations": Station.objects.count(),
            "rounds": Round.objects.count(),
            "stored": StoredResult.objects.exclude(digest=None).count(),
        },
    }


# --- servers ------------------------------------------------------------------------------------


def serve_wsgiref(port: int) -> None:
    """The wsgiref server (--server wsgiref), in a child process."""
    from socketserver import ThreadingMixIn
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pinggu.web.settings")
    from pinggu.web.wsgi import application

    class Server(ThreadingMixIn, WSGIServer):
        daemon_threads = True
        request_queue_size = 128

    class Quiet(WSGIRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    threading.Timer(SERVER_LIFETIME, lambda: os._exit(3)).start()
    httpd = make_server("127.0.0.1", port, application, server_class=Server, handler_class=Quiet)
    httpd.serve_forever()


class Server:
    """The server under test, started by the parent in its own process group."""

    def __init__(
        self, args: argparse.Namespace, env: dict[str, str], tmp: Path, name: str = "server"
    ) -> None:
        self.kind = args.server
        self.port = free_port()
        self.log = tmp / f"{name}.log"
        self.access = tmp / f"{name}-access.log"
        if self.kind == "gunicorn":
            self.workers = args.workers
            command = [
                "timeout", "--kill-after=30", str(int(SERVER_LIFETIME)),
                sys.executable, "-m", "gunicorn", "pinggu.web.wsgi:application",
                "--bind", f"127.0.0.1:{self.port}",
                "--workers", str(args.workers), "--threads", str(args.threads),
                "--timeout", "300", "--graceful-timeout", "10",
                "--access-logfile", str(self.access), "--access-logformat", ACCESS_FORMAT,
                "--error-logfile", "-",
            ]  # fmt: skip
        else:
            self.workers = 1
            command = [sys.executable, __file__, "--_serve", str(self.port)]
        with self.log.open("w") as log:
            self.proc = subprocess.Popen(
                command, env=env, cwd=tmp, stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip

    def wait_ready(self, seconds: float = 120.0) -> float:
        """Poll the port (and for gunicorn the log, until every worker has booted)."""
        t0 = time.monotonic()
        while True:
            if self.proc.poll() is not None:
                raise SystemExit(f"server exited ({self.proc.returncode}):\n{self.tail()}")
            if time.monotonic() - t0 > seconds:
                raise SystemExit(f"server not ready after {seconds:.0f} s:\n{self.tail()}")
            if self._accepts() and len(self.booted()) >= self.workers:
                return time.monotonic() - t0
            time.sleep(0.2)

    def _accepts(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True
        except OSError:
            return False

    def booted(self) -> list[str]:
        if self.kind != "gunicorn":
            return [str(self.proc.pid)]
        text = self.log.read_text(errors="replace")
        return re.findall(r"Booting worker with pid: (\d+)", text)

    def answered(self, path: str) -> dict[str, list[int]]:
        """gunicorn: worker pid → server-side times (ms) of its 200 answers to `path`."""
        out: dict[str, list[int]] = {}
        if self.kind != "gunicorn" or not self.access.exists():
            return out
        for line in self.access.read_text(errors="replace").splitlines():
            parts = line.split()
            if len(parts) == 5 and parts[2] == path and parts[3] == "200":
                out.setdefault(parts[0].strip("<>"), []).append(int(parts[4]))
        return out

    def per_worker(self) -> dict[str, int]:
        """gunicorn: how many requests each worker process answered."""
        counts: dict[str, int] = {}
        if self.kind == "gunicorn" and self.access.exists():
            for line in self.access.read_text(errors="replace").splitlines():
                pid = line.split(" ", 1)[0].strip("<>")
                counts[pid] = counts.get(pid, 0) + 1
        return counts

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""

    def stop(self) -> None:
        """TERM (timeout passes it on to gunicorn, which stops its workers), then KILL whatever
        is left of the process group."""
        if self.proc.poll() is None:
            self.proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=30)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def describe(self, args: argparse.Namespace) -> str:
        if self.kind == "gunicorn":
            return f"gunicorn, {args.workers} workers × {args.threads} threads"
        return "wsgiref threaded server (1 process, a thread per request)"


# --- clients: the parent --------------------------------------------------------------------


class Session:
    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: str | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes, float]:
        h = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        try:
            t0 = time.perf_counter()
            conn.request(method, path, body=body, headers=h)
            resp = conn.getresponse()
            data = resp.read()
            elapsed = time.perf_counter() - t0
            for value in resp.headers.get_all("Set-Cookie") or []:
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            return resp.status, data, elapsed
        finally:
            conn.close()

    def login(self, username: str) -> float:
        t0 = time.perf_counter()
        status, page, _ = self.request("GET", "/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert status == 200 and token, f"login page: {status}"
        from urllib.parse import urlencode

        form = urlencode(
            {
                "csrfmiddlewaretoken": token.group(1).decode(),
                "username": username,
                "password": PASSWORD,
            }
        )
        status, _, _ = self.request(
            "POST", "/login/", form, {"Content-Type": "application/x-www-form-urlencoded"}
        )
        assert status == 302 and "sessionid" in self.cookies, f"login failed: {status}"
        return time.perf_counter() - t0


@dataclass
class Phase:
    name: str
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall: float = 0.0
    bytes: int = 0


def run_phase(
    name: str,
    sessions: list[Session],
    paths: list[str],
    count: int,
    seconds: float,
    think: float = 0.0,
) -> Phase:
    """`count` requests from all sessions, each session in its own thread, on paths drawn from
    `paths`; each session waits uniform(0.5, 1.5) × `think` seconds before each request (none
    with think 0: a closed loop); no new request starts after `seconds`."""
    phase = Phase(name)
    lock = threading.Lock()
    issued = 0
    deadline = time.monotonic() + seconds
    rng = random.Random(name)
    order = [rng.choice(paths) for _ in range(count)]

    def worker(index: int, session: Session) -> None:
        nonlocal issued
        pause = random.Random(f"{name}/{index}")
        while True:
            if think > 0:
                time.sleep(max(0.0, min(pause.uniform(0.5, 1.5) * think,
                                        deadline - time.monotonic())))  # fmt: skip
            with lock:
                if issued >= count or time.monotonic() >= deadline:
                    return
                path = order[issued]
                issued += 1
            try:
                status, data, elapsed = session.request("GET", path)
            except Exception as exc:
                with lock:
                    phase.errors.append(f"{path}: {exc!r}")
                continue
            with lock:
                if status == 200:
                    phase.times.append(elapsed)
                    phase.bytes += len(data)
                else:
                    phase.errors.append(f"{path}: HTTP {status}")

    t0 = time.perf_counter()
    threads = [
        threading.Thread(target=worker, args=(i, s), daemon=True) for i, s in enumerate(sessions)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    phase.wall = time.perf_counter() - t0
    return phase


def cold_dashboard(server: Server, sessions: list[Session]) -> tuple[list[float], int]:
    """Ask for the dashboard from `server.workers` sessions at once, again until every (fresh)
    worker process has answered it once. Returns the cold times (s) — for gunicorn each
    worker's first answer as its access log timed it, for wsgiref the first request — and the
    tries."""
    for attempt in range(1, COLD_TRIES + 1):
        results: list[tuple[int, float]] = []

        def ask(session: Session, into: list[tuple[int, float]] = results) -> None:
            status, _, elapsed = session.request("GET", DASHBOARD)
            into.append((status, elapsed))

        at_once = sessions[: server.workers]
        threads = [threading.Thread(target=ask, args=(s,), daemon=True) for s in at_once]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        bad = [status for status, _ in results if status != 200]
        if bad or len(results) != len(at_once):
            raise SystemExit(f"first dashboard: HTTP {bad or 'no answer'}\n{server.tail()}")
        if server.kind != "gunicorn":
            return [min(elapsed for _, elapsed in results)], attempt
        answered = server.answered(DASHBOARD)
        if set(server.booted()) <= set(answered):
            return [times[0] / 1000 for times in answered.values()], attempt
    raise SystemExit(
        f"first dashboard: after {COLD_TRIES} tries only workers "
        f"{sorted(server.answered(DASHBOARD))} of {server.booted()} had answered"
    )


def alone(session: Session, paths: list[str], n: int) -> float:
    """Median time (s) of `n` requests one at a time."""
    times = []
    for path in (paths * n)[:n]:
        status, _, elapsed = session.request("GET", path)
        assert status == 200, f"{path}: HTTP {status}"
        times.append(elapsed)
    return statistics.median(times)


def _cpu_ticks(pid: int, children: bool = False) -> int:
    """utime + stime of a process (all its threads), and with `children` the CPU of the
    children it has waited for (a PostgreSQL backend that exited), in clock ticks; 0 if gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    # After the name: state is field 3, utime 14, stime 15, cutime 16, cstime 17 (proc(5)).
    ticks = int(fields[11]) + int(fields[12])
    return ticks + (int(fields[13]) + int(fields[14]) if children else 0)


def _descendants(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, []))
    return found


def _cpu_of(server: Server, postmaster: int | None) -> tuple[int, int]:
    """CPU ticks so far of the app (the worker processes) and of the database (the
    PostgreSQL postmaster with its live backends and the exited ones it has reaped)."""
    app = sum(_cpu_ticks(int(pid)) for pid in server.booted())
    db = 0
    if postmaster is not None:
        db = _cpu_ticks(postmaster, children=True)
        db += sum(_cpu_ticks(pid) for pid in _descendants(postmaster) if pid != postmaster)
    return app, db


def cpu_per_request(
    server: Server, postmaster: int | None, session: Session, paths: list[str], n: int
) -> tuple[float, float]:
    """Server CPU per request (ms), app and database: /proc/<pid>/stat of every worker process
    (and PostgreSQL) read before and after `n` sequential requests, divided by n. Sequential,
    so nothing else is served meanwhile; the client's own CPU is not counted. The gunicorn
    master and the workers' idle threads add a tick now and then (noise well under 1 ms/request
    at n = 40)."""
    before = _cpu_of(server, postmaster)
    for path in (paths * n)[:n]:
        status, _, _ = session.request("GET", path)
        assert status == 200, f"{path}: HTTP {status}"
    after = _cpu_of(server, postmaster)
    tick_ms = 1000 / os.sysconf("SC_CLK_TCK")
    return tuple((a - b) * tick_ms / n for a, b in zip(after, before, strict=True))  # type: ignore[return-value]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered) + 0.5) - 1))]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_database(db: str, args: argparse.Namespace) -> None:
    tmp = Path(tempfile.mkdtemp(prefix=f"pinggu-load-{db}-"))
    if os.geteuid() == 0:
        os.chmod(tmp, 0o755)
    env = {**os.environ, "PINGGU_DATA_DIR": str(tmp / "data"), "PINGGU_HTTPS": "0",
           "PINGGU_DEBUG": "0", "DJANGO_SETTINGS_MODULE": "pinggu.web.settings"}  # fmt: skip
    env.pop("DATABASE_URL", None)
    cluster = None
    server = None
    try:
        label = "SQLite"
        if db == "postgres":
            sys.path.insert(0, str(ROOT))
            from tests.pg_cluster import start_cluster

            cluster = start_cluster()
            env["DATABASE_URL"] = cluster.url
            label = f"PostgreSQL ({cluster.bindir}, cluster started in {cluster.seconds:.1f} s)"
        print(f"\n== {label}: filling {args.stations} stations × 2 rounds …", flush=True)
        t0 = time.perf_counter()
        out = subprocess.run(
            [sys.executable, __file__, "--_fill", str(args.stations)],
            env=env, cwd=tmp, capture_output=True, text=True, timeout=1800, check=False,
        )  # fmt: skip
        if out.returncode != 0:
            raise SystemExit(f"fill failed:\n{out.stdout}{out.stderr[-4000:]}")
        filled = json.loads(out.stdout.strip().splitlines()[-1])
        f = filled["fill"]
        print(
            f"   filled in {time.perf_counter() - t0:.1f} s: migrate {f['migrate']:.1f} s, "
            f"rows {f['rows']:.1f} s, scores+findings+stored results {f['scores']:.1f} s, "
            f"{len(filled['report_ids'])} reports written {f['reports']:.1f} s; "
            f"{filled['counts']['rounds']} rounds, {filled['counts']['stored']} results stored",
            flush=True,
        )

        env["DB_CONN_MAX_AGE"] = str(args.conn_max_age)
        server = Server(args, env, tmp)
        ready = server.wait_ready()
        print(f"   {server.describe(args)} on 127.0.0.1:{server.port}, ready in {ready:.1f} s "
              f"(worker pids {', '.join(server.booted())})", flush=True)  # fmt: skip

        # One after the other: the sign-in throttle counts an attempt while its password is being
        # checked (pinggu/web/accounts/throttle.py), so 20 sign-ins of one user name at the same
        # instant would meet its limit of 5 in flight, which people never do.
        sessions = [Session(server.port) for _ in range(args.users)]
        t0 = time.perf_counter()
        for s in sessions:
            s.login(CITY)
        print(
            f"   {len(sessions)} sessions logged in as {CITY} in {time.perf_counter() - t0:.1f} s "
            f"(PBKDF2, one after the other)",
            flush=True,
        )

        rounds_ = [f"/rounds/{pk}/" for pk in filled["round_ids"]]
        reports = [f"/rounds/{pk}/report.docx" for pk in filled["report_ids"]]
        first, tries = cold_dashboard(server, sessions)
        print(f"   first dashboard after the fill, per worker (the first renders and stores "
              f"the page): {', '.join(f'{c * 1000:.0f} ms' for c in first)} ({tries} tries)",
              flush=True)  # fmt: skip
        # A restart: new worker processes, nothing in memory; sessions live in the database.
        server.stop()
        server = Server(args, env, tmp, "restarted")
        server.wait_ready()
        for s in sessions:
            s.port = server.port
        cold, tries = cold_dashboard(server, sessions)
        print(f"   restarted (worker pids {', '.join(server.booted())}): first dashboard per "
              f"worker {', '.join(f'{c * 1000:.0f} ms' for c in cold)} ({tries} tries of "
              f"{server.workers} at once)", flush=True)  # fmt: skip
        # Not measured: templates, scheme, first connections in each worker thread.
        for path in rounds_[: args.users] + reports:
            sessions[0].request("GET", path)
        service = {
            "round page": alone(sessions[0], rounds_[::7], 20),
            "report": alone(sessions[0], reports, 20),
            "dashboard": alone(sessions[0], [DASHBOARD], 6),
        }
        print("   alone, one request at a time (median): "
              + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in service.items()), flush=True)  # fmt: skip
        postmaster = None
        if cluster is not None:
            postmaster = int((cluster.root / "data" / "postmaster.pid").read_text().split()[0])
        kinds = {"round page": rounds_[::3], "report": reports, "dashboard": [DASHBOARD]}
        cpu = {k: cpu_per_request(server, postmaster, sessions[0], paths, CPU_REQUESTS)
               for k, paths in kinds.items()}  # fmt: skip
        print(f"   server CPU per request ({CPU_REQUESTS} sequential, app + database): "
              + ", ".join(f"{k} {a:.1f} + {d:.1f} ms" for k, (a, d) in cpu.items()), flush=True)  # fmt: skip

        phases = [
            run_phase("round page", sessions, rounds_, args.requests, args.seconds, args.think),
            run_phase("report .docx (written)", sessions, reports, args.requests, args.seconds,
                      args.think),
            run_phase("dashboard", sessions, [DASHBOARD], args.requests, args.seconds,
                      args.think),
        ]  # fmt: skip
        print_table(label, args, server, phases, cold)
    finally:
        if server is not None:
            server.stop()
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def print_table(
    label: str, args: argparse.Namespace, server: Server, phases: list[Phase], cold: list[float]
) -> None:
    think = f"think {args.think:g} s" if args.think > 0 else "think 0 (closed loop)"
    think += f", DB_CONN_MAX_AGE={args.conn_max_age}"
    print(f"\n{label} — {args.stations * 2} rounds, {args.users} sessions, "
          f"{server.describe(args)}, {think}")  # fmt: skip
    print(f"| {'request':<30} | {'n':>4} | {'err':>3} | {'p50 ms':>8} | {'p95 ms':>8} | "
          f"{'max ms':>8} | {'req/s':>6} | p95 < {TARGET_MS:.0f} ms |")  # fmt: skip
    print(f"|{'-' * 32}|{'-' * 5}:|{'-' * 4}:|{'-' * 9}:|{'-' * 9}:|{'-' * 9}:|{'-' * 7}:|"
          f"{'-' * 16}|")  # fmt: skip
    for p in phases:
        if not p.times:
            print(f"| {p.name:<30} | {0:>4} | {len(p.errors):>3} | {'—':>8} | {'—':>8} | "
                  f"{'—':>8} | {'—':>6} | {'—':<14} |")  # fmt: skip
            continue
        p50, p95 = statistics.median(p.times) * 1000, pct(p.times, 0.95) * 1000
        ok = "yes" if p95 < TARGET_MS else "NO"
        print(f"| {p.name:<30} | {len(p.times):>4} | {len(p.errors):>3} | {p50:>8.0f} | "
              f"{p95:>8.0f} | {max(p.times) * 1000:>8.0f} | {len(p.times) / p.wall:>6.1f} | "
              f"{ok:<14} |")  # fmt: skip
    for p in phases:
        for e in p.errors[:3]:
            print(f"   error in {p.name}: {e}")
    print(f"   Cold dashboard right after a restart (the first request in each of the "
          f"{server.workers} new worker process(es), {server.workers} at once): "
          f"{', '.join(f'{c * 1000:.0f} ms' for c in cold)}; it reads the stored page, as every "
          f"later one does until a round changes.")  # fmt: skip
    if server.kind == "gunicorn":
        counts = server.per_worker()
        print("   Requests answered per worker (whole run): "
              + ", ".join(f"pid {pid} {n}" for pid, n in sorted(counts.items())), flush=True)  # fmt: skip


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--_fill":
        print(json.dumps(fill(int(sys.argv[2]))))
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--_serve":
        serve_wsgiref(int(sys.argv[2]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--server", choices=("gunicorn", "wsgiref"), default="gunicorn")
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn worker processes (one per core)"
    )
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument(
        "--think", type=float, default=0.0,
        help="seconds: each session waits uniform(0.5, 1.5) × this before each request "
        "(0: closed loop)",
    )  # fmt: skip
    parser.add_argument("--stations", type=int, default=176)
    parser.add_argument(
        "--conn-max-age", type=int, default=60,
        help="the server's DB_CONN_MAX_AGE (the README's advice for gunicorn; 0: a connection "
        "per request)",
    )  # fmt: skip
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=200, help="per phase")
    parser.add_argument(
        "--seconds", type=float, default=30.0, help="per phase, then no new requests"
    )
    args = parser.parse_args()
    if args.workers < 1 or args.threads < 1 or args.users < args.workers or args.think < 0:
        parser.error("--workers and --threads ≥ 1, --users ≥ --workers, --think ≥ 0")
    signal.signal(signal.SIGTERM, _terminate)  # so that the server and cluster are stopped
    for db in ("sqlite", "postgres") if args.db == "both" else (args.db,):
        run_database(db, args)


if __name__ == "__main__":
    main()

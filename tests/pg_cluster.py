"""pytest plugin: the test database is chosen by PINGGU_TEST_DB.

    PINGGU_TEST_DB=postgres python -m pytest -p tests.pg_cluster tests/test_web_*.py

`postgres`: before Django reads its settings, a throwaway PostgreSQL 15 cluster is created
(initdb into a temporary directory, trust authentication, listening on a free port on 127.0.0.1
only) and DATABASE_URL points at it; pytest-django creates its test database there. The cluster
is stopped and its directory deleted when pytest ends, also after a failure or Ctrl-C.
`sqlite`: DATABASE_URL is ignored, so the run is on SQLite whatever the environment says.
Unset: nothing happens. The report header says which database the run uses.

It must be loaded with `-p` (not from a conftest): pytest-django imports the settings in its
pytest_load_initial_conftests, before any conftest is read.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ENV = "PINGGU_TEST_DB"
USER = "pinggu"
MISSING = (
    "找不到 PostgreSQL 15 的 initdb 和 pg_ctl（查找了 /usr/lib/postgresql/15/bin、PATH 和 "
    "pg_config --bindir）。请安装 Debian 软件包 postgresql-15："
    "apt-get install --no-install-recommends postgresql-15（./run test 会自动安装）。"
)


@dataclass
class Cluster:
    bindir: Path
    root: Path  # the temporary directory: data/, the socket, log.txt
    port: int
    user: pwd.struct_passwd | None  # the unprivileged account when we are root
    seconds: float = 0.0
    stopped: bool = False

    @property
    def url(self) -> str:
        return f"postgres://{USER}@127.0.0.1:{self.port}/postgres"

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        as_user: dict[str, Any] = {}
        if self.user is not None:  # PostgreSQL refuses to run as root
            as_user = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}
        return subprocess.run(
            [str(self.bindir / args[0]), *args[1:]],
            cwd=self.root,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            **as_user,
        )

    def stop(self) -> None:
        if self.stopped:
            return
        self.stopped = True
        with contextlib.suppress(Exception):
            if (self.root / "data" / "postmaster.pid").exists():
                self.run("pg_ctl", "stop", "-D", "data", "-m", "immediate", "-w", timeout=60)
        shutil.rmtree(self.root, ignore_errors=True)


def find_bindir() -> Path:
    candidates = [Path("/usr/lib/postgresql/15/bin")]
    if initdb := shutil.which("initdb"):
        candidates.append(Path(initdb).resolve().parent)
    if pg_config := shutil.which("pg_config"):
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, check=True
            )
            candidates.append(Path(out.stdout.strip()))
    for bindir in candidates:
        if all(os.access(bindir / tool, os.X_OK) for tool in ("initdb", "pg_ctl", "postgres")):
            return bindir
    raise pytest.UsageError(MISSING)


def unprivileged_user() -> pwd.struct_passwd | None:
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):  # postgres: made by Debian's postgresql-common
        with contextlib.suppress(KeyError):
            return pwd.getpwnam(name)
    raise pytest.UsageError(
        "以 root 运行测试时需要一个非特权账号来运行 PostgreSQL（postgres 或 nobody）"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fail(cluster: Cluster, what: str, result: subprocess.CompletedProcess[str]) -> None:
    log = cluster.root / "log.txt"
    tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
    raise pytest.UsageError(
        f"临时 PostgreSQL 集群{what}失败（{cluster.root}）：\n{result.stdout}{result.stderr}{tail}"
    )


def start_cluster() -> Cluster:
    started = time.monotonic()
    user = unprivileged_user()
    cluster = Cluster(find_bindir(), Path(tempfile.mkdtemp(prefix="pinggu-pg-")), 0, user)
    atexit.register(cluster.stop)
    try:
        if user is not None:
            os.chown(cluster.root, user.pw_uid, user.pw_gid)
        initdb = cluster.run(
            "initdb", "-D", "data", f"--username={USER}", "--auth=trust",
            "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions",
        )  # fmt: skip
        if initdb.returncode != 0:
            fail(cluster, "初始化（initdb）", initdb)
        for attempt in range(5):  # the port may be taken between free_port() and the bind
            cluster.port = free_port()
            options = (
                f"-p {cluster.port} -k {cluster.root} -c listen_addresses=127.0.0.1 "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            )
            pg_ctl = cluster.run(
                "pg_ctl", "start", "-D", "data", "-l", "log.txt", "-w", "-t", "60", "-o", options
            )
            if pg_ctl.returncode == 0:
                break
            if attempt == 4 or "could not bind" not in (cluster.root / "log.txt").read_text():
                fail(cluster, "启动（pg_ctl start）", pg_ctl)
    except BaseException:
        cluster.stop()
        raise
    cluster.seconds = time.monotonic() - started
    return cluster


_cluster: Cluster | None = None


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # pytest then tears down and unconfigures: the cluster is stopped


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(
    early_config: pytest.Config, parser: pytest.Parser, args: list[str]
) -> None:
    """Runs before pytest-django's hook of the same name, which imports the settings."""
    global _cluster
    wanted = os.environ.get(ENV, "")
    if wanted not in ("", "sqlite", "postgres"):
        raise pytest.UsageError(f"环境变量 {ENV} 应为 sqlite 或 postgres，实为 {wanted!r}")
    if wanted == "sqlite":
        os.environ.pop("DATABASE_URL", None)
    if wanted != "postgres":
        return
    options = parser.parse_known_args(args)
    if options.help or options.version:
        return
    _cluster = start_cluster()
    os.environ["DATABASE_URL"] = _cluster.url
    if signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _terminate)


def pytest_report_header(config: pytest.Config) -> str:
    return database_line()


def pytest_sessionstart(session: pytest.Session) -> None:
    """Under -q (the project's addopts) pytest shows no header: say it anyway."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and session.config.get_verbosity() < 0:
        reporter.write_line(database_line())


def database_line() -> str:
    from django.conf import settings

    db: dict[str, Any] = settings.DATABASES["default"]
    engine = str(db["ENGINE"]).rsplit(".", 1)[-1]
    if _cluster is not None:
        return (
            f"数据库：PostgreSQL（临时集群 {db['HOST']}:{db['PORT']}，{_cluster.bindir}，"
            f"启动用时 {_cluster.seconds:.1f} 秒）"
        )
    if engine == "sqlite3":
        return "数据库：SQLite"
    return f"数据库：{engine}（{db.get('HOST') or '本机'}:{db.get('PORT') or '默认端口'}）"


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    if _cluster is not None:
        _cluster.stop()

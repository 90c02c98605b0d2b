"""A scratch PostgreSQL cluster of its own, for drills, fault benchmarks and tests.

    with ScratchCluster(port=54340) as primary:
        primary.start()
        url = primary.url("postgres")
        replica = primary.replica(port=54341)   # pg_basebackup -R, streaming
        replica.start()
        primary.restart()

Never the machine's shared server: each cluster lives in a temporary folder with its own
port, listens on 127.0.0.1 only, trusts local connections and is removed when the block
ends. PostgreSQL refuses to run as root, so when this process is root the server programs
run as the `postgres` system user (runuser), which owns the folder. The programs come from
PG_BINDIR, else the newest /usr/lib/postgresql/<version>/bin (Debian's packages).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

import psycopg


def bindir() -> Path:
    if os.environ.get("PG_BINDIR"):
        return Path(os.environ["PG_BINDIR"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name or 0))
    if not found:
        raise RuntimeError("No PostgreSQL server programs found: set PG_BINDIR.")
    return found[-1]


def available() -> bool:
    """True when this machine can start a cluster of its own (the programs are there)."""
    try:
        return (bindir() / "initdb").exists()
    except RuntimeError:
        return False


def _as_server_user(args: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - fixed programs, arguments of our own
        _as_server_user(args), check=True, capture_output=True, text=True
    )


class ScratchCluster:
    def __init__(self, port: int, *, parent: ScratchCluster | None = None) -> None:
        self.port = port
        self._parent = parent
        self._owns_root = parent is None
        self.root: Path = (
            Path(tempfile.mkdtemp(prefix=f"vv-pg-{port}-")) if parent is None else parent.root
        )
        self.datadir = self.root / f"data-{port}"
        self.logfile = self.root / f"server-{port}.log"
        if os.geteuid() == 0 and parent is None:
            shutil.chown(self.root, "postgres", "postgres")
        self.root.chmod(0o755)

    # Set-up -----------------------------------------------------------------------------

    def init(self) -> ScratchCluster:
        _run(
            [
                str(bindir() / "initdb"),
                "-D", str(self.datadir),
                "-U", "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            ]
        )  # fmt: skip
        self._configure()
        with (self.datadir / "pg_hba.conf").open("a") as hba:
            hba.write("host replication all 127.0.0.1/32 trust\n")
        return self

    def _configure(self) -> None:
        with (self.datadir / "postgresql.auto.conf").open("a") as conf:
            conf.write(
                f"port = {self.port}\n"
                "listen_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.root}'\n"
                "wal_level = replica\n"
                "max_wal_senders = 5\n"
                "fsync = on\n"
            )

    def replica(self, port: int) -> ScratchCluster:
        """A streaming standby of this (running) cluster, made with pg_basebackup -R."""
        standby = ScratchCluster(port, parent=self)
        _run(
            [
                str(bindir() / "pg_basebackup"),
                "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                "-D", str(standby.datadir), "-R", "--wal-method=stream", "--checkpoint=fast",
            ]
        )  # fmt: skip
        standby._configure()
        return standby

    # Running ----------------------------------------------------------------------------

    def start(self, timeout: float = 30) -> ScratchCluster:
        _run(
            [
                str(bindir() / "pg_ctl"),
                "-D", str(self.datadir), "-l", str(self.logfile), "-w", "-t", str(int(timeout)),
                "start",
            ]
        )  # fmt: skip
        return self

    def stop(self, mode: str = "fast") -> None:
        if (self.datadir / "postmaster.pid").exists():
            _run([str(bindir() / "pg_ctl"), "-D", str(self.datadir), "-m", mode, "-w", "stop"])

    def restart(self, mode: str = "fast") -> None:
        self.stop(mode)
        self.start()

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str, database: str = "postgres") -> list[tuple[object, ...]]:
        with psycopg.connect(self.url(database), autocommit=True) as conn:
            cursor = conn.execute(sql.encode())
            return cursor.fetchall() if cursor.description else []

    def wait_until_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.execute("SELECT 1")
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    # Clean-up ---------------------------------------------------------------------------

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        if self._owns_root:
            shutil.rmtree(self.root, ignore_errors=True)
        else:
            shutil.rmtree(self.datadir, ignore_errors=True)

    def __enter__(self) -> ScratchCluster:
        return self.init()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.remove()

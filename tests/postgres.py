"""A real, throw-away PostgreSQL server for the tests of the assistant's stores.

``PostgresServer.start()`` finds the server's programs (``initdb``, ``pg_ctl``) on
PATH, in /usr/local/bin or in Debian's /usr/lib/postgresql/<version>/bin,
initialises a cluster in a fresh temporary folder, and starts it on 127.0.0.1 on
a free port with its socket in that folder. PostgreSQL refuses to run as root:
under root the folder is given to the ``postgres`` user and the programs run as
that user. The cluster skips fsync (a test server: its data is thrown away).
Each test gets its own database (``create_database``), so stores start empty.
``raw_connection`` opens a store past its code, on either backend.
"""
from __future__ import annotations

import glob
import itertools
import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from assistant.database import location
from knowledge.settings import Settings
from channels.rasa_server import free_port

SEARCH_DIRS = ("/usr/local/bin", *sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True))
SUPERUSER = "troly"


def binaries() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, or None when PostgreSQL is not installed."""
    on_path = shutil.which("initdb")
    candidates = ([str(Path(on_path).parent)] if on_path else []) + list(SEARCH_DIRS)
    for folder in candidates:
        if (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    return None



class PostgresServer:
    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="troly-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self._as_owner: list[str] = []
        self._names = itertools.count(1)
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
            self._as_owner = ["runuser", "-u", "postgres", "--"]

    def _run(self, *command: str) -> None:
        done = subprocess.run([*self._as_owner, *command], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed ({done.returncode}): {done.stderr or done.stdout}")

    def start(self) -> "PostgresServer":
        self._run(str(self.bin_dir / "initdb"), "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
                  "-E", "UTF8", "--no-locale", "--no-sync")
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off"
                   " -c synchronous_commit=off -c full_page_writes=off")
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"),
                  "-o", options, "-w", "start")
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new empty database; returns its URL."""
        import psycopg

        name = f"test_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


def raw_connection(settings: Settings, store: str) -> Any:
    """A plain DB-API connection to one store, past the store's code (what an operator with SQL access has)."""
    if not settings.database_url:
        return sqlite3.connect(location(settings, store), isolation_level=None)
    import psycopg

    conn = psycopg.connect(settings.database_url, autocommit=True)
    conn.execute(f'SET search_path TO "{store.replace("-", "_")}"')
    return conn

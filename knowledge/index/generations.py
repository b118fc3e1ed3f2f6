"""Index generations and their atomic swap.

Each ingest writes a complete, self-contained generation (passages, keyword
index, vector index) into a fresh directory, then points the ``current``
symlink at it with one atomic rename. Readers never see a half-built index: a
crash mid-ingest leaves ``current`` on the previous generation, and the
unfinished directory is removed by the next ingest. The previous generation is
kept until the next swap, so a server still reading it is not cut off. One
ingest at a time holds the directory's lock.

A generation may keep part of itself outside its directory (its vectors on a
Chroma server): ``on_prune`` removes that part before the directory goes. When it
fails, the directory stays, so the next prune tries again.
"""
from __future__ import annotations

import fcntl
import logging
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from knowledge.errors import BadInput

CURRENT = "current"
_PREFIX = "gen-"

log = logging.getLogger(__name__)


class IndexDirectory:
    def __init__(self, root: Path, on_prune: Callable[[Path], None] | None = None):
        self.root = root
        self.on_prune = on_prune

    def current(self) -> Path | None:
        link = self.root / CURRENT
        if not link.is_symlink():
            return None
        target = link.resolve()
        return target if target.is_dir() else None

    def new_generation(self) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / f"{_PREFIX}{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6:06d}"
        path.mkdir()
        return path

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Exclusive right to build and publish; BadInput if another ingest holds it."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise BadInput("một lần nạp dữ liệu khác đang chạy (another ingest is running)") from None
            yield

    def publish(self, generation: Path) -> None:
        """Make ``generation`` current atomically; keep the one it replaces, drop the rest."""
        previous = self.current()
        temporary = self.root / f".{CURRENT}.{os.getpid()}"
        if temporary.is_symlink() or temporary.exists():
            temporary.unlink()
        temporary.symlink_to(generation.name)
        os.replace(temporary, self.root / CURRENT)
        self.prune(keep={generation, previous})

    def prune(self, keep: set[Path | None]) -> None:
        """Remove generations other than ``keep`` (finished or abandoned)."""
        for path in self.root.glob(f"{_PREFIX}*"):
            if path in keep:
                continue
            if self.on_prune is not None:
                try:
                    self.on_prune(path)
                except BadInput as exc:
                    log.warning("%s kept for the next prune: %s", path.name, exc)
                    continue
            shutil.rmtree(path, ignore_errors=True)

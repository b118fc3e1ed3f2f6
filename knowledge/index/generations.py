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

A generation can also be derived from the current one (``derive``): the files that
never change once written are hard links to the same files, the others copies, so
a richer generation (more vectors, ``knowledge.index.enrich``) costs what it adds,
not a copy of the index, and the disk holds each shared file once whichever
generations are kept.
"""
from __future__ import annotations

import errno
import fcntl
import logging
import os
import shutil
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Collection, Iterator

from knowledge.errors import BadInput

CURRENT = "current"
_PREFIX = "gen-"
_SQLITE_HEADER = b"SQLite format 3\x00"
_SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")

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
    def lock(self, wait: bool = False) -> Iterator[None]:
        """Exclusive right to build and publish; BadInput if another ingest holds it, unless ``wait``."""
        with self.try_lock(wait) as held:
            if not held:
                raise BadInput("một lần nạp dữ liệu khác đang chạy (another ingest is running)")
            yield

    @contextmanager
    def try_lock(self, wait: bool = False) -> Iterator[bool]:
        """The same right if it is free (or, with ``wait``, once it is): yields whether it was taken."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
            yield True

    def derive(self, source: Path, linked: Collection[str], left_out: Collection[str] = ()) -> Path:
        """A new, unpublished generation holding what ``source`` holds: the entries named in
        ``linked`` (files or folders never written again once built) as hard links, those in
        ``left_out`` not at all, every other file copied — a SQLite database through SQLite's
        backup, so that what a writer committed (in its write-ahead log too) is in the copy.
        Call it holding the lock: nobody else then writes to ``source``. On failure (a full
        disk) nothing of the new generation is left."""
        generation = self.new_generation()
        try:
            for entry in sorted(source.iterdir()):
                if entry.name in left_out:
                    continue
                target = generation / entry.name
                if entry.name in linked:
                    _link_tree(entry, target)
                elif entry.is_dir():
                    shutil.copytree(entry, target, ignore=_sqlite_side_files)
                elif not entry.name.endswith(_SQLITE_SIDE_FILES):
                    _copy_file(entry, target)
        except BaseException:
            shutil.rmtree(generation, ignore_errors=True)
            raise
        return generation

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


def _link_tree(source: Path, target: Path) -> None:
    """Hard links to ``source``'s files under ``target`` (copies where the file system has no hard links)."""
    if source.is_dir():
        target.mkdir()
        for entry in sorted(source.iterdir()):
            _link_tree(entry, target / entry.name)
        return
    try:
        os.link(source, target)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise
        shutil.copy2(source, target)


def _sqlite_side_files(folder: str, names: list[str]) -> list[str]:
    return [name for name in names if name.endswith(_SQLITE_SIDE_FILES)]


def _copy_file(source: Path, target: Path) -> None:
    with source.open("rb") as handle:
        header = handle.read(len(_SQLITE_HEADER))
    if header != _SQLITE_HEADER:
        shutil.copy2(source, target)
        return
    original, copy = sqlite3.connect(f"file:{source}?mode=ro", uri=True), sqlite3.connect(target)
    try:
        original.backup(copy)
    finally:
        copy.close()
        original.close()

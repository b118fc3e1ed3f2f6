"""A deployment's validity feeds: where they are kept and how they reach the registry.

Two places hold feeds (the format is ``knowledge.parsing.status_feed``'s):

- the knowledge folder's ``status/`` folders (``*.tsv``, e.g. ``legal/status/hieu-luc.tsv``),
  read at every ingest;
- ``TROLY_DATA_DIR/status/``: the feeds imported later with ``troly status import FILE``.
  Each is applied at once to the current index generation (no re-ingest) and kept
  there, numbered in the order of import ("0002-hieu-luc-2027.tsv"), so that every
  later ingest applies it again, after the knowledge folder's. Importing a file of
  the same name again replaces the earlier copy.

An ingest applies the knowledge folder's feeds in path order, then the imported
ones in import order: a later feed beats an earlier one for the same document.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from knowledge.errors import BadInput
from knowledge.index.generations import IndexDirectory
from knowledge.parsing.status_feed import read_feed
from knowledge.registry import REGISTRY, Registry
from knowledge.settings import Settings

IMPORTED = "status"  # the folder of imported feeds, under the data dir
_NUMBERED = re.compile(r"^(\d{4})-(.+\.tsv)$")


@dataclass(frozen=True)
class FeedFile:
    path: Path
    name: str  # how the registry and messages name it

    def sha256(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()


def knowledge_feeds(knowledge_dir: Path) -> list[FeedFile]:
    """The ``status/*.tsv`` files under the knowledge folder, by path (hidden folders left out)."""
    found = [
        path for path in knowledge_dir.rglob("status/*.tsv")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(knowledge_dir).parts)
    ]
    return [FeedFile(path, path.relative_to(knowledge_dir).as_posix()) for path in sorted(found)]


def imported_feeds(data_dir: Path) -> list[FeedFile]:
    """The feeds imported into ``data_dir``, in the order they were imported."""
    folder = data_dir / IMPORTED
    found = sorted(p for p in folder.glob("*.tsv") if _NUMBERED.match(p.name)) if folder.is_dir() else []
    return [FeedFile(path, f"{IMPORTED}/{path.name}") for path in found]


def all_feeds(settings: Settings) -> list[FeedFile]:
    """Every feed an ingest applies, in the order it applies them."""
    return knowledge_feeds(settings.knowledge_dir) + imported_feeds(settings.data_dir)


def apply_feeds(registry: Registry, feeds: list[FeedFile]) -> list[tuple[str, str]]:
    """Apply each feed whole; returns (feed, message) for those refused, which change nothing."""
    refused = []
    for feed in feeds:
        try:
            registry.apply_feed(read_feed(feed.path, feed.name))
        except BadInput as error:
            refused.append((feed.name, str(error)))
    return refused


@dataclass(frozen=True)
class Imported:
    name: str  # the kept copy, relative to the data dir
    rows: int
    generation: str


def import_feed(settings: Settings, path: Path) -> Imported:
    """Check ``path``, apply it to the current generation's registry and keep a copy for later ingests.

    ``BadInput`` (naming the file and line) leaves the registry and the kept feeds as they were.
    """
    feed = read_feed(path, str(path))
    index = IndexDirectory(settings.data_dir / "index")
    with index.lock():
        generation = index.current()
        if generation is None:
            raise BadInput(f"chưa có chỉ mục trong {settings.data_dir}: hãy chạy 'troly ingest' trước (no index yet)")
        imported = imported_feeds(settings.data_dir)
        earlier = [f for f in imported if _NUMBERED.match(f.path.name).group(2) == path.name]
        number = max((int(_NUMBERED.match(f.path.name).group(1)) for f in imported), default=0) + 1
        kept = settings.data_dir / IMPORTED / f"{number:04d}-{path.name}"
        kept.parent.mkdir(parents=True, exist_ok=True)
        unfinished = kept.with_name(f".{kept.name}")
        unfinished.write_bytes(path.read_bytes())
        try:
            with Registry(generation / REGISTRY, settings.today) as registry:
                replacing = [f.name for f in earlier]
                registry.check_feed(feed, replacing)  # a cycle is reported on the file as given
                rows = registry.apply_feed(feed.renamed(f"{IMPORTED}/{kept.name}"), replacing)
        except BaseException:
            unfinished.unlink()
            raise
        unfinished.replace(kept)
        for old in earlier:
            old.path.unlink()
    return Imported(f"{IMPORTED}/{kept.name}", rows, generation.name)

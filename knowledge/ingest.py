"""``troly ingest``: files in, a new index generation out.

Steps: discover files → hash them → stop early when nothing changed (files and
validity feeds) → parse each changed file (unchanged ones come from the parse
cache) → registry with validity, then the validity feeds (``knowledge.validity``:
the knowledge folder's, then those imported) → the old-unit lookup of the merger
resolutions (``knowledge.dvhc``) → passages → keyword and vector indexes → atomic
swap. A feed that is refused is reported and changes nothing.

A file that cannot be read or parsed is reported and skipped; the rest of the
batch is indexed and, if the batch fails as a whole, the previous generation stays
current. The set of sources is remembered in the generation's manifest: ingesting
a path adds or refreshes the files under it and keeps the other sources.
"""
from __future__ import annotations

import hashlib
import json
import logging
import pickle
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from knowledge.chunking import document_passages, law_passages, procedure_passage
from knowledge.dvhc import UnitLookup
from knowledge.errors import BadInput
from knowledge.index.builder import IndexSettings, build_index
from knowledge.index.embedders import CachedEmbedder, make_embedder
from knowledge.index.generations import IndexDirectory
from knowledge.index.vector import drop_vectors
from knowledge.models import ACCESS_LEVELS, Access, ParsedLegalDocument, Passage, Procedure
from knowledge.parsing.legal import parse_legal_text
from knowledge.parsing.procedures import parse_procedures_file
from knowledge.parsing.uploads import read_text
from knowledge.registry import REGISTRY, Registry
from knowledge.settings import Settings
from knowledge.validity import FeedFile, all_feeds, apply_feeds

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
SUFFIXES = {".txt", ".md", ".jsonl", ".docx", ".pdf", ".doc"}
_CODE_DIRS = ("parsing", "text")
_LOOKUP_DIRS = ("dvhc",)  # read from parsed documents: a change rebuilds the generation, not the parse cache


@dataclass(frozen=True)
class SourceFile:
    path: Path
    sha256: str
    access: Access


@dataclass(frozen=True)
class PlainDocument:
    """A document without Điều structure, indexed paragraph by paragraph."""

    doc_id: str
    title: str
    text: str
    source: str


@dataclass
class ParsedFile:
    """What one file contributed."""

    documents: list[ParsedLegalDocument] = field(default_factory=list)
    procedures: list[Procedure] = field(default_factory=list)
    plain: list[PlainDocument] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # per-line problems of an otherwise good file


@dataclass
class IngestReport:
    files: int = 0
    parsed: int = 0  # files parsed now (not from cache)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (file, message)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    documents: int = 0
    articles: int = 0
    procedures: int = 0
    passages: int = 0
    embedded: int = 0  # passage vectors computed now (not from cache)
    changed: bool = True
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {k: v for k, v in self.__dict__.items()}


def _code_fingerprint(folders: tuple[str, ...] = _CODE_DIRS) -> str:
    """Hash of the parsing and text code: a change to a parser invalidates the parse cache."""
    digest = hashlib.sha256()
    base = Path(__file__).parent
    for folder in folders:
        for path in sorted((base / folder).rglob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files to ingest under ``paths``, sorted; hidden files and READMEs are skipped."""
    found: set[Path] = set()
    for path in paths:
        path = path.resolve()
        if path.is_file():
            found.add(path)
        elif path.is_dir():
            found.update(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and not p.stem.lstrip("_").upper().startswith("README")
            )
        else:
            raise BadInput(f"không tìm thấy: {path} (no such file or folder)")
    return sorted(found)


def _label(path: Path, knowledge_dir: Path) -> str:
    try:
        return str(path.relative_to(knowledge_dir))
    except ValueError:
        return path.name


def parse_file(path: Path, label: str) -> ParsedFile:
    """Parse one file by its kind; BadInput for an unreadable or unusable file."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        batch = parse_procedures_file(path, source=label)
        if not batch.procedures:
            raise BadInput("không đọc được thủ tục nào (no procedure could be read)")
        return ParsedFile(procedures=list(batch.procedures), warnings=[f"dòng {e.line}: {e.message}" for e in batch.errors])
    text = read_text(path).text
    documents = [d for d in parse_legal_text(text, label, path.stem, suffix) if d.articles]
    if documents:
        return ParsedFile(documents=documents)
    title = next((line.strip() for line in text.splitlines() if len(line.strip()) > 3), path.stem)[:160]
    doc_id = "doc:" + hashlib.sha256(label.encode()).hexdigest()[:12]
    return ParsedFile(plain=[PlainDocument(doc_id, title, text, label)])


class Ingestor:
    def __init__(
        self,
        settings: Settings | None = None,
        index_settings: IndexSettings | None = None,
        progress: Callable[[str, int, int], None] | None = None,
    ):
        self.settings = settings or Settings.from_env()
        self.index_settings = index_settings or IndexSettings()
        self.progress = progress or (lambda stage, done, total: None)
        chroma_url = self.settings.chroma_url
        self.index_dir = IndexDirectory(self.settings.data_dir / "index", lambda generation: drop_vectors(generation, chroma_url))
        self._cache_dir = self.settings.data_dir / "cache"

    # -- the steps -------------------------------------------------------------------------
    def ingest(self, paths: list[Path] | None = None, access: Access = "public", replace: bool = False) -> IngestReport:
        if access not in ACCESS_LEVELS:
            raise BadInput(f"mức truy cập không hợp lệ: {access} (expected one of {', '.join(ACCESS_LEVELS)})")
        started = time.monotonic()
        with self.index_dir.lock():
            manifest = self._manifest()
            sources = self._sources(paths, access, replace, manifest)
            report = IngestReport(files=len(sources))
            if not sources:
                raise BadInput("không có tệp nào để nạp (nothing to ingest)")
            fingerprint = self._fingerprint()
            feeds = all_feeds(self.settings)
            unchanged_feeds = manifest.get("feeds", {}) == _describe_feeds(feeds)
            if manifest.get("fingerprint") == fingerprint and manifest.get("sources") == _describe(sources) and unchanged_feeds:
                report.changed = False
                report.seconds = round(time.monotonic() - started, 2)
                return report
            unique = self._without_copies(sources, paths, report)
            parsed = self._parse_all(unique, report)
            if not parsed:
                raise BadInput("không tệp nào đọc được; chỉ mục cũ được giữ nguyên (no file could be read; index unchanged)")
            generation = self.index_dir.new_generation()
            passages, procedures = self._registry_and_passages(generation, parsed, sources, feeds, report)
            UnitLookup.build(doc for result in parsed.values() for doc in result.documents).save(generation)
            embedder = self._embedder()
            self.progress("embed", 0, len(passages))
            embedded_before = embedder.misses
            done = 0

            def on_embedded(count: int) -> None:
                nonlocal done
                done += count
                self.progress("embed", done, len(passages))

            build_index(
                generation, passages, procedures, embedder, self.index_settings, on_embedded, self.settings.chroma_url
            )
            report.embedded = embedder.misses - embedded_before
            copies = {str(s.path) for s in sources} - {str(s.path) for s in unique}
            kept = {str(s.path): s for s in sources if str(s.path) in parsed or str(s.path) in copies}
            (generation / MANIFEST).write_text(
                json.dumps(
                    {"fingerprint": fingerprint, "sources": _describe(kept.values()), "feeds": _describe_feeds(feeds)},
                    ensure_ascii=False, indent=1,
                )
            )
            self.index_dir.publish(generation)
        report.passages = len(passages)
        report.seconds = round(time.monotonic() - started, 2)
        return report

    def _manifest(self) -> dict:
        current = self.index_dir.current()
        if current is None or not (current / MANIFEST).exists():
            return {}
        return json.loads((current / MANIFEST).read_text())

    def _sources(self, paths: list[Path] | None, access: Access, replace: bool, manifest: dict) -> list[SourceFile]:
        roots = paths or [self.settings.knowledge_dir]
        scanned = {p: access for p in discover(roots)}
        previous = {} if replace else {Path(k): v["access"] for k, v in manifest.get("sources", {}).items()}
        under_roots = [r.resolve() for r in roots]
        for path, level in previous.items():
            rescanned = any(path == r or r in path.parents for r in under_roots)
            if not rescanned and path.exists():
                scanned.setdefault(path, level)
        return [SourceFile(p, _sha256(p), scanned[p]) for p in sorted(scanned)]

    def _without_copies(self, sources: list[SourceFile], paths: list[Path] | None, report: IngestReport) -> list[SourceFile]:
        """One file of each content: a copy elsewhere (the same files ingested from another folder)
        is named in the warnings and left out. The file under the paths ingested now is kept."""
        roots = [r.resolve() for r in (paths or [self.settings.knowledge_dir])]

        def preference(source: SourceFile) -> tuple[bool, str]:
            return (not any(source.path == r or r in source.path.parents for r in roots), str(source.path))

        kept: dict[str, SourceFile] = {}
        for source in sorted(sources, key=preference):
            original = kept.setdefault(source.sha256, source)
            if original is not source:
                report.warnings.append((self._shown(source.path), f"cùng nội dung với {self._shown(original.path)},"
                                                                  " không nạp lại (same content as that file: skipped)"))
        return sorted(kept.values(), key=lambda s: str(s.path))

    def _shown(self, path: Path) -> str:
        """A path as a message shows it: relative to the knowledge dir when under it."""
        return path.relative_to(self.settings.knowledge_dir).as_posix() if self.settings.knowledge_dir in path.parents else str(path)

    def _fingerprint(self) -> str:
        parts = {
            "code": _code_fingerprint(), "lookup": _code_fingerprint(_LOOKUP_DIRS),
            "embedder": self.settings.embedder, "index": repr(self.index_settings),
        }
        if self.settings.chroma_url:  # only then: embedded indexes from before the setting stay unchanged
            parts["vectors"] = self.settings.chroma_url
        return json.dumps(parts)

    def _parse_all(self, sources: list[SourceFile], report: IngestReport) -> dict[str, ParsedFile]:
        cache = self._cache_dir / "parsed"
        cache.mkdir(parents=True, exist_ok=True)
        code = _code_fingerprint()
        parsed: dict[str, ParsedFile] = {}
        for i, source in enumerate(sources, start=1):
            label = _label(source.path, self.settings.knowledge_dir)
            # What a file parses to names it (sources, slugs): the same content under another name is parsed again.
            named = hashlib.sha256(label.encode()).hexdigest()[:12]
            cached = cache / f"{source.sha256}-{named}-{code}.pickle"
            try:
                if cached.exists():
                    result = pickle.loads(cached.read_bytes())
                else:
                    result = parse_file(source.path, label)
                    report.parsed += 1
                    cached.write_bytes(pickle.dumps(result))
            except BadInput as exc:
                report.errors.append((label, str(exc)))
                log.warning("%s: %s", label, exc)
            except Exception as exc:  # one broken file must not stop the batch
                report.errors.append((label, f"lỗi khi đọc tệp (parser error): {type(exc).__name__}: {exc}"))
                log.exception("parser failed on %s", label)
            else:
                parsed[str(source.path)] = result
                report.warnings += [(label, w) for w in result.warnings]
            self.progress("parse", i, len(sources))
        return parsed

    def _registry_and_passages(
        self, generation: Path, parsed: dict[str, ParsedFile], sources: list[SourceFile], feeds: list[FeedFile],
        report: IngestReport,
    ) -> tuple[list[Passage], list[Procedure]]:
        access_of = {str(s.path): s.access for s in sources}
        documents = [(doc, access_of[key]) for key, result in parsed.items() for doc in result.documents]
        procedures = {p.code: (p, access_of[key]) for key, result in parsed.items() for p in result.procedures}
        with Registry(generation / REGISTRY, self.settings.today) as registry:
            for doc, level in documents:
                registry.add_document(doc, access=level)
            for procedure, _ in procedures.values():
                for basis in procedure.legal_bases:
                    if basis.number:
                        registry.add_cited(basis.number, title=basis.title, source=procedure.source)
            registry.derive_statuses()
            report.errors += apply_feeds(registry, feeds)
            statuses = registry.statuses(doc.document.doc_id for doc, _ in documents)
        passages: list[Passage] = []
        seen: set[tuple[str, str]] = set()
        # A văn bản read from its own file comes before the same articles quoted in a compilation.
        for doc, level in sorted(documents, key=lambda d: -len(d[0].articles)):
            for dieu in doc.articles:
                key = (doc.document.doc_id, dieu.ref())
                if key in seen:
                    continue
                seen.add(key)
                report.articles += 1
                status = statuses[doc.document.doc_id].status
                kind = "law" if doc.document.number else "document"
                passages += law_passages(dieu, doc.document.title, kind=kind, access=level, status=status)
        passages += [procedure_passage(p, level) for p, level in procedures.values()]
        for key, result in parsed.items():
            for doc in result.plain:
                passages += document_passages(doc.doc_id, doc.title, doc.text, access=access_of[key], source=doc.source)
        report.documents = len({d.document.doc_id for d, _ in documents}) + sum(len(r.plain) for r in parsed.values())
        report.procedures = len(procedures)
        return passages, [p for p, _ in procedures.values()]

    def _embedder(self) -> CachedEmbedder:
        return CachedEmbedder(make_embedder(self.settings.embedder), self._cache_dir / "embeddings.sqlite")


def _describe(sources: Iterable[SourceFile]) -> dict[str, dict[str, str]]:
    return {str(s.path): {"sha256": s.sha256, "access": s.access} for s in sources}


def _describe_feeds(feeds: Iterable[FeedFile]) -> dict[str, str]:
    """The feeds an ingest applied, in order, with their content hashes: a changed feed is a change."""
    return {feed.name: feed.sha256() for feed in feeds}

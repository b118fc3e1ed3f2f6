"""Uploaded documents indexed in the background, one at a time, each a job the client can follow.

An ingest rebuilds the index generation (unchanged files come from the parse and
vector caches); on the sample index it takes a few seconds, on the full corpus tens
of seconds, so ``POST /api/documents`` answers 202 with a job id at once. Jobs are
kept in memory: a restarted server forgets finished jobs, never the indexed files
(they are in the ingest manifest). The server picks the new generation up on its
next request (``Assistant.refresh_knowledge``).

An ingest starts a generation with heading vectors only; the job then republishes
the body vectors the cache holds (``Enricher.run(embed=False)``: seconds), so an
upload never takes the rest of the corpus's body vectors away. The uploaded file's
own body vectors come with the next ``troly enrich``, or at once from an enricher
already running, which picks up the new generation itself.
"""
from __future__ import annotations

import logging
import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from knowledge.errors import BadInput
from knowledge.index.enrich import Enricher, EnrichmentRunning
from knowledge.ingest import Ingestor
from knowledge.settings import Settings

log = logging.getLogger(__name__)

Status = Literal["queued", "running", "done", "failed"]


@dataclass
class IngestJob:
    id: str
    file_name: str  # as the client named it, for display only: never used as a path
    stored_as: str  # the generated name under TROLY_DATA_DIR/uploads
    access: str
    uploaded_by: str
    status: Status = "queued"
    created: float = 0.0
    finished: float | None = None
    report: dict[str, Any] | None = None
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "file_name": self.file_name, "stored_as": self.stored_as, "access": self.access,
            "uploaded_by": self.uploaded_by, "status": self.status, "created": self.created,
            "finished": self.finished, "report": self.report, "error": self.error,
        }


class IngestJobs:
    def __init__(self, settings: Settings):
        self.settings = settings
        self._jobs: dict[str, IngestJob] = {}
        self._guard = threading.Lock()
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="troly-ingest")

    def submit(self, path: Path, file_name: str, access: str, uploaded_by: str) -> IngestJob:
        job = IngestJob(secrets.token_hex(8), file_name, path.name, access, uploaded_by, created=time.time())
        with self._guard:
            self._jobs[job.id] = job
        self._worker.submit(self._run, job, path)
        return job

    def get(self, job_id: str) -> IngestJob | None:
        with self._guard:
            return self._jobs.get(job_id)

    def _run(self, job: IngestJob, path: Path) -> None:
        job.status = "running"
        try:
            report = Ingestor(self.settings).ingest([path], access=job.access)
            job.report = {**report.to_json(), "enrichment": self._republish()}
            failed = next((message for label, message in report.errors if label == path.name), None)
            job.status, job.error = ("failed", failed) if failed else ("done", None)
        except BadInput as error:
            job.status, job.error = "failed", str(error)
        except Exception as error:  # the job reports it; the server keeps serving
            log.exception("ingest job %s failed", job.id)
            job.status, job.error = "failed", f"lỗi nội bộ khi lập chỉ mục (internal error): {type(error).__name__}"
        job.finished = time.time()

    def _republish(self) -> dict[str, Any] | None:
        """The body vectors the cache holds, in the generation just published; None when an
        enricher already running takes care of it."""
        try:
            return Enricher(self.settings).run(embed=False).to_json()
        except EnrichmentRunning:
            return None

    def close(self) -> None:
        self._worker.shutdown(wait=True, cancel_futures=True)

"""Officers upload documents (.docx, .pdf, .txt) to be indexed with an access level.

The file is checked before anything is kept: its name must be a plain file name
with one of the accepted suffixes (only the suffix is used), its size at most
``MAX_UPLOAD_BYTES``, and its text readable by ``knowledge.parsing.uploads.read_text``
(a .pdf that is really a .pdf, a .docx that is a real Word package, not encrypted,
not a zip bomb). It is then stored under ``TROLY_DATA_DIR/uploads`` with a generated
name and indexed in the background (``ingest_jobs``): 202 and a job to follow.
"""
from __future__ import annotations

import re
import secrets
import shutil
import time
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, Depends, File, Form, HTTPException, UploadFile, status
from fastapi.responses import JSONResponse

from assistant.security.users import User
from channels.web.auth import require_staff
from channels.web.backend import WebBackend, get_backend
from knowledge.parsing.uploads import MAX_BYTES as MAX_UPLOAD_BYTES
from knowledge.parsing.uploads import read_text

router = APIRouter(prefix="/api/documents", tags=["documents"])
SUFFIXES = (".docx", ".pdf", ".txt")
UPLOAD_DIR = "uploads"
MULTIPART_OVERHEAD = 64 * 1024  # the envelope around the file: boundaries, headers, the access field
_UNSAFE_NAME = re.compile(r"[/\\\x00-\x1f]|^\.+$|\.\.")
_CHUNK = 1 << 20


def _suffix(file_name: str) -> str:
    """The accepted suffix of a plain file name; 400 for a path or an unsupported kind."""
    if not file_name or len(file_name) > 255 or _UNSAFE_NAME.search(file_name):
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "tên tệp không hợp lệ: chỉ gửi tên tệp, không kèm đường dẫn (unsafe file name)")
    suffix = Path(file_name).suffix.lower()
    if suffix not in SUFFIXES:
        raise HTTPException(
            status.HTTP_400_BAD_REQUEST,
            f"định dạng '{suffix or '(không có đuôi)'}' chưa được hỗ trợ: gửi {', '.join(SUFFIXES)} (unsupported format)",
        )
    return suffix


def _save(upload: UploadFile, target: Path) -> None:
    """Copy the upload to ``target``, refusing it (and keeping nothing) past the size limit."""
    written = 0
    with target.open("wb") as out:
        while chunk := upload.file.read(_CHUNK):
            written += len(chunk)
            if written > MAX_UPLOAD_BYTES:
                out.close()
                target.unlink()
                raise HTTPException(
                    status.HTTP_413_CONTENT_TOO_LARGE,
                    f"tệp quá lớn: tối đa {MAX_UPLOAD_BYTES // 1048576} MB (file too large)",
                )
            out.write(chunk)


@router.post("", status_code=status.HTTP_202_ACCEPTED)
def upload_document(
    file: UploadFile = File(description=".docx, .pdf or .txt, at most 20 MB"),
    access: Literal["public", "internal", "confidential"] = Form(
        "internal", description="who may read it: public (everyone), internal (staff), confidential (admins)"
    ),
    user: User = Depends(require_staff),
    backend: WebBackend = Depends(get_backend),
) -> JSONResponse:
    """Store and index a document in the background; follow the returned job."""
    suffix = _suffix(file.filename or "")
    folder = backend.settings.data_dir / UPLOAD_DIR
    incoming = folder / ".incoming"
    incoming.mkdir(parents=True, exist_ok=True)
    stored_name = f"{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(6)}{suffix}"
    checking = incoming / stored_name
    try:
        _save(file, checking)
        read_text(checking)  # BadInput (400) for a file that is not what its suffix says
        final = folder / stored_name
        shutil.move(checking, final)
    finally:
        checking.unlink(missing_ok=True)
    job = backend.jobs.submit(final, file.filename or "", access, user.name)
    with backend.locked() as assistant:
        assistant.audit.record(user.name, user.role, "upload", file.filename or final.name, "web", f"access: {access}")
    url = f"/api/documents/jobs/{job.id}"
    return JSONResponse({"job": job.to_json(), "status_url": url}, status_code=202, headers={"Location": url})


@router.get("/jobs/{job_id}")
def ingest_job(job_id: str, user: User = Depends(require_staff), backend: WebBackend = Depends(get_backend)) -> dict:
    """Where an upload's indexing stands: queued, running, done (with the ingest report) or failed."""
    job = backend.jobs.get(job_id)
    if job is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "không có công việc này (unknown job)")
    return job.to_json()

"""The HTML pages: the citizens' chat at ``/``, the officers' desk and the top-concerns dashboard.

Pages are static files whose scripts call the API; the officers' pages ask for a
token and send it with every call, so the data stays token-protected.
"""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

router = APIRouter(include_in_schema=False)
STATIC_DIR = Path(__file__).parent / "static"


def _page(name: str) -> FileResponse:
    return FileResponse(STATIC_DIR / name, media_type="text/html; charset=utf-8")


@router.get("/")
def chat_page() -> FileResponse:
    return _page("chat.html")


@router.get("/can-bo")
def officers_page() -> FileResponse:
    return _page("officers.html")


@router.get("/can-bo/thong-ke")
def concerns_page() -> FileResponse:
    return _page("concerns.html")

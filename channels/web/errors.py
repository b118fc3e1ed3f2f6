"""Every failure of the API as JSON ``{"error": code, "detail": message}``, never a traceback.

``BadInput`` (the message is for the person who sent the input) becomes 400; HTTP
errors keep their status; a body that is not JSON is 400, a JSON body of the wrong
shape 422 with the fields named; anything unexpected 500 with one sentence, the
traceback going to the server's log only.
"""
from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from knowledge.errors import BadInput

log = logging.getLogger(__name__)


def error_response(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    code = HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    return JSONResponse({"error": code, "detail": detail}, status_code=status, headers=headers)


def _field(location: tuple) -> str:
    return ".".join(str(part) for part in location if part != "body") or "body"


def _validation_message(error: RequestValidationError) -> tuple[int, str]:
    problems = error.errors()
    if any(problem.get("type") == "json_invalid" for problem in problems):
        return 400, "nội dung gửi lên không phải JSON hợp lệ (malformed JSON)"
    parts = [f"{_field(tuple(p.get('loc', ())))}: {p.get('msg', 'invalid')}" for p in problems]
    return 422, "dữ liệu không hợp lệ (invalid request): " + "; ".join(parts)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(BadInput)
    async def bad_input(request: Request, error: BadInput) -> JSONResponse:
        return error_response(400, str(error))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> JSONResponse:
        return error_response(error.status_code, str(error.detail), getattr(error, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        return error_response(*_validation_message(error))

    @app.exception_handler(Exception)
    async def internal(request: Request, error: Exception) -> JSONResponse:
        log.exception("internal error on %s %s", request.method, request.url.path)
        return error_response(500, "lỗi nội bộ của máy chủ; đã ghi nhật ký để xử lý (internal server error)")

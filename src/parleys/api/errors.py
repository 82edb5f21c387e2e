"""One error shape for the whole API: ``{"error": {"code": ..., "message": ...}}``.

Our own errors keep their code (E031 not found, E060 bad filter, ...); HTTP errors of the
framework get ``HTTP<status>``; a malformed query string is a bad filter (E060). Pages outside
``/api`` render the same code and message as HTML.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from parleys.errors import CorrectionError, NotFoundError, ParleysError, QueryError, SettingsError

STATUS = {NotFoundError: 404, QueryError: 400, SettingsError: 400, CorrectionError: 400}


def status_of(exc: ParleysError) -> int:
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500


def error_body(code: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message}}


def _respond(request: Request, status: int, code: str, message: str) -> Response:
    accept = request.headers.get("accept", "")
    as_json = "application/json" in accept and "text/html" not in accept
    path = request.url.path
    if (
        path.startswith("/api")
        or path.endswith(".json")
        or as_json
        or not hasattr(request.app.state, "templates")
    ):
        return JSONResponse(error_body(code, message), status_code=status)
    templates = request.app.state.templates
    return templates.TemplateResponse(
        request, "error.html", {"code": code, "message": message}, status_code=status
    )


def _message(exc: ParleysError) -> str:
    return str(exc.args[0]) if exc.args else type(exc).__name__


def install(app: FastAPI) -> None:
    @app.exception_handler(ParleysError)
    async def _parleys(request: Request, exc: ParleysError) -> Response:
        return _respond(request, status_of(exc), exc.code, _message(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path"))
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return _respond(request, 400, QueryError.code, "; ".join(parts) or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        response = _respond(request, exc.status_code, f"HTTP{exc.status_code}", str(exc.detail))
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(OverflowError)
    async def _overflow(request: Request, exc: OverflowError) -> Response:
        # a number too large for the store that slipped past the bounds of the parameters
        return _respond(request, 400, QueryError.code, "a number is out of range")

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        # the traceback goes to the server log only; the client gets the one error shape
        return _respond(request, 500, "HTTP500", "internal error")

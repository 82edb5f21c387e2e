"""``/docs`` (Swagger UI) and ``/redoc`` from assets shipped in the package (``static/vendor``).

Both viewers set styles from script, and ReDoc searches in a blob worker, so these two pages
alone allow inline styles and blob workers; scripts still come only from our own origin.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from parleys.api.security import CSP

router = APIRouter(tags=["docs"], include_in_schema=False)

DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'") + "; worker-src 'self' blob:"


def _viewer(request: Request, template: str) -> HTMLResponse:
    response = request.app.state.templates.TemplateResponse(request, template, {})
    response.headers["Content-Security-Policy"] = DOCS_CSP
    return response


@router.get("/docs", response_class=HTMLResponse)
def swagger(request: Request) -> HTMLResponse:
    return _viewer(request, "docs.html")


@router.get("/redoc", response_class=HTMLResponse)
def redoc(request: Request) -> HTMLResponse:
    return _viewer(request, "redoc.html")

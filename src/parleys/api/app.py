"""The FastAPI application, built by :func:`create_app` (no state at import time)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.trustedhost import TrustedHostMiddleware

from parleys import __version__, service
from parleys.api import errors
from parleys.api.jobs import IngestJobs
from parleys.api.routes import (
    corrections,
    countries,
    docs,
    events,
    ingest,
    network,
    pages,
    persons,
    rejections,
    summary,
)
from parleys.api.security import BodyLimit, SecurityHeaders, Tokens, safe_url
from parleys.settings import Settings
from parleys.store.db import make_engine, session_factory, upgrade

TEMPLATES_DIR = Path(__file__).with_name("templates")
STATIC_DIR = Path(__file__).with_name("static")
DESCRIPTION = (
    "The parleys knowledge base: events, persons, country dossiers, the actor network. Reads are open; "
    "writes need `Authorization: Bearer <token>` (setting `api_tokens`). Every error has one shape, "
    '`{"error": {"code", "message"}}`: an invalid parameter or body is a 400 (E060), never a 422.'
)


def _our_errors(build: Callable[[], dict[str, Any]]) -> Callable[[], dict[str, Any]]:
    """The OpenAPI document with the 422 answers FastAPI lists replaced by the 400 the server gives."""

    def openapi() -> dict[str, Any]:
        schema = build()
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                answers = operation.get("responses", {})
                if answers.pop("422", None) is not None and "400" not in answers:
                    answers["400"] = {
                        "description": "an invalid parameter or body (E060)",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}
                        },
                    }
        shapes = schema.get("components", {}).get("schemas", {})
        for name in ("HTTPValidationError", "ValidationError"):
            shapes.pop(name, None)
        return schema

    return openapi


def trusted_hosts(settings: Settings) -> list[str]:
    """The Host names to answer: ``trusted_hosts``, plus the address the server listens on."""
    hosts = [h.strip() for h in settings.trusted_hosts.split(",") if h.strip()]
    if settings.host not in ("0.0.0.0", "::", "") and settings.host not in hosts:
        hosts.append(settings.host)
    return hosts


def templates() -> Jinja2Templates:
    found = Jinja2Templates(directory=str(TEMPLATES_DIR))  # autoescapes every .html template
    found.env.autoescape = True
    found.env.filters["safe_url"] = safe_url
    return found


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API and its pages over ``settings.database_url``; the schema is brought up to date."""
    settings = settings or Settings.load()
    tokens = Tokens.from_settings(settings)  # a bad token setting fails before the store is touched
    engine = make_engine(settings)
    upgrade(engine)
    sessions = session_factory(engine)
    # ingest jobs in the store; those a stopped server left unfinished are marked interrupted
    jobs = IngestJobs(sessions, max_running=settings.ingest_jobs, max_queued=settings.ingest_queue)
    jobs.interrupt_stale()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.close()  # this server's unfinished jobs: interrupted
        engine.dispose()

    app = FastAPI(
        title="parleys",
        version=__version__,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        description=DESCRIPTION,
    )
    app.state.settings = settings
    app.state.tokens = tokens
    app.state.ingest = service.ingest  # what POST /api/ingest runs (a test may give another)
    app.state.jobs = jobs  # every ingest of the API (files, URLs, feeds) runs as a job
    app.state.engine = engine
    app.state.sessions = sessions
    app.state.templates = templates()
    app.state.world = json.loads((STATIC_DIR / "world-110m.json").read_text(encoding="utf-8"))
    errors.install(app)
    app.openapi = _our_errors(app.openapi)  # type: ignore[method-assign]
    for module in (
        events,
        rejections,
        summary,
        persons,
        countries,
        network,
        corrections,
        ingest,
        docs,
        pages,
    ):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    # outermost last: headers on every answer, then the Host check, then the body limit
    uploads = {"/api/ingest/files": ingest.upload_limit(settings.max_bytes)}
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes, paths=uploads)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=trusted_hosts(settings))
    app.add_middleware(SecurityHeaders)
    return app

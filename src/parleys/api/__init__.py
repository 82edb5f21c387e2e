"""The HTTP API and its events page. Entry point: :func:`create_app`."""

from parleys.api.app import create_app

__all__ = ["create_app"]

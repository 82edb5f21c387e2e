"""The ``parleys`` command line: thin wrappers over importable functions, grouped by what they
act on (the layout of spaCy's CLI).

- :mod:`.common`: the app, shared options, error handling, settings and output;
- :mod:`.pipeline`: ``ingest``, ``extract``, ``resolve``, ``reprocess``, ``evaluate``;
- :mod:`.events`: ``events``, ``show``, ``export``, ``rejections``, ``codes``;
- :mod:`.people`: ``person``, ``persons``; :mod:`.countries`: ``dossier``, ``timeline``, ``network``;
- :mod:`.corrections`: ``corrections ...``; :mod:`.serve`: ``serve``, ``demo``.

Each command module registers its commands on :data:`app` when imported; this package imports
them all, and nothing imports the package back.
"""

from importlib import import_module

from parleys.cli.common import app

# each module registers its commands on ``app``; `parleys --help` lists them in this order
for _module in ("pipeline", "events", "people", "countries", "corrections", "serve"):
    import_module(f"parleys.cli.{_module}")

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``parleys`` console script and of ``python -m parleys``."""
    app(prog_name="parleys")

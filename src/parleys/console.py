"""The ``parleys`` console script's entry point, with nothing imported until it runs.

A process that :mod:`parleys.extract.processes` spawns imports the main module of its parent
again (as ``__mp_main__``, where ``main`` does not run); for the ``parleys`` script that module
imports this one only, not the whole command line (Typer, Rich, SQLAlchemy, the store).
"""

from __future__ import annotations


def main() -> None:
    """Run the ``parleys`` command line (:func:`parleys.cli.main`)."""
    from parleys.cli import main as command_line

    command_line()

"""``python -m parleys``: the same command line as the ``parleys`` script."""

from parleys.cli import main

main()

"""A Dask preload for the workers of the command's own local cluster.

Ctrl-C in a terminal interrupts every process of the command's group: the
command, which stops the run and closes its cluster, and each worker, which
would die printing a traceback of its own. A worker of the local cluster
leaves the interrupt to the command (a worker of a cluster of your own is
not touched: it answers to whoever started it).
"""

from __future__ import annotations

import signal
from typing import Any


def dask_setup(worker: Any) -> None:
    """Run by Dask as the worker starts: ignore the terminal's interrupt."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

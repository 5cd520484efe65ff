"""Ctrl+C in a terminal reaches every process of the command, forked workers included.

The parent turns it into one word and exit status 130 (cli.py) and stops its workers
itself; a worker that also raised KeyboardInterrupt would print a traceback of its
own for each of them. So each forked worker leaves Ctrl+C to its parent.
"""

from __future__ import annotations

import signal


def leave_ctrl_c_to_the_parent(*_: object) -> None:
    """A pool initializer (or a child's first call); takes and ignores any arguments."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

"""A new tree's article folders, made on a core that would otherwise wait.

Between loading the records and forking the rendering workers, the parent
groups and plans the site alone (~0.4 s at 10,000 articles) while the other
core idles. The workers would then make a folder for every article page, in
the new tree and, on a first build, in the spare they plant: 20,000 mkdirs at
10,000 articles. Two workers making folders side by side in one parent folder
pay about three times what one process pays alone (py-spy over a cold build at
10,000 articles: 2.2 s of worker time against 0.7 s in the child and 0.7 s left
to the workers), and the cold build took 0.5 s longer without the child
(docs/architecture.md). So a forked child makes them during the planning; what
it has not reached when the workers start, they make themselves.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from typing import Callable, Sequence

from khotin.build.output.reuse import make_folder

# Fewer folders than this are not worth a process.
THRESHOLD = 400
# The child tells how far it got once per this many folders.
BATCH = 256
_DONE = b"!"

Stop = Callable[[], Sequence[str]]


def _make(roots: Sequence[str], folders: Sequence[str], progress: int) -> None:
    """Each folder (and its parents) under every root; stops at the first error, which
    the rendering workers then meet, and report, themselves."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to report (khotin.interrupt)
    made: dict[str, set[str]] = {root: set() for root in roots}
    try:
        for number, folder in enumerate(folders, 1):
            for root in roots:
                make_folder(root, folder, made[root])
            if number % BATCH == 0:
                os.write(progress, b".")
        os.write(progress, _DONE)
    except OSError:
        pass


def _nothing() -> Sequence[str]:
    return ()


def start(roots: Sequence[str], folders: Sequence[str]) -> Stop:
    """Start making `folders` (and their parents) under each of `roots` in a forked
    child; the `stop()` it returns ends the child and returns the folders made under
    every root. Call it before forking anything else, and on every way out: a child
    left running would go on making folders in a tree being removed."""
    if len(folders) < THRESHOLD or not roots or "fork" not in multiprocessing.get_all_start_methods():
        return _nothing
    read, write = os.pipe()
    try:
        child = multiprocessing.get_context("fork").Process(target=_make, args=(roots, folders, write), daemon=True)
        child.start()
    except OSError:
        os.close(read)
        return _nothing
    finally:
        os.close(write)
    made: list[Sequence[str]] = []

    def stop() -> Sequence[str]:
        if not made:
            child.kill()  # a mkdir is whole or not at all: wherever it stops, the tree is sound
            child.join()
            with os.fdopen(read, "rb") as pipe:
                marks = pipe.read()
            made.append(folders if marks.endswith(_DONE) else folders[:marks.count(b".") * BATCH])
        return made[0]

    return stop

"""The new tree's article folders, made on a core that would otherwise wait.

Between loading the records and forking the rendering workers, the parent
groups and plans the site alone (~0.4 s at 10,000 articles) while the other
cores idle. The workers then make a folder for every article page, in the new
tree and, on a first build, in the spare they plant: 20,000 mkdirs at 10,000
articles, each costing ~25 µs of CPU on ext4. A forked child makes them during
the planning instead. What it has not reached when the workers start, they
make themselves, as before (`placer.make_folder`).
"""

from __future__ import annotations

import multiprocessing
import os
from contextlib import contextmanager
from typing import Callable, Iterator, Sequence

from khotin.interrupt import leave_ctrl_c_to_the_parent
from khotin.build.output.reuse import make_folder

# Fewer folders than this are not worth a process.
THRESHOLD = 400
# The child tells how far it got once per this many folders.
BATCH = 256
_DONE = b"!"


def _make(roots: Sequence[str], folders: Sequence[str], progress: int) -> None:
    """Each folder (and its parents) under every root; stops at the first error, which
    the rendering workers then meet, and report, themselves."""
    leave_ctrl_c_to_the_parent()
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


@contextmanager
def made_aside(roots: Sequence[str], folders: Sequence[str]) -> Iterator[Callable[[], Sequence[str]]]:
    """Make `folders` (and their parents) under each of `roots` in a forked child
    while the block runs. The `stop()` it gives ends the child and returns the
    folders made under every root: call it before forking anything else (the
    block's end calls it too, for a block left by an error)."""
    if len(folders) < THRESHOLD or not roots or "fork" not in multiprocessing.get_all_start_methods():
        yield lambda: ()
        return
    read, write = os.pipe()
    try:
        child = multiprocessing.get_context("fork").Process(target=_make, args=(roots, folders, write), daemon=True)
        child.start()
    except OSError:
        os.close(read)
        yield lambda: ()
        return
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

    try:
        yield stop
    finally:
        stop()

"""Test-only: pause a khotin process at a known point so a test's kill always lands mid-work.

Put this folder first on PYTHONPATH and set KHOTIN_TEST_PAUSE="module:attribute.path:N" and
KHOTIN_TEST_PAUSE_MARKER=<file>: the N-th call of that function (in any process or thread of
the command) creates the marker file and then blocks forever instead of running. A test waits
for the marker (with a deadline), kills the process group, and knows exactly what had been done.
Never on any path but a test's child process.
"""

import functools
import importlib
import os
import threading
import time

_SPEC = os.environ.get("KHOTIN_TEST_PAUSE")
_MARKER = os.environ.get("KHOTIN_TEST_PAUSE_MARKER")


def _install(spec: str, marker: str) -> None:
    module_name, attribute, count = spec.split(":")
    owner = importlib.import_module(module_name)
    *parents, name = attribute.split(".")
    for parent in parents:
        owner = getattr(owner, parent)
    original = getattr(owner, name)  # AttributeError here: the hook's target was renamed
    lock = threading.Lock()
    calls = [0]

    @functools.wraps(original)  # same name: a pool pickles it by reference
    def paused(*args, **kwargs):
        with lock:
            calls[0] += 1
            reached = calls[0] >= int(count)
        if reached:
            with open(marker, "a", encoding="utf-8") as handle:
                handle.write(f"{os.getpid()}\n")
            while True:
                time.sleep(3600)
        return original(*args, **kwargs)

    setattr(owner, name, paused)


if _SPEC and _MARKER:
    _install(_SPEC, _MARKER)

"""One Chromium for the whole session, shared by every browser test.

Playwright's sync API allows one running instance per thread: a second
`sync_playwright()` while another module's is open fails, so no test opens
its own.
"""

from __future__ import annotations

import signal

import pytest

# A runner started in the background by a non-interactive shell (`make test &`, some CI
# launchers) inherits SIGINT ignored, and every khotin it starts would too: the Ctrl+C tests
# would then wait forever. SIGINT gets its default back before any test starts a process.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

CHROMIUM = "/usr/bin/chromium"  # Debian's package; Playwright never downloads a browser
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()

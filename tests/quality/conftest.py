"""The seed site, built once per session through the real command line and served twice:
at `/` and under the subpath `/kho/` (each build told its own base URL)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitekit import SEEDS, SiteServer, build_args, explain, run_khotin  # noqa: E402


@dataclass(frozen=True)
class ServedSite:
    name: str          # "root" or "subpath"
    dir: Path          # the built site
    url: str           # base URL it was built for and is served at, '/'-terminated


@dataclass(frozen=True)
class SeedSite:
    content: Path
    root: ServedSite
    subpath: ServedSite

    @property
    def both(self) -> tuple[ServedSite, ServedSite]:
        return (self.root, self.subpath)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> SeedSite:
    work = tmp_path_factory.mktemp("seed-site")
    content = work / "content"
    at_root, at_kho = SiteServer("/"), SiteServer("/kho/")
    try:
        imported = run_khotin("import", "--seeds", SEEDS, "--content", content)
        assert imported.returncode == 0, "import of seeds/ failed\n" + explain(imported)
        sites = []
        for name, server, out in (("root", at_root, work / "site"), ("subpath", at_kho, work / "site-kho")):
            built = run_khotin(*build_args(content, out, server.url))
            assert built.returncode == 0, f"build at {server.url} failed\n" + explain(built)
            server.site_dir = out
            sites.append(ServedSite(name, out, server.url))
        yield SeedSite(content, *sites)
    finally:
        at_root.close()
        at_kho.close()



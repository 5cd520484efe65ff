from __future__ import annotations

from pathlib import Path

import pytest

from khotin.build.pipeline import build_site
from tests.site.fixtures import RECORDS, TEMPLATES, write_content


class Workspace:
    """A content/ + khotin.toml + site/ folder, built on demand."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.templates = TEMPLATES
        self.out = root / "site"
        self.config = root / "khotin.toml"
        self.config.write_text('title = "Kho thử"\ndescription = "Kho tin thử nghiệm"\n'
                               'base_url = "http://localhost:8000/"\npage_size = 2\nlanguage = "vi"\n',
                               encoding="utf-8")

    def build(self, base_url: str | None = None, out: Path | None = None, **kwargs):
        return build_site(self.content, kwargs.pop("templates", self.templates), out or self.out,
                          base_url=base_url, config_path=self.config, **kwargs)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    space = Workspace(tmp_path)
    write_content(space.content, RECORDS)
    return space

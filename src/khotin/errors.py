"""Typed errors that the CLI turns into one clear line each."""

from __future__ import annotations

from pathlib import Path


class KhotinError(Exception):
    """Base of every error khotin reports to a person instead of a traceback."""


class InputError(KhotinError):
    """A file that cannot be used, with the place to look: `path:line: reason`."""

    def __init__(self, path: Path | str, reason: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line else f"{self.path}"
        super().__init__(f"{where}: {reason}")


class SeedError(InputError):
    """A raw seed page that cannot become a record."""


class RecordError(InputError):
    """A record in content/ that a person broke (YAML, missing title, bad date)."""


class BuildError(KhotinError):
    """A build that cannot finish; the previous site is kept."""


class PublishError(KhotinError):
    """Publishing the built site failed."""

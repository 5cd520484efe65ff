"""The engine's tests build the same small site as tests/site/ (its `workspace`)."""

from tests.site.conftest import workspace  # noqa: F401  (a fixture, found by name)

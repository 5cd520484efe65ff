"""khotin reads library internals; a release that differs from the tested pin must fail loudly here.

- vietnamadminunits: its private data files (data/dataset.db's admin_units_legacy and
  admin_units tables, data/converter_2025.json's DICT_PROVINCE_WARD_* maps), read by
  khotin.places.data without the package's API.
"""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from pathlib import Path

import pytest

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
INTERNALS = {
    "vietnamadminunits": "its private data files (data/dataset.db tables admin_units_legacy and admin_units, "
                         "data/converter_2025.json), read by khotin.places.data",
}


def pinned() -> dict[str, str]:
    dependencies = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    pins = {}
    for spec in dependencies:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?\s*==\s*([^\s;]+)", spec)
        if match:
            pins[match[1].lower().replace("_", "-")] = match[2]
    return pins


def version_problem(package: str, pin: str | None, installed: str | None) -> str | None:
    if pin is None:
        return f"{package} is not pinned with == in pyproject.toml, but khotin reads {INTERNALS[package]}"
    if installed != pin:
        return (f"{package} {installed} is installed but khotin is tested with {pin}: it reads "
                f"{INTERNALS[package]}; check those internals, then move the pin")
    return None


@pytest.mark.parametrize("package", sorted(INTERNALS))
def test_libraries_whose_internals_khotin_reads_are_the_pinned_versions(package):
    try:
        installed = importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        installed = None
    problem = version_problem(package, pinned().get(package), installed)
    assert problem is None, problem


def test_a_version_other_than_the_pin_is_named_with_the_internal_it_reads():
    message = version_problem("vietnamadminunits", "1.0.4", "1.0.5")
    assert message and "vietnamadminunits 1.0.5 is installed" in message and "1.0.4" in message
    assert "converter_2025.json" in message and "dataset.db" in message
    assert "not pinned" in version_problem("vietnamadminunits", None, "1.0.4")


def test_the_internals_are_where_khotin_reads_them():
    import json
    import sqlite3

    from khotin.places.data import _package_data

    data = _package_data()
    converter = json.loads((data / "converter_2025.json").read_text(encoding="utf-8"))
    assert {"DICT_PROVINCE_WARD_NO_DIVIDED", "DICT_PROVINCE_WARD_DIVIDED"} <= set(converter), \
        "vietnamadminunits' converter_2025.json changed shape"
    with sqlite3.connect(f"file:{data / 'dataset.db'}?mode=ro", uri=True) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"admin_units_legacy", "admin_units"} <= tables, "vietnamadminunits' dataset.db changed shape"


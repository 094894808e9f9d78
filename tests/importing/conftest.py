"""Fixtures the importer's tests share: the 2018 disclosure imported, and the bundled table."""

from __future__ import annotations

import pytest

import perfscore
from perfscore.importing import Imported, import_table
from tests.importing.import_data import DISCLOSURE


@pytest.fixture(scope="package")
def seed() -> Imported:
    """The 2018 disclosure of 赞皇县人社局 (tests/data), imported as the bundled table's name."""
    return import_table(DISCLOSURE, name="zanhuang-hrss-2018")


@pytest.fixture(scope="package")
def bundled() -> perfscore.Table:
    """The bundled 2018 table the import is held to."""
    return perfscore.load_table("zanhuang-hrss-2018")

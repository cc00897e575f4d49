from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.lint.stand_ins import stand_ins


@pytest.fixture
def keras_kinds() -> Iterator[list[str]]:
    """Stand-ins for activation, dropout and global pooling kinds the catalog may lack."""
    with stand_ins() as added:
        yield added

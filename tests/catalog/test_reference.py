"""The catalog's docs are generated from the catalog: a new layer brings its own docs row.

``docs/layers.md`` and the families table of ``docs/layer-catalog.md`` must equal
what :mod:`archcalc.catalog.reference` writes; ``--update-goldens`` rewrites them.
"""

from __future__ import annotations

import re

import pytest

from archcalc.catalog import CANONICAL, CATALOG
from archcalc.catalog.base import LayerKind
from archcalc.catalog.reference import NOT_LISTED, families_table, layers_page
from tests.conftest import ROOT

LAYERS = ROOT / "docs" / "layers.md"
CATALOG_DOC = ROOT / "docs" / "layer-catalog.md"
_BLOCK = re.compile(
    r"(<!-- generated from the catalog \(archcalc/catalog/reference.py\): do not edit -->\n)"
    r".*?(<!-- end generated -->)",
    re.S,
)


def test_layers_page_is_generated(request) -> None:
    text = layers_page()
    if request.config.getoption("--update-goldens"):
        LAYERS.write_text(text, encoding="utf-8")
    assert LAYERS.read_text(encoding="utf-8") == text, (
        "docs/layers.md is out of date: python -m pytest tests/catalog/test_reference.py "
        "--update-goldens"
    )


def test_families_table_is_generated(request) -> None:
    doc = CATALOG_DOC.read_text(encoding="utf-8")
    assert _BLOCK.search(doc), "docs/layer-catalog.md lost its generated-table markers"
    fresh = _BLOCK.sub(lambda m: m.group(1) + families_table() + m.group(2), doc)
    if request.config.getoption("--update-goldens"):
        CATALOG_DOC.write_text(fresh, encoding="utf-8")
        doc = fresh
    assert doc == fresh, "docs/layer-catalog.md's families table is out of date (--update-goldens)"


@pytest.mark.parametrize("name", sorted(set(CANONICAL.values()) - set(NOT_LISTED)))
def test_a_kind_with_weights_says_which(name: str) -> None:
    kind = CATALOG[name]
    makes = next(c for c in type(kind).__mro__ if "weights" in c.__dict__) is not LayerKind
    assert bool(kind.weights_doc) == makes or name in ("Sequential", "Functional"), (
        f"{name}: a kind that creates weights sets weights_doc (and one that does not, doesn't)"
    )

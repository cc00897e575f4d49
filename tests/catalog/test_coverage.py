"""Every layer type of these catalog modules is checked against real Keras.

A kind (or alias) added to them without a Keras reference case fails here,
so the numbers archcalc reports for it always trace back to a Keras run.
"""

from __future__ import annotations

from archcalc.catalog import CANONICAL, CATALOG
from tests.catalog.keras_cases import load_cases

# each test-data family covers the catalog module of the same name
MODULES = (
    "activations",
    "convolutional",
    "merging",
    "normalization",
    "pooling",
    "preprocessing",
    "regularization",
    "reshaping",
)
# core.py holds other kinds too (InputLayer, Embedding...), tested elsewhere
CORE = {"Dense", "Identity"}


def covered(name: str) -> bool:
    module = type(CATALOG[name]).__module__.rsplit(".", 1)[-1]
    return module in MODULES or CANONICAL[name] in CORE


def test_every_type_name_has_keras_cases() -> None:
    used = {c["class"] for family in [*MODULES, "core"] for c in load_cases(family)}
    assert sorted(n for n in CATALOG if covered(n) and n not in used) == []


def test_every_case_names_a_known_type_of_its_family() -> None:
    for family in [*MODULES, "core"]:
        for case in load_cases(family):
            assert case["class"] in CANONICAL, case["id"]
            assert CATALOG[case["class"]].family == family, case["id"]

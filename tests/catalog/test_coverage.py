"""Every layer type of the catalog's Keras families is checked against real Keras.

A kind (or alias) added without a Keras reference case fails here, so the
numbers archcalc reports for it always trace back to a Keras run.
"""

from __future__ import annotations

from archcalc.catalog import CANONICAL, CATALOG
from tests.catalog.keras_cases import load_cases

FAMILIES = (
    "activations",
    "convolutional",
    "core",
    "merging",
    "normalization",
    "pooling",
    "preprocessing",
    "regularization",
    "reshaping",
)
# families whose test data another part of the suite owns
ELSEWHERE = {"InputLayer"}


def test_every_type_name_has_keras_cases() -> None:
    used = {c["class"] for family in FAMILIES for c in load_cases(family)}
    names = {n for n, kind in CATALOG.items() if kind.family in FAMILIES} - ELSEWHERE
    assert sorted(names - used) == []


def test_every_case_names_a_known_type() -> None:
    for family in FAMILIES:
        for case in load_cases(family):
            assert case["class"] in CANONICAL, case["id"]
            assert CATALOG[case["class"]].family == family, case["id"]

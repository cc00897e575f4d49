"""Every layer type of these catalog modules is checked against real Keras.

A kind (or alias) added to them without a Keras reference case fails here,
so the numbers archcalc reports for it always trace back to a Keras run.
"""

from __future__ import annotations

from archcalc.catalog import CANONICAL, CATALOG
from tests.catalog.keras_cases import load_cases

# test-data family (keras_cases_<family>.json) -> the catalog modules whose kinds it covers
FAMILIES = {
    "activations": ("activations",),
    "augmentation": ("augmentation", "augmentation_color", "augmentation_pipelines"),
    "lookup": ("lookup", "encoding"),
    "attention": ("attention",),
    "convolutional": ("convolutional",),
    "merging": ("merging",),
    "normalization": ("normalization",),
    "pooling": ("pooling",),
    "preprocessing": ("preprocessing",),
    "regularization": ("regularization",),
    "reshaping": ("reshaping",),
    "rnn": ("rnn", "wrappers"),
    "einsum": ("einsum",),
    "pooling_adaptive": ("pooling_adaptive",),
    "rnn_generic": ("rnn_cells",),
    "spectral": ("spectral",),
}
# core.py holds other kinds too (InputLayer...), tested elsewhere: these kinds' test data
CORE = {"Dense": "core", "Identity": "core", "Masking": "core", "Embedding": "embedding"}


def family_of(name: str) -> str | None:
    """The test-data family that must cover this type name, if any."""
    if CANONICAL[name] in CORE:
        return CORE[CANONICAL[name]]
    module = type(CATALOG[name]).__module__.rsplit(".", 1)[-1]
    return next((f for f, modules in FAMILIES.items() if module in modules), None)


def test_every_type_name_has_keras_cases() -> None:
    families = [*FAMILIES, *set(CORE.values())]
    used = {c["class"] for family in families for c in load_cases(family)}
    assert sorted(n for n in CATALOG if family_of(n) and n not in used) == []


def test_every_case_names_a_known_type_of_its_family() -> None:
    for family in [*FAMILIES, *set(CORE.values())]:
        for case in load_cases(family):
            assert case["class"] in CANONICAL, case["id"]
            assert family_of(case["class"]) == family, case["id"]

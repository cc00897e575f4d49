"""Every layer kind answers every trait, and the masking traits are Keras's own.

The traits (catalog/base.py TRAITS) are what masks, lint, costs and the Keras
reader ask a kind; :func:`register` refuses a kind that leaves one undeclared.
``layer_traits.json`` is what Keras 3 itself reports for each class
(generators/layer_traits.py).
"""

from __future__ import annotations

import json

import pytest

from archcalc.catalog import CANONICAL, CATALOG
from archcalc.catalog.base import TRAITS, LayerKind, register
from tests.conftest import ROOT

KERAS = json.loads((ROOT / "tests/golden/keras/layer_traits.json").read_text())["layers"]

#: Where archcalc's answer differs from the attribute Keras reports, and why.
DEVIATIONS = {
    # Keras sets supports_masking = mask_zero in __init__; the kind's compute_mask
    # returns no mask without mask_zero, which is the same thing.
    ("Embedding", "supports_masking"),
    # Their call() takes mask=[query_mask, value_mask], but Keras does not record a list
    # input's masks as connections: reference model mask_mix shows `att (Attention)`
    # connected to its two inputs only.
    ("Attention", "call_takes_mask"),
    ("AdditiveAttention", "call_takes_mask"),
}


@pytest.mark.parametrize("name", sorted(set(CANONICAL.values())))
def test_every_kind_answers_every_trait(name: str) -> None:
    kind = CATALOG[name]
    for trait in TRAITS:
        assert isinstance(getattr(kind, trait), bool), f"{name}.{trait}"


@pytest.mark.parametrize("name", sorted(KERAS))
def test_masking_traits_are_keras_own(name: str) -> None:
    kind = CATALOG[name]
    ours = {"supports_masking": kind.supports_masking, "call_takes_mask": kind.takes_mask}
    for trait, value in KERAS[name].items():
        if (CANONICAL[name], trait) in DEVIATIONS:
            assert ours[trait] != value  # a deviation that no longer deviates: remove it
        else:
            assert ours[trait] == value, f"{name}.{trait}: Keras says {value}"


def test_a_kind_without_a_trait_is_refused() -> None:
    class Forgetful(LayerKind):
        supports_masking = takes_mask = inference_identity = data_movement = False

    with pytest.raises(TypeError, match="does not declare trainable_lost_on_load"):
        register("Forgetful")(Forgetful)
    assert "Forgetful" not in CATALOG

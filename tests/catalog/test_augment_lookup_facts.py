"""What single-layer cases cannot show about the augmentation and lookup layers, from Keras
(tests/golden/keras/augment_lookup_facts.json, generators/augment_lookup_facts.py): the
auto-names of the layers some of them make, saved configs Keras reloads with another shape,
and Keras's masking traits."""

from __future__ import annotations

import json

import pytest

import archcalc
from archcalc.catalog import CATALOG
from tests.conftest import ROOT

FACTS = json.loads((ROOT / "tests/golden/keras/augment_lookup_facts.json").read_text())


@pytest.mark.parametrize("key", sorted(FACTS["auto_names"]))
def test_auto_names_of_the_layers_it_makes(key: str) -> None:
    """RandAugment and AugMix make augmentation layers that take auto-names (not when they
    have a name of their own); RandomColorJitter makes one per factor given, and
    TextVectorization a StringLookup, named or not."""
    steps = FACTS["auto_names"][key]["built"]
    text_input = steps[0][0] == "TextVectorization"
    inputs = "{t: {shape: [], dtype: string}}" if text_input else "{img: [32, 32, 3]}"
    lines = "".join(f"  - {json.dumps({'type': c, **kw})}\n" for c, kw in steps)
    result = archcalc.infer(archcalc.load_text(f"inputs: {inputs}\nlayers:\n{lines}", "n.yaml"))
    assert [x.name for x in result.layers if not x.is_input] == FACTS["auto_names"][key]["names"]


def test_convert_keeps_the_names_in_step() -> None:
    """convert writes no name where the loader gives the same one, so the counters the
    layers RandAugment makes advance again when the written spec is read."""
    from archcalc.reader.writer import spec_to_yaml

    text = (
        "inputs: {img: [32, 32, 3]}\nlayers:\n  - {type: RandAugment}\n"
        "  - {type: RandAugment, name: aug}\n  - {type: RandomRotation, factor: 0.1}\n"
    )
    again = archcalc.load_text(spec_to_yaml(archcalc.load_text(text, "names.yaml")), "2.yaml")
    # rand_augment_then_rotation and named_rand_augment_then_rotation, one after the other
    assert [x.name for x in again.layers] == ["rand_augment", "aug", "random_rotation_1"]


@pytest.mark.parametrize("key", sorted(FACTS["reloaded"]))
def test_reloaded_configs(key: str) -> None:
    """A saved config gives the shape Keras's from_config gives (not always the original's:
    an un-adapted TextVectorization saves the size of its empty vocabulary)."""
    fact = FACTS["reloaded"][key]
    saved = {k: v for k, v in fact["get_config"].items() if k not in ("name", "trainable")}
    entry = json.dumps({"type": fact["class"], **saved})
    inputs = json.dumps({"t": {"shape": fact["input"], "dtype": "string"}})
    result = archcalc.infer(archcalc.load_text(f"inputs: {inputs}\nlayers:\n  - {entry}\n"))
    assert list(result.layers[-1].output_shapes[0]) == fact["reloaded_output_shape"]


@pytest.mark.parametrize("name", sorted(FACTS["traits"]))
def test_masking_traits_are_keras_own(name: str) -> None:
    kind, keras = CATALOG[name], FACTS["traits"][name]
    assert (kind.supports_masking, kind.takes_mask) == (
        keras["supports_masking"],
        keras["call_takes_mask"],
    )

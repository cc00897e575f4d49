"""Every layer class keras.layers exports is in the catalog or is an opaque layer.

tests/golden/keras/keras_layers.json lists what Keras 3.15.1 exports under keras.layers
(generators/enumerate_layers.py, run with ``inspect`` in the scratch venv): 175 names, of
which the Layer subclasses are checked here. Opaque means archcalc reads the layer's row
from what the file records (reader/keras_custom.py: the framework bridges, Lambda, and the
Layer and Wrapper bases), with a message that says why.
"""

from __future__ import annotations

import json

from archcalc.catalog import CATALOG
from archcalc.reader.keras_custom import OPAQUE
from tests.conftest import KERAS

EXPORTS = json.loads((KERAS / "keras_layers.json").read_text(encoding="utf-8"))["exports"]
LAYER_CLASSES = sorted(x["name"] for x in EXPORTS if x["is_layer_subclass"])

#: Classes the other branches of issue 15 add to the catalog (augmentation, lookup and text,
#: einsum, adaptive pooling, generic RNN and cells, spectral): the lead empties this list as
#: they merge. The test fails on any other missing class, and on a class listed here that
#: the catalog has (so the list never claims what is done).
#: Classes other branches were adding when this test was written: all merged now, so every
#: keras.layers class is in the catalog or opaque (a class listed here that reaches the
#: catalog fails the test below).
OTHER_BRANCHES: set[str] = set()


def test_the_enumeration_is_keras_3_15s() -> None:
    assert len(EXPORTS) == 175
    # 135 layer classes and 20 alias names; InputLayer, Lambda, Layer, Wrapper; 4 bridges
    assert len(LAYER_CLASSES) == 135 + 20 + 4 + 4


def test_every_layer_class_is_computed_or_opaque() -> None:
    missing = sorted(c for c in LAYER_CLASSES if c not in CATALOG and c not in OPAQUE)
    unexpected = [c for c in missing if c not in OTHER_BRANCHES]
    assert not unexpected, f"keras.layers classes neither in the catalog nor opaque: {unexpected}"


def test_the_other_branches_list_is_current() -> None:
    done = sorted(c for c in OTHER_BRANCHES if c in CATALOG)
    assert not done, f"now in the catalog: remove from OTHER_BRANCHES: {done}"
    assert set(LAYER_CLASSES) >= OTHER_BRANCHES


def test_opaque_layers_say_why() -> None:
    assert set(OPAQUE) == {
        "Lambda", "TorchModuleWrapper", "JaxLayer", "FlaxLayer", "TFSMLayer", "Layer", "Wrapper"
    }  # fmt: skip
    assert not set(OPAQUE) & set(CATALOG)
    assert all(c in LAYER_CLASSES for c in OPAQUE)
    for why in OPAQUE.values():
        assert "never runs" in why or "does not hold" in why or "computes nothing" in why

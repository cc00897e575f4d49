"""'did you mean' only when the name is really close (one function, used by every message)."""

from __future__ import annotations

import pytest

from archcalc.catalog import CATALOG
from archcalc.diagnostics import closest, did_you_mean

LAYERS = sorted(CATALOG)

CLOSE = [
    ("Conv2d", LAYERS, "Conv2D"),  # case only
    ("LSTN", LAYERS, "LSTM"),  # one typo in four letters
    ("BatchNormalisation", LAYERS, "BatchNormalization"),
    ("Conv2DTranpose", LAYERS, "Conv2DTranspose"),
    ("filtres", ["filters", "kernel_size"], "filters"),  # a transposition counts once
    ("input_lenght", ["input_dim", "input_length"], "input_length"),
    ("softmax-last", ["softmax-not-last", "dense-without-flatten"], "softmax-not-last"),
    ("zz", ["z", "a"], "z"),
    # an op and a layer that differ in case: the one closer in case wins
    ("Relu", ["ReLU", "Relu", "Reluu"], None),  # known: nothing to suggest
    ("relu", ["ReLU", "Relu"], "Relu"),
    ("Reluu", ["ReLU", "Relu"], "Relu"),
    ("ReLu", ["ReLU", "Relu"], "ReLU"),
]

NOT_CLOSE = [
    "CTCLayer",  # shares 'Layer' with CustomScaleLayer
    "Sampling",  # is inside UpSampling3D
    "MultiHeadAttentionLSA",  # MultiHeadAttention with a word added: another layer
    "WeightNormalization",  # shares 'Normalization' with UnitNormalization
    "PositionEmbedding",
    "SpatialDropout",  # 1D, 2D or 3D: not one close name
    "DepthToSpace",
    "TransformerBlock",
    "x" * 5000,  # a hostile name: no work, no suggestion
]


@pytest.mark.parametrize(("word", "choices", "meant"), CLOSE)
def test_close_names_are_suggested(word: str, choices: list[str], meant: str | None) -> None:
    assert closest(word, choices) == meant
    assert did_you_mean(word, choices) == (f" (did you mean '{meant}'?)" if meant else "")


@pytest.mark.parametrize("word", NOT_CLOSE)
def test_names_that_only_share_a_word_are_not(word: str) -> None:
    assert did_you_mean(word, LAYERS) == ""


def test_custom_layer_message_suggests_nothing() -> None:
    import archcalc

    with pytest.raises(archcalc.ArchcalcError) as info:
        archcalc.load_text("inputs: {x: [4]}\nlayers:\n  - {type: Sampling}\n", "m.yaml")
    [d] = info.value.diagnostics
    assert "did you mean" not in d.message
    assert "if it is a custom layer, declare what it produces" in d.message

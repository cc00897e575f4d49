"""Keras 3's Embedding, case by case (tests/catalog/keras_cases_embedding.json)."""

from __future__ import annotations

import archcalc
from tests.catalog.keras_cases import keras_tests

test_case_matches_keras, test_keras_config_matches, test_annotations_name_real_cases = keras_tests(
    "embedding",
    messages={
        "emb_input_dim0_err": "input_dim must be a positive integer, got 0",
        "emb_output_dim0_err": "output_dim must be a positive integer, got 0",
        "emb_input_dim_float_err": "input_dim must be a positive integer, got 10.0",
        "emb_output_dim_missing_err": "Embedding needs the argument 'output_dim'",
        "emb_unknown_arg_err": "(did you mean 'input_length'?)",
        "emb_lora_constraint_err": "lora_rank cannot be combined with embeddings_constraint",
    },
)


def test_input_dim_is_embeddings_own_argument() -> None:
    """On Embedding, input_dim is the vocabulary size, not Keras 2's input-shape shorthand."""
    text = (
        "name: text\nlayers:\n"
        "  - {type: Embedding, input_dim: 1000, output_dim: 64, input_shape: [10]}\n"
        "  - {type: Dense, units: 2}\n"
    )
    result = archcalc.infer(archcalc.load_text(text))
    emb = result.layer("embedding")
    assert emb.output_shapes == ((None, 10, 64),)
    assert emb.params == 1000 * 64 == 64_000
    assert result.total_params == 64_000 + 64 * 2 + 2


def test_input_dim_still_gives_dense_its_input() -> None:
    """On other layers input_dim keeps its Keras 2 meaning: the first layer's input width."""
    text = "layers:\n  - {type: Dense, units: 8, input_dim: 3}\n"
    result = archcalc.infer(archcalc.load_text(text))
    assert result.layer("dense").params == 3 * 8 + 8

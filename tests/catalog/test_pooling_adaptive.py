"""AdaptiveAverage/AdaptiveMaxPooling1D-3D (tests/catalog/keras_cases_pooling_adaptive.json)."""

from __future__ import annotations

import pytest

import archcalc
from tests.catalog.keras_cases import keras_tests

MESSAGES = {
    "adaave1d_tuple2_err": "output_size must be an integer or a list of one integer, got a list of 2",
    "adamax1d_tuple2_err": "a list of one integer, got a list of 2",
    "adaave1d_str_err": "output_size must be a non-negative integer, got '4'",
    "adamax1d_str_err": "output_size must be a non-negative integer, got '4'",
    "adaave1d_bad_df_err": "data_format must be one of 'channels_last', 'channels_first'",
    "adamax1d_bad_df_err": "got 'channels_middle'",
    "adaave2d_tuple3_err": "a list of 2 integers (one per spatial axis), got a list of 3",
    "adamax2d_tuple3_err": "a list of 2 integers (one per spatial axis), got a list of 3",
    "adaave3d_tuple2_err": "a list of 3 integers (one per spatial axis), got a list of 2",
    "adamax3d_tuple2_err": "a list of 3 integers (one per spatial axis), got a list of 2",
    "adamax2d_upper_df_err": "got 'Channels_First' (did you mean 'channels_first'?)",
}

test_case_matches_keras, test_keras_config_matches, test_annotations_name_real_cases = keras_tests(
    "pooling_adaptive", messages=MESSAGES
)


@pytest.mark.parametrize("size", ["-1", "[2, -3]", "[2, true]", "[2, 1.5]"])
def test_output_size_must_be_sizes(size: str) -> None:
    text = f"inputs: {{x: [8, 8, 3]}}\nlayers:\n  - {{type: AdaptiveMaxPooling2D, output_size: {size}}}\n"
    with pytest.raises(archcalc.ArchcalcError) as info:
        archcalc.load_text(text, "m.yaml")
    assert "output_size must" in str(info.value)

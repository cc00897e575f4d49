"""SpectralNormalization, MelSpectrogram and STFTSpectrogram (tests/catalog/keras_cases_spectral.json)."""

from __future__ import annotations

import pytest

import archcalc
from tests.catalog.keras_cases import keras_tests

MESSAGES = {
    "specnorm_iters0_err": "power_iterations must be a positive integer, got 0",
    "specnorm_no_kernel_err": 'but this MaxPooling2D has neither (Keras: "MaxPooling2D object has no '
    "attribute 'kernel' nor 'embeddings'\")",
    "specnorm_not_layer_err": "layer must be a layer with a kernel, a mapping such as",
    "specnorm_lstm_err": "this LSTM has neither",
    "specnorm_separable_err": "this SeparableConv2D has neither",
    "mel_stride0_err": "sequence_stride must be a positive integer, got 0",
    "mel_seq_gt_fft_err": "fft_length 256 must be at least sequence_length 512",
    "stft_step_gt_len_err": "frame_step 65 must not be greater than frame_length 64",
    "stft_fft_lt_len_err": "fft_length 32 must be at least frame_length 64",
    "stft_bad_mode_err": "mode must be one of 'log', 'magnitude', 'psd', 'real', 'imag', 'angle', 'stft'",
    "stft_bad_padding_err": "padding must be one of 'valid', 'same', got 'causal'",
    "stft_bad_scaling_err": "scaling must be one of 'density', 'spectrum', got 'power'",
    "stft_rank2_input_err": "expects inputs of rank 3 (batch included), got (None, 16000)",
    "stft_short_input_err": "frame_length 256 is larger than the input (100) on axis 1",
    "stft_frame1_err": "frame_length 1 leaves frame_step (frame_length // 2) at 0",
    "stft_none_channels_err": "the channel axis of the input (None, 100, None) is unknown (None), "
    "but the output has 9 frequency bins per channel",
}

test_case_matches_keras, test_keras_config_matches, test_annotations_name_real_cases = keras_tests(
    "spectral", messages=MESSAGES
)


def spec(entry: str, inputs: str) -> archcalc.InferenceResult:  # type: ignore[name-defined]
    text = f"inputs: {{{inputs}}}\nlayers:\n  - {entry}\n"
    return archcalc.infer(archcalc.load_text(text, "m.yaml"))


def test_spectral_normalization_shared_call_needs_the_same_features() -> None:
    """Keras sets InputSpec(axes={-1: d}) when the wrapper is built: a second call must match."""
    text = (
        "inputs: {a: [4], b: [5]}\nlayers:\n"
        "  - {name: sn, type: SpectralNormalization, layer: {type: Dense, units: 2}, inputs: a}\n"
        "  - {share: sn, inputs: b}\noutputs: [sn, 'sn:1']\n"
    )
    with pytest.raises(archcalc.ArchcalcError) as info:
        archcalc.infer(archcalc.load_text(text, "m.yaml"))
    assert "expected axis -1 of input shape to have value 4" in str(info.value)


def test_mel_frames_are_keras_symbolic_count() -> None:
    """(T + stride + 1) // stride: 1023 samples at stride 128 show 9 frames (Keras computes 8)."""
    result = spec(
        "{type: MelSpectrogram, fft_length: 256, sequence_stride: 128, num_mel_bins: 40}",
        "w: [1023]",
    )
    assert result.layer("mel_spectrogram").output_shapes == ((None, 40, (1023 + 128 + 1) // 128),)

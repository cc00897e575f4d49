#!/usr/bin/env python
"""More Keras cases for EinsumDense/ReversibleEmbedding (LoRA, dtypes, bias axes, equation
errors), the generic RNN (named, frozen and nested cells), SpectralNormalization (LoRA and
bfloat16 inner layers, layers without a kernel), the spectrograms and adaptive pooling.

Writes cases_more_<family>.json (plain Python, no Keras), which kref15's layer_cases.py runs
(``KERAS_BACKEND=torch python layer_cases.py cases_more_einsum.json out_more_einsum.json``)
and merge_cases_15c.py appends to tests/catalog/keras_cases_<family>.json.
"""

import json

FAMILIES: dict[str, list] = {}
CUR: list = []


def family(name):
    global CUR
    CUR = FAMILIES.setdefault(name, [])


def c(id, cls, config=None, inputs=None, **extra):
    CUR.append({"id": id, "class": cls, "config": config or {}, "inputs": inputs or [], **extra})


def L(cls, **cfg):
    return {"class": cls, "config": cfg}


E = "EinsumDense"
family("einsum")
c("einsum_lora_bf16", E, {"equation": "ab,bc->ac", "output_shape": 8, "bias_axes": "c", "lora_rank": 2,
                         "dtype": "bfloat16"}, [[4]])
c("einsum_lora_3d_kernel", E, {"equation": "abc,cde->abde", "output_shape": [None, 4, 8], "lora_rank": 3},
  [[10, 32]])
c("einsum_lora_alpha", E, {"equation": "ab,bc->ac", "output_shape": 8, "lora_rank": 2, "lora_alpha": 8},
  [[4]])
c("einsum_lora_constraint_err", E, {"equation": "ab,bc->ac", "output_shape": 8, "lora_rank": 2,
                                   "kernel_constraint": "non_neg"}, [[4]])
c("einsum_bias_gap", E, {"equation": "abc,cde->abde", "output_shape": [10, 8, 16], "bias_axes": "bd"},
  [[10, 32]])
c("einsum_bias_unknown_size_err", E, {"equation": "abc,cd->abd", "output_shape": [None, 16],
                                     "bias_axes": "bd"}, [[10, 32]])
c("einsum_right_ellipsis_bias", E, {"equation": "ab...,bc->ac...", "output_shape": 16, "bias_axes": "c"},
  [[8, 3, 4]])
c("einsum_left_ellipsis_bias_r4", E, {"equation": "...b,bc->...c", "output_shape": 16, "bias_axes": "c"},
  [[3, 4, 8]])
c("einsum_kernel_from_output_none_err", E, {"equation": "ab,bc->ac", "output_shape": [None]}, [[4]])
c("einsum_output_letter_missing_err", E, {"equation": "ab,bc->ad", "output_shape": 8}, [[4]])
c("einsum_kernel_letter_missing_err", E, {"equation": "ab,bz->ab", "output_shape": 4}, [[4]])
c("einsum_output_ellipsis_only", E, {"equation": "ab,bc->ac...", "output_shape": 8}, [[4]],
  note="re.match reads the prefix 'ab,bc->ac'")
c("einsum_summed_input_axis", E, {"equation": "abc,cd->ad", "output_shape": 8}, [[5, 4]])
c("einsum_bias_empty_err", E, {"equation": "ab,bc->ac", "output_shape": 8, "bias_axes": ""}, [[4]])
R = "ReversibleEmbedding"
c("revemb_lora_untied_err", R, {"input_dim": 20, "output_dim": 4, "tie_weights": False, "lora_rank": 2}, [[5]])
c("revemb_lora_tied", R, {"input_dim": 20, "output_dim": 4, "lora_rank": 2, "dtype": "bfloat16"}, [[5]])
c("revemb_bf16_untied", R, {"input_dim": 20, "output_dim": 4, "tie_weights": False, "dtype": "bfloat16"}, [[5]])
c("revemb_reverse_rank2", R, {"input_dim": 20, "output_dim": 4}, [{"shape": [4], "dtype": "float32"}],
  call_kwargs={"reverse": True})
c("revemb_reverse_softcap_untied", R, {"input_dim": 30, "output_dim": 6, "tie_weights": False,
                                       "logit_soft_cap": 10.0}, [{"shape": [3, 6], "dtype": "float32"}],
  call_kwargs={"reverse": True})

family("rnn_generic")
c("rnn_cell_named", "RNN", {"cell": L("LSTMCell", units=4, name="mycell")}, [[6, 3]])
c("rnn_cell_frozen", "RNN", {"cell": L("GRUCell", units=4, trainable=False)}, [[6, 3]])
c("rnn_rnn_bf16", "RNN", {"cell": L("SimpleRNNCell", units=4), "dtype": "bfloat16"}, [[6, 3]])
c("rnn_lstm_cell_impl1", "RNN", {"cell": L("LSTMCell", units=4, implementation=1)}, [[6, 3]])
c("rnn_stacked_three", "RNN", {"cell": [L("SimpleRNNCell", units=3), L("LSTMCell", units=4),
                                       L("GRUCell", units=2, reset_after=False)],
                              "return_sequences": True, "return_state": True}, [[7, 5]])
c("rnn_stacked_nested_err", "RNN", {"cell": L("StackedRNNCells", cells=[
    L("StackedRNNCells", cells=[L("LSTMCell", units=3), L("SimpleRNNCell", units=2)]), L("GRUCell", units=4)]),
    "return_state": True}, [[7, 5]])
c("rnn_stacked_named_cells", "RNN", {"cell": L("StackedRNNCells", name="stack",
                                              cells=[L("GRUCell", units=3, name="g1"),
                                                     L("GRUCell", units=2, name="g2")])}, [[7, 5]])
c("rnn_go_backwards_seq_state", "RNN", {"cell": L("LSTMCell", units=3), "go_backwards": True,
                                       "return_sequences": True, "return_state": True}, [[None, 2]])
c("cell_lstm_wrong_state_err", "LSTMCell", {"units": 4}, [[3], [5], [4]], call_mode="args_struct",
  input_struct=[0, [1, 2]])

family("spectral")
S = "SpectralNormalization"
c("specnorm_dense_lora", S, {"layer": L("Dense", units=8, lora_rank=2)}, [[4]])
c("specnorm_dense_bf16", S, {"layer": L("Dense", units=8, dtype="bfloat16")}, [[4]])
c("specnorm_einsum", S, {"layer": L("EinsumDense", equation="ab,bc->ac", output_shape=8, bias_axes="c")}, [[4]])
c("specnorm_revemb", S, {"layer": L("ReversibleEmbedding", input_dim=10, output_dim=4, tie_weights=False)},
  [{"shape": [3], "dtype": "int32"}])
c("specnorm_lstm_err", S, {"layer": L("LSTM", units=4)}, [[5, 3]])
c("specnorm_separable_err", S, {"layer": L("SeparableConv2D", filters=4, kernel_size=3)}, [[8, 8, 3]])
c("specnorm_conv3d", S, {"layer": L("Conv3D", filters=2, kernel_size=2)}, [[4, 4, 4, 3]])
c("mel_seq_gt_fft_err", "MelSpectrogram", {"fft_length": 256, "sequence_length": 512}, [[4000]])
c("mel_max_freq_int", "MelSpectrogram", {"fft_length": 256, "sequence_stride": 100, "sampling_rate": 22050,
                                         "num_mel_bins": 16}, [[2205]])
c("stft_frame1_err", "STFTSpectrogram", {"frame_length": 1}, [[100, 1]])
c("stft_none_channels_err", "STFTSpectrogram", {"frame_length": 16}, [[100, None]])
c("stft_psd_fft_odd", "STFTSpectrogram", {"mode": "psd", "frame_length": 20, "frame_step": 7,
                                          "fft_length": 30}, [[200, 3]])
c("stft_angle_cf_same", "STFTSpectrogram", {"mode": "angle", "frame_length": 32, "frame_step": 10,
                                            "padding": "same", "data_format": "channels_first"}, [[2, 301]])
c("stft_bad_scaling_err", "STFTSpectrogram", {"scaling": "power"}, [[1000, 1]])

family("pooling_adaptive")
c("adaave2d_zero_size", "AdaptiveAveragePooling2D", {"output_size": 0}, [[8, 8, 3]])
c("adamax2d_upper_df_err", "AdaptiveMaxPooling2D", {"output_size": 2, "data_format": "Channels_First"},
  [[3, 8, 8]])
c("adamax3d_cf_none", "AdaptiveMaxPooling3D", {"output_size": [1, 2, 3], "data_format": "channels_first"},
  [[None, None, 8, 8]])

for name, cases in FAMILIES.items():
    with open(f"cases_more_{name}.json", "w") as f:
        json.dump(cases, f, indent=1)
    print(name, len(cases))

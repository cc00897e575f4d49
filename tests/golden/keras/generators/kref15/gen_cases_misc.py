#!/usr/bin/env python
"""Case lists for the non-preprocessing families:
cases_einsum.json (EinsumDense, ReversibleEmbedding), cases_pooling_adaptive.json,
cases_rnn_generic.json (RNN + cells + StackedRNNCells), cases_spectral.json
(SpectralNormalization, MelSpectrogram, STFTSpectrogram), cases_bridges.json
(Lambda, TorchModuleWrapper, Layer, Wrapper, JaxLayer, FlaxLayer, TFSMLayer).
"""
import json

FAMILIES = {}
CUR = None


def family(name):
    global CUR
    CUR = FAMILIES.setdefault(name, [])


def c(id, cls, config=None, inputs=None, **extra):
    d = {"id": id, "class": cls, "config": config or {}, "inputs": inputs or []}
    d.update(extra)
    CUR.append(d)


def L(cls, **cfg):
    return {"class": cls, "config": cfg}


def EV(expr):
    return {"__eval__": expr}


# =================================================================== einsum
family("einsum")
c("einsum_ab_bc", "EinsumDense", {"equation": "ab,bc->ac", "output_shape": 64, "bias_axes": "c"}, [[32]])
c("einsum_ab_bc_nobias", "EinsumDense", {"equation": "ab,bc->ac", "output_shape": 64}, [[32]])
c("einsum_ab_bc_list_out", "EinsumDense", {"equation": "ab,bc->ac", "output_shape": [64]}, [[32]])
c("einsum_abc_cd", "EinsumDense", {"equation": "abc,cd->abd", "output_shape": [None, 64], "bias_axes": "d"},
  [[10, 32]])
c("einsum_abc_cd_fixed_seq", "EinsumDense", {"equation": "abc,cd->abd", "output_shape": [10, 64]}, [[10, 32]])
c("einsum_abc_cd_seq_mismatch", "EinsumDense", {"equation": "abc,cd->abd", "output_shape": [7, 64]}, [[10, 32]],
  note="output_shape's non-contracted dim disagrees with the input")
c("einsum_abc_cd_none_seq", "EinsumDense", {"equation": "abc,cd->abd", "output_shape": [None, 64]}, [[None, 32]])
c("einsum_abc_cde", "EinsumDense", {"equation": "abc,cde->abde", "output_shape": [None, 8, 16],
                                    "bias_axes": "de"}, [[10, 32]])
c("einsum_abc_cde_bias_e", "EinsumDense", {"equation": "abc,cde->abde", "output_shape": [None, 8, 16],
                                           "bias_axes": "e"}, [[10, 32]])
c("einsum_abde_dec", "EinsumDense", {"equation": "abde,dec->abc", "output_shape": [None, 32], "bias_axes": "c"},
  [[10, 8, 16]])
c("einsum_ellipsis", "EinsumDense", {"equation": "...b,bc->...c", "output_shape": 16, "bias_axes": "c"},
  [[3, 4, 8]])
c("einsum_ellipsis_r2", "EinsumDense", {"equation": "...b,bc->...c", "output_shape": 16}, [[8]])
c("einsum_ellipsis_r5", "EinsumDense", {"equation": "...b,bc->...c", "output_shape": 16}, [[2, 3, 4, 8]],
  note="symbolic shape lists the ellipsis dims in reverse order")
c("einsum_ellipsis_none", "EinsumDense", {"equation": "...b,bc->...c", "output_shape": 16}, [[None, 4, 8]])
c("einsum_trailing_ellipsis", "EinsumDense", {"equation": "ab...,bc->ac...", "output_shape": [16, None, None]},
  [[8, 3, 4]])
c("einsum_trailing_ellipsis_int", "EinsumDense", {"equation": "ab...,bc->ac...", "output_shape": 16}, [[8, 3, 4]])
c("einsum_kernel_first", "EinsumDense", {"equation": "bc,ab->ac", "output_shape": 5}, [[6]],
  note="kernel written first in the equation")
c("einsum_relu", "EinsumDense", {"equation": "ab,bc->ac", "output_shape": 8, "activation": "relu"}, [[4]])
c("einsum_lora", "EinsumDense", {"equation": "abc,cd->abd", "output_shape": [None, 16], "lora_rank": 2},
  [[10, 32]])
c("einsum_mixed16", "EinsumDense", {"equation": "ab,bc->ac", "output_shape": 8, "dtype": "mixed_float16"}, [[4]])
c("einsum_bf16", "EinsumDense", {"equation": "ab,bc->ac", "output_shape": 8, "dtype": "bfloat16"}, [[4]])
c("einsum_trainable_false", "EinsumDense", {"equation": "ab,bc->ac", "output_shape": 8, "bias_axes": "c"}, [[4]],
  trainable=False)
c("einsum_int_out_for_rank3_err", "EinsumDense", {"equation": "abc,cd->abd", "output_shape": 64}, [[10, 32]])
c("einsum_bias_input_axis_err", "EinsumDense", {"equation": "ab,bc->ac", "output_shape": 8, "bias_axes": "b"},
  [[4]])
c("einsum_bias_unknown_axis_err", "EinsumDense", {"equation": "ab,bc->ac", "output_shape": 8, "bias_axes": "z"},
  [[4]])
c("einsum_bad_equation_err", "EinsumDense", {"equation": "ab->ac", "output_shape": 8}, [[4]])
c("einsum_rank_mismatch_err", "EinsumDense", {"equation": "abc,cd->abd", "output_shape": [None, 8]}, [[4]])
c("einsum_unknown_contracted_err", "EinsumDense", {"equation": "ab,bc->ac", "output_shape": 8}, [[None]])
c("einsum_missing_output_err", "EinsumDense", {"equation": "ab,bc->ac"}, [[4]])

c("revemb_basic", "ReversibleEmbedding", {"input_dim": 100, "output_dim": 16}, [[10]], eager_int_max=100)
c("revemb_untied", "ReversibleEmbedding", {"input_dim": 100, "output_dim": 16, "tie_weights": False}, [[10]])
c("revemb_reverse", "ReversibleEmbedding", {"input_dim": 100, "output_dim": 16},
  [{"shape": [10, 16], "dtype": "float32"}], call_kwargs={"reverse": True})
c("revemb_reverse_untied", "ReversibleEmbedding", {"input_dim": 100, "output_dim": 16, "tie_weights": False},
  [{"shape": [10, 16], "dtype": "float32"}], call_kwargs={"reverse": True})
c("revemb_reverse_softcap", "ReversibleEmbedding", {"input_dim": 50, "output_dim": 8, "logit_soft_cap": 30.0,
                                                    "reverse_dtype": "float32"},
  [{"shape": [8], "dtype": "float32"}], call_kwargs={"reverse": True})
c("revemb_reverse_wrong_dim", "ReversibleEmbedding", {"input_dim": 100, "output_dim": 16},
  [{"shape": [10, 8], "dtype": "float32"}], call_kwargs={"reverse": True},
  note="last dim 8 != output_dim 16: symbolic call does not check")
c("revemb_mask_zero", "ReversibleEmbedding", {"input_dim": 100, "output_dim": 16, "mask_zero": True}, [[None]])
c("revemb_mixed16", "ReversibleEmbedding", {"input_dim": 100, "output_dim": 16, "dtype": "mixed_float16"}, [[10]])
c("revemb_mixed16_reverse_f32", "ReversibleEmbedding", {"input_dim": 100, "output_dim": 16,
                                                        "dtype": "mixed_float16", "reverse_dtype": "float32"},
  [{"shape": [10, 16], "dtype": "float32"}], call_kwargs={"reverse": True})
c("revemb_float_input", "ReversibleEmbedding", {"input_dim": 100, "output_dim": 16},
  [{"shape": [10], "dtype": "float32"}])
c("revemb_r3_input", "ReversibleEmbedding", {"input_dim": 100, "output_dim": 4}, [[3, 5]])
c("revemb_trainable_false_untied", "ReversibleEmbedding", {"input_dim": 10, "output_dim": 4,
                                                           "tie_weights": False}, [[3]], trainable=False)
c("revemb_dim0_err", "ReversibleEmbedding", {"input_dim": 0, "output_dim": 16}, [[10]])
c("revemb_missing_err", "ReversibleEmbedding", {"input_dim": 10}, [[10]])

# =================================================================== adaptive pooling
family("pooling_adaptive")
for kind in ("Average", "Max"):
    k = kind.lower()[:3]
    cls1, cls2, cls3 = (f"Adaptive{kind}Pooling{n}D" for n in (1, 2, 3))
    c(f"ada{k}1d_basic", cls1, {"output_size": 4}, [[16, 3]])
    c(f"ada{k}1d_tuple", cls1, {"output_size": [5]}, [[16, 3]])
    c(f"ada{k}1d_cf", cls1, {"output_size": 4, "data_format": "channels_first"}, [[3, 16]])
    c(f"ada{k}1d_none_len", cls1, {"output_size": 4}, [[None, 3]])
    c(f"ada{k}1d_larger", cls1, {"output_size": 32}, [[16, 3]])
    c(f"ada{k}1d_size1", cls1, {"output_size": 1}, [[16, 3]])
    c(f"ada{k}1d_mixed16", cls1, {"output_size": 4, "dtype": "mixed_float16"}, [[16, 3]])
    c(f"ada{k}1d_rank4_in", cls1, {"output_size": 4}, [[16, 16, 3]])
    c(f"ada{k}1d_tuple2_err", cls1, {"output_size": [4, 4]}, [[16, 3]])
    c(f"ada{k}1d_str_err", cls1, {"output_size": "4"}, [[16, 3]])
    c(f"ada{k}1d_bad_df_err", cls1, {"output_size": 4, "data_format": "channels_middle"}, [[16, 3]])
    c(f"ada{k}2d_basic", cls2, {"output_size": 7}, [[32, 32, 3]])
    c(f"ada{k}2d_tuple", cls2, {"output_size": [2, 3]}, [[32, 30, 8]])
    c(f"ada{k}2d_cf", cls2, {"output_size": [2, 3], "data_format": "channels_first"}, [[8, 32, 30]])
    c(f"ada{k}2d_none_hw", cls2, {"output_size": 4}, [[None, None, 3]])
    c(f"ada{k}2d_larger", cls2, {"output_size": 40}, [[32, 32, 3]])
    c(f"ada{k}2d_nondiv", cls2, {"output_size": 5}, [[32, 32, 3]])
    c(f"ada{k}2d_rank3_in", cls2, {"output_size": 4}, [[32, 3]])
    c(f"ada{k}2d_tuple3_err", cls2, {"output_size": [1, 2, 3]}, [[32, 32, 3]])
    c(f"ada{k}3d_basic", cls3, {"output_size": 2}, [[8, 8, 8, 4]])
    c(f"ada{k}3d_tuple", cls3, {"output_size": [2, 3, 4]}, [[8, 9, 10, 4]])
    c(f"ada{k}3d_cf", cls3, {"output_size": [2, 3, 4], "data_format": "channels_first"}, [[4, 8, 9, 10]])
    c(f"ada{k}3d_none", cls3, {"output_size": 2}, [[None, 8, None, 4]])
    c(f"ada{k}3d_tuple2_err", cls3, {"output_size": [2, 2]}, [[8, 8, 8, 4]])

# =================================================================== generic RNN
family("rnn_generic")
X = [[10, 4]]
c("rnn_simple_cell", "RNN", {"cell": L("SimpleRNNCell", units=8)}, X)
c("rnn_simple_cell_seq", "RNN", {"cell": L("SimpleRNNCell", units=8), "return_sequences": True}, X)
c("rnn_simple_cell_state", "RNN", {"cell": L("SimpleRNNCell", units=8), "return_state": True}, X)
c("rnn_simple_cell_seq_state", "RNN", {"cell": L("SimpleRNNCell", units=8), "return_sequences": True,
                                       "return_state": True}, X)
c("rnn_simple_nobias", "RNN", {"cell": L("SimpleRNNCell", units=3, use_bias=False)}, X)
c("rnn_lstm_cell", "RNN", {"cell": L("LSTMCell", units=8)}, X)
c("rnn_lstm_cell_state", "RNN", {"cell": L("LSTMCell", units=8), "return_state": True}, X)
c("rnn_gru_cell", "RNN", {"cell": L("GRUCell", units=8)}, X)
c("rnn_gru_cell_v1", "RNN", {"cell": L("GRUCell", units=8, reset_after=False)}, X)
c("rnn_gru_cell_state", "RNN", {"cell": L("GRUCell", units=8), "return_state": True, "return_sequences": True}, X)
c("rnn_stacked", "RNN", {"cell": L("StackedRNNCells", cells=[L("LSTMCell", units=8), L("GRUCell", units=4)])}, X)
c("rnn_stacked_state", "RNN", {"cell": L("StackedRNNCells", cells=[L("LSTMCell", units=8),
                                                                   L("SimpleRNNCell", units=4)]),
                               "return_state": True}, X)
c("rnn_cell_list", "RNN", {"cell": [L("SimpleRNNCell", units=6), L("SimpleRNNCell", units=5)]}, X,
  note="a list of cells is wrapped in StackedRNNCells")
c("rnn_cell_list_state", "RNN", {"cell": [L("LSTMCell", units=6), L("GRUCell", units=5)], "return_state": True},
  X)
c("rnn_none_steps", "RNN", {"cell": L("LSTMCell", units=8), "return_sequences": True}, [[None, 4]])
c("rnn_go_backwards", "RNN", {"cell": L("GRUCell", units=8), "go_backwards": True}, X)
c("rnn_unroll", "RNN", {"cell": L("SimpleRNNCell", units=8), "unroll": True}, X)
c("rnn_unroll_none_steps", "RNN", {"cell": L("SimpleRNNCell", units=8), "unroll": True}, [[None, 4]])
c("rnn_stateful_batch", "RNN", {"cell": L("SimpleRNNCell", units=8), "stateful": True},
  [{"shape": [10, 4], "batch_size": 2}])
c("rnn_stateful_nobatch", "RNN", {"cell": L("SimpleRNNCell", units=8), "stateful": True}, X)
c("rnn_mixed16", "RNN", {"cell": L("LSTMCell", units=8), "dtype": "mixed_float16"}, X)
c("rnn_cell_mixed16", "RNN", {"cell": L("LSTMCell", units=8, dtype="mixed_float16")}, X)
c("rnn_r4_input", "RNN", {"cell": L("SimpleRNNCell", units=8)}, [[10, 4, 3]])
c("rnn_trainable_false", "RNN", {"cell": L("LSTMCell", units=8)}, X, trainable=False)
c("rnn_r2_input_err", "RNN", {"cell": L("SimpleRNNCell", units=8)}, [[4]])
c("rnn_not_cell_err", "RNN", {"cell": L("Dense", units=8)}, X)
c("rnn_missing_cell_err", "RNN", {}, X)
c("rnn_stacked_empty_err", "RNN", {"cell": L("StackedRNNCells", cells=[])}, X)
c("rnn_unknown_features_err", "RNN", {"cell": L("SimpleRNNCell", units=8)}, [[10, None]])
# cells called directly: cell(x, states)
c("cell_simple_direct", "SimpleRNNCell", {"units": 8}, [[4], [8]], call_mode="args_struct",
  input_struct=[0, [1]])
c("cell_simple_direct_plain_state", "SimpleRNNCell", {"units": 8}, [[4], [8]], call_mode="args")
c("cell_lstm_direct", "LSTMCell", {"units": 8}, [[4], [8], [8]], call_mode="args_struct", input_struct=[0, [1, 2]])
c("cell_gru_direct", "GRUCell", {"units": 8}, [[4], [8]], call_mode="args_struct", input_struct=[0, [1]])
c("cell_gru_v1_direct", "GRUCell", {"units": 8, "reset_after": False}, [[4], [8]], call_mode="args_struct",
  input_struct=[0, [1]])
c("cell_lstm_dropout", "LSTMCell", {"units": 4, "dropout": 0.2, "recurrent_dropout": 0.1,
                                    "unit_forget_bias": False}, [[3], [4], [4]], call_mode="args_struct",
  input_struct=[0, [1, 2]])
c("cell_simple_units0_err", "SimpleRNNCell", {"units": 0}, [[4], [8]], call_mode="args_struct",
  input_struct=[0, [1]])
c("cell_lstm_missing_err", "LSTMCell", {}, [[4], [8], [8]], call_mode="args_struct", input_struct=[0, [1, 2]])
c("cell_gru_dropout_gt1_err", "GRUCell", {"units": 4, "dropout": 1.5}, [[4], [4]], call_mode="args_struct",
  input_struct=[0, [1]])
c("cell_simple_single_input_err", "SimpleRNNCell", {"units": 8}, [[4]])
c("cell_gru_missing_err", "GRUCell", {}, [[4], [8]], call_mode="args_struct", input_struct=[0, [1]])
c("cell_gru_nobias_direct", "GRUCell", {"units": 5, "use_bias": False}, [[3], [5]], call_mode="args_struct",
  input_struct=[0, [1]])
c("cell_gru_mixed16_direct", "GRUCell", {"units": 5, "dtype": "mixed_float16"}, [[3], [5]], call_mode="args_struct",
  input_struct=[0, [1]])
c("cell_lstm_nobias_direct", "LSTMCell", {"units": 4, "use_bias": False}, [[3], [4], [4]], call_mode="args_struct",
  input_struct=[0, [1, 2]])
c("cell_lstm_units_neg_err", "LSTMCell", {"units": -2}, [[3], [4], [4]], call_mode="args_struct",
  input_struct=[0, [1, 2]])
c("cell_simple_relu_direct", "SimpleRNNCell", {"units": 6, "activation": "relu", "use_bias": False}, [[3], [6]],
  call_mode="args_struct", input_struct=[0, [1]])
c("cell_simple_r3_direct", "SimpleRNNCell", {"units": 6}, [[5, 3], [6]], call_mode="args_struct",
  input_struct=[0, [1]], note="a rank-3 'step' input: the cell does not check")
c("stacked_direct", "StackedRNNCells", {"cells": [L("SimpleRNNCell", units=4), L("SimpleRNNCell", units=3)]},
  [[5], [4], [3]], call_mode="args_struct", input_struct=[0, [1, 2]])
c("stacked_direct_lstm_gru", "StackedRNNCells", {"cells": [L("LSTMCell", units=4), L("GRUCell", units=3)]},
  [[5], [4], [4], [3]], call_mode="args_struct", input_struct=[0, [[1, 2], 3]])
c("stacked_direct_flat_states", "StackedRNNCells", {"cells": [L("LSTMCell", units=4), L("GRUCell", units=3)]},
  [[5], [4], [4], [3]], call_mode="args_struct", input_struct=[0, [1, 2, 3]])
c("stacked_not_cell_err", "StackedRNNCells", {"cells": [L("Dense", units=4)]}, [[5], [4]],
  call_mode="args_struct", input_struct=[0, [1]])

# =================================================================== spectral / audio
family("spectral")
c("specnorm_dense", "SpectralNormalization", {"layer": L("Dense", units=8)}, [[4]])
c("specnorm_dense_nobias", "SpectralNormalization", {"layer": L("Dense", units=8, use_bias=False)}, [[4]])
c("specnorm_dense_r3", "SpectralNormalization", {"layer": L("Dense", units=8)}, [[5, 4]])
c("specnorm_conv2d", "SpectralNormalization", {"layer": L("Conv2D", filters=4, kernel_size=3)}, [[8, 8, 3]])
c("specnorm_conv2d_iters3", "SpectralNormalization", {"layer": L("Conv2D", filters=4, kernel_size=3),
                                                      "power_iterations": 3}, [[8, 8, 3]])
c("specnorm_conv1d", "SpectralNormalization", {"layer": L("Conv1D", filters=6, kernel_size=3)}, [[10, 2]])
c("specnorm_conv2dT", "SpectralNormalization", {"layer": L("Conv2DTranspose", filters=4, kernel_size=3)},
  [[8, 8, 3]])
c("specnorm_named_inner", "SpectralNormalization", {"layer": L("Dense", units=2, name="head")}, [[3]])
c("specnorm_mixed16", "SpectralNormalization", {"layer": L("Dense", units=8), "dtype": "mixed_float16"}, [[4]])
c("specnorm_inner_mixed16", "SpectralNormalization", {"layer": L("Dense", units=8, dtype="mixed_float16")}, [[4]])
c("specnorm_trainable_false", "SpectralNormalization", {"layer": L("Dense", units=8)}, [[4]], trainable=False)
c("specnorm_iters0_err", "SpectralNormalization", {"layer": L("Dense", units=8), "power_iterations": 0}, [[4]])
c("specnorm_no_kernel_err", "SpectralNormalization", {"layer": L("MaxPooling2D")}, [[8, 8, 3]])
c("specnorm_embedding_err", "SpectralNormalization", {"layer": L("Embedding", input_dim=10, output_dim=4)},
  [{"shape": [3], "dtype": "int32"}])
c("specnorm_depthwise_err", "SpectralNormalization", {"layer": L("DepthwiseConv2D", kernel_size=3)}, [[8, 8, 3]])
c("specnorm_not_layer_err", "SpectralNormalization", {"layer": 3}, [[4]])

c("mel_default", "MelSpectrogram", {}, [[16000]], eager_range=[-1, 1])
c("mel_small", "MelSpectrogram", {"fft_length": 256, "sequence_stride": 128, "num_mel_bins": 40}, [[1000]],
  eager_range=[-1, 1])
c("mel_small_1024", "MelSpectrogram", {"fft_length": 256, "sequence_stride": 128, "num_mel_bins": 40}, [[1024]],
  eager_range=[-1, 1])
c("mel_small_1023", "MelSpectrogram", {"fft_length": 256, "sequence_stride": 128, "num_mel_bins": 40}, [[1023]],
  eager_range=[-1, 1])
c("mel_small_1025", "MelSpectrogram", {"fft_length": 256, "sequence_stride": 128, "num_mel_bins": 40}, [[1025]],
  eager_range=[-1, 1])
c("mel_seq_len", "MelSpectrogram", {"fft_length": 512, "sequence_length": 256, "sequence_stride": 160,
                                    "num_mel_bins": 64, "sampling_rate": 8000, "max_freq": 4000.0}, [[8000]],
  eager_range=[-1, 1])
c("mel_no_db", "MelSpectrogram", {"fft_length": 256, "sequence_stride": 64, "num_mel_bins": 32,
                                  "power_to_db": False, "mag_exp": 1.0}, [[512]], eager_range=[-1, 1])
c("mel_none_len", "MelSpectrogram", {"fft_length": 256, "sequence_stride": 128, "num_mel_bins": 40}, [[None]],
  eager_range=[-1, 1])
c("mel_rank1_input", "MelSpectrogram", {"fft_length": 256, "sequence_stride": 128, "num_mel_bins": 40}, [[]],
  eager=False, note="Input(shape=()) -> (None,): read as ONE unbatched signal")
c("mel_rank3_input", "MelSpectrogram", {"fft_length": 256, "sequence_stride": 128}, [[1000, 1]],
  eager_range=[-1, 1])
c("mel_window_hamming", "MelSpectrogram", {"fft_length": 256, "sequence_stride": 128, "window": "hamming",
                                           "num_mel_bins": 20}, [[1000]], eager_range=[-1, 1])
c("mel_mixed16", "MelSpectrogram", {"fft_length": 256, "sequence_stride": 128, "num_mel_bins": 40,
                                    "dtype": "mixed_float16"}, [[1000]], eager_range=[-1, 1])
c("mel_bad_window_err", "MelSpectrogram", {"window": "triangle-ish"}, [[16000]])
c("mel_stride0_err", "MelSpectrogram", {"sequence_stride": 0}, [[16000]])
c("mel_f64_policy", "MelSpectrogram", {"fft_length": 256, "sequence_stride": 128, "num_mel_bins": 40,
                                       "dtype": "float64"}, [[1000]], eager_range=[-1, 1])
c("mel_short_input", "MelSpectrogram", {"fft_length": 2048}, [[100]], eager_range=[-1, 1])

c("stft_default", "STFTSpectrogram", {}, [[16000, 1]], eager_range=[-1, 1])
c("stft_small", "STFTSpectrogram", {"frame_length": 64, "frame_step": 32, "fft_length": 64}, [[1000, 1]],
  eager_range=[-1, 1])
c("stft_stereo", "STFTSpectrogram", {"frame_length": 64, "frame_step": 32}, [[1000, 2]], eager_range=[-1, 1])
c("stft_same", "STFTSpectrogram", {"frame_length": 64, "frame_step": 30, "padding": "same"}, [[1000, 1]],
  eager_range=[-1, 1])
c("stft_mode_stft", "STFTSpectrogram", {"mode": "stft", "frame_length": 64, "frame_step": 32}, [[1000, 1]],
  eager_range=[-1, 1])
c("stft_mode_real", "STFTSpectrogram", {"mode": "real", "frame_length": 64, "frame_step": 32}, [[1000, 1]],
  eager_range=[-1, 1])
c("stft_mode_imag", "STFTSpectrogram", {"mode": "imag", "frame_length": 64, "frame_step": 32}, [[1000, 1]],
  eager_range=[-1, 1])
c("stft_mode_magnitude", "STFTSpectrogram", {"mode": "magnitude", "frame_length": 100, "frame_step": 50},
  [[1000, 1]], eager_range=[-1, 1])
c("stft_fft_larger", "STFTSpectrogram", {"frame_length": 60, "fft_length": 100, "frame_step": 20}, [[500, 1]],
  eager_range=[-1, 1])
c("stft_expand", "STFTSpectrogram", {"frame_length": 64, "frame_step": 32, "expand_dims": True}, [[1000, 2]],
  eager_range=[-1, 1])
c("stft_cf", "STFTSpectrogram", {"frame_length": 64, "frame_step": 32, "data_format": "channels_first"},
  [[2, 1000]], eager_range=[-1, 1])
c("stft_cf_expand", "STFTSpectrogram", {"frame_length": 64, "frame_step": 32, "data_format": "channels_first",
                                        "expand_dims": True}, [[2, 1000]], eager_range=[-1, 1])
c("stft_none_time", "STFTSpectrogram", {"frame_length": 64, "frame_step": 32}, [[None, 1]], eager_range=[-1, 1])
c("stft_window_none", "STFTSpectrogram", {"frame_length": 64, "frame_step": 32, "window": None,
                                          "scaling": None}, [[1000, 1]], eager_range=[-1, 1])
c("stft_trainable_false", "STFTSpectrogram", {"frame_length": 64, "frame_step": 32}, [[1000, 1]], trainable=False,
  eager_range=[-1, 1])
c("stft_mixed16", "STFTSpectrogram", {"frame_length": 64, "frame_step": 32, "dtype": "mixed_float16"}, [[1000, 1]],
  eager_range=[-1, 1])
c("stft_step_gt_len_err", "STFTSpectrogram", {"frame_length": 64, "frame_step": 65}, [[1000, 1]])
c("stft_fft_lt_len_err", "STFTSpectrogram", {"frame_length": 64, "fft_length": 32}, [[1000, 1]])
c("stft_bad_mode_err", "STFTSpectrogram", {"mode": "phase"}, [[1000, 1]])
c("stft_bad_padding_err", "STFTSpectrogram", {"padding": "causal"}, [[1000, 1]])
c("stft_rank2_input_err", "STFTSpectrogram", {}, [[16000]])
c("stft_short_input_err", "STFTSpectrogram", {"frame_length": 256}, [[100, 1]])

# =================================================================== framework bridges / bases
family("bridges")
c("lambda_double", "Lambda", {"function": EV("lambda x: x * 2")}, [[8]])
c("lambda_sum", "Lambda", {"function": EV("lambda x: keras.ops.sum(x, axis=-1)")}, [[8]])
c("lambda_output_shape", "Lambda", {"function": EV("lambda x: keras.ops.sum(x, axis=-1)"), "output_shape": [3]},
  [[8]], note="a wrong output_shape argument")
c("lambda_concat_list", "Lambda", {"function": EV("lambda xs: keras.ops.concatenate(xs, axis=-1)")},
  [[4], [5]])
c("lambda_arguments", "Lambda", {"function": EV("lambda x, k: x[:, :k]"), "arguments": {"k": 3}}, [[8]])
c("lambda_not_callable_err", "Lambda", {"function": 3}, [[8]])
c("torchwrap_linear", "TorchModuleWrapper", {"module": EV("torch.nn.Linear(4, 8)")}, [[4]])
c("torchwrap_conv", "TorchModuleWrapper", {"module": EV("torch.nn.Conv2d(3, 8, 3)")}, [[3, 16, 16]])
c("torchwrap_lazy", "TorchModuleWrapper", {"module": EV("torch.nn.LazyLinear(8)")}, [[4]])
c("torchwrap_seq", "TorchModuleWrapper",
  {"module": EV("torch.nn.Sequential(torch.nn.Linear(4, 6), torch.nn.ReLU(), torch.nn.Linear(6, 2))")}, [[4]])
c("torchwrap_output_shape", "TorchModuleWrapper", {"module": EV("torch.nn.Linear(4, 8)"),
                                                   "output_shape": [None, 8]}, [[4]])
c("torchwrap_not_module_err", "TorchModuleWrapper", {"module": 3}, [[4]])
c("layer_base_call_err", "Layer", {}, [[4]])
c("wrapper_base_call_err", "Wrapper", {"layer": L("Dense", units=4)}, [[4]])
c("jaxlayer_err", "JaxLayer", {"call_fn": EV("lambda x: x")}, [[4]])
c("flaxlayer_err", "FlaxLayer", {"module": EV("object()")}, [[4]])
c("tfsmlayer_missing_err", "TFSMLayer", {"filepath": "/nonexistent/saved_model"}, [[4]])


# Ids renamed after the first run so that an "_err" suffix means exactly "Keras raised"
# (suffix "_accepted": a case expected to fail that Keras accepts symbolically).
RENAME = {'cell_simple_r3_direct': 'cell_simple_r3_direct_err', 'rflip_bad_mode_err': 'rflip_bad_mode_accepted', 'rflip_rank2_in_err': 'rflip_rank2_in_accepted', 'rrot_factor_gt1': 'rrot_factor_gt1_err', 'rcrop_bbox_dict': 'rcrop_bbox_dict_err', 'rcolordeg_rank3_in': 'rcolordeg_rank3_in_err', 'rcolordeg_rank5_in': 'rcolordeg_rank5_in_err', 'equal_factor_kw_err': 'equal_factor_kw_accepted', 'clahe_bad_tiles_err': 'clahe_bad_tiles_accepted', 'relastic_bad_fill_err': 'relastic_bad_fill_accepted', 'rerase_scale_gt1_err': 'rerase_scale_gt1_accepted', 'pipeline_empty': 'pipeline_empty_err', 'lambda_output_shape': 'lambda_output_shape_err', 'torchwrap_linear': 'torchwrap_linear_err', 'torchwrap_conv': 'torchwrap_conv_err', 'torchwrap_lazy': 'torchwrap_lazy_err', 'torchwrap_seq': 'torchwrap_seq_err', 'einsum_abc_cd_seq_mismatch': 'einsum_abc_cd_seq_mismatch_err', 'einsum_kernel_first': 'einsum_kernel_first_err', 'slookup_sparse': 'slookup_sparse_err', 'ilookup_vocab_dtype32': 'ilookup_vocab_dtype32_err', 'ilookup_sparse': 'ilookup_sparse_err', 'tv_ngrams_int': 'tv_ngrams_int_err', 'tv_ragged': 'tv_ragged_err', 'tv_sparse': 'tv_sparse_err', 'tv_onehot_err': 'tv_onehot_accepted', 'tv_ngrams0_err': 'tv_ngrams0_accepted', 'hcross_sparse': 'hcross_sparse_err', 'hcross_three_inputs': 'hcross_three_inputs_err', 'disc_sparse': 'disc_sparse_err', 'rnn_stateful_nobatch': 'rnn_stateful_nobatch_err', 'cell_gru_dropout_gt1_err': 'cell_gru_dropout_gt1_accepted', 'stacked_direct_flat_states': 'stacked_direct_flat_states_err', 'specnorm_embedding_err': 'specnorm_embedding_accepted', 'specnorm_depthwise_err': 'specnorm_depthwise_accepted', 'mel_bad_window_err': 'mel_bad_window_accepted'}


def apply_renames(cases):
    for x in cases:
        x["id"] = RENAME.get(x["id"], x["id"])


if __name__ == "__main__":
    for fam, cases in FAMILIES.items():
        apply_renames(cases)
        ids = [x["id"] for x in cases]
        assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
        json.dump(cases, open(f"cases_{fam}.json", "w"), indent=1)
        print(fam, len(cases), "cases")

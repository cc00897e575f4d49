#!/usr/bin/env python
"""Case list for lookup / text / categorical preprocessing layers -> cases_lookup.json.

Run with the hub venv (these layers need TensorFlow even under the torch backend).
"""
import json

CASES = []


def c(id, cls, config=None, inputs=None, **extra):
    d = {"id": id, "class": cls, "config": config or {}, "inputs": inputs or []}
    d.update(extra)
    CASES.append(d)


def S(*shape):
    return {"shape": list(shape), "dtype": "string"}


def I(*shape, dtype="int64"):
    return {"shape": list(shape), "dtype": dtype}


def F(*shape):
    return {"shape": list(shape), "dtype": "float32"}


VOCAB = ["a", "b", "c", "d"]
IVOCAB = [12, 36, 1138, 42]
TEXTS = ["the quick brown fox", "the lazy dog", "a quick dog", "the fox"]

# ---------------------------------------------------------------- StringLookup
c("slookup_int_scalar", "StringLookup", {"vocabulary": VOCAB}, [S()])
c("slookup_int_r2", "StringLookup", {"vocabulary": VOCAB}, [S(3)])
c("slookup_int_none", "StringLookup", {"vocabulary": VOCAB}, [S(None)])
c("slookup_int_r3", "StringLookup", {"vocabulary": VOCAB}, [S(2, 3)])
c("slookup_onehot_1", "StringLookup", {"vocabulary": VOCAB, "output_mode": "one_hot"}, [S(1)])
c("slookup_onehot_scalar", "StringLookup", {"vocabulary": VOCAB, "output_mode": "one_hot"}, [S()])
c("slookup_onehot_3", "StringLookup", {"vocabulary": VOCAB, "output_mode": "one_hot"}, [S(3)])
c("slookup_multihot", "StringLookup", {"vocabulary": VOCAB, "output_mode": "multi_hot"}, [S(5)])
c("slookup_multihot_scalar", "StringLookup", {"vocabulary": VOCAB, "output_mode": "multi_hot"}, [S()])
c("slookup_count", "StringLookup", {"vocabulary": VOCAB, "output_mode": "count"}, [S(5)])
c("slookup_tfidf", "StringLookup", {"vocabulary": VOCAB, "output_mode": "tf_idf",
                                     "idf_weights": [0.5, 0.25, 0.2, 0.125]}, [S(5)])
c("slookup_oov0", "StringLookup", {"vocabulary": VOCAB, "num_oov_indices": 0, "output_mode": "multi_hot"}, [S(5)])
c("slookup_oov3", "StringLookup", {"vocabulary": VOCAB, "num_oov_indices": 3, "output_mode": "multi_hot"}, [S(5)])
c("slookup_mask", "StringLookup", {"vocabulary": VOCAB, "mask_token": "", "output_mode": "multi_hot"}, [S(5)])
c("slookup_mask_int", "StringLookup", {"vocabulary": VOCAB, "mask_token": "[MASK]"}, [S(5)])
c("slookup_pad_max", "StringLookup", {"vocabulary": VOCAB, "max_tokens": 10, "pad_to_max_tokens": True,
                                       "output_mode": "multi_hot"}, [S(5)])
c("slookup_max_no_pad", "StringLookup", {"vocabulary": VOCAB, "max_tokens": 10, "output_mode": "multi_hot"}, [S(5)])
c("slookup_sparse", "StringLookup", {"vocabulary": VOCAB, "output_mode": "multi_hot", "sparse": True}, [S(5)],
  eager=False)
c("slookup_invert", "StringLookup", {"vocabulary": VOCAB, "invert": True}, [I(3)])
c("slookup_adapted_onehot", "StringLookup", {"output_mode": "one_hot"}, [S(1)],
  adapt={"data": ["a", "b", "b", "c", "c", "c", "z"], "dtype": "string"})
c("slookup_adapted_int", "StringLookup", {}, [S(4)],
  adapt={"data": [["a", "b", "b", "c"], ["c", "c", "z", "q"]], "dtype": "string"})
c("slookup_adapted_max", "StringLookup", {"max_tokens": 3, "output_mode": "multi_hot"}, [S(4)],
  adapt={"data": ["a", "b", "b", "c", "c", "c", "z"], "dtype": "string"})
c("slookup_no_vocab_multihot", "StringLookup", {"output_mode": "multi_hot"}, [S(5)],
  note="neither vocabulary nor adapt")
c("slookup_no_vocab_int", "StringLookup", {}, [S(5)])
c("slookup_bfloat_dtype_policy", "StringLookup", {"vocabulary": VOCAB, "output_mode": "multi_hot",
                                                  "dtype": "bfloat16"}, [S(5)])
c("slookup_float_input", "StringLookup", {"vocabulary": VOCAB}, [F(3)])
c("slookup_vocab_file", "StringLookup", {"vocabulary": "/work/scratch/kref15/data/vocab.txt",
                                         "output_mode": "one_hot"}, [S(1)], note="vocabulary given as a file path")
c("slookup_vocab_file_missing_err", "StringLookup", {"vocabulary": "/work/scratch/kref15/data/nope.txt"}, [S(1)])
c("slookup_tfidf_no_weights_err", "StringLookup", {"vocabulary": VOCAB, "output_mode": "tf_idf"}, [S(5)])
c("slookup_bad_mode_err", "StringLookup", {"vocabulary": VOCAB, "output_mode": "embedding"}, [S(5)])
c("slookup_pad_no_max_err", "StringLookup", {"vocabulary": VOCAB, "pad_to_max_tokens": True,
                                             "output_mode": "multi_hot"}, [S(5)])
c("slookup_dup_vocab_err", "StringLookup", {"vocabulary": ["a", "b", "a"]}, [S(5)])
c("slookup_invert_onehot_err", "StringLookup", {"vocabulary": VOCAB, "invert": True, "output_mode": "one_hot"},
  [I(3)])
c("slookup_max_lt_vocab_err", "StringLookup", {"vocabulary": VOCAB, "max_tokens": 3}, [S(5)])
c("slookup_idf_without_tfidf_err", "StringLookup", {"vocabulary": VOCAB, "idf_weights": [1, 1, 1, 1]}, [S(5)])

# ---------------------------------------------------------------- IntegerLookup
c("ilookup_int", "IntegerLookup", {"vocabulary": IVOCAB}, [I(3)])
c("ilookup_int_scalar", "IntegerLookup", {"vocabulary": IVOCAB}, [I()])
c("ilookup_int32_in", "IntegerLookup", {"vocabulary": IVOCAB}, [I(3, dtype="int32")])
c("ilookup_onehot", "IntegerLookup", {"vocabulary": IVOCAB, "output_mode": "one_hot"}, [I(1)])
c("ilookup_onehot_3", "IntegerLookup", {"vocabulary": IVOCAB, "output_mode": "one_hot"}, [I(3)])
c("ilookup_multihot", "IntegerLookup", {"vocabulary": IVOCAB, "output_mode": "multi_hot"}, [I(5)])
c("ilookup_count_mask", "IntegerLookup", {"vocabulary": IVOCAB, "output_mode": "count", "mask_token": 0},
  [I(5)])
c("ilookup_tfidf", "IntegerLookup", {"vocabulary": IVOCAB, "output_mode": "tf_idf",
                                      "idf_weights": [0.5, 0.25, 0.2, 0.125]}, [I(5)])
c("ilookup_oov2", "IntegerLookup", {"vocabulary": IVOCAB, "num_oov_indices": 2, "output_mode": "multi_hot"},
  [I(5)])
c("ilookup_pad_max", "IntegerLookup", {"vocabulary": IVOCAB, "max_tokens": 8, "pad_to_max_tokens": True,
                                        "output_mode": "count"}, [I(5)])
c("ilookup_vocab_dtype32", "IntegerLookup", {"vocabulary": IVOCAB, "vocabulary_dtype": "int32"},
  [I(3, dtype="int32")])
c("ilookup_invert", "IntegerLookup", {"vocabulary": IVOCAB, "invert": True}, [I(3)])
c("ilookup_adapted", "IntegerLookup", {"output_mode": "multi_hot"}, [I(4)],
  adapt={"data": [1, 2, 2, 3, 3, 3, 7], "dtype": "int64"})
c("ilookup_sparse", "IntegerLookup", {"vocabulary": IVOCAB, "output_mode": "count", "sparse": True}, [I(5)],
  eager=False)
c("ilookup_float_in", "IntegerLookup", {"vocabulary": IVOCAB}, [F(3)])
c("ilookup_bad_vocab_dtype_err", "IntegerLookup", {"vocabulary": IVOCAB, "vocabulary_dtype": "float32"}, [I(3)])
c("ilookup_mask_in_vocab_err", "IntegerLookup", {"vocabulary": [0, 1, 2], "mask_token": 0}, [I(3)])
c("ilookup_neg_oov_err", "IntegerLookup", {"vocabulary": IVOCAB, "num_oov_indices": -1}, [I(3)])

# ---------------------------------------------------------------- TextVectorization
c("tv_int_default", "TextVectorization", {"vocabulary": ["the", "quick", "fox"]}, [S()])
c("tv_int_seq5", "TextVectorization", {"vocabulary": ["the", "quick", "fox"], "output_sequence_length": 5}, [S()])
c("tv_int_seq5_r2", "TextVectorization", {"vocabulary": ["the", "quick", "fox"], "output_sequence_length": 5},
  [S(1)])
c("tv_int_r2_nolen", "TextVectorization", {"vocabulary": ["the", "quick", "fox"]}, [S(1)])
c("tv_multihot", "TextVectorization", {"vocabulary": ["the", "quick", "fox"], "output_mode": "multi_hot"}, [S()])
c("tv_multihot_r2", "TextVectorization", {"vocabulary": ["the", "quick", "fox"], "output_mode": "multi_hot"},
  [S(1)])
c("tv_count", "TextVectorization", {"vocabulary": ["the", "quick", "fox"], "output_mode": "count"}, [S()])
c("tv_tfidf", "TextVectorization", {"vocabulary": ["the", "quick", "fox"], "output_mode": "tf_idf",
                                    "idf_weights": [0.3, 0.5, 0.7]}, [S()])
c("tv_tfidf_r2", "TextVectorization", {"vocabulary": ["the", "quick", "fox"], "output_mode": "tf_idf",
                                       "idf_weights": [0.3, 0.5, 0.7]}, [S(1)])
c("tv_pad_max", "TextVectorization", {"vocabulary": ["the", "quick", "fox"], "max_tokens": 20,
                                      "pad_to_max_tokens": True, "output_mode": "multi_hot"}, [S()])
c("tv_max_no_pad", "TextVectorization", {"vocabulary": ["the", "quick", "fox"], "max_tokens": 20,
                                         "output_mode": "count"}, [S()])
c("tv_split_none_int", "TextVectorization", {"vocabulary": ["the fox", "a dog"], "split": None,
                                             "output_sequence_length": 1}, [S(1)])
c("tv_split_none_multihot", "TextVectorization", {"vocabulary": ["the fox", "a dog"], "split": None,
                                                  "output_mode": "multi_hot"}, [S()])
c("tv_split_char", "TextVectorization", {"vocabulary": ["a", "b", "c"], "split": "character",
                                         "output_sequence_length": 8}, [S()])
c("tv_ngrams2", "TextVectorization", {"vocabulary": ["the", "fox", "the fox"], "ngrams": 2,
                                      "output_mode": "multi_hot"}, [S()])
c("tv_ngrams_int", "TextVectorization", {"vocabulary": ["the", "fox", "the fox"], "ngrams": [1, 2]}, [S()])
c("tv_ragged", "TextVectorization", {"vocabulary": ["the", "quick", "fox"], "ragged": True}, [S()], eager=False)
c("tv_sparse", "TextVectorization", {"vocabulary": ["the", "quick", "fox"], "output_mode": "multi_hot",
                                     "sparse": True}, [S()], eager=False)
c("tv_adapted_int", "TextVectorization", {"max_tokens": 50, "output_sequence_length": 6}, [S()],
  adapt={"data": TEXTS, "dtype": "string"})
c("tv_adapted_tfidf", "TextVectorization", {"output_mode": "tf_idf"}, [S()],
  adapt={"data": TEXTS, "dtype": "string"})
c("tv_adapted_multihot_max", "TextVectorization", {"max_tokens": 4, "output_mode": "multi_hot"}, [S()],
  adapt={"data": TEXTS, "dtype": "string"})
c("tv_no_vocab_multihot", "TextVectorization", {"output_mode": "multi_hot"}, [S()])
c("tv_standardize_none", "TextVectorization", {"vocabulary": ["The", "fox"], "standardize": None,
                                               "output_sequence_length": 4}, [S()])
c("tv_r3_input", "TextVectorization", {"vocabulary": ["the", "quick", "fox"], "output_sequence_length": 4},
  [S(2, 1)])
c("tv_vocab_file", "TextVectorization", {"vocabulary": "/work/scratch/kref15/data/tv_vocab.txt",
                                         "output_sequence_length": 4}, [S()], note="vocabulary given as a file path")
c("tv_onehot_err", "TextVectorization", {"vocabulary": ["the"], "output_mode": "one_hot"}, [S()])
c("tv_seqlen_multihot_err", "TextVectorization", {"vocabulary": ["the"], "output_mode": "multi_hot",
                                                  "output_sequence_length": 4}, [S()])
c("tv_ragged_multihot_err", "TextVectorization", {"vocabulary": ["the"], "output_mode": "multi_hot",
                                                  "ragged": True}, [S()])
c("tv_pad_no_max_err", "TextVectorization", {"vocabulary": ["the"], "output_mode": "multi_hot",
                                             "pad_to_max_tokens": True}, [S()])
c("tv_bad_split_err", "TextVectorization", {"vocabulary": ["the"], "split": "comma"}, [S()])
c("tv_ngrams0_err", "TextVectorization", {"vocabulary": ["the"], "ngrams": 0}, [S()])
c("tv_int_input", "TextVectorization", {"vocabulary": ["the"]}, [I()])

# ---------------------------------------------------------------- Hashing
c("hash_str_scalar", "Hashing", {"num_bins": 10}, [S()])
c("hash_str_r2", "Hashing", {"num_bins": 10}, [S(3)])
c("hash_int", "Hashing", {"num_bins": 7}, [I(3)])
c("hash_float_in", "Hashing", {"num_bins": 7}, [F(3)])
c("hash_onehot_1", "Hashing", {"num_bins": 5, "output_mode": "one_hot"}, [S(1)])
c("hash_onehot_3", "Hashing", {"num_bins": 5, "output_mode": "one_hot"}, [S(3)])
c("hash_onehot_scalar", "Hashing", {"num_bins": 5, "output_mode": "one_hot"}, [S()])
c("hash_multihot", "Hashing", {"num_bins": 5, "output_mode": "multi_hot"}, [S(3)])
c("hash_count_mask", "Hashing", {"num_bins": 5, "output_mode": "count", "mask_value": ""}, [S(3)])
c("hash_salt", "Hashing", {"num_bins": 5, "salt": 133}, [I(3)])
c("hash_salt_pair", "Hashing", {"num_bins": 5, "salt": [133, 137]}, [I(3)])
c("hash_sparse", "Hashing", {"num_bins": 5, "output_mode": "multi_hot", "sparse": True}, [S(3)], eager=False)
c("hash_dtype_policy", "Hashing", {"num_bins": 5, "output_mode": "multi_hot", "dtype": "float64"}, [S(3)])
c("hash_tfidf_err", "Hashing", {"num_bins": 5, "output_mode": "tf_idf"}, [S(3)])
c("hash_missing_err", "Hashing", {}, [S(3)])
c("hash_bins0_err", "Hashing", {"num_bins": 0}, [S(3)])
c("hash_sparse_int_err", "Hashing", {"num_bins": 5, "sparse": True}, [S(3)])

# ---------------------------------------------------------------- HashedCrossing
c("hcross_int", "HashedCrossing", {"num_bins": 10}, [I(), S()])
c("hcross_int_r2", "HashedCrossing", {"num_bins": 10}, [I(1), S(1)])
c("hcross_onehot", "HashedCrossing", {"num_bins": 10, "output_mode": "one_hot"}, [I(), S()])
c("hcross_onehot_r2", "HashedCrossing", {"num_bins": 10, "output_mode": "one_hot"}, [I(1), I(1)])
c("hcross_r3", "HashedCrossing", {"num_bins": 4}, [I(2, 3), I(2, 3)])
c("hcross_sparse", "HashedCrossing", {"num_bins": 10, "output_mode": "one_hot", "sparse": True}, [I(), S()],
  eager=False)
c("hcross_dtype", "HashedCrossing", {"num_bins": 10, "output_mode": "one_hot", "dtype": "float64"}, [I(), I()])
c("hcross_three_inputs", "HashedCrossing", {"num_bins": 10}, [I(), I(), I()])
c("hcross_single_input_err", "HashedCrossing", {"num_bins": 10}, [I()])
c("hcross_mismatch_err", "HashedCrossing", {"num_bins": 10}, [I(2), I(3)])
c("hcross_multihot_err", "HashedCrossing", {"num_bins": 10, "output_mode": "multi_hot"}, [I(), I()])

# ---------------------------------------------------------------- CategoryEncoding
c("catenc_multihot", "CategoryEncoding", {"num_tokens": 5}, [I(3, dtype="int32")])
c("catenc_multihot_scalar", "CategoryEncoding", {"num_tokens": 5}, [I(dtype="int32")])
c("catenc_onehot_scalar", "CategoryEncoding", {"num_tokens": 5, "output_mode": "one_hot"}, [I(dtype="int32")])
c("catenc_onehot_1", "CategoryEncoding", {"num_tokens": 5, "output_mode": "one_hot"}, [I(1, dtype="int32")])
c("catenc_onehot_3", "CategoryEncoding", {"num_tokens": 5, "output_mode": "one_hot"}, [I(3, dtype="int32")])
c("catenc_count", "CategoryEncoding", {"num_tokens": 5, "output_mode": "count"}, [I(3, dtype="int32")])
c("catenc_r3", "CategoryEncoding", {"num_tokens": 5}, [I(2, 3, dtype="int32")])
c("catenc_onehot_r3", "CategoryEncoding", {"num_tokens": 5, "output_mode": "one_hot"}, [I(2, 3, dtype="int32")])
c("catenc_sparse", "CategoryEncoding", {"num_tokens": 5, "sparse": True}, [I(3, dtype="int32")], eager=False)
c("catenc_float_in", "CategoryEncoding", {"num_tokens": 5}, [F(3)])
c("catenc_none_len", "CategoryEncoding", {"num_tokens": 5}, [I(None, dtype="int32")])
c("catenc_f16_policy", "CategoryEncoding", {"num_tokens": 5, "dtype": "mixed_float16"}, [I(3, dtype="int32")])
c("catenc_int_policy", "CategoryEncoding", {"num_tokens": 5, "dtype": "int32"}, [I(3, dtype="int32")])
c("catenc_missing_err", "CategoryEncoding", {}, [I(3, dtype="int32")])
c("catenc_bad_mode_err", "CategoryEncoding", {"num_tokens": 5, "output_mode": "tf_idf"}, [I(3, dtype="int32")])
c("catenc_zero_tokens_err", "CategoryEncoding", {"num_tokens": 0}, [I(3, dtype="int32")])

# ---------------------------------------------------------------- Discretization
c("disc_int", "Discretization", {"bin_boundaries": [0.0, 1.0, 2.0]}, [F(3)], eager_range=[-1, 3])
c("disc_int_scalar", "Discretization", {"bin_boundaries": [0.0, 1.0, 2.0]}, [F()], eager_range=[-1, 3])
c("disc_int_r3", "Discretization", {"bin_boundaries": [0.0, 1.0, 2.0]}, [F(2, 3)], eager_range=[-1, 3])
c("disc_onehot_1", "Discretization", {"bin_boundaries": [0.0, 1.0, 2.0], "output_mode": "one_hot"}, [F(1)],
  eager_range=[-1, 3])
c("disc_onehot_3", "Discretization", {"bin_boundaries": [0.0, 1.0, 2.0], "output_mode": "one_hot"}, [F(3)],
  eager_range=[-1, 3])
c("disc_multihot", "Discretization", {"bin_boundaries": [0.0, 1.0, 2.0], "output_mode": "multi_hot"}, [F(3)],
  eager_range=[-1, 3])
c("disc_multihot_r3", "Discretization", {"bin_boundaries": [0.0, 1.0, 2.0], "output_mode": "multi_hot"},
  [F(2, 3)], eager_range=[-1, 3])
c("disc_count", "Discretization", {"bin_boundaries": [0.0, 1.0, 2.0], "output_mode": "count"}, [F(5)],
  eager_range=[-1, 3])
c("disc_count_scalar", "Discretization", {"bin_boundaries": [0.0, 1.0, 2.0], "output_mode": "count"}, [F()],
  eager_range=[-1, 3])
c("disc_sparse", "Discretization", {"bin_boundaries": [0.0, 1.0], "output_mode": "multi_hot", "sparse": True},
  [F(3)], eager=False)
c("disc_adapted", "Discretization", {"num_bins": 4}, [F(3)], adapt={"data": [0.1, 0.4, 0.5, 0.9, 1.5, 2.0, 3.3]})
c("disc_adapted_onehot", "Discretization", {"num_bins": 4, "output_mode": "one_hot"}, [F(1)],
  adapt={"data": [0.1, 0.4, 0.5, 0.9, 1.5, 2.0, 3.3]})
c("disc_num_bins_not_adapted", "Discretization", {"num_bins": 4, "output_mode": "multi_hot"}, [F(3)])
c("disc_int_input", "Discretization", {"bin_boundaries": [0.0, 1.0, 2.0]}, [I(3, dtype="int32")])
c("disc_dtype_int32", "Discretization", {"bin_boundaries": [0.0, 1.0], "dtype": "int32"}, [F(3)])
c("disc_both_err", "Discretization", {"bin_boundaries": [0.0, 1.0], "num_bins": 3}, [F(3)])
c("disc_neither_err", "Discretization", {}, [F(3)])
c("disc_bad_mode_err", "Discretization", {"bin_boundaries": [0.0], "output_mode": "tf_idf"}, [F(3)])
c("disc_sparse_int_err", "Discretization", {"bin_boundaries": [0.0], "sparse": True}, [F(3)])


# Ids renamed after the first run so that an "_err" suffix means exactly "Keras raised"
# (suffix "_accepted": a case expected to fail that Keras accepts symbolically).
RENAME = {'rflip_bad_mode_err': 'rflip_bad_mode_accepted', 'rflip_rank2_in_err': 'rflip_rank2_in_accepted', 'rrot_factor_gt1': 'rrot_factor_gt1_err', 'rcrop_bbox_dict': 'rcrop_bbox_dict_err', 'rcolordeg_rank3_in': 'rcolordeg_rank3_in_err', 'rcolordeg_rank5_in': 'rcolordeg_rank5_in_err', 'equal_factor_kw_err': 'equal_factor_kw_accepted', 'clahe_bad_tiles_err': 'clahe_bad_tiles_accepted', 'relastic_bad_fill_err': 'relastic_bad_fill_accepted', 'rerase_scale_gt1_err': 'rerase_scale_gt1_accepted', 'pipeline_empty': 'pipeline_empty_err', 'lambda_output_shape': 'lambda_output_shape_err', 'torchwrap_linear': 'torchwrap_linear_err', 'torchwrap_conv': 'torchwrap_conv_err', 'torchwrap_lazy': 'torchwrap_lazy_err', 'torchwrap_seq': 'torchwrap_seq_err', 'einsum_abc_cd_seq_mismatch': 'einsum_abc_cd_seq_mismatch_err', 'einsum_kernel_first': 'einsum_kernel_first_err', 'slookup_sparse': 'slookup_sparse_err', 'ilookup_vocab_dtype32': 'ilookup_vocab_dtype32_err', 'ilookup_sparse': 'ilookup_sparse_err', 'tv_ngrams_int': 'tv_ngrams_int_err', 'tv_ragged': 'tv_ragged_err', 'tv_sparse': 'tv_sparse_err', 'tv_onehot_err': 'tv_onehot_accepted', 'tv_ngrams0_err': 'tv_ngrams0_accepted', 'hcross_sparse': 'hcross_sparse_err', 'hcross_three_inputs': 'hcross_three_inputs_err', 'disc_sparse': 'disc_sparse_err', 'rnn_stateful_nobatch': 'rnn_stateful_nobatch_err', 'cell_gru_dropout_gt1_err': 'cell_gru_dropout_gt1_accepted', 'stacked_direct_flat_states': 'stacked_direct_flat_states_err', 'specnorm_embedding_err': 'specnorm_embedding_accepted', 'specnorm_depthwise_err': 'specnorm_depthwise_accepted', 'mel_bad_window_err': 'mel_bad_window_accepted'}


def apply_renames(cases):
    for x in cases:
        x["id"] = RENAME.get(x["id"], x["id"])


if __name__ == "__main__":
    apply_renames(CASES)
    ids = [x["id"] for x in CASES]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    json.dump(CASES, open("cases_lookup.json", "w"), indent=1)
    print(len(CASES), "cases")

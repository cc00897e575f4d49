"""Keras 3's lookup and text layers, case by case (tests/catalog/keras_cases_lookup.json):
StringLookup, IntegerLookup, TextVectorization, Hashing, HashedCrossing, CategoryEncoding,
Discretization; plus what single cases cannot show (golden/keras/augment_lookup_facts.json)."""

from __future__ import annotations

import gzip

import pytest

import archcalc
from tests.catalog.keras_cases import (
    Case,
    check_built,
    keras_tests,
    load_cases,
    output_dtype_test,
)
from tests.conftest import ROOT

CASES = {c["id"]: c for c in load_cases("lookup")}

RUNS = "Keras reports a shape for it, but the layer fails as soon as it runs"
DEVIATIONS = {
    "tv_onehot_accepted": (
        f"TextVectorization output_mode one_hot: {RUNS} ('Invalid dtype: object')",
        "TextVectorization with output_mode one_hot fails when it runs",
    ),
    "hcross_r3": (
        f"HashedCrossing on (None, 2, 3) inputs: {RUNS}",
        "takes inputs of shape (batch,) or (batch, 1), got (None, 2, 3)",
    ),
}

ADAPTED = "the vocabulary comes from adapt() on data; its saved config is checked below"
FILE = "a vocabulary file, which archcalc never opens; its saved config is checked below"
UNREPRESENTABLE = {
    **{i: ADAPTED for i in ("slookup_adapted_onehot", "slookup_adapted_max", "ilookup_adapted")},
    **{i: ADAPTED for i in ("tv_adapted_tfidf", "tv_adapted_multihot_max")},
    "slookup_vocab_file": FILE,
    "slookup_vocab_file_missing_err": "whether a vocabulary file exists: archcalc never opens it",
    "tv_ngrams_int_err": (
        "Keras's constructor takes ngrams as a tuple and refuses the list [1, 2], which its "
        "from_config accepts (a saved config holds a list): a spec cannot write a tuple"
    ),
    "disc_both_err": (
        "Keras's constructor refuses bin_boundaries with num_bins, which its from_config "
        "accepts (an adapted layer's saved config holds both): archcalc reads the saved form"
    ),
}
RELOADED = {
    "tv_no_vocab_multihot": (
        "an un-adapted TextVectorization saves the size of its empty vocabulary, which Keras "
        "reloads as the depth (test_reloaded_configs)"
    )
}

MESSAGES = {
    "slookup_sparse_err": "sparse: true works only with the TensorFlow backend",
    "slookup_tfidf_no_weights_err": "tf_idf with a vocabulary needs idf_weights",
    "slookup_bad_mode_err": "output_mode must be one of 'int', 'one_hot', 'multi_hot', 'count'",
    "slookup_pad_no_max_err": "pad_to_max_tokens needs max_tokens",
    "slookup_dup_vocab_err": "vocabulary repeats a",
    "slookup_invert_onehot_err": "invert needs output_mode int",
    "slookup_max_lt_vocab_err": "the vocabulary has 5 tokens with the OOV and mask tokens, more",
    "slookup_idf_without_tfidf_err": "idf_weights is only for output_mode tf_idf, not int",
    "ilookup_vocab_dtype32_err": "vocabulary_dtype must be one of 'int64', got 'int32'",
    "ilookup_sparse_err": "sparse: true works only with the TensorFlow backend",
    "ilookup_bad_vocab_dtype_err": "vocabulary_dtype must be one of 'int64', got 'float32'",
    "ilookup_mask_in_vocab_err": "holds the mask token 0 after its start",
    "ilookup_neg_oov_err": "num_oov_indices must be a non-negative integer, got -1",
    "tv_ragged_err": "ragged: true works only with the TensorFlow backend",
    "tv_sparse_err": "sparse: true works only with the TensorFlow backend",
    "tv_seqlen_multihot_err": "output_sequence_length is only for output_mode int, not multi_hot",
    "tv_ragged_multihot_err": "ragged: true works only with the TensorFlow backend",
    "tv_pad_no_max_err": "pad_to_max_tokens needs max_tokens",
    "tv_bad_split_err": "split must be one of 'whitespace', 'character', got 'comma'",
    "hash_tfidf_err": "output_mode must be one of 'int', 'one_hot', 'multi_hot', 'count'",
    "hash_missing_err": "Hashing needs the argument 'num_bins'",
    "hash_bins0_err": "num_bins must be a positive integer, got 0",
    "hash_sparse_int_err": "sparse needs an encoding output_mode, not int",
    "hcross_sparse_err": "sparse: true works only with the TensorFlow backend",
    "hcross_three_inputs_err": "HashedCrossing takes 2 inputs, got 3",
    "hcross_single_input_err": "HashedCrossing takes 2 inputs, got 1",
    "hcross_mismatch_err": "takes two inputs of the same shape, got (None, 2) and (None, 3)",
    "hcross_multihot_err": "output_mode must be one of 'int', 'one_hot', got 'multi_hot'",
    "catenc_missing_err": "CategoryEncoding needs num_tokens",
    "catenc_bad_mode_err": "output_mode must be one of 'multi_hot', 'one_hot', 'count'",
    "catenc_zero_tokens_err": "num_tokens must be a positive integer, got 0",
    "disc_sparse_err": "sparse: true works only with the TensorFlow backend",
    "disc_neither_err": "Discretization needs bin_boundaries or num_bins",
    "disc_bad_mode_err": "output_mode must be one of 'int', 'one_hot', 'multi_hot', 'count'",
    "disc_sparse_int_err": "sparse: true works only with the TensorFlow backend",
}

test_case_matches_keras, test_keras_config_matches, test_annotations_name_real_cases = keras_tests(
    "lookup",
    deviations=DEVIATIONS,
    unrepresentable=UNREPRESENTABLE,
    messages=MESSAGES,
    reloaded=RELOADED,
)
test_output_dtype_matches_keras = output_dtype_test(
    "lookup", skip=[*DEVIATIONS, "slookup_vocab_file"]
)

SAVED = [c for c in CASES.values() if ("adapt" in c or "file path" in c.get("note", ""))]


@pytest.mark.parametrize("case", SAVED, ids=[c["id"] for c in SAVED])
def test_saved_config_of_an_adapted_layer(case: Case) -> None:
    """What a .keras file holds for an adapted layer (or one given a vocabulary file):
    ``vocabulary: null`` and ``vocabulary_size``, which give Keras's shape."""
    saved = {k: v for k, v in case["keras"]["get_config"].items() if k not in ("name", "trainable")}
    assert saved.get("vocabulary") is None or case["class"] == "Discretization"
    check_built({**case, "config": saved})


def test_a_vocabulary_file_needs_its_size() -> None:
    """archcalc never opens a file a model names: an encoding needs vocabulary_size with it."""
    text = (
        "inputs: {t: {shape: [1], dtype: string}}\nlayers:\n"
        "  - {type: StringLookup, vocabulary: /etc/passwd, output_mode: multi_hot}\n"
    )
    with pytest.raises(archcalc.ArchcalcError) as info:
        archcalc.load_text(text, "file.yaml")
    assert "vocabulary is a file path, which archcalc does not open" in str(info.value)
    assert "give vocabulary_size" in str(info.value)
    sized = text.replace("multi_hot}", "multi_hot, vocabulary_size: 7}")
    result = archcalc.infer(archcalc.load_text(sized, "file.yaml"))
    assert result.layers[-1].output_shapes == ((None, 7),)
    as_int = text.replace(", output_mode: multi_hot", "")
    assert archcalc.infer(archcalc.load_text(as_int, "file.yaml")).layers[-1].output_shapes == (
        (None, 1),
    )


def test_vocabulary_size_must_match_a_vocabulary() -> None:
    text = (
        "inputs: {t: {shape: [3], dtype: string}}\nlayers:\n"
        "  - {type: StringLookup, vocabulary: [a, b], vocabulary_size: 9, output_mode: count}\n"
    )
    with pytest.raises(archcalc.ArchcalcError) as info:
        archcalc.load_text(text, "size.yaml")
    # 2 tokens + 1 OOV token
    assert "vocabulary_size 9 does not match the vocabulary (3 tokens" in str(info.value)


ARCHIVES = ROOT / "tests/golden/keras/lookup_archives"


@pytest.mark.parametrize("name", sorted(p.name for p in ARCHIVES.iterdir() if p.is_dir()))
def test_saved_lookup_models_print_keras_summary(name: str, tmp_path) -> None:
    """Lookup and text models as model.save() wrote them (lookup_archives/INDEX.md): vocabulary
    lists, adapted vocabularies and vocabulary files, whose config holds vocabulary_size."""
    from archcalc.render.cells import TableOptions

    path = tmp_path / f"{name}.json"
    path.write_bytes(gzip.decompress((ARCHIVES / name / "config.json.gz").read_bytes()))
    result = archcalc.infer(archcalc.load(str(path)))
    got = archcalc.render_summary(result, TableOptions(terminal_columns=200))
    expected = (ARCHIVES / name / "summary-wide.txt").read_text(encoding="utf-8")
    assert got.rstrip("\n").splitlines() == expected.rstrip("\n").splitlines()


def test_invert_refuses_an_oov_token_inside_the_vocabulary() -> None:
    """Keras's set_vocabulary: with invert, the OOV token may only lead the list."""
    text = (
        "inputs: {t: {shape: [3], dtype: int64}}\nlayers:\n"
        "  - {type: StringLookup, vocabulary: [a, '[UNK]'], invert: true}\n"
    )
    with pytest.raises(archcalc.ArchcalcError) as info:
        archcalc.load_text(text, "invert.yaml")
    assert "holds the OOV token '[UNK]' after its start" in str(info.value)
    leading = text.replace("[a, '[UNK]']", "['[UNK]', a]")
    assert archcalc.infer(archcalc.load_text(leading)).layers[-1].output_shapes == ((None, 3),)

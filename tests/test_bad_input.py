"""Every class of bad input gets file:line:column, what is wrong, and what would be right.

Each row is a spec and the diagnostics expected: (line, column, code, a
fragment of the message). Positions are 1-based, of the offending YAML node.
"""

from __future__ import annotations

import pytest

import archcalc
from archcalc.diagnostics import ArchcalcError

HEAD = "inputs: {x: [28, 28, 1]}\nlayers:\n"

CASES = {
    "yaml-syntax": ("inputs: {x: [4]\nlayers: []\n", [(2, 1, "yaml-syntax", "YAML syntax error")]),
    "yaml-tab": ("inputs:\n\tx: [4]\n", [(2, 1, "yaml-syntax", "YAML syntax error")]),
    "empty": ("", [(1, 1, "empty-spec", "the file is empty")]),
    "comment-only": ("# nothing here\n", [(1, 1, "empty-spec", "the file is empty")]),
    "top-level-list": ("- a\n- b\n", [(1, 1, "invalid-spec", "document is a list")]),
    "top-level-scalar": ("hello\n", [(1, 1, "invalid-spec", "document is the string 'hello'")]),
    "unknown-top-key": (
        "inputs: {x: [4]}\nlayer:\n  - {type: Dense, units: 2}\n",
        [
            (2, 1, "unknown-key", "did you mean 'layers'?"),
            (1, 1, "missing-layers", "needs 'layers:'"),
        ],
    ),
    "layers-not-list": (
        "inputs: {x: [4]}\nlayers: {type: Dense}\n",
        [(2, 9, "missing-layers", "got a mapping")],
    ),
    "layer-not-mapping": (
        "inputs: {x: [4]}\nlayers:\n  - Dense\n",
        [(3, 5, "invalid-layer", "must be a mapping such as {type: Dense, units: 8}")],
    ),
    "unknown-type": (
        HEAD + "  - {type: Conv2d, filters: 8, kernel_size: 3}\n",
        [(3, 12, "unknown-layer-type", "did you mean 'Conv2D'?")],
    ),
    "missing-type": (HEAD + "  - {filters: 8}\n", [(3, 5, "missing-type", "has no 'type'")]),
    "unknown-argument": (
        HEAD + "  - {type: Conv2D, filtres: 8, kernel_size: 3}\n",
        # one problem, one message: the misspelling, not also a missing 'filters'
        [(3, "filtres", "unknown-argument", "did you mean 'filters'?")],
    ),
    "missing-argument": (
        HEAD + "  - {type: Flatten}\n  - {type: Dense}\n",
        [(4, 5, "invalid-argument", "Dense needs the argument 'units'")],
    ),
    "zero-units": (
        HEAD + "  - {type: Flatten}\n  - {type: Dense, units: 0}\n",
        [(4, 26, "invalid-argument", "units must be a positive integer, got 0")],
    ),
    "negative-units": (
        HEAD + "  - {type: Flatten}\n  - {type: Dense, units: -3}\n",
        [(4, 26, "invalid-argument", "got -3")],
    ),
    "string-units": (
        HEAD + "  - {type: Flatten}\n  - {type: Dense, units: ten}\n",
        [(4, 26, "invalid-argument", "got 'ten'")],
    ),
    "float-units": (
        HEAD + "  - {type: Flatten}\n  - {type: Dense, units: 8.5}\n",
        [(4, 26, "invalid-argument", "got 8.5")],
    ),
    "zero-strides": (
        HEAD + "  - {type: Conv2D, filters: 8, kernel_size: 3, strides: 0}\n",
        [(3, "0}", "invalid-argument", "strides must be a positive integer or a list of 2")],
    ),
    "zero-pool": (
        HEAD + "  - {type: MaxPooling2D, pool_size: 0}\n",
        [(3, 37, "invalid-argument", "pool_size must be")],
    ),
    "tuple-length": (
        HEAD + "  - {type: Conv2D, filters: 8, kernel_size: [3, 3, 3]}\n",
        [(3, 45, "invalid-argument", "a list of 2 positive integers, got [3, 3, 3]")],
    ),
    "bad-padding": (
        HEAD + "  - {type: Conv2D, filters: 8, kernel_size: 3, padding: causal}\n",
        [(3, "causal", "invalid-argument", "padding must be one of 'valid', 'same'")],
    ),
    "pool-padding-case": (
        HEAD + "  - {type: MaxPooling2D, padding: SAME}\n",
        [(3, 35, "invalid-argument", "did you mean 'same'?")],
    ),
    "bad-activation": (
        HEAD + "  - {type: Conv2D, filters: 8, kernel_size: 3, activation: rleu}\n",
        [(3, "rleu", "invalid-argument", "unknown activation 'rleu' (did you mean 'relu'?)")],
    ),
    "groups": (
        HEAD + "  - {type: Conv2D, filters: 30, kernel_size: 3, groups: 4}\n",
        [(3, "4}", "invalid-argument", "filters (30) must be divisible by groups (4)")],
    ),
    "strides-and-dilation": (
        HEAD + "  - {type: Conv2D, filters: 8, kernel_size: 3, strides: 2, dilation_rate: 2}\n",
        [(3, "2, dilation", "invalid-argument", "cannot be combined with dilation_rate")],
    ),
    "unknown-reference": (
        HEAD + "  - {name: a, type: Flatten}\n  - {type: Dense, units: 2, inputs: flatt}\n",
        [(4, 37, "unknown-reference", "no layer or input named 'flatt'")],
    ),
    "unknown-reference-hint": (
        HEAD + "  - {name: flat, type: Flatten}\n  - {type: Dense, units: 2, inputs: flatt}\n",
        [(4, 37, "unknown-reference", "(did you mean 'flat'?)")],
    ),
    "malformed-reference": (
        HEAD + "  - {name: z, type: Flatten}\n  - {type: Dense, units: 2, inputs: 'z[a]'}\n",
        [(4, 37, "unknown-reference", "named 'z[a]'; a reference is NAME or NAME[INDEX], where")],
    ),
    "unknown-mask": (
        HEAD + "  - {name: z, type: Flatten}\n  - {type: Dense, units: 2, mask: zz}\n",
        [(4, "zz", "unknown-reference", "no layer or input named 'zz' (did you mean 'z'?)")],
    ),
    "mask-wrong-type": (
        HEAD + "  - {type: Dense, units: 2, mask: 3}\n",
        [(3, "3}", "invalid-reference", "mask must be a layer or input name, or a list of names")],
    ),
    "unknown-output": (
        HEAD + "  - {name: flat, type: Flatten}\noutputs: [flot]\n",
        [(4, 11, "unknown-reference", "outputs: there is no layer or input named 'flot'")],
    ),
    "inputs-wrong-type": (
        HEAD + "  - {type: Flatten, inputs: 3}\n",
        [(3, 29, "invalid-reference", "must be a layer or input name")],
    ),
    "inputs-empty": (
        HEAD + "  - {type: Flatten, inputs: []}\n",
        [(3, 29, "invalid-reference", "empty list")],
    ),
    "cycle": (
        "inputs: {a: [4]}\nlayers:\n  - {name: d1, type: Dense, units: 3, inputs: d2}\n"
        "  - {name: d2, type: Dense, units: 3, inputs: d1}\n  - {name: out, type: Dense, units: 1, inputs: d2}\n",
        [(3, 5, "cycle", "d1 -> d2 -> d1")],
    ),
    "self-cycle": (
        "inputs: {a: [4]}\nlayers:\n  - {name: d1, type: Dense, units: 3, inputs: d1}\n",
        [(3, 5, "cycle", "d1 -> d1")],
    ),
    "duplicate-name": (
        HEAD + "  - {name: f, type: Flatten}\n  - {name: f, type: Dense, units: 2}\n",
        [(4, 5, "duplicate-name", "the name 'f' is already used by line 3")],
    ),
    "duplicate-auto-name": (
        HEAD + "  - {name: flatten, type: Flatten}\n  - {type: Flatten}\n",
        [(4, 5, "duplicate-name", "'flatten' (its auto-generated name) is already used")],
    ),
    "name-equals-input": (
        HEAD + "  - {name: x, type: Flatten}\n",
        [(3, 5, "duplicate-name", "already used by the inputs")],
    ),
    "duplicate-key": (
        HEAD + "  - {type: Flatten, type: Dense}\n",
        [(3, "type: Dense", "duplicate-key", "duplicate key 'type'")],
    ),
    "concat-mismatch": (
        "inputs: {a: [3, 4], b: [5, 6]}\nlayers:\n  - {name: c, type: Concatenate, inputs: [a, b]}\n",
        [(3, 5, "shape-error", "axis 1 differs: (None, 3, 4), (None, 5, 6)")],
    ),
    "concat-rank": (
        "inputs: {a: [4], b: [6, 2]}\nlayers:\n  - {name: c, type: Concatenate, inputs: [a, b]}\n",
        [(3, 5, "shape-error", "same rank")],
    ),
    "kernel-too-large": (
        "inputs: {x: [5, 5, 3]}\nlayers:\n  - {name: conv1, type: Conv2D, filters: 8, kernel_size: 3}\n"
        "  - {name: conv2, type: Conv2D, filters: 8, kernel_size: 7}\n",
        [
            (
                4,
                5,
                "shape-error",
                "conv2: kernel_size 7 is larger than the input (3) on axis 1 with padding 'valid'",
            )
        ],
    ),
    "pool-too-large": (
        HEAD + "  - {type: MaxPooling2D, pool_size: 30}\n",
        [(3, 5, "shape-error", "pool_size 30 is larger than the input (28)")],
    ),
    "dense-unknown-last-dim": (
        "inputs: {x: [null]}\nlayers:\n  - {name: d, type: Dense, units: 3}\n",
        [(3, 5, "shape-error", "d: the last dimension of the input (None, None) is unknown")],
    ),
    "conv-rank": (
        "inputs: {x: [28, 28]}\nlayers:\n  - {type: Conv2D, filters: 8, kernel_size: 3}\n",
        [(3, 5, "shape-error", "expects inputs of rank 4")],
    ),
    "dense-two-inputs": (
        "inputs: {a: [4], b: [4]}\nlayers:\n  - {type: Dense, units: 2, inputs: [a, b]}\n",
        [(3, 5, "input-count", "Dense takes 1 input, got 2 (a, b)")],
    ),
    "zero-dim": (
        "inputs: {x: [0, 3]}\nlayers:\n  - {type: Flatten}\n",
        [(1, 14, "invalid-shape", "sizes must be positive")],
    ),
    "string-dim": (
        "inputs: {x: [a, 3]}\nlayers:\n  - {type: Flatten}\n",
        [(1, 14, "invalid-shape", "the string 'a' is not a size")],
    ),
    "shape-string": (
        "inputs: {x: '28x28'}\nlayers:\n  - {type: Flatten}\n",
        [(1, 13, "invalid-shape", "a shape is a list of sizes")],
    ),
    "inputs-list": (
        "inputs: [28, 28]\nlayers:\n  - {type: Flatten}\n",
        [(1, 9, "invalid-inputs", "inputs must be a mapping")],
    ),
    "no-inputs": (
        "layers:\n  - {type: Dense, units: 2}\n",
        [(1, 1, "missing-inputs", "the model has no input")],
    ),
    "two-inputs-implicit": (
        "inputs: {a: [4], b: [4]}\nlayers:\n  - {type: Dense, units: 2}\n",
        [(3, 5, "ambiguous-input", "there are 2 inputs (a, b); say which with inputs:")],
    ),
    "input-shape-not-first": (
        "layers:\n  - {type: Dense, units: 2, input_shape: [3]}\n  - {type: Dense, units: 2, input_shape: [3]}\n",
        [(3, "input_shape", "misplaced-input-shape", "only read on the first layer")],
    ),
    "inputs-twice": (
        "inputs: {a: [3]}\nlayers:\n  - {type: Dense, units: 2, input_shape: [3]}\n",
        [(3, "input_shape", "duplicate-input", "given twice")],
    ),
    "python-tag": (
        "inputs: !!python/object/apply:os.system ['echo hi']\nlayers: []\n",
        [(1, 9, "yaml-tag", "'!!python/object/apply:os.system' is not allowed")],
    ),
    "custom-tag": (
        "inputs: {x: !shape [4]}\nlayers: []\n",
        [(1, 13, "yaml-tag", "'!shape' is not allowed")],
    ),
    "binary-tag": (
        "name: !!binary aGVsbG8=\nlayers: []\n",
        [(1, 7, "yaml-tag", "'!!binary' is not allowed")],
    ),
    "two-documents": (
        "inputs: {x: [4]}\n---\nlayers: []\n",
        [(2, 1, "yaml-multiple-documents", "second one starts here")],
    ),
    "trainable-not-bool": (
        HEAD + "  - {type: Flatten, trainable: 'no'}\n",
        [(3, 32, "invalid-argument", "trainable must be true or false")],
    ),
    "name-not-string": (
        HEAD + "  - {type: Flatten, name: 3}\n",
        [(3, 27, "invalid-name", "non-empty string")],
    ),
    "name-with-slash": (
        HEAD + "  - {type: Flatten, name: a/b}\n",
        [(3, 27, "invalid-name", "contains '/'")],
    ),
    "share-with-args": (
        "inputs: {a: [4], b: [4]}\nlayers:\n  - {name: d, type: Dense, units: 2, inputs: a}\n"
        "  - {name: d2, share: d, units: 3, inputs: b}\n",
        [(4, "units", "share-argument", "arguments belong to the shared layer 'd'")],
    ),
    "share-unknown": (
        "inputs: {a: [4], b: [4]}\nlayers:\n  - {name: d, type: Dense, units: 2, inputs: a}\n"
        "  - {name: d2, share: dd, inputs: b}\n",
        [(4, "dd,", "unknown-reference", "(did you mean 'd'?)")],
    ),
    "merge-without-inputs": (
        "inputs: {x: [4]}\nlayers:\n  - {type: Dense, units: 8}\n  - {type: Add}\n",
        [(4, 5, "missing-inputs", "add: Add combines several tensors, so it needs 'inputs:'")],
    ),
    "output-index": (
        HEAD + "  - {name: f, type: Flatten}\n  - {type: Dense, units: 2, inputs: 'f[1]'}\n",
        [(4, 5, "invalid-reference", "f[1] does not exist: f has 1 output(s)")],
    ),
    # Python habits (issue 16): what a Keras user types, and what to write instead
    "type-input": (
        HEAD + "  - {type: Input, shape: [4]}\n",
        [(3, 12, "unknown-layer-type", "inputs are declared under 'inputs:' at the top")],
    ),
    "tuple-block": (
        HEAD + "  - type: Conv2D\n    filters: 8\n    kernel_size: (3, 3)\n",
        [(5, 18, "invalid-argument", "YAML has no tuples: write a list, kernel_size: [3, 3]")],
    ),
    "tuple-flow": (
        HEAD + "  - {type: Conv2D, filters: 8, kernel_size: (3, 3)}\n",
        [
            (
                3,
                "(3",
                "invalid-argument",
                "kernel_size looks like a Python tuple, (3, 3); YAML has no tuples and splits it at "
                "the comma inside { }: write a list, kernel_size: [3, 3]",
            )
        ],
    ),
    "tuple-flow-twice": (
        HEAD + "  - {type: Conv2D, filters: 8, kernel_size: (3, 3), strides: (3, 3)}\n",
        [(3, 66, "duplicate-key", "the end of a Python tuple such as (3, 3)")],
    ),
    "unquoted-reference": (
        "inputs: {x: [8, 4]}\nlayers:\n  - {type: LSTM, units: 4, return_state: true}\n"
        "  - {type: Dense, units: 2, inputs: lstm[1]}\n",
        [(4, 41, "yaml-syntax", "inside { } or [ ] must be quoted: 'lstm[1]'")],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input(case: str) -> None:
    text, expected = CASES[case]
    with pytest.raises(ArchcalcError) as info:
        archcalc.infer(archcalc.load_text(text, "model.yaml"))
    got = [(d.line, d.column, d.code, d.message) for d in info.value.diagnostics]
    assert len(got) == len(expected), got
    lines = text.splitlines()
    # A column may be given as a token: its 1-based position on that line.
    expected = [
        (ln, c if isinstance(c, int) else lines[ln - 1].index(c) + 1, code, frag)
        for ln, c, code, frag in expected
    ]
    for (line, col, code, fragment), d in zip(sorted(expected), sorted(got), strict=True):
        assert (d[0], d[1], d[2]) == (line, col, code), d
        assert fragment in d[3], d
    for d in info.value.diagnostics:
        assert d.path == "model.yaml"


def test_input_dtypes() -> None:
    """Input dtypes are Keras dtypes; a string input has no fixed size, so memory says so."""
    with pytest.raises(
        ArchcalcError, match=r"dtype must be a Keras dtype .* \(did you mean 'float32'\?\)"
    ):
        archcalc.load_text(
            "inputs: {x: {shape: [4], dtype: float33}}\nlayers: [{type: Dense, units: 2}]\n"
        )
    with pytest.raises(
        ArchcalcError, match="unknown dtype policy 'flaot16' \\(did you mean 'float16'\\?\\)"
    ):
        archcalc.load_text("inputs: {x: [4]}\nlayers: [{type: Dense, units: 2, dtype: flaot16}]\n")
    from archcalc.analysis import analyze

    result = archcalc.infer(
        archcalc.load_text(
            "inputs: {x: {shape: [4], dtype: string}}\nlayers: [{type: Dense, units: 2}]\n"
        )
    )
    memory = analyze(result).memory
    assert not memory.complete
    assert ("x", "its dtype string has no fixed size") in memory.unknown


def test_messages_for_common_slips(tmp_path, monkeypatch) -> None:
    with pytest.raises(
        ArchcalcError, match="needs 'layers:', a non-empty list of layers; got an empty list"
    ):
        archcalc.load_text("inputs: {x: [4]}\nlayers: []\n")
    with pytest.raises(ArchcalcError, match="YAML does not allow tabs for indentation, use spaces"):
        archcalc.load_text("inputs:\n\tx: [4]\n")
    deep = tmp_path / "deep.json"
    deep.write_text('{"a": ' + "[" * 3000 + "]" * 3000 + "}")
    with pytest.raises(
        ArchcalcError, match="nests deeper than 100 levels; raise ARCHCALC_MAX_YAML_DEPTH"
    ) as info:
        archcalc.load(str(deep))
    assert info.value.diagnostics[0].path == str(deep)
    monkeypatch.setenv("ARCHCALC_MAX_YAML_DEPTH", "abc")
    with pytest.raises(ArchcalcError, match="ARCHCALC_MAX_YAML_DEPTH: must be a positive integer"):
        archcalc.load_text("inputs: {x: [4]}\nlayers: [{type: Dense, units: 2}]\n")


def test_booleans_are_yaml_1_2() -> None:
    """Only true/false are booleans: a layer or input may be called 'no' or 'on'."""
    spec = archcalc.load_text("inputs: {on: [4]}\nlayers:\n  - {name: no, type: Dense, units: 2}\n")
    result = archcalc.infer(spec)
    (row,) = result.rows
    assert (row.name, row.calls[0].inputs) == ("no", ("on",))
    with pytest.raises(
        ArchcalcError,
        match=r"use_bias must be true or false, got 'no' \(specs are YAML 1.2: write true or false\)",
    ):
        archcalc.load_text("inputs: {x: [4]}\nlayers:\n  - {type: Dense, units: 2, use_bias: no}\n")
    with pytest.raises(
        ArchcalcError, match=r"trainable must be true or false, got 'off' \(specs are YAML 1.2"
    ):
        archcalc.load_text(
            "inputs: {x: [4]}\nlayers:\n  - {type: Dense, units: 2, trainable: off}\n"
        )
    assert archcalc.load_text(
        "inputs: {x: [4]}\nlayers:\n  - {type: Dense, units: 2, use_bias: False}\n"
    )


def test_ignored_keras_2_argument_is_a_warning() -> None:
    """Embedding(input_length=200): Keras 3 accepts and ignores it (with a warning); so does
    archcalc, saying so, and the shapes come from the input."""
    spec = archcalc.load_text(
        "inputs: {t: {shape: [200], dtype: int32}}\n"
        "layers:\n  - {type: Embedding, input_dim: 1000, output_dim: 8, input_length: 200}\n",
        "model.yaml",
    )
    (w,) = spec.warnings
    assert (w.line, w.column, w.code, str(w.severity)) == (3, 55, "ignored-argument", "warning")
    assert "input_length is a Keras 2 argument that Keras 3 ignores" in w.message
    assert archcalc.infer(spec).layers[-1].output_shapes == ((None, 200, 8),)

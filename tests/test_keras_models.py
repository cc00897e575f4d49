"""Real Keras 3 models, read from their configs, must print exactly what Keras printed.

tests/golden/keras/models/<model>/ holds, for each model, what Keras 3.15.1
wrote and printed in a fresh process (see INDEX.md there): ``config.json``
(``model.to_json()``), ``layers.json`` (per-layer name, class, output shape,
parameter split), and ``summary-*.txt`` (``model.summary()`` at COLUMNS=200
and at 80 columns, expanded, with show_trainable). The summaries were
captured through ``print_fn``, so they end with one extra blank line.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from pathlib import Path

import pytest

import archcalc
from archcalc.catalog import CATALOG
from archcalc.render.cells import TableOptions
from tests.conftest import KERAS

MODELS = KERAS / "models"
ALL = sorted(p.name for p in MODELS.iterdir() if (p / "config.json.gz").exists())
# Keras could not express these in a config (documented, not archcalc limitations):
# - unbuilt_sequential: never built, so there is no input shape to compute from;
# - layer_called_after_model: Keras shows the shape of a call made *outside* the model,
#   which the config does not record (archcalc shows the in-model call's shape).
# - state_wrong_units: Keras builds a model whose initial_state does not fit the LSTM (it never
#   checks the states) and fails only when it runs it; archcalc refuses it (test below).
NOT_COMPARABLE = {
    "unbuilt_sequential",
    "layer_called_after_model",
    "state_wrong_units",
}
# Layers whose config says trainable: false but whose weights Keras 3 counts as trainable
# (the flag never reaches the sublayers that own them). Keras's totals count them as
# trainable while its Trainable column says N and layer.trainable_weights is empty;
# archcalc follows the totals everywhere (row flag Y, per-layer split trainable) and warns.
TRAINABLE_LOST = {
    "frozen_ctor": {"mha", "gqa", "bidi", "td", "convlstm", "inner"},
    "frozen_rnn_cell": {"rnn_frozen"},
}


def keras_as_counted(model: str, line: str) -> str:
    """A Keras summary line with the Trainable cell of a TRAINABLE_LOST row as Keras counts it."""
    name = line[2:].split(" ", 1)[0]
    if name in TRAINABLE_LOST.get(model, ()):
        head, cell, tail = line.rpartition("     N     ")
        assert cell, line
        return head + "     Y     " + tail
    return line


def read(model: str, name: str) -> str:
    path = MODELS / model / name
    if path.exists():
        return path.read_text(encoding="utf-8")
    return gzip.decompress((MODELS / model / f"{name}.gz").read_bytes()).decode("utf-8")


def classes(node: object) -> set[str]:
    """Every class_name in a Keras config (layers, nested layers, nested models)."""
    found: set[str] = set()
    if isinstance(node, dict):
        if isinstance(node.get("class_name"), str) and isinstance(node.get("config"), dict):
            found.add(node["class_name"])
        for v in node.values():
            found |= classes(v)
    elif isinstance(node, list):
        for v in node:
            found |= classes(v)
    return found


NON_LAYERS = {"Functional", "Sequential", "Model", "InputLayer", "DTypePolicy", "__keras_tensor__"}


def missing_classes(model: str) -> set[str]:
    config = json.loads(read(model, "config.json"))
    layer_classes = {c for c in classes(config) if c[0].isupper()}
    # initializers/regularizers/constraints are not layers: only check keras.layers entries
    wanted: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            module = str(node.get("module") or "")
            # keras.ops nodes archcalc does not model are read from the file (keras_custom.py)
            if node.get("class_name") in layer_classes and module.startswith(
                ("keras.layers", "keras.src.applications")
            ):
                wanted.add(node["class_name"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(config)
    return {c for c in wanted if c not in CATALOG and c not in NON_LAYERS}


def load_model(model: str, tmp_path: Path) -> archcalc.InferenceResult:  # type: ignore[name-defined]
    path = tmp_path / f"{model}.json"
    path.write_text(read(model, "config.json"), encoding="utf-8")
    return archcalc.infer(archcalc.load(str(path)))


def needs_catalog(model: str) -> None:
    """Every layer class a comparable reference model uses is in the catalog."""
    assert not missing_classes(model), f"{model} uses layer classes archcalc lacks"


def archcalc_rows(result: archcalc.InferenceResult) -> list[tuple]:  # type: ignore[name-defined]
    """Name, class, output shapes and parameter split of every row, as layers.json has them."""
    return [
        (
            x.name,
            x.type,
            [list(s) for s in x.output_shapes],
            x.params,
            x.trainable_params,
            x.non_trainable_params,
        )
        for x in result.rows
    ]


def keras_rows(layers: list[dict], lost: Iterable[str] = ()) -> list[tuple]:
    """The same from Keras's layers.json; ``lost`` rows as Keras's totals count them."""
    out = []
    for x in layers:
        shape = x["output_shape"]
        shapes = shape if shape and isinstance(shape[0], list) else [shape]
        split = (x["trainable_params"], x["non_trainable_params"])
        if x["name"] in lost:
            split = (x["params"], 0)
        out.append((x["name"], x["class"], shapes, x["params"], *split))
    return out


def table_lines(text: str) -> list[str]:
    return text.rstrip("\n").splitlines()


@pytest.mark.parametrize("model", [m for m in ALL if m not in NOT_COMPARABLE])
def test_summary_equals_keras(model: str, tmp_path: Path) -> None:
    needs_catalog(model)
    result = load_model(model, tmp_path)
    for variant, columns in (("wide", 200), ("80", 80)):
        expected = read(model, f"summary-{variant}.txt")
        got = archcalc.render_summary(result, TableOptions(terminal_columns=columns))
        assert table_lines(got) == table_lines(expected), variant
    for variant, columns in (("expand", 200), ("expand-80", 80)):
        if (MODELS / model / f"summary-{variant}.txt").exists():
            expected = read(model, f"summary-{variant}.txt")
            got = archcalc.render_summary(
                result, TableOptions(terminal_columns=columns, expand_nested=True)
            )
            assert table_lines(got) == table_lines(expected), variant
    if (MODELS / model / "summary-trainable.txt").exists():
        expected = read(model, "summary-trainable.txt")
        got = archcalc.render_summary(
            result, TableOptions(terminal_columns=200, show_trainable=True)
        )
        expected_lines = [keras_as_counted(model, x) for x in table_lines(expected)]
        assert table_lines(got) == expected_lines, "trainable"


@pytest.mark.parametrize("model", [m for m in ALL if m not in NOT_COMPARABLE])
def test_layers_equal_keras(model: str, tmp_path: Path) -> None:
    """Name, class, output shape and the parameter split of every row, from Keras's layers.json."""
    needs_catalog(model)
    keras = json.loads(read(model, "layers.json"))
    result = load_model(model, tmp_path)
    assert archcalc_rows(result) == keras_rows(keras["layers"], TRAINABLE_LOST.get(model, ()))
    lost = {d.message.split(":")[0] for d in result.warnings if d.code == "trainable-lost"}
    assert lost == TRAINABLE_LOST.get(model, set())
    totals = keras["totals"]
    assert (result.total_params, result.trainable_params, result.non_trainable_params) == (
        totals["total"],
        totals["trainable"],
        totals["non_trainable"],
    )


@pytest.mark.parametrize("model", [m for m in ALL if m not in NOT_COMPARABLE])
def test_convert_round_trip(model: str, tmp_path: Path) -> None:
    """``archcalc convert`` writes a YAML spec that loads back to the same model."""
    needs_catalog(model)
    from archcalc.reader.writer import spec_to_yaml

    direct = load_model(model, tmp_path)
    path = tmp_path / f"{model}.json"
    text = spec_to_yaml(archcalc.load(str(path)))
    again = archcalc.infer(archcalc.load_text(text, f"{model}.yaml"))

    def rows(r: object) -> list[tuple[object, ...]]:
        return [
            (
                x.name,
                x.type,
                x.output_shapes,
                x.params,
                x.trainable_params,
                [c.connections for c in x.calls],
            )
            for x in r.rows  # type: ignore[attr-defined]
        ]

    assert rows(again) == rows(direct)
    assert again.name == direct.name
    assert again.sequential_like == direct.sequential_like
    assert archcalc.render_summary(again) == archcalc.render_summary(direct)
    # ... and `archcalc diff` sees no difference: Keras's serialised initializers, dtype
    # policies and 'linear' activations equal the converted spec's defaults.
    from archcalc.diff.compare import diff_results

    changed = [
        (x.name, x.changes) for x in diff_results(direct, again).layers if x.status != "unchanged"
    ]
    assert changed == []


@pytest.mark.parametrize(
    "model", ["seed_sequential", "siamese", "nested_sequential", "state_bidi_seq2seq"]
)
def test_keras_archive(model: str) -> None:
    """A .keras archive (the zip model.save() writes): only config.json is read."""
    result = archcalc.infer(archcalc.load(str(MODELS / model / "model.keras")))
    expected = read(model, "summary-wide.txt")
    assert table_lines(archcalc.render_summary(result)) == table_lines(expected)


def test_layer_called_outside_the_model(tmp_path: Path) -> None:
    """The config keeps only in-model calls: archcalc shows that call's shape (Keras: the last call's)."""
    keras = json.loads(read("layer_called_after_model", "layers.json"))
    d = keras["layers"][1]
    assert d["node_output_shapes"] == [[None, 4], [None, 3, 4]]  # in-model call first
    result = load_model("layer_called_after_model", tmp_path)
    assert result.layer("d").output_shapes == ((None, 4),)
    assert result.total_params == keras["totals"]["total"] == 8 * 4 + 4


def test_initial_state_that_does_not_fit_is_refused(tmp_path: Path) -> None:
    """Keras builds this model and prints its summary, but its LSTM(8) cannot run on an h of 4."""
    keras = json.loads(read("state_wrong_units", "layers.json"))
    assert keras["totals"]["total"] == 4 * 8 * (3 + 8 + 1)  # Keras built it: LSTM(8) on 3 features
    with pytest.raises(archcalc.ArchcalcError) as info:
        load_model("state_wrong_units", tmp_path)
    [d] = info.value.diagnostics
    assert d.message == (
        "lstm: initial_state[0] (h) has shape (None, 4), but the LSTM keeps 2 states, of shapes "
        "(None, 8) and (None, 8); Keras builds such a model (it does not check initial_state) "
        "but fails when it runs it"
    )
    assert d.line > 0


def test_unbuilt_sequential_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(archcalc.ArchcalcError) as info:
        load_model("unbuilt_sequential", tmp_path)
    assert "no input shape (it was never built)" in str(info.value)


def _with_refused_op(tmp_path: Path) -> Path:
    """transformer_encoder_ops with its zeros_like node turned into a keras.ops.cond node
    (control flow, whose output Keras traces from Python code), whose output shape the file
    still records."""
    config = json.loads(read("transformer_encoder_ops", "config.json"))
    for layer in config["config"]["layers"]:
        if layer["class_name"] == "ZerosLike":
            layer["class_name"] = layer["registered_name"] = "Cond"
            layer["module"] = "keras.src.ops.core"
    path = tmp_path / "ops.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


def test_an_op_archcalc_cannot_compute_is_opaque(tmp_path: Path) -> None:
    """keras.ops nodes are modelled (zeros_like, the + of a constant); an op whose output is
    traced from Python code (cond) is an opaque layer: its row from the shape the file
    records; an op holds no weights, so the row is exact and needs no warning."""
    result = load_model("transformer_encoder_ops", tmp_path)
    row = result.layer("zeros_like")
    assert (row.type, row.output_shapes, row.params) == ("ZerosLike", ((None, 200),), 0)
    assert not [d for d in result.warnings if d.code == "opaque-layer"]
    result = archcalc.infer(archcalc.load(str(_with_refused_op(tmp_path))))
    row = result.layer("zeros_like")
    assert (row.type, row.output_shapes, row.params) == ("Cond", ((None, 200),), 0)
    assert not [d for d in result.warnings if d.code == "opaque-layer"]


def test_convert_declares_unknown_layers_as_custom(tmp_path: Path, runner) -> None:
    """convert writes a node archcalc does not model as a custom layer, with the output shape
    the model records (here a keras.ops node of Keras's own model, which holds no weights)."""
    from archcalc.cli import main

    out = tmp_path / "ops.yaml"
    r = runner.invoke(main, ["convert", str(_with_refused_op(tmp_path)), "-o", str(out)])
    assert r.exit_code == 0, r.stderr
    assert r.stderr == ""  # nothing to fill in
    text = out.read_text()
    assert "{name: zeros_like, type: Cond, custom: {output_shape: [200], params: 0}" in text
    result = archcalc.infer(archcalc.load(str(out)))
    keras = json.loads(read("transformer_encoder_ops", "layers.json"))
    assert result.total_params == keras["totals"]["total"]  # the op holds no weights
    assert [x.name for x in result.rows] == [x["name"] for x in keras["layers"]]


def test_frozen_nested_model_freezes_its_rows(tmp_path: Path) -> None:
    """``backbone.trainable = False`` in Keras freezes every layer inside it: so do its expanded rows."""
    result = load_model("frozen_nested", tmp_path)
    backbone = result.layer("backbone")
    assert not backbone.trainable
    assert [(x.name, x.trainable, x.trainable_params) for x in backbone.children] == [
        ("bb_dense", False, 0),
        ("bb_bn", False, 0),
    ]
    # Dense(8) on 4 inputs: 4*8 + 8 = 40; BatchNormalization(8): 4*8 = 32 -> 72 frozen (Keras: 72)
    assert (
        sum(x.non_trainable_params for x in backbone.children) == 72 == result.non_trainable_params
    )
    table = archcalc.render_summary(result, TableOptions(expand_nested=True, show_trainable=True))
    assert [
        line.split("│")[-2].strip() for line in table.splitlines() if line.startswith("│    └")
    ] == ["N", "N"]


def test_convert_unwritable_output_is_exit_3(tmp_path: Path, runner) -> None:
    from archcalc.cli import main
    from tests.conftest import SPECS

    target = tmp_path / "missing" / "x.yaml"
    r = runner.invoke(main, ["convert", str(SPECS / "seed_conv.yaml"), "-o", str(target)])
    assert r.exit_code == 3
    assert r.stderr.strip() == f"archcalc convert: cannot write {target}: No such file or directory"


def test_a_hand_written_spec_with_a_mask_prints_what_keras_printed() -> None:
    """The mask Keras passes a GRU is an op row and a connection, never a shape."""
    spec = archcalc.load_text(
        "name: mask_gru\ninputs: {tok: {shape: [null], dtype: int32}}\nlayers:\n"
        "  - {name: emb, type: Embedding, input_dim: 50, output_dim: 4, mask_zero: true, inputs: tok}\n"
        "  - {type: NotEqual, args: [tok, 0]}\n"
        "  - {name: gru, type: GRU, units: 3, inputs: emb, mask: not_equal}\n"
    )
    got = archcalc.render_summary(archcalc.infer(spec), TableOptions(terminal_columns=200))
    assert table_lines(got) == table_lines(read("mask_gru", "summary-wide.txt"))


WITH_SPEC = [m for m in ALL if (MODELS / m / "spec.yaml").exists()]


@pytest.mark.parametrize("model", WITH_SPEC)
def test_hand_written_spec_prints_what_keras_printed(model: str) -> None:
    """A spec written by hand next to a reference model (masks left to archcalc) prints Keras's table."""
    result = archcalc.infer(archcalc.load(str(MODELS / model / "spec.yaml")))
    for variant, columns in (("wide", 200), ("80", 80)):
        got = archcalc.render_summary(result, TableOptions(terminal_columns=columns))
        assert table_lines(got) == table_lines(read(model, f"summary-{variant}.txt")), variant
    assert [w.code for w in result.warnings] == []


def test_masks_archcalc_cannot_follow_are_said() -> None:
    """A mask through a Concatenate: Keras adds ops archcalc does not model, so it warns."""
    result = archcalc.infer(
        archcalc.load_text(
            "inputs: {tok: {shape: [null], dtype: int32}}\nlayers:\n"
            "  - {name: emb, type: Embedding, input_dim: 9, output_dim: 2, mask_zero: true, inputs: tok}\n"
            "  - {name: both, type: Concatenate, inputs: [emb, emb]}\n"
            "  - {name: gru, type: GRU, units: 3}\n"
        )
    )
    assert [x.name for x in result.rows] == ["tok", "emb", "both", "gru"]
    (warning,) = result.warnings
    assert (warning.code, warning.line) == ("unwritten-mask", 3)
    assert "passes this layer's mask to gru" in warning.message

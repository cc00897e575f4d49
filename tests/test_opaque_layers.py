"""Layers archcalc cannot compute, read from what the Keras file records (no h5py needed).

tests/golden/keras/opaque/<model>/ holds what Keras 3.15.1 saved and printed for models with
custom layers, a Lambda and a TorchModuleWrapper (generators/opaque_models.py). Here: output
shapes from the file, parameters counted as 0 with a warning (the weights are read only with
--read-weights-shapes: tests/test_keras_weights.py), the refusal when nothing records a shape,
and convert's FILL_IN. tests/test_keras_weights.py runs the same models with h5py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import archcalc
from archcalc.cli import main
from tests.conftest import KERAS, ROOT

OPAQUE = KERAS / "opaque"


def keras_layers(model: str) -> list[dict]:
    return json.loads((OPAQUE / model / "layers.json").read_text())["layers"]


def archive(model: str) -> str:
    return str(OPAQUE / model / "model.keras")


@pytest.mark.parametrize("model", ["opaque_custom", "opaque_torch", "opaque_batchnorm"])
def test_shapes_come_from_the_file(model: str) -> None:
    result = archcalc.infer(archcalc.load(archive(model)))
    keras = keras_layers(model)
    assert [(x.name, x.type, [list(s) for s in x.output_shapes]) for x in result.rows] == [
        (x["name"], x["class"], x["output_shape"]) for x in keras
    ]
    opaque = {d.message.split(":", 1)[0] for d in result.warnings if d.code == "opaque-layer"}
    custom = {x["name"] for x in keras if x["class"] not in ("InputLayer", "Dense")}
    assert opaque == custom
    for x in result.rows:
        if x.name in custom:  # without the weights file: 0, and the warning says why
            assert x.params == 0
        else:
            assert x.params == next(k["params"] for k in keras if k["name"] == x.name)


def test_the_warning_says_where_the_parameters_are() -> None:
    result = archcalc.load(archive("opaque_torch"))
    [d] = [d for d in result.warnings if d.code == "opaque-layer"]
    assert d.message == (
        "linear: a TorchModuleWrapper: a PyTorch module computes it, Python code that archcalc "
        "never runs or deserialises: archcalc reads its output shape from the file and counts "
        "its parameters as 0, which they may not be: --read-weights-shapes counts them from the "
        "archive's model.weights.h5 (needs h5py: the extra archcalc[h5])"
    )


def test_a_shape_nothing_records_is_refused_and_convert_asks_for_it(tmp_path: Path, runner) -> None:
    """keras.io's VAE encoder: Sampling's output is a model output; no layer records it."""
    with pytest.raises(archcalc.ArchcalcError) as info:
        archcalc.load(archive("opaque_unrecorded"))
    [d] = info.value.diagnostics
    assert d.message.startswith(
        "sampling: the layer class 'Sampling', which archcalc does not know (a custom layer?), "
        "and the file does not record its output shape (no layer of the model reads it)"
    )
    assert "did you mean" not in d.message
    out = tmp_path / "encoder.yaml"
    r = runner.invoke(main, ["convert", archive("opaque_unrecorded"), "-o", str(out)])
    assert r.exit_code == 0, r.stderr
    assert "fill in its output shape (marked FILL_IN) and its parameter count" in r.stderr
    text = out.read_text()
    entry = (
        "{type: Sampling, custom: {output_shape: FILL_IN, params: 0}, inputs: [z_mean, z_log_var]}"
    )
    assert entry in text
    # it loads but for the one marked field ...
    r = runner.invoke(main, ["summary", str(out)])
    assert r.exit_code == 3
    assert (
        r.stderr.count("\n") == 1 and ": sampling: fill in this output shape: FILL_IN" in r.stderr
    )
    # ... and once it is filled in (Keras: (None, 2)), it is Keras's table
    out.write_text(text.replace("output_shape: FILL_IN", "output_shape: [2]"))
    r = runner.invoke(main, ["summary", str(out)], env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.stderr
    expected = (OPAQUE / "opaque_unrecorded" / "summary-wide.txt").read_text()
    assert r.stdout.rstrip("\n") == expected.rstrip("\n")


def test_convert_writes_what_loads(tmp_path: Path, runner) -> None:
    """Every opaque layer becomes a custom entry; the spec computes as the file did."""
    out = tmp_path / "m.yaml"
    r = runner.invoke(main, ["convert", archive("opaque_custom"), "-o", str(out)])
    assert r.exit_code == 0, r.stderr
    assert r.stderr.count("params: 0 — fill in its parameter count") == 6
    again = archcalc.infer(archcalc.load(str(out)))
    direct = archcalc.infer(archcalc.load(archive("opaque_custom")))
    assert archcalc.render_summary(again) == archcalc.render_summary(direct)


def test_an_op_named_like_a_layer_converts_to_a_spec_that_loads(tmp_path: Path, runner) -> None:
    """keras.ops.subtract records a 'Subtract' node: the spec names it ops.Subtract (the row
    still shows Subtract), an op archcalc computes, never a custom Subtract it would refuse."""
    config = {
        "class_name": "Functional",
        "config": {
            "name": "f",
            "layers": [
                {
                    "class_name": "InputLayer",
                    "config": {"batch_shape": [None, 3], "dtype": "float32", "name": "x"},
                    "name": "x",
                    "inbound_nodes": [],
                },
                {
                    "module": "keras.src.ops.numpy",
                    "class_name": "Subtract",
                    "config": {"name": "subtract"},
                    "name": "subtract",
                    "inbound_nodes": [{"args": [_tensor("x", [None, 3]), 1.0], "kwargs": {}}],
                },
                {
                    "class_name": "Dense",
                    "config": {"name": "d", "units": 2},
                    "name": "d",
                    "inbound_nodes": [{"args": [_tensor("subtract", [None, 3])], "kwargs": {}}],
                },
            ],
            "input_layers": [["x", 0, 0]],
            "output_layers": [["d", 0, 0]],
        },
    }
    path = tmp_path / "f.json"
    path.write_text(json.dumps(config))
    out = tmp_path / "f.yaml"
    r = runner.invoke(main, ["convert", str(path), "-o", str(out)])
    assert r.exit_code == 0, r.stderr
    assert "{type: ops.Subtract, args: [x, 1.0]}" in out.read_text()
    result = archcalc.infer(archcalc.load(str(out)))
    assert [(x.name, x.type) for x in result.rows] == [
        ("x", "InputLayer"),
        ("subtract", "Subtract"),
        ("d", "Dense"),
    ]
    assert result.total_params == 3 * 2 + 2


def _tensor(layer: str, shape: list[int | None]) -> dict:
    return {
        "class_name": "__keras_tensor__",
        "config": {"shape": shape, "dtype": "float32", "keras_history": [layer, 0, 0]},
    }


def test_without_h5py_the_option_says_how_to_get_it(monkeypatch, runner) -> None:
    monkeypatch.setitem(sys.modules, "h5py", None)  # as if the extra were not installed
    r = runner.invoke(main, ["summary", "--read-weights-shapes", archive("opaque_torch")])
    assert r.exit_code == 3
    assert r.stderr == (
        f"{archive('opaque_torch')}: --read-weights-shapes reads the archive's model.weights.h5 "
        "with h5py, the optional extra, which is not installed: install archcalc with its extra h5 "
        "(pip install '.[h5]' in its repository) or pip install h5py\n"
    )


def test_h5py_is_never_imported_unless_asked() -> None:
    probe = (
        "import sys; from archcalc.cli import main; sys.argv = ['archcalc', 'summary', "
        f"{archive('opaque_custom')!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('H5PY', 'h5py' in sys.modules)"
    )
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    # keras_weights imports h5py only inside the function that reads a weights file
    assert r.stdout.strip().endswith("H5PY False"), r.stdout + r.stderr


def _layer(cls: str, name: str, inbound: list, **extra: object) -> dict:
    return {"class_name": cls, "config": {"name": name, **extra.pop("config", {})}, "name": name,
            "inbound_nodes": inbound, **extra}  # fmt: skip


def test_a_shape_from_the_build_config_of_the_layer_that_reads_it(tmp_path: Path) -> None:
    """tf.keras records no shape on its tensors: Dense's build_config input shape (None, 5)
    is the custom layer's output."""
    config = {
        "class_name": "Functional",
        "config": {
            "name": "f",
            "layers": [
                _layer("InputLayer", "x", [], config={"batch_input_shape": [None, 3]}),
                _layer("MyLayer", "mine", [[["x", 0, 0, {}]]]),
                _layer(
                    "Dense",
                    "d",
                    [[["mine", 0, 0, {}]]],
                    config={"units": 2},
                    build_config={"input_shape": [None, 5]},
                ),
            ],
            "input_layers": [["x", 0, 0]],
            "output_layers": [["d", 0, 0]],
        },
    }
    path = tmp_path / "f.json"
    path.write_text(json.dumps(config))
    result = archcalc.infer(archcalc.load(str(path)))
    assert result.layer("mine").output_shapes == ((None, 5),)
    assert result.layer("d").params == 5 * 2 + 2


def test_a_nested_models_output_shape_from_the_outer_model(tmp_path: Path) -> None:
    """A custom layer ends a nested model: the outer model records the nested model's output."""
    inner = {
        "class_name": "Functional",
        "config": {
            "name": "inner",
            "layers": [
                _layer("InputLayer", "xi", [], config={"batch_shape": [None, 3]}),
                _layer("MyLayer", "mine", [{"args": [_tensor("xi", [None, 3])], "kwargs": {}}]),
            ],
            "input_layers": [["xi", 0, 0]],
            "output_layers": [["mine", 0, 0]],
        },
        "name": "inner",
        "inbound_nodes": [{"args": [_tensor("x", [None, 3])], "kwargs": {}}],
    }
    config = {
        "class_name": "Functional",
        "config": {
            "name": "outer",
            "layers": [
                _layer("InputLayer", "x", [], config={"batch_shape": [None, 3]}),
                inner,
                _layer(
                    "Dense",
                    "d",
                    [{"args": [_tensor("inner", [None, 7])], "kwargs": {}}],
                    config={"units": 2},
                ),
            ],
            "input_layers": [["x", 0, 0]],
            "output_layers": [["d", 0, 0]],
        },
    }
    path = tmp_path / "outer.json"
    path.write_text(json.dumps(config))
    result = archcalc.infer(archcalc.load(str(path)))
    assert result.layer("inner").output_shapes == ((None, 7),)
    assert result.layer("d").params == 7 * 2 + 2

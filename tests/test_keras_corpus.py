"""51 real models from keras.io's examples (tests/golden/keras/kio/, INDEX.md there).

Each model's config (and its .keras archive, where committed) must give Keras's table line
for line, at 200 and at 80 columns (and expanded, for nested models), unless one of the
lists below says why not yet:

- REFUSED: archcalc refuses the model, and its message must name that reason;
- IN_THE_WEIGHTS: custom layers whose parameters are only in the weights file, which the
  corpus does not carry for these (too large): their rows show 0, a warning says so, and
  everything else must be Keras's (--read-weights-shapes gives the rest: tests/test_keras_weights.py).

Entries go as other branches of issue 15 merge: the lead removes them then (metric_learning
when the keras.ops branch models Normalize; stft_model1d/2d when the spectral branch adds
STFTSpectrogram). A model in a list that has started to match fails the test, so the lists
stay accurate.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

import archcalc
from archcalc.diagnostics import ArchcalcError
from archcalc.engine import infer_spec
from archcalc.reader.load import load_path
from archcalc.render.cells import TableOptions
from archcalc.results import InferenceResult
from tests.conftest import KERAS

KIO = KERAS / "kio"
MODELS = sorted(p.name for p in KIO.iterdir() if (p / "config.json.gz").exists())

#: model -> the layer the refusal names and why (every one: no layer records its output shape)
REFUSED = {
    "captcha_ocr": "ctc_loss: the layer class 'CTCLayer'",
    "melgan_discriminator": "weight_normalization_6: the layer class 'WeightNormalization'",
    "melgan_generator": "weight_normalization_32: the layer class 'WeightNormalization'",
    "structured_data_classification_from_scratch": "classifier: the layer class 'Classifier'",
    "super_resolution_sub_pixel": "depth_to_space: the layer class 'DepthToSpace'",
    "vae_encoder": "sampling: the layer class 'Sampling'",
}
UNRECORDED = "and the file does not record its output shape (no layer of the model reads it)"

#: model -> the layers whose parameters only its (uncommitted) weights file holds
IN_THE_WEIGHTS = {
    "image_classification_with_vision_transformer": {"patch_encoder"},
    "mpnn_molecular_graphs": {"message_passing", "gated_readout"},
    "neural_machine_translation_with_transformer": {
        "positional_embedding",
        "positional_embedding_1",
        "transformer_encoder",
        "transformer_decoder",
    },
    "pixelcnn": {
        "pixel_conv_layer",
        "pixel_conv_layer_6",
        "pixel_conv_layer_7",
        *(f"residual_block{s}" for s in ("", "_1", "_2", "_3", "_4")),
    },
    "text_classification_with_transformer": {"token_and_position_embedding", "transformer_block"},
    "vit_small_ds": {
        "shifted_patch_tokenization",
        "patch_encoder",
        *(f"multi_head_attention_lsa{s}" for s in ("", *(f"_{i}" for i in range(1, 8)))),
    },
}

#: opaque layers with an output no layer reads: the file records the others only, so the
#: row lists those (vit_small_ds's ShiftedPatchTokenization returns (tokens, patches))
UNREAD_OUTPUTS = {"vit_small_ds": {"shifted_patch_tokenization"}}

#: Keras printed the live model; its file (and Keras reloading it) numbers a reused layer's
#: call differently: compare with Keras's summary of the reloaded file (INDEX.md)
RELOADED = {"lstm_seq2seq_decoder_inference"}


def text(model: str, name: str) -> str:
    path = KIO / model / name
    if path.exists():
        return path.read_text(encoding="utf-8")
    return gzip.decompress((KIO / model / f"{name}.gz").read_bytes()).decode("utf-8")


def lines(value: str) -> list[str]:
    return value.rstrip("\n").splitlines()


def sources(model: str, tmp_path: Path) -> list[tuple[str, bool]]:
    """The model's config (always) and its .keras archive (where committed), the archive
    also with its weights read when h5py is there (or required)."""
    config = tmp_path / f"{model}.json"
    config.write_text(text(model, "config.json"), encoding="utf-8")
    out = [(str(config), False)]
    archive = KIO / model / "model.keras"
    if archive.exists():
        out.append((str(archive), False))
        if os.environ.get("ARCHCALC_REQUIRE_H5") or _has_h5py():
            out.append((str(archive), True))
    return out


def _has_h5py() -> bool:
    try:
        import h5py  # noqa: F401
    except ImportError:
        return False
    return True


def infer(path: str, weights: bool) -> InferenceResult:
    return infer_spec(load_path(path, read_weights=weights))


def keras_rows(model: str) -> list[dict]:
    return json.loads(text(model, "layers.json"))["layers"]


def test_the_lists_name_corpus_models() -> None:
    assert len(MODELS) == 51
    listed = set(REFUSED) | set(IN_THE_WEIGHTS) | RELOADED | set(UNREAD_OUTPUTS)
    assert listed <= set(MODELS)
    assert not set(REFUSED) & set(IN_THE_WEIGHTS)


@pytest.mark.parametrize(
    "model", [m for m in MODELS if m not in REFUSED and m not in IN_THE_WEIGHTS]
)
def test_tables_equal_keras(model: str, tmp_path: Path) -> None:
    prefix = "summary-reloaded" if model in RELOADED else "summary"
    for path, weights in sources(model, tmp_path):
        result = infer(path, weights)
        for variant, columns in (("wide", 200), ("80", 80)):
            got = archcalc.render_summary(result, TableOptions(terminal_columns=columns))
            assert lines(got) == lines(text(model, f"{prefix}-{variant}.txt")), (path, variant)
        for variant, columns in (("expand", 200), ("expand-80", 80)):
            if (KIO / model / f"summary-{variant}.txt").exists():
                options = TableOptions(terminal_columns=columns, expand_nested=True)
                got = archcalc.render_summary(result, options)
                assert lines(got) == lines(text(model, f"summary-{variant}.txt")), (path, variant)


def test_the_reused_decoder_differs_from_the_live_model_only_in_that_call() -> None:
    """What Keras printed for the live model and for its reloaded file differ in one cell."""
    for variant in ("wide", "80"):
        live = lines(text("lstm_seq2seq_decoder_inference", f"summary-{variant}.txt"))
        reloaded = lines(text("lstm_seq2seq_decoder_inference", f"summary-reloaded-{variant}.txt"))
        changed = [(a, b) for a, b in zip(live, reloaded, strict=True) if a != b]
        assert [(a.count("lstm_1[1][0]"), b.count("lstm_1[0][0]")) for a, b in changed] == [(1, 1)]


@pytest.mark.parametrize("model", sorted(REFUSED))
def test_refusals_name_their_reason(model: str, tmp_path: Path) -> None:
    for path, weights in sources(model, tmp_path):
        with pytest.raises(ArchcalcError) as info:
            infer(path, weights)
        messages = [d.message for d in info.value.diagnostics]
        assert any(m.startswith(REFUSED[model]) and UNRECORDED in m for m in messages), messages


@pytest.mark.parametrize("model", sorted(IN_THE_WEIGHTS))
def test_rows_without_the_weights_file(model: str, tmp_path: Path) -> None:
    """Names, classes and shapes are Keras's; so are the parameters of every row but the
    opaque layers (0, and a warning each) and the nested models that hold them."""
    [(path, _)] = sources(model, tmp_path)
    result = infer(path, False)
    zero = {
        d.message.split(":", 1)[0]
        for d in result.warnings
        if d.code == "opaque-layer" and "counts its parameters as 0" in d.message
    }
    assert IN_THE_WEIGHTS[model] <= zero
    keras = keras_rows(model)
    assert [(x.name, x.type) for x in result.rows] == [(k["name"], k["class"]) for k in keras]
    for row, k in zip(result.rows, keras, strict=True):
        shapes = (
            k["output_shape"]
            if k["output_shape"] and isinstance(k["output_shape"][0], list)
            else [k["output_shape"]]
        )
        if row.name in UNREAD_OUTPUTS.get(model, ()):
            shapes = shapes[: len(row.output_shapes)]
        assert [list(s) for s in row.output_shapes] == shapes, row.name
        holds = {row.name} | {c.name for c in _descendants(row)}
        if not holds & IN_THE_WEIGHTS[model]:
            assert row.params == k["params"], row.name
        else:
            assert row.params < k["params"], row.name


def _descendants(row):  # type: ignore[no-untyped-def]
    for child in row.children:
        yield child
        yield from _descendants(child)


def test_nested_lists_of_outputs_are_flattened(tmp_path: Path, runner) -> None:
    """MelGAN's discriminator returns 3 lists of 7 tensors: convert writes its 21 outputs in
    Keras's order, and the 3 custom layers whose output no layer reads marked FILL_IN."""
    from archcalc.cli import main

    config = json.loads(text("melgan_discriminator", "config.json"))
    nested = config["config"]["output_layers"]
    assert [len(group) for group in nested] == [7, 7, 7]
    path = tmp_path / "d.json"
    path.write_text(text("melgan_discriminator", "config.json"), encoding="utf-8")
    out = tmp_path / "d.yaml"
    r = runner.invoke(main, ["convert", str(path), "-o", str(out)])
    assert r.exit_code == 0, r.stderr
    written = out.read_text()
    assert written.count("output_shape: FILL_IN") == 3
    outputs = next(x for x in written.splitlines() if x.startswith("outputs: "))
    assert outputs == "outputs: [" + ", ".join(t[0] for group in nested for t in group) + "]"


@pytest.mark.parametrize("model", MODELS)
def test_convert_writes_a_spec_that_loads(model: str, tmp_path: Path, runner) -> None:
    """Every corpus model converts; where the file lacks a shape (the refused ones), the spec
    asks for it (FILL_IN) and loads but for that (convert checks both)."""
    from archcalc.cli import main

    path = tmp_path / f"{model}.json"
    path.write_text(text(model, "config.json"), encoding="utf-8")
    out = tmp_path / f"{model}.yaml"
    r = runner.invoke(main, ["convert", str(path), "-o", str(out)])
    assert r.exit_code == 0, r.stderr
    assert ("FILL_IN" in out.read_text()) == (model in REFUSED)

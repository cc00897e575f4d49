"""The model zoo in specs/zoo/: each spec matches Keras to the parameter, layer by layer.

Totals are the figures Keras 3 prints (issue #3 lists those of
keras.applications); the per-layer comparison uses Keras's own layers.json
for the same model (tests/golden/keras/models/).
"""

from __future__ import annotations

import json

import pytest

import archcalc
from tests.conftest import SPECS
from tests.test_keras_models import read

ZOO = SPECS / "zoo"
# spec -> (Keras reference model, total, trainable, non-trainable)
CASES = {
    "lenet5": ("lenet5", 61_706, 61_706, 0),
    "alexnet": ("alexnet", 62_378_344, 62_378_344, 0),
    "vgg16": ("app_vgg16", 138_357_544, 138_357_544, 0),
    "resnet50": ("app_resnet50", 25_636_712, 25_583_592, 53_120),
    "mobilenetv2": ("app_mobilenetv2", 3_538_984, 3_504_872, 34_112),
    "densenet121": ("app_densenet121", 8_062_504, 7_978_856, 83_648),
    "inceptionv3": ("app_inceptionv3", 23_851_784, 23_817_352, 34_432),
    "xception": ("app_xception", 22_910_480, 22_855_952, 54_528),
    "efficientnetb0": ("app_efficientnetb0", 5_330_571, 5_288_548, 42_023),
    "unet": ("unet_small", 117_041, 117_041, 0),
    "lstm_text_classifier": ("lstm_text_classifier", 2_704_257, 2_704_257, 0),
    "transformer_encoder": ("transformer_encoder", 657_758, 657_758, 0),
    "gpt_decoder": ("gpt_decoder", 163_037_184, 163_037_184, 0),
}
#: zoo specs whose layer names are our own (Keras auto-named them): compare all but the names
RENAMED = {"transformer_encoder"}
#: MultiHeadAttention's saved config records attention_axes as built ([1] for a sequence),
#: where a spec keeps Keras's constructor default (None): the same layer, a different config
ATTENTION_AXES_AS_BUILT = {"gpt_decoder"}


@pytest.mark.parametrize("spec", sorted(CASES))
def test_zoo_totals(spec: str) -> None:
    _, total, trainable, non_trainable = CASES[spec]
    result = archcalc.infer(archcalc.load(str(ZOO / f"{spec}.yaml")))
    assert (result.total_params, result.trainable_params, result.non_trainable_params) == (
        total,
        trainable,
        non_trainable,
    )


def test_gpt_decoder_is_gpt2_small_plus_an_untied_head() -> None:
    """GPT-2 small's 124,439,808 parameters (arithmetic), and the head, d_model x vocab."""
    d, vocab, seq, n = 768, 50_257, 1024, 12
    block = 2 * 2 * d + 4 * (d * d + d) + (d * 4 * d + 4 * d) + (4 * d * d + d)
    gpt2 = n * block + vocab * d + seq * d + 2 * d
    assert gpt2 == 124_439_808
    result = archcalc.infer(archcalc.load(str(ZOO / "gpt_decoder.yaml")))
    assert result.total_params == gpt2 + d * vocab


@pytest.mark.parametrize("spec", sorted(CASES))
def test_zoo_layers_equal_keras(spec: str) -> None:
    keras = json.loads(read(CASES[spec][0], "layers.json"))
    result = archcalc.infer(archcalc.load(str(ZOO / f"{spec}.yaml")))
    got = [
        (x.name, x.type, [list(s) for s in x.output_shapes], x.params, x.non_trainable_params)
        for x in result.rows
    ]
    if spec in RENAMED:
        got = [row[1:] for row in got]
    want = []
    for x in keras["layers"]:
        shape = x["output_shape"]
        shapes = shape if shape and isinstance(shape[0], list) else [shape]
        want.append((x["name"], x["class"], shapes, x["params"], x["non_trainable_params"]))
    if spec in RENAMED:
        want = [row[1:] for row in want]
    assert got == want


def test_every_zoo_spec_is_tested() -> None:
    assert sorted(p.stem for p in ZOO.glob("*.yaml")) == sorted(CASES)


def test_shipped_specs_lint_clean() -> None:
    """Every example spec we ship passes archcalc lint without a finding."""
    from click.testing import CliRunner

    from archcalc.cli import main

    r = CliRunner().invoke(main, ["lint", "--format", "json", "--isolated", str(SPECS)])
    assert r.exit_code == 0, r.stdout
    data = __import__("json").loads(r.stdout)
    findings = data["findings"] if isinstance(data, dict) else data
    assert findings == []


def test_shipped_specs_need_no_disable_comments() -> None:
    """Idiomatic models lint clean as written: a Transformer's per-position feed-forward
    Dense on (None, T, d) is not a finding, so the zoo needs no disable comment for it."""
    disabled = [
        f"{p.relative_to(SPECS)}:{k}"
        for p in sorted(SPECS.rglob("*.yaml"))
        for k, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if "archcalc: disable" in line
    ]
    assert disabled == []


@pytest.mark.parametrize(
    "spec", sorted(s for s in CASES if s not in RENAMED | ATTENTION_AXES_AS_BUILT)
)
def test_zoo_spec_diffs_clean_against_the_keras_config(spec: str, tmp_path) -> None:
    """``archcalc diff`` of Keras's saved config and our spec finds no difference in any layer."""
    from archcalc.diff.compare import diff_results

    path = tmp_path / "keras.json"
    path.write_text(read(CASES[spec][0], "config.json"), encoding="utf-8")
    keras = archcalc.infer(archcalc.load(str(path)))
    ours = archcalc.infer(archcalc.load(str(ZOO / f"{spec}.yaml")))
    changed = [
        (x.name, x.changes) for x in diff_results(keras, ours).layers if x.status != "unchanged"
    ]
    assert changed == []

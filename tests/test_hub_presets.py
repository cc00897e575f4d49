"""The big presets: archcalc's parameter count from each preset's config.json equals the
figure keras_hub publishes in its ``*_presets.py`` metadata (``params``), one test per preset.

tests/golden/keras/hub/presets/<preset>/config.json is the backbone config as
save_to_preset writes it, with the published hyperparameters
(generators/hub/gen_presets.py; presets/CHECKS.md: the 25 presets under 1.5B
were also built full size and counted by Keras); presets.json holds
keras_hub 0.32's metadata, read from its source.
"""

from __future__ import annotations

import json

import pytest

import archcalc
from archcalc.reader.variants import quantized
from tests.conftest import KERAS
from tests.test_keras_hub import NOT_MODELLED

HUB = KERAS / "hub"
METADATA = json.loads((HUB / "presets.json").read_text())
PRESETS = sorted(p.name for p in (HUB / "presets").iterdir() if p.is_dir())
#: keras_hub's qwen2.5_7b_en (and qwen2.5_coder_7b*) metadata says 6,993,420,288, which no
#: variant of Qwen2.5-7B's published shapes (vocabulary 152,064, hidden 3,584, 28 layers, 28
#: query / 4 key-value heads, intermediate 18,944, untied) gives; those shapes give
#: 7,615,616,512, the model card's 7.61B and keras_hub's own figure for qwen2.5_math_7b_en,
#: which has the same shapes (presets/CHECKS.md).
QWEN25_7B = 7_615_616_512


def family(preset: str) -> str:
    return METADATA[preset]["family_dir"]


def cases() -> list[object]:
    out = []
    for p in PRESETS:
        if family(p) in NOT_MODELLED:
            continue
        out.append(p)
    return out


def count(preset: str) -> int:
    return archcalc.infer(archcalc.load(str(HUB / "presets" / preset / "config.json"))).total_params


@pytest.mark.parametrize("preset", cases())
def test_parameters_are_keras_hubs_published_figure(preset: str) -> None:
    published = METADATA[preset]["metadata"]["params"]
    if preset == "qwen2.5_7b_en":
        assert published == 6_993_420_288 and count(preset) == QWEN25_7B
        assert METADATA["qwen2.5_math_7b_en"]["metadata"]["params"] == QWEN25_7B
        return
    assert count(preset) == published


@pytest.mark.parametrize("preset", ["llama2_7b_en_int8", "llama3_8b_en_int8"])
def test_int8_presets_count_as_keras_quantizes(preset: str) -> None:
    """keras_hub's int8 presets are the float backbone after ``backbone.quantize("int8")``:
    int8 kernels and embeddings plus their float32 scales."""
    base = archcalc.load(str(HUB / "presets" / preset.removesuffix("_int8") / "config.json"))
    total = archcalc.infer(quantized(base, "int8")).total_params
    assert total == METADATA[preset]["metadata"]["params"]


def test_the_done_example_ships_under_specs() -> None:
    """specs/llm/llama3_8b/config.json is the llama3_8b_en preset's config: 8,030,261,248."""
    from tests.conftest import SPECS

    shipped = SPECS / "llm" / "llama3_8b" / "config.json"
    assert json.loads(shipped.read_text()) == json.loads(
        (HUB / "presets" / "llama3_8b_en" / "config.json").read_text()
    )
    assert archcalc.infer(archcalc.load(str(shipped))).total_params == 8_030_261_248

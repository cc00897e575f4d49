"""Hugging Face config.json files mapped to keras_hub backbones as keras_hub's converters map them.

tests/golden/keras/hub/hf/<model>/: ``config.json`` written from the model card
(the published key set), and what keras_hub 0.32 made of it
(generators/hub/gen_hf.py): ``keras_hub_backbone_config.json`` (its
``convert_backbone_config``), ``converter.json`` (the keys it read, read but
absent, and ignored; the parameter count of the backbone it builds).
"""

from __future__ import annotations

import json

import pytest

import archcalc
from archcalc.cli import main
from archcalc.reader.hub.hf import convert
from tests.conftest import KERAS

HF = KERAS / "hub" / "hf"
MODELS = sorted(p.name for p in HF.iterdir() if (p / "keras_hub_backbone_config.json").exists())


def read(model: str, name: str) -> dict:
    return json.loads((HF / model / name).read_text())


@pytest.mark.parametrize("model", MODELS)
def test_backbone_config_is_the_converters(model: str) -> None:
    got = convert(read(model, "config.json")).config
    expected = read(model, "keras_hub_backbone_config.json")
    assert json.loads(json.dumps(got)) == expected


@pytest.mark.parametrize("model", MODELS)
def test_keys_used_and_ignored_are_the_converters(model: str) -> None:
    c = convert(read(model, "config.json"))
    facts = read(model, "converter.json")
    assert (c.module, c.class_name) == (facts["converter"], facts["backbone_cls"])
    assert sorted(c.used) == sorted(facts["hf_keys_read"])
    assert sorted(c.absent) == sorted(facts["hf_keys_read_but_absent"])
    assert sorted(c.ignored) == sorted(facts["hf_keys_ignored"])


@pytest.mark.parametrize("model", MODELS)
def test_parameters_are_those_of_the_backbone_keras_hub_builds(model: str) -> None:
    total = archcalc.infer(archcalc.load(str(HF / model / "config.json"))).total_params
    assert total == read(model, "converter.json")["formula_params"]


def test_llama_3_2_is_tied_from_its_hf_config_and_untied_from_keras_hubs_config() -> None:
    """convert_llama3 passes tie_word_embeddings on: Llama-3.2-1B is tied (1,235,814,400); the
    config keras_hub saves for it drops the flag, so the preset reloads untied (1,498,482,688)."""
    facts = read("Llama-3.2-1B", "converter.json")
    hf = archcalc.infer(archcalc.load(str(HF / "Llama-3.2-1B" / "config.json"))).total_params
    saved = archcalc.infer(archcalc.load(str(HF / "Llama-3.2-1B" / "keras_hub_config.json")))
    assert (hf, saved.total_params) == (1_235_814_400, 1_498_482_688)
    assert facts["formula_params_from_keras_hub_config_json"] == saved.total_params


def test_the_warning_names_used_and_ignored_keys(runner) -> None:
    r = runner.invoke(main, ["summary", str(HF / "Mistral-7B-v0.1" / "config.json")])
    assert r.exit_code == 0
    warning = r.stderr.splitlines()[0]
    assert (
        "mapped to keras_hub's MistralBackbone as convert_mistral.convert_backbone_config"
        in warning
    )
    assert "used vocab_size, num_hidden_layers" in warning
    assert "absent, so the converter's defaults: rope_parameters, head_dim" in warning
    assert "ignored " in warning and "tie_word_embeddings" in warning.split("ignored ")[1]


def test_qwen2s_use_sliding_window_is_passed_on_and_ignored(runner) -> None:
    r = runner.invoke(main, ["summary", str(HF / "Qwen2.5-7B" / "config.json")])
    assert r.exit_code == 0
    assert "QwenBackbone takes no argument 'use_sliding_window'" in r.stderr


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ({"model_type": "phi3"}, "no converter archcalc follows for model_type 'phi3'"),
        ({"model_type": 7}, "needs its model_type (a string)"),
        ({"tie_word_embeddings": None}, "reads 'tie_word_embeddings', which this config lacks"),
        ({"rope_scaling": {"rope_type": "yarn"}}, "takes only rope_scaling.rope_type 'llama3'"),
    ],
)
def test_what_a_converter_cannot_map_is_an_input_error(edit, message, runner, tmp_path) -> None:
    data = read("Meta-Llama-3-8B", "config.json")
    for key, value in edit.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    path = tmp_path / "config.json"
    path.write_text(json.dumps(data))
    r = runner.invoke(main, ["summary", str(path)])
    assert r.exit_code == 3
    assert message in r.stderr

"""``archcalc fit``: the verdict and its exit code, every term, the limits, usage errors.

The expected bytes are arithmetic on Llama 3 8B's published shapes (32 layers, 8 key/value
heads of 128, vocabulary 128,256) and its 8,030,261,248 parameters.
"""

from __future__ import annotations

import json

import pytest

from archcalc.cli import main
from tests.conftest import KERAS, SPECS

LLAMA = str(SPECS / "llm" / "llama3_8b" / "config.json")
GIB = 2**30


def fit(runner, *args: str):
    return runner.invoke(main, ["fit", *args])


def terms(r) -> dict[str, int]:
    return {t["key"]: t["bytes"] for t in json.loads(r.stdout)["terms"]}


def test_inference_terms_by_hand(runner) -> None:
    r = fit(
        runner,
        LLAMA,
        "--memory",
        "24GiB",
        "--seq-len",
        "8192",
        "--batch-size",
        "4",
        "--dtype",
        "bfloat16",
        "-f",
        "json",
    )
    assert r.exit_code == 1, r.stderr  # 15 GiB of weights, 4 GiB of cache, 8 GiB of logits...
    t = terms(r)
    assert t["weights"] == 8_030_261_248 * 2
    assert t["kv_cache"] == 32 * 2 * 4 * 8192 * 8 * 128 * 2
    assert t["logits"] == 4 * 8192 * 128_256 * 2
    doc = json.loads(r.stdout)
    assert doc["fits"] is False and doc["total_bytes"] == sum(t.values())
    assert doc["compute"]["attention_macs"] == 4 * 32 * 32 * 8192 * 8192 * 256


def test_lora_terms_by_hand(runner) -> None:
    r = fit(
        runner,
        LLAMA,
        "--memory",
        "24GiB",
        "--seq-len",
        "4096",
        "--dtype",
        "bfloat16",
        "--lora-rank",
        "16",
        "--recompute",
        "-f",
        "json",
    )
    assert r.exit_code == 0, r.stderr
    t = terms(r)
    # Keras's LoRA factors per layer: query (4096, 32, 16) + (16, 128), value (4096, 8, 16) + (16, 128)
    adapters = 32 * (4096 * 32 * 16 + 16 * 128 + 4096 * 8 * 16 + 16 * 128)
    assert t["adapters"] == adapters * 4
    assert t["gradients"] == adapters * 4
    assert t["optimizer"] == 2 * adapters * 4
    assert t["logits"] == 4096 * 128_256 * 4
    doc = json.loads(r.stdout)
    assert doc["options"]["task"] == "lora" and doc["options"]["lora_targets"] == ["q", "v"]


def test_full_fine_tuning_does_not_fit_and_says_so(runner) -> None:
    r = fit(
        runner,
        LLAMA,
        "--memory",
        "24GiB",
        "--seq-len",
        "4096",
        "--dtype",
        "bfloat16",
        "--task",
        "full",
        "--optimizer",
        "adam",
    )
    assert r.exit_code == 1
    assert "Fits in 24.00 GiB: no," in r.stdout
    assert "gradients" in r.stdout and "adam: 2 slots per trainable parameter" in r.stdout


def test_the_largest_batch_is_the_largest_that_fits(runner) -> None:
    """Memory grows linearly with the batch: the answer fits, one more does not."""
    args = [LLAMA, "--memory", "40GiB", "--seq-len", "2048", "--dtype", "bfloat16", "-f", "json"]
    largest = json.loads(fit(runner, *args).stdout)["largest_batch"]
    assert largest >= 1
    at = lambda b: fit(runner, *args, "--batch-size", str(b))  # noqa: E731
    assert at(largest).exit_code == 0 and at(largest + 1).exit_code == 1


def test_the_longest_sequence_is_the_longest_that_fits(runner) -> None:
    args = [LLAMA, "--memory", "20GiB", "--dtype", "bfloat16", "-f", "json"]
    longest = json.loads(fit(runner, *args, "--seq-len", "1").stdout)["largest_seq_len"]
    at = lambda s: fit(runner, *args, "--seq-len", str(s))  # noqa: E731
    assert at(longest).exit_code == 0 and at(longest + 1).exit_code == 1


def test_a_learned_position_table_bounds_the_sequence(runner) -> None:
    gpt2 = str(KERAS / "hub" / "presets" / "gpt2_base_en" / "config.json")
    doc = json.loads(fit(runner, gpt2, "--memory", "80GB", "--seq-len", "512", "-f", "json").stdout)
    assert (doc["max_positions"], doc["largest_seq_len"]) == (1024, 1024)
    r = fit(runner, gpt2, "--memory", "80GB", "--seq-len", "2048")
    assert r.exit_code == 2 and "--seq-len 2,048 is longer than the 1,024 positions" in r.stderr


def test_int8_weights_are_kerass_quantized_variables(runner) -> None:
    r = fit(runner, LLAMA, "--memory", "24GiB", "--seq-len", "128", "--dtype", "int8", "-f", "json")
    t = terms(r)
    # int8 kernels and tables + one bfloat16 scale per output (the llama3_8b_en_int8 preset's
    # 8,031,894,016 variables, of which the norms, 32 x 2 x 4096 + 4096, stay bfloat16)
    norms = 32 * 2 * 4096 + 4096
    scales = 8_031_894_016 - 8_030_261_248
    assert t["weights"] == (8_030_261_248 - norms) * 1 + (scales + norms) * 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--memory", "24GiB"], "take sequences of any length: give --seq-len"),
        (["--memory", "lots", "--seq-len", "8"], "is not a size"),
        (["--memory", "0GiB", "--seq-len", "8"], "more than 0 bytes"),
        (
            ["--memory", "1GiB", "--seq-len", "8", "--lora-targets", "q,x"],
            "unknown LoRA target 'x'",
        ),
    ],
)
def test_usage_errors_exit_2(runner, args, message) -> None:
    r = fit(runner, LLAMA, *args)
    assert r.exit_code == 2
    assert message in r.stderr


def test_an_unreadable_model_exits_3(runner, tmp_path) -> None:
    path = tmp_path / "config.json"
    path.write_text(
        '{"class_name": "LlamaBackbone", "module": "keras_hub", "config": {"num_layers": 2}}'
    )
    r = fit(runner, str(path), "--memory", "1GiB", "--seq-len", "8")
    assert r.exit_code == 3
    assert "LlamaBackbone needs the argument 'vocabulary_size'" in r.stderr


@pytest.mark.parametrize("recompute", [False, True])
def test_flash_attention_drops_the_score_matrices(runner, recompute: bool) -> None:
    """Llama 3 8B keeps, per decoder block, scores and probabilities of 32 query heads over
    4,096 x 4,096 pairs in bfloat16 (2 B); flash attention keeps none: every block's without
    --recompute, one block's with it."""
    args = [LLAMA, "--memory", "80GiB", "--seq-len", "4096", "--dtype", "bfloat16"]
    args += ["--lora-rank", "16", "-f", "json"] + (["--recompute"] if recompute else [])
    plain = terms(fit(runner, *args))
    flash = terms(fit(runner, *args, "--flash-attention"))
    per_block = 2 * 32 * 4096 * 4096 * 2
    assert plain["activations"] - flash["activations"] == per_block * (1 if recompute else 32)
    assert {k: v for k, v in plain.items() if k != "activations"} == {
        k: v for k, v in flash.items() if k != "activations"
    }


def test_flash_attention_lowers_the_prefill_peak_by_one_blocks_scores(runner) -> None:
    """The prefill's peak is inside a decoder block; without flash attention that block holds
    its 32 heads' scores and probabilities over 4,096 x 4,096 pairs (2 B each) as well."""
    args = [LLAMA, "--memory", "80GiB", "--seq-len", "4096", "--dtype", "bfloat16", "-f", "json"]
    plain = terms(fit(runner, *args, "--task", "inference"))
    flash = terms(fit(runner, *args, "--task", "inference", "--flash-attention"))
    assert plain["activations"] - flash["activations"] == 2 * 32 * 4096 * 4096 * 2

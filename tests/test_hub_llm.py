"""KV cache, attention-correct FLOPs, experts and LoRA of keras_hub models.

Every expected number here is either keras_hub's own (kvcache.json: the
cache its causal LMs build; lora.json: what enable_lora makes; published
active parameters) or arithmetic written out in the test from the model's
published shapes, for a grouped-query model (Llama 3 8B: 32 layers, 32 query
and 8 key/value heads of 128, hidden 4096, intermediate 14336) and a
sliding-window one (Mistral 7B v0.1: the same shapes, a 4096-token window).
"""

from __future__ import annotations

import json

import pytest

import archcalc
from archcalc.analysis import llm
from archcalc.reader.variants import with_lengths
from tests.conftest import KERAS, SPECS

HUB = KERAS / "hub"
LLAMA3_8B = SPECS / "llm" / "llama3_8b" / "config.json"
MISTRAL_7B = HUB / "presets" / "mistral_7b_en" / "config.json"
GPT_OSS_20B = HUB / "presets" / "gpt_oss_20b_en" / "config.json"
KV = json.loads((HUB / "kvcache.json").read_text())
BYTES = {"float32": 4, "bfloat16": 2}


def layout(path: object, seq_len: int) -> llm.Layout:
    spec = with_lengths(archcalc.load(str(path)), seq_len)
    return llm.layout(archcalc.infer(spec))


@pytest.mark.parametrize("case", KV["cases"])
def test_kv_cache_is_the_one_keras_hub_builds(case: str, tmp_path) -> None:
    """keras_hub's _build_cache: max_length tokens in every layer, whatever the window."""
    c = KV["cases"][case]
    path = tmp_path / "config.json"
    path.write_text(
        json.dumps({"class_name": c["backbone"], "module": "keras_hub", "config": c["kwargs"]})
    )
    cache = llm.kv_cache(
        layout(path, KV["max_length"]), KV["batch"], KV["max_length"], c["compute_dtype"]
    )
    assert cache.keras_hub_bytes == c["cache_elements"] * BYTES[c["compute_dtype"]]


def test_grouped_query_kv_cache_by_hand() -> None:
    """Llama 3 8B, batch 4, 8192 tokens, bfloat16: layers x (keys + values) x batch x tokens x
    kv heads x head_dim x 2 bytes; 8 key/value heads, not 32."""
    cache = llm.kv_cache(layout(LLAMA3_8B, 8192), 4, 8192, "bfloat16")
    assert cache.keras_hub_bytes == 32 * 2 * 4 * 8192 * 8 * 128 * 2 == 4 * 2**30
    assert cache.window_bytes == cache.keras_hub_bytes


def test_sliding_window_kv_cache_by_hand() -> None:
    """Mistral 7B v0.1 (window 4096) at 8192 tokens: keras_hub keeps 8192 per layer, a runtime
    that keeps the window 4096."""
    cache = llm.kv_cache(layout(MISTRAL_7B, 8192), 1, 8192, "bfloat16")
    assert cache.keras_hub_bytes == 32 * 2 * 8192 * 8 * 128 * 2
    assert cache.window_bytes == 32 * 2 * 4096 * 8 * 128 * 2


def test_alternating_windows_kv_cache_by_hand() -> None:
    """GPT-OSS 20B: 24 layers, odd ones with a 128-token window; 8 kv heads of 64."""
    cache = llm.kv_cache(layout(GPT_OSS_20B, 1000), 1, 1000, "bfloat16")
    assert cache.keras_hub_bytes == 24 * 2 * 1000 * 8 * 64 * 2
    assert cache.window_bytes == 12 * 2 * 1000 * 8 * 64 * 2 + 12 * 2 * 128 * 8 * 64 * 2


#: Llama 3 8B's weighted matmuls per token per layer: q, k, v, o, gate, up, down
LLAMA_LINEAR = 4096 * 4096 + 2 * 4096 * 1024 + 4096 * 4096 + 3 * 4096 * 14336


def test_grouped_query_flops_by_hand() -> None:
    """Prefill of S tokens: per layer, the projections per token x S and, per head, S x S
    scores (x 128) and S x S context (x 128); the causal pairs are S(S+1)/2. The next token
    after S attends to S keys."""
    s = 4096
    f = llm.flops(layout(LLAMA3_8B, s), s)
    assert f.prefill.macs == 32 * (LLAMA_LINEAR * s + 32 * s * s * (128 + 128))
    assert f.prefill_visible.macs == 32 * (LLAMA_LINEAR * s + 32 * (s * (s + 1) // 2) * 256)
    assert f.attention_macs == 32 * 32 * s * s * 256
    assert f.decode.macs == f.decode_visible.macs == 32 * (LLAMA_LINEAR + 32 * s * 256)
    assert f.lm_head_macs_per_token == 4096 * 128256
    # FLOPs = 2 x MACs + element-wise work: softmax (3 per score), the query scaling, the two
    # RMS norms (4 per element), rotary (3 per element of q and k, 40 heads), the gated
    # activation and product, two residual adds; and the final norm
    elementwise = (
        32
        * (
            3 * 32 * s * s
            + 32 * s * 128
            + 2 * 4 * 4096 * s
            + 3 * (32 + 8) * 128 * s
            + 14336 * s
            + 14336 * s
            + 2 * 4096 * s
        )
        + 4 * 4096 * s
    )
    assert f.prefill.flops == 2 * f.prefill.macs + elementwise


def test_sliding_window_flops_by_hand() -> None:
    """Mistral 7B at 8192 tokens: keras_hub computes all 8192 x 8192 scores; a 4096 window
    keeps 4096 x 4097 / 2 + 4096 x 4096 pairs per head; the next token sees 4096 keys."""
    s, w = 8192, 4096
    f = llm.flops(layout(MISTRAL_7B, s), s)
    pairs = w * (w + 1) // 2 + (s - w) * w
    assert f.prefill.macs == 32 * (LLAMA_LINEAR * s + 32 * s * s * 256)
    assert f.prefill_visible.macs == 32 * (LLAMA_LINEAR * s + 32 * pairs * 256)
    assert f.decode.macs == 32 * (LLAMA_LINEAR + 32 * s * 256)
    assert f.decode_visible.macs == 32 * (LLAMA_LINEAR + 32 * w * 256)


def test_training_flops_per_op_class() -> None:
    """A training step: matmuls x 3 (forward, input and weight gradients), frozen ones x 2,
    element-wise x 2; recomputation adds a forward."""
    from archcalc.analysis.cost import Cost

    forward = Cost(macs=100, norm=10)
    assert llm.training_flops(forward) == 2 * 100 * 3 + 10 * 2
    assert llm.training_flops(forward, frozen_macs=60) == 2 * (40 * 3 + 60 * 2) + 10 * 2
    assert llm.training_flops(forward, recompute=True) == 2 * 100 * 3 + 10 * 2 + 210


@pytest.mark.parametrize(
    ("preset", "active"),
    [
        # 32 layers x 3 kernels x 8 experts x 4096 x 14336; 6 of 8 experts idle per token
        ("mixtral_8_7b_en", 46_702_792_704 - 32 * 3 * 4096 * 14336 * 6),
        # Qwen3-30B-A3B: 48 layers x 128 experts x 3 x 2048 x 768; 120 idle (8 run)
        ("qwen3_moe_30b_a3b_en", 30_532_122_624 - 48 * 3 * 2048 * 768 * 120),
    ],
)
def test_experts_total_and_active(preset: str, active: int) -> None:
    lay = layout(HUB / "presets" / preset / "config.json", 8)
    total = archcalc.infer(
        archcalc.load(str(HUB / "presets" / preset / "config.json"))
    ).total_params
    _, idle = llm.experts(lay)
    assert total - idle == active


LORA = json.loads((HUB / "lora.json").read_text())["cases"]


@pytest.mark.parametrize(
    "case",
    LORA,
    ids=[f"{c['class']}-r{c['rank']}" for c in LORA],
)
def test_lora_is_what_keras_hub_enable_lora_makes(case: dict, tmp_path) -> None:
    """backbone.enable_lora(rank): Keras's factors (*kernel[:-1], r) and (r, kernel[-1]) on
    query and value, whose biases stay trainable; everything else frozen."""
    path = tmp_path / "config.json"
    path.write_text(json.dumps(case["config"]))
    result = archcalc.infer(archcalc.load(str(path)))
    lora = llm.lora(llm.layout(result), llm.lora_targets(("q", "v")), case["rank"])
    assert result.total_params == case["params_before"]
    assert result.total_params + lora.adapters == case["params"]
    assert lora.trainable == case["trainable"]


def test_unknown_lora_target_names_the_choices() -> None:
    with pytest.raises(ValueError, match="choose from q, k, v, o, up, gate, down"):
        llm.lora_targets(("q", "qq"))

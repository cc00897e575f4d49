#!/usr/bin/env python
"""Actual KV-cache tensors of keras_hub causal LMs built on small backbones (batch 2, max_length 16).
Calls CausalLM._build_cache(token_ids) directly (no preprocessor). Output: kvcache.json.
Run: KERAS_BACKEND=torch python gen_kvcache.py"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def shapes(x):
    if hasattr(x, "shape"):
        return {"shape": [int(d) for d in x.shape], "dtype": str(x.dtype).replace("torch.", "")}
    return [shapes(v) for v in x]


def main():
    import keras
    import keras_hub

    M = keras_hub.models
    LL = dict(vocabulary_size=1000, num_layers=2, num_query_heads=4, hidden_dim=64, intermediate_dim=128,
              num_key_value_heads=2)
    cases = [
        ("llama", M.LlamaBackbone, M.LlamaCausalLM, LL),
        ("llama_bfloat16", M.LlamaBackbone, M.LlamaCausalLM, {**LL, "dtype": "bfloat16"}),
        ("llama3", M.Llama3Backbone, M.Llama3CausalLM, LL),
        ("mistral_head_dim32_sw16", M.MistralBackbone, M.MistralCausalLM, {**LL, "head_dim": 32, "sliding_window": 16}),
        ("mixtral", M.MixtralBackbone, M.MixtralCausalLM, {**LL, "num_experts": 4, "top_k": 2}),
        ("gemma_mqa", M.GemmaBackbone, M.GemmaCausalLM,
         dict(vocabulary_size=1000, num_layers=2, num_query_heads=4, num_key_value_heads=1, hidden_dim=64,
              intermediate_dim=128, head_dim=16)),
        ("gemma2_sw8", M.GemmaBackbone, M.GemmaCausalLM,
         dict(vocabulary_size=1000, num_layers=2, num_query_heads=4, num_key_value_heads=2, hidden_dim=64,
              intermediate_dim=128, head_dim=32, use_post_ffw_norm=True, use_post_attention_norm=True,
              use_sliding_window_attention=True, sliding_window_size=8)),
        ("gemma3_text_l7_sw8", M.Gemma3Backbone, M.Gemma3CausalLM,
         dict(vocabulary_size=1000, image_size=32, num_layers=7, num_query_heads=4, num_key_value_heads=1,
              hidden_dim=64, intermediate_dim=128, head_dim=16, use_sliding_window_attention=True,
              sliding_window_size=8)),
        ("qwen", M.QwenBackbone, M.QwenCausalLM,
         dict(vocabulary_size=1000, num_layers=2, num_query_heads=4, num_key_value_heads=2, hidden_dim=64,
              intermediate_dim=128)),
        ("qwen3_hd32", M.Qwen3Backbone, M.Qwen3CausalLM,
         dict(vocabulary_size=1000, num_layers=2, num_query_heads=4, num_key_value_heads=2, head_dim=32,
              hidden_dim=64, intermediate_dim=128)),
        ("phi3", M.Phi3Backbone, M.Phi3CausalLM,
         dict(vocabulary_size=1000, num_layers=2, hidden_dim=64, intermediate_dim=128, num_query_heads=4,
              num_key_value_heads=2)),
        ("gpt2", M.GPT2Backbone, M.GPT2CausalLM,
         dict(vocabulary_size=1000, num_layers=2, num_heads=4, hidden_dim=64, intermediate_dim=128)),
        ("falcon", M.FalconBackbone, M.FalconCausalLM,
         dict(vocabulary_size=1000, num_layers=2, num_attention_heads=4, hidden_dim=64, intermediate_dim=128)),
    ]
    out = {"batch": 2, "max_length": 16, "cases": {}}
    tok = np.ones((2, 16), dtype="int32")
    for name, B, LM, kw in cases:
        try:
            bb = B(**kw)
            lm = LM(backbone=bb, preprocessor=None)
            if LM is M.Gemma3CausalLM:
                _, cache = lm._build_cache(tok, None, None, np.ones((2, 16), dtype="int32"), None)
            else:
                _, cache = lm._build_cache(tok)
            s = shapes(cache)
            n = 0
            flat = [cache] if hasattr(cache, "shape") else [t for pair in cache for t in pair]
            n = sum(int(np.prod(t.shape)) for t in flat)
            out["cases"][name] = {"backbone": B.__name__, "causal_lm": LM.__name__, "kwargs": kw,
                                  "compute_dtype": lm.compute_dtype, "cache": s, "cache_elements": n}
            print(name, json.dumps(s)[:200], n)
        except Exception as e:  # noqa: BLE001
            out["cases"][name] = {"error": f"{type(e).__name__}: {e}"}
            print(name, "ERROR", e)
    json.dump(out, open(os.path.join(HERE, "kvcache.json"), "w"), indent=1)


if __name__ == "__main__":
    main()

#!/usr/bin/env python
"""keras_hub preset hyperparameters -> config.json + parameter-count checks.

Usage (/work/scratch/hubvenv/bin/python, KERAS_BACKEND=torch):
    python gen_presets.py all            # every preset: config (subprocess), full build if < 1.5B (subprocess), formula
    python gen_presets.py config NAME    # write presets/NAME/config.json (build twice shrunk, patch real hyperparameters)
    python gen_presets.py build NAME     # full-size float32 build: count_params + serialized config vs presets/NAME/config.json
    python gen_presets.py report         # presets/checks.json + presets/CHECKS.md from the pieces above

Hyperparameters: published model cards / HF config.json values mapped to keras_hub constructor names
(keras_hub defaults for everything not listed).  config.json = keras.saving.serialize_keras_object(backbone)
with compile_config/build_config removed, json indent 4: exactly what backbone.save_to_preset() writes.
Large presets are never built: their config.json comes from a shrunken build whose hyperparameters are then
overwritten with the real ones (keys not in the kwargs are checked to be size-independent by building two
different shrunken sizes).  The published Kaggle configs may differ in `dtype` (often bfloat16) and `name`.
"""
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "presets")
sys.path.insert(0, HERE)

# name -> (class, kwargs, in_task_list, note)
P = {}


def pre(name, cls, task=True, note="", **kw):
    P[name] = (cls, kw, task, note)


# ---- encoders
pre("bert_base_en_uncased", "BertBackbone", vocabulary_size=30522, num_layers=12, num_heads=12, hidden_dim=768,
    intermediate_dim=3072, max_sequence_length=512, num_segments=2)
pre("bert_large_en_uncased", "BertBackbone", vocabulary_size=30522, num_layers=24, num_heads=16, hidden_dim=1024,
    intermediate_dim=4096, max_sequence_length=512, num_segments=2)
pre("bert_tiny_en_uncased", "BertBackbone", task=False, vocabulary_size=30522, num_layers=2, num_heads=2, hidden_dim=128,
    intermediate_dim=512, max_sequence_length=512, num_segments=2)
pre("distil_bert_base_en_uncased", "DistilBertBackbone", vocabulary_size=30522, num_layers=6, num_heads=12,
    hidden_dim=768, intermediate_dim=3072, max_sequence_length=512)
pre("roberta_base_en", "RobertaBackbone", vocabulary_size=50265, num_layers=12, num_heads=12, hidden_dim=768,
    intermediate_dim=3072, max_sequence_length=512)
pre("xlm_roberta_base_multi", "XLMRobertaBackbone", task=False, vocabulary_size=250002, num_layers=12, num_heads=12,
    hidden_dim=768, intermediate_dim=3072, max_sequence_length=512)
pre("albert_base_en_uncased", "AlbertBackbone", vocabulary_size=30000, num_layers=12, num_heads=12, embedding_dim=128,
    hidden_dim=768, intermediate_dim=3072, num_groups=1, num_inner_repetitions=1, max_sequence_length=512,
    num_segments=2)
pre("albert_large_en_uncased", "AlbertBackbone", task=False, vocabulary_size=30000, num_layers=24, num_heads=16,
    embedding_dim=128, hidden_dim=1024, intermediate_dim=4096, num_groups=1, num_inner_repetitions=1)
pre("deberta_v3_base_en", "DebertaV3Backbone", vocabulary_size=128100, num_layers=12, num_heads=12, hidden_dim=768,
    intermediate_dim=3072, max_sequence_length=512, bucket_size=256)
pre("electra_base_discriminator_uncased_en", "ElectraBackbone", task=False, vocab_size=30522, num_layers=12,
    num_heads=12, hidden_dim=768, embedding_dim=768, intermediate_dim=3072, max_sequence_length=512)
pre("t5_small_multi", "T5Backbone", task=False, vocabulary_size=32128, num_layers=6, num_heads=8, hidden_dim=512,
    intermediate_dim=2048, activation="relu", use_gated_activation=False, tie_embedding_weights=True)
# ---- GPT-style
pre("gpt2_base_en", "GPT2Backbone", vocabulary_size=50257, num_layers=12, num_heads=12, hidden_dim=768,
    intermediate_dim=3072, max_sequence_length=1024)
pre("gpt2_medium_en", "GPT2Backbone", vocabulary_size=50257, num_layers=24, num_heads=16, hidden_dim=1024,
    intermediate_dim=4096, max_sequence_length=1024)
pre("gpt2_large_en", "GPT2Backbone", task=False, vocabulary_size=50257, num_layers=36, num_heads=20, hidden_dim=1280,
    intermediate_dim=5120, max_sequence_length=1024)
pre("gpt2_extra_large_en", "GPT2Backbone", task=False, vocabulary_size=50257, num_layers=48, num_heads=25,
    hidden_dim=1600, intermediate_dim=6400, max_sequence_length=1024)
pre("opt_125m_en", "OPTBackbone", vocabulary_size=50272, num_layers=12, num_heads=12, hidden_dim=768,
    intermediate_dim=3072, max_sequence_length=2048)
pre("opt_1.3b_en", "OPTBackbone", task=False, vocabulary_size=50272, num_layers=24, num_heads=32, hidden_dim=2048,
    intermediate_dim=8192, max_sequence_length=2048)
pre("falcon_refinedweb_1b_en", "FalconBackbone", vocabulary_size=50304, num_layers=24, num_attention_heads=32,
    hidden_dim=2048, intermediate_dim=8192, layer_norm_epsilon=1e-5)
pre("bloom_560m_multi", "BloomBackbone", task=False, vocabulary_size=250880, num_layers=24, num_heads=16,
    hidden_dim=1024, intermediate_dim=4096, layer_norm_epsilon=1e-5)
# ---- Llama family
pre("llama2_7b_en", "LlamaBackbone", vocabulary_size=32000, num_layers=32, num_query_heads=32, hidden_dim=4096,
    intermediate_dim=11008, num_key_value_heads=32, rope_max_wavelength=10000, layer_norm_epsilon=1e-5)
pre("llama3_8b_en", "Llama3Backbone", vocabulary_size=128256, num_layers=32, num_query_heads=32, hidden_dim=4096,
    intermediate_dim=14336, num_key_value_heads=8, rope_max_wavelength=500000, layer_norm_epsilon=1e-5)
pre("llama3.2_1b", "Llama3Backbone", note="HF Llama-3.2-1B is tied (1,235,814,400); Llama3Backbone.get_config() "
    "never writes tie_word_embeddings, so this preset config loads untied (the metadata 1,498,482,688 is the untied count)",
    vocabulary_size=128256, num_layers=16, num_query_heads=32, hidden_dim=2048, intermediate_dim=8192,
    num_key_value_heads=8, rope_max_wavelength=500000, rope_frequency_adjustment_factor=32.0,
    rope_low_freq_factor=1.0, rope_high_freq_factor=4.0, rope_pretraining_sequence_length=8192,
    layer_norm_epsilon=1e-5, tie_word_embeddings=True)
pre("llama3.2_3b", "Llama3Backbone", task=False, vocabulary_size=128256, num_layers=28, num_query_heads=24,
    hidden_dim=3072, intermediate_dim=8192, num_key_value_heads=8, rope_max_wavelength=500000,
    rope_frequency_adjustment_factor=32.0, rope_low_freq_factor=1.0, rope_high_freq_factor=4.0,
    rope_pretraining_sequence_length=8192, layer_norm_epsilon=1e-5, tie_word_embeddings=True)
pre("mistral_7b_en", "MistralBackbone", vocabulary_size=32000, num_layers=32, num_query_heads=32, hidden_dim=4096,
    intermediate_dim=14336, num_key_value_heads=8, rope_max_wavelength=10000, layer_norm_epsilon=1e-5,
    sliding_window=4096)
pre("mistral_0.3_7b_en", "MistralBackbone", task=False, vocabulary_size=32768, num_layers=32, num_query_heads=32,
    hidden_dim=4096, intermediate_dim=14336, num_key_value_heads=8, rope_max_wavelength=1000000,
    layer_norm_epsilon=1e-5, sliding_window=None)
pre("mixtral_8_7b_en", "MixtralBackbone", vocabulary_size=32000, num_layers=32, num_query_heads=32, hidden_dim=4096,
    intermediate_dim=14336, num_key_value_heads=8, num_experts=8, top_k=2, rope_max_wavelength=1000000,
    layer_norm_epsilon=1e-5, sliding_window=None)
pre("phi3_mini_4k_instruct_en", "Phi3Backbone", vocabulary_size=32064, num_layers=32, hidden_dim=3072,
    intermediate_dim=8192, num_query_heads=32, num_key_value_heads=32, layer_norm_epsilon=1e-5,
    max_sequence_length=4096, pretraining_sequence_length=4096, rope_max_wavelength=10000)
# ---- Gemma family
pre("gemma_2b_en", "GemmaBackbone", vocabulary_size=256000, num_layers=18, num_query_heads=8, num_key_value_heads=1,
    hidden_dim=2048, intermediate_dim=32768, head_dim=256)
pre("gemma_7b_en", "GemmaBackbone", vocabulary_size=256000, num_layers=28, num_query_heads=16,
    num_key_value_heads=16, hidden_dim=3072, intermediate_dim=49152, head_dim=256)
G2 = dict(query_head_dim_normalize=True, use_post_ffw_norm=True, use_post_attention_norm=True,
          final_logit_soft_cap=30.0, attention_logit_soft_cap=50.0, sliding_window_size=4096,
          use_sliding_window_attention=True)
pre("gemma2_2b_en", "GemmaBackbone", vocabulary_size=256000, num_layers=26, num_query_heads=8, num_key_value_heads=4,
    hidden_dim=2304, intermediate_dim=18432, head_dim=256, **G2)
pre("gemma2_9b_en", "GemmaBackbone", vocabulary_size=256000, num_layers=42, num_query_heads=16,
    num_key_value_heads=8, hidden_dim=3584, intermediate_dim=28672, head_dim=256, **G2)
pre("gemma2_27b_en", "GemmaBackbone", task=False, vocabulary_size=256000, num_layers=46, num_query_heads=32,
    num_key_value_heads=16, hidden_dim=4608, intermediate_dim=73728, head_dim=128,
    **{**G2, "query_head_dim_normalize": False})
G3 = dict(query_head_dim_normalize=True, use_query_key_norm=True, use_post_ffw_norm=True,
          use_post_attention_norm=True, use_sliding_window_attention=True, layer_norm_epsilon=1e-6)
pre("gemma3_1b", "Gemma3Backbone", vocabulary_size=262144, image_size=896, num_layers=26, num_query_heads=4,
    num_key_value_heads=1, hidden_dim=1152, intermediate_dim=6912, head_dim=256, sliding_window_size=512,
    local_rope_scaling_factor=1.0, global_rope_scaling_factor=1.0, **G3)
pre("gemma3_270m", "Gemma3Backbone", task=False, vocabulary_size=262144, image_size=896, num_layers=18,
    num_query_heads=4, num_key_value_heads=1, hidden_dim=640, intermediate_dim=2048, head_dim=256,
    sliding_window_size=512, **G3)
pre("gemma3_4b_text", "Gemma3Backbone", task=False, vocabulary_size=262144, image_size=896, num_layers=34,
    num_query_heads=8, num_key_value_heads=4, hidden_dim=2560, intermediate_dim=10240, head_dim=256,
    sliding_window_size=1024, global_rope_scaling_factor=8.0, **G3)
pre("gemma3_12b_text", "Gemma3Backbone", task=False, vocabulary_size=262144, image_size=896, num_layers=48,
    num_query_heads=16, num_key_value_heads=8, hidden_dim=3840, intermediate_dim=15360, head_dim=256,
    sliding_window_size=1024, global_rope_scaling_factor=8.0, **G3)
pre("gemma3_27b_text", "Gemma3Backbone", task=False, vocabulary_size=262144, image_size=896, num_layers=62,
    num_query_heads=32, num_key_value_heads=16, hidden_dim=5376, intermediate_dim=21504, head_dim=128,
    sliding_window_size=1024, global_rope_scaling_factor=8.0, **{**G3, "query_head_dim_normalize": False})
# ---- Qwen family
pre("qwen2.5_0.5b_en", "QwenBackbone", vocabulary_size=151936, num_layers=24, num_query_heads=14,
    num_key_value_heads=2, hidden_dim=896, intermediate_dim=4864, rope_max_wavelength=1000000,
    layer_norm_epsilon=1e-6, tie_word_embeddings=True, sliding_window_size=32768)
pre("qwen2.5_3b_en", "QwenBackbone", task=False, vocabulary_size=151936, num_layers=36, num_query_heads=16,
    num_key_value_heads=2, hidden_dim=2048, intermediate_dim=11008, rope_max_wavelength=1000000,
    layer_norm_epsilon=1e-6, tie_word_embeddings=True, sliding_window_size=32768)
pre("qwen2.5_7b_en", "QwenBackbone", vocabulary_size=152064, num_layers=28, num_query_heads=28,
    num_key_value_heads=4, hidden_dim=3584, intermediate_dim=18944, rope_max_wavelength=1000000,
    layer_norm_epsilon=1e-6, tie_word_embeddings=False, sliding_window_size=131072)
pre("qwen3_0.6b_en", "Qwen3Backbone", vocabulary_size=151936, num_layers=28, num_query_heads=16,
    num_key_value_heads=8, head_dim=128, hidden_dim=1024, intermediate_dim=3072, rope_max_wavelength=1000000,
    layer_norm_epsilon=1e-6, tie_word_embeddings=True, sliding_window_size=None)
pre("qwen3_8b_en", "Qwen3Backbone", task=False, vocabulary_size=151936, num_layers=36, num_query_heads=32,
    num_key_value_heads=8, head_dim=128, hidden_dim=4096, intermediate_dim=12288, rope_max_wavelength=1000000,
    layer_norm_epsilon=1e-6, tie_word_embeddings=False, sliding_window_size=None)
pre("qwen1.5_moe_2.7b_en", "QwenMoeBackbone", task=False, vocabulary_size=151936, num_layers=24, num_query_heads=16,
    num_key_value_heads=16, hidden_dim=2048, intermediate_dim=5632, moe_intermediate_dim=1408,
    shared_expert_intermediate_dim=5632, num_experts=60, top_k=4, rope_max_wavelength=1000000,
    tie_word_embeddings=False)
pre("qwen3_moe_30b_a3b_en", "Qwen3MoeBackbone", task=False, vocabulary_size=151936, num_layers=48,
    num_query_heads=32, num_key_value_heads=4, head_dim=128, hidden_dim=2048, intermediate_dim=6144,
    moe_intermediate_dim=768, num_experts=128, top_k=8, norm_top_k_prob=True, rope_max_wavelength=1000000,
    tie_word_embeddings=False)
pre("gpt_oss_20b_en", "GptOssBackbone", task=False, vocabulary_size=201088, num_layers=24, num_query_heads=64,
    num_key_value_heads=8, head_dim=64, hidden_dim=2880, intermediate_dim=2880, num_experts=32, top_k=4,
    rope_max_wavelength=150000, sliding_window=128, layer_norm_epsilon=1e-5)
# ---- ViT
pre("vit_base_patch16_224_imagenet", "ViTBackbone", image_shape=(224, 224, 3), patch_size=16, num_layers=12,
    num_heads=12, hidden_dim=768, mlp_dim=3072, layer_norm_epsilon=1e-6)
pre("vit_base_patch16_384_imagenet", "ViTBackbone", task=False, image_shape=(384, 384, 3), patch_size=16,
    num_layers=12, num_heads=12, hidden_dim=768, mlp_dim=3072)
pre("vit_large_patch16_224_imagenet", "ViTBackbone", task=False, image_shape=(224, 224, 3), patch_size=16,
    num_layers=24, num_heads=16, hidden_dim=1024, mlp_dim=4096)

BUILD_LIMIT = 1.5e9


def shrink(cls, kw, f):
    """Small but shape-consistent kwargs: f=4 or 8."""
    k = dict(kw)
    heads = k.get("num_query_heads") or k.get("num_heads") or k.get("num_attention_heads")
    for key in ("vocabulary_size", "vocab_size"):
        if key in k:
            k[key] = 16 * f
    if "num_layers" in k:
        k["num_layers"] = 1 if f == 4 else 2
    if "hidden_dim" in k:
        k["hidden_dim"] = heads * f
    if "head_dim" in k and k["head_dim"]:
        k["head_dim"] = f
    for key in ("intermediate_dim", "mlp_dim", "moe_intermediate_dim", "shared_expert_intermediate_dim",
                "embedding_dim"):
        if key in k:
            k[key] = 4 * f
    if "image_shape" in k:
        k["image_shape"] = (32, 32, 3)
    if "num_experts" in k:
        k["num_experts"] = min(k["num_experts"], 8)
        k["top_k"] = min(k.get("top_k", 2), k["num_experts"])
    if "rope_scaling_short_factor" in k:
        pass
    return k


def serialize(keras, model):
    cfg = keras.saving.serialize_keras_object(model)
    for key in ("compile_config", "build_config"):
        _pop(cfg, key)
    return cfg


def _pop(d, key):
    if isinstance(d, dict):
        d.pop(key, None)
        for v in d.values():
            _pop(v, key)
    elif isinstance(d, list):
        for v in d:
            _pop(v, key)


def _jsonable(v):
    return json.loads(json.dumps(v))


def do_config(name):
    import keras
    import keras_hub

    cls_name, kw, _, note = P[name]
    cls = getattr(keras_hub.models, cls_name)
    cfgs = []
    for f in (4, 8):
        m = cls(**shrink(cls_name, kw, f))
        cfgs.append(serialize(keras, m))
        del m
    c4, c8 = cfgs
    out = json.loads(json.dumps(c4))
    missing, size_dependent = [], []
    for key, v in kw.items():
        if key not in out["config"]:
            missing.append(key)
            continue
        v = list(v) if isinstance(v, tuple) else v
        if isinstance(out["config"][key], list) and isinstance(v, int):
            v = [v] * len(out["config"][key])  # e.g. ViT get_config writes patch_size as [p, p]
        out["config"][key] = _jsonable(v)
    for key in out["config"]:
        if key not in kw and key != "name" and c4["config"][key] != c8["config"][key]:
            size_dependent.append(key)
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "config.json"), "w") as fh:
        fh.write(json.dumps(out, indent=4))
    info = {"preset": name, "class": cls_name, "kwargs": _jsonable(kw), "note": note,
            "kwargs_not_in_get_config": missing, "size_dependent_keys_not_patched": size_dependent}
    with open(os.path.join(d, "config_info.json"), "w") as fh:
        json.dump(info, fh, indent=1)
    print(json.dumps(info))


def do_build(name, variant=None):
    import keras
    import keras_hub

    cls_name, kw, _, note = P[name]
    cls = getattr(keras_hub.models, cls_name)
    d = os.path.join(OUT, name)
    res = {"preset": name}
    t0 = time.time()
    if variant == "fromconfig":
        # rebuild exactly from the written config.json (what from_preset would construct)
        cfg = json.load(open(os.path.join(d, "config.json")))
        m = keras.saving.deserialize_keras_object(cfg)
    else:
        m = cls(**kw)
    res["build_seconds"] = round(time.time() - t0, 1)
    res["count_params"] = int(m.count_params())
    res["n_variables"] = len(m.weights)
    ser = _jsonable(serialize(keras, m))
    written = json.load(open(os.path.join(d, "config.json")))
    res["serialized_equals_written_config"] = ser == written
    if ser != written:
        res["config_diff"] = {k: [ser["config"].get(k), written["config"].get(k)]
                              for k in set(ser["config"]) | set(written["config"])
                              if ser["config"].get(k) != written["config"].get(k)}
    fn = "build_check.json" if variant is None else f"build_check_{variant}.json"
    with open(os.path.join(d, fn), "w") as fh:
        json.dump(res, fh, indent=1)
    print(json.dumps(res))


def report():
    from param_formulas import count

    presets = json.load(open(os.path.join(HERE, "presets.json")))
    rows = []
    for name, (cls_name, kw, task, note) in P.items():
        d = os.path.join(OUT, name)
        r = {"preset": name, "class": cls_name, "in_task_list": task, "note": note}
        r["metadata_params"] = presets.get(name, {}).get("metadata", {}).get("params")
        cfgp = os.path.join(d, "config.json")
        if os.path.exists(cfgp):
            cfg = json.load(open(cfgp))
            r["formula_params_from_config_json"] = count(cfg)[0]
            cfg2 = json.loads(json.dumps(cfg))
            if "tie_word_embeddings" in kw:
                cfg2["config"]["tie_word_embeddings"] = kw["tie_word_embeddings"]
            r["formula_params_from_kwargs"] = count(cfg2)[0]
            r["breakdown"] = count(cfg2)[1]
        for fn, key in (("build_check.json", "built"), ("build_check_fromconfig.json", "built_from_config_json")):
            p = os.path.join(d, fn)
            if os.path.exists(p):
                bc = json.load(open(p))
                r[key + "_count_params"] = bc["count_params"]
                r[key + "_config_roundtrip_equal"] = bc["serialized_equals_written_config"]
        ci = os.path.join(d, "config_info.json")
        if os.path.exists(ci):
            ci = json.load(open(ci))
            r["kwargs_not_in_get_config"] = ci["kwargs_not_in_get_config"]
            r["size_dependent_keys_not_patched"] = ci["size_dependent_keys_not_patched"]
        m = r["metadata_params"]
        r["metadata_matches_config_json"] = m == r.get("formula_params_from_config_json")
        r["metadata_matches_kwargs"] = m == r.get("formula_params_from_kwargs")
        rows.append(r)
    json.dump(rows, open(os.path.join(OUT, "checks.json"), "w"), indent=1)
    lines = ["# Preset parameter checks", "",
             "metadata = keras_hub `*_presets.py` metadata params; config = formula on presets/<p>/config.json "
             "(as keras_hub reloads it); kwargs = formula on the constructor kwargs (differs only for tied Llama 3.2); "
             "built = count_params() of the full-size float32 backbone (only < 1.5B).", "",
             "| preset | class | metadata | config.json formula | kwargs formula | built | built from config.json | match |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for r in rows:
        def f(v):
            return f"{v:,}" if isinstance(v, int) else ("" if v is None else str(v))
        match = "yes" if r["metadata_matches_config_json"] else "**NO**"
        lines.append(f"| {r['preset']}{'' if r['in_task_list'] else ' (extra)'} | {r['class']} | {f(r['metadata_params'])} | "
                     f"{f(r.get('formula_params_from_config_json'))} | {f(r.get('formula_params_from_kwargs'))} | "
                     f"{f(r.get('built_count_params'))} | {f(r.get('built_from_config_json_count_params'))} | {match} |")
    open(os.path.join(OUT, "CHECKS.md"), "w").write("\n".join(lines) + "\n")
    print("\n".join(lines))


def run_all(names):
    os.makedirs(OUT, exist_ok=True)
    env = dict(os.environ, KERAS_BACKEND="torch", COLUMNS="200")
    presets = json.load(open(os.path.join(HERE, "presets.json")))
    for name in names:
        d = os.path.join(OUT, name)
        os.makedirs(d, exist_ok=True)
        log = open(os.path.join(d, "log.txt"), "w")
        t0 = time.time()
        rc = subprocess.call([sys.executable, __file__, "config", name], stdin=subprocess.DEVNULL, stdout=log,
                             stderr=subprocess.STDOUT, env=env)
        msg = f"{name:40s} config rc={rc} {time.time() - t0:6.1f}s"
        meta = presets.get(name, {}).get("metadata", {}).get("params") or 0
        if rc == 0 and meta < BUILD_LIMIT and "--nobuild" not in sys.argv:
            t0 = time.time()
            rc2 = subprocess.call([sys.executable, __file__, "build", name], stdin=subprocess.DEVNULL, stdout=log,
                                  stderr=subprocess.STDOUT, env=env)
            msg += f" | build rc={rc2} {time.time() - t0:6.1f}s"
            if "tie_word_embeddings" in P[name][1] and P[name][0].startswith("Llama"):
                rc3 = subprocess.call([sys.executable, __file__, "build", name, "fromconfig"], stdin=subprocess.DEVNULL,
                                      stdout=log, stderr=subprocess.STDOUT, env=env)
                msg += f" | build-from-config rc={rc3}"
        print(msg, flush=True)
    report()


if __name__ == "__main__":
    a = sys.argv
    if a[1] == "config":
        do_config(a[2])
    elif a[1] == "build":
        do_build(a[2], a[3] if len(a) > 3 else None)
    elif a[1] == "report":
        report()
    elif a[1] == "all":
        run_all([n for n in a[2:] if not n.startswith("--")] or list(P))
    elif a[1] == "list":
        for n in P:
            print(n)

#!/usr/bin/env python
"""keras_hub backbone reference generator for archcalc.

Usage (use /work/scratch/hubvenv/bin/python):
    python gen_backbones.py list
    python gen_backbones.py all [NAME ...]      # each NAME in its own fresh subprocess (stdin/stdout not a tty)
    python gen_backbones.py one NAME            # build + dump in THIS process (used by `all`)

NAME is <family>/<config>. Output: /work/scratch/khub/<family>/<config>/
    config.json, metadata.json    as backbone.save_to_preset(tmp) writes them (weights file discarded)
    summary-wide.txt              summary() with COLUMNS=200
    summary-80.txt                summary() with COLUMNS unset, not a tty (80 cols -> line_length 76)
    summary-expand.txt            summary(expand_nested=True)  (COLUMNS=200)
    layers.json                   rows of model._operations (as tests/golden/keras/generators/models.py dump_layers)
                                  + "tree": recursive sublayers with weights, output shapes from an eager call
                                  + "functional_config": Functional.get_config() (layers with inbound_nodes)
    status.json / build.log / ERROR.txt
Quantized variants (config names ending in _int8/_int4) call backbone.quantize(mode) after building.
"""
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIGS = {}  # "family/config" -> (class_name, kwargs, description, options)


def reg(name, cls, desc="", quantize=None, **kw):
    CONFIGS[name] = (cls, kw, desc, {"quantize": quantize})


V, L, H, NH, KV, I = 1000, 2, 64, 4, 2, 128
ENC = dict(vocabulary_size=V, num_layers=L, num_heads=NH, hidden_dim=H, intermediate_dim=I)

# ---------------- encoders
reg("bert/small", "BertBackbone", **ENC, max_sequence_length=128)
reg("bert/seg3_seq64_l3", "BertBackbone", **{**ENC, "num_layers": 3}, max_sequence_length=64, num_segments=3)
reg("distil_bert/small", "DistilBertBackbone", **ENC, max_sequence_length=128)
reg("distil_bert/seq64_l3", "DistilBertBackbone", **{**ENC, "num_layers": 3}, max_sequence_length=64)
reg("roberta/small", "RobertaBackbone", **ENC, max_sequence_length=128)
reg("roberta/seq66_l3", "RobertaBackbone", **{**ENC, "num_layers": 3}, max_sequence_length=66)
reg("xlm_roberta/small", "XLMRobertaBackbone", **ENC, max_sequence_length=128)
reg("albert/small", "AlbertBackbone", **{**ENC, "num_layers": 4}, embedding_dim=32, max_sequence_length=128)
reg("albert/groups2_inner2", "AlbertBackbone", **{**ENC, "num_layers": 4}, embedding_dim=32, num_groups=2,
    num_inner_repetitions=2, max_sequence_length=64, num_segments=3)
reg("deberta_v3/small", "DebertaV3Backbone", **ENC, max_sequence_length=128, bucket_size=16)
reg("deberta_v3/bucket32_l3", "DebertaV3Backbone", **{**ENC, "num_layers": 3}, max_sequence_length=64, bucket_size=32)
reg("electra/small", "ElectraBackbone", vocab_size=V, num_layers=L, num_heads=NH, hidden_dim=H, embedding_dim=32,
    intermediate_dim=I, max_sequence_length=128)
reg("electra/emb_eq_hidden", "ElectraBackbone", vocab_size=V, num_layers=L, num_heads=NH, hidden_dim=H, embedding_dim=H,
    intermediate_dim=I, max_sequence_length=64, num_segments=3)
reg("f_net/small", "FNetBackbone", vocabulary_size=V, num_layers=L, hidden_dim=H, intermediate_dim=I, max_sequence_length=128)
reg("t5/gated_tied", "T5Backbone", **ENC, use_gated_activation=True, tie_embedding_weights=True)
reg("t5/relu_untied_kv", "T5Backbone", **ENC, key_value_dim=32, activation="relu", use_gated_activation=False,
    tie_embedding_weights=False)
# ---------------- decoders (MHA, learned/rotary positions)
reg("gpt2/small", "GPT2Backbone", **ENC, max_sequence_length=128)
reg("gpt2/seq256_l3", "GPT2Backbone", **{**ENC, "num_layers": 3}, max_sequence_length=256)
reg("opt/small", "OPTBackbone", **ENC, max_sequence_length=128)
reg("opt/seq256_l3", "OPTBackbone", **{**ENC, "num_layers": 3}, max_sequence_length=256)
reg("gpt_neo_x/small", "GPTNeoXBackbone", **ENC, max_sequence_length=128)
reg("gpt_neo_x/rot50_l3", "GPTNeoXBackbone", **{**ENC, "num_layers": 3}, rotary_percentage=0.5, max_sequence_length=64)
reg("bloom/small", "BloomBackbone", **ENC)
reg("bloom/l3", "BloomBackbone", **{**ENC, "num_layers": 3, "intermediate_dim": 256})
reg("falcon/small", "FalconBackbone", vocabulary_size=V, num_layers=L, num_attention_heads=NH, hidden_dim=H, intermediate_dim=I)
reg("falcon/l3_inter256", "FalconBackbone", vocabulary_size=V, num_layers=3, num_attention_heads=8, hidden_dim=H, intermediate_dim=256)
# ---------------- Llama family
LL = dict(vocabulary_size=V, num_layers=L, num_query_heads=NH, hidden_dim=H, intermediate_dim=I, num_key_value_heads=KV)
reg("llama/small", "LlamaBackbone", **LL)
reg("llama/small_int8", "LlamaBackbone", **LL, quantize="int8")
reg("llama/small_int4", "LlamaBackbone", **LL, quantize="int4")
LLQ = dict(vocabulary_size=1001, num_layers=2, num_query_heads=4, hidden_dim=256, intermediate_dim=384, num_key_value_heads=2)
reg("llama/h256_int8", "LlamaBackbone", **LLQ, quantize="int8")
reg("llama/h256_int4", "LlamaBackbone", **LLQ, quantize="int4")
reg("llama/small_float8", "LlamaBackbone", **LL, quantize="float8")
reg("llama/tied", "LlamaBackbone", **LL, tie_word_embeddings=True)
reg("llama/mha_rope31", "LlamaBackbone", **{**LL, "num_key_value_heads": NH}, rope_max_wavelength=500000,
    rope_position_scaling_factor=8.0, rope_frequency_adjustment_factor=8.0, rope_low_freq_factor=1.0,
    rope_high_freq_factor=4.0, rope_pretraining_sequence_length=8192)
reg("llama3/small", "Llama3Backbone", **LL, rope_max_wavelength=500000)
reg("llama3/tied_rope32", "Llama3Backbone", **{**LL, "num_key_value_heads": 1}, tie_word_embeddings=True,
    rope_max_wavelength=500000, rope_position_scaling_factor=32.0, rope_frequency_adjustment_factor=32.0,
    rope_low_freq_factor=1.0, rope_high_freq_factor=4.0, rope_pretraining_sequence_length=8192)
reg("mistral/small", "MistralBackbone", **LL, sliding_window=16)
reg("mistral/head_dim32", "MistralBackbone", **LL, sliding_window=None, head_dim=32)
reg("mixtral/e4_top2", "MixtralBackbone", **LL, num_experts=4, top_k=2, sliding_window=16)
reg("mixtral/e8_top1_l3", "MixtralBackbone", **{**LL, "num_layers": 3}, num_experts=8, top_k=1)
# ---------------- Gemma family
GM = dict(vocabulary_size=V, num_layers=L, num_query_heads=NH, num_key_value_heads=1, hidden_dim=H,
          intermediate_dim=I, head_dim=16)
reg("gemma/gemma1_mqa", "GemmaBackbone", **GM)
reg("gemma/gemma1_mqa_int8", "GemmaBackbone", **GM, quantize="int8")
reg("gemma/gemma1_mqa_int4", "GemmaBackbone", **GM, quantize="int4")
reg("gemma/h256_int4", "GemmaBackbone", vocabulary_size=1001, num_layers=2, num_query_heads=4, num_key_value_heads=1,
    hidden_dim=256, intermediate_dim=768, head_dim=64, quantize="int4")
reg("gemma/gemma1_mha_hd32", "GemmaBackbone", **{**GM, "num_key_value_heads": NH, "head_dim": 32})
reg("gemma2/small", "GemmaBackbone", **{**GM, "num_key_value_heads": KV, "num_layers": 3}, query_head_dim_normalize=False,
    use_post_ffw_norm=True, use_post_attention_norm=True, attention_logit_soft_cap=50.0, final_logit_soft_cap=30.0,
    use_sliding_window_attention=True, sliding_window_size=16)
reg("gemma2/qnorm_true", "GemmaBackbone", **{**GM, "num_key_value_heads": KV, "head_dim": 32}, query_head_dim_normalize=True,
    use_post_ffw_norm=True, use_post_attention_norm=True, attention_logit_soft_cap=50.0, final_logit_soft_cap=30.0,
    use_sliding_window_attention=True, sliding_window_size=16)
G3 = dict(vocabulary_size=V, image_size=32, num_layers=L, num_query_heads=NH, num_key_value_heads=1, hidden_dim=H,
          intermediate_dim=I, head_dim=16)
reg("gemma3/text_1b_like_l7", "Gemma3Backbone", **{**G3, "num_layers": 7}, query_head_dim_normalize=True,
    use_query_key_norm=True, use_post_ffw_norm=True, use_post_attention_norm=True, use_sliding_window_attention=True,
    sliding_window_size=16, local_rope_scaling_factor=1.0, global_rope_scaling_factor=8.0)
reg("gemma3/text_no_qknorm", "Gemma3Backbone", **{**G3, "num_key_value_heads": KV}, use_query_key_norm=False)
reg("gemma3/text_embedding", "Gemma3Backbone", **G3, use_post_ffw_norm=True, use_post_attention_norm=True,
    use_bidirectional_attention=True, is_embedding_model=True, pooling_intermediate_dim=96, embedding_dim=48)
# ---------------- others
reg("phi3/small", "Phi3Backbone", vocabulary_size=V, num_layers=L, hidden_dim=H, intermediate_dim=I, num_query_heads=NH,
    num_key_value_heads=NH)
reg("phi3/gqa_su", "Phi3Backbone", vocabulary_size=V, num_layers=L, hidden_dim=H, intermediate_dim=I, num_query_heads=NH,
    num_key_value_heads=KV, max_sequence_length=256, pretraining_sequence_length=64, rope_scaling_type="su",
    rope_scaling_short_factor=[1.0] * 8, rope_scaling_long_factor=[2.0] * 8)
QW = dict(vocabulary_size=V, num_layers=L, num_query_heads=NH, num_key_value_heads=KV, hidden_dim=H, intermediate_dim=I)
reg("qwen/tied", "QwenBackbone", **QW)
reg("qwen/untied_sw", "QwenBackbone", **QW, tie_word_embeddings=False, use_sliding_window_attention=True,
    sliding_window_size=16, rope_max_wavelength=1000000)
reg("qwen3/tied_hd32", "Qwen3Backbone", **QW, head_dim=32)
reg("qwen3/untied_hd16", "Qwen3Backbone", **QW, head_dim=16, tie_word_embeddings=False)
reg("qwen_moe/e4_top2_shared", "QwenMoeBackbone", **QW, moe_intermediate_dim=32, shared_expert_intermediate_dim=96,
    num_experts=4, top_k=2)
reg("qwen_moe/e4_sparse2_mlponly", "QwenMoeBackbone", **{**QW, "num_layers": 4}, moe_intermediate_dim=32,
    shared_expert_intermediate_dim=96, num_experts=4, top_k=2, decoder_sparse_step=2, mlp_only_layers=[0],
    tie_word_embeddings=True)
reg("qwen3_moe/e4_top2", "Qwen3MoeBackbone", **QW, moe_intermediate_dim=32, num_experts=4, top_k=2, head_dim=32)
reg("qwen3_moe/e4_sparse2_mlponly", "Qwen3MoeBackbone", **{**QW, "num_layers": 4}, moe_intermediate_dim=32, num_experts=4,
    top_k=2, decoder_sparse_step=2, mlp_only_layers=[0], tie_word_embeddings=True)
reg("gpt_oss/e4_top2", "GptOssBackbone", **LL, num_experts=4, top_k=2, sliding_window=16)
reg("smollm3/small", "SmolLM3Backbone", vocabulary_size=V, hidden_dim=H, intermediate_dim=I, num_layers=4,
    num_attention_heads=NH, num_key_value_heads=KV, attention_bias=False, attention_dropout=0.0,
    rope_layer_enabled_list=[1, 1, 1, 0], layer_types=["full_attention"] * 4, mlp_bias=False, layer_norm_epsilon=1e-6,
    max_position_embeddings=128, rope_theta=5000000.0, partial_rotary_factor=1.0)
VT = dict(image_shape=(32, 32, 3), patch_size=8, num_layers=L, num_heads=NH, hidden_dim=H, mlp_dim=I)
reg("vit/small", "ViTBackbone", **VT)
reg("vit/nocls_nobias", "ViTBackbone", **VT, use_class_token=False, use_mha_bias=False, use_mlp_bias=False,
    use_patch_bias=False)
reg("vit/patch4_l3", "ViTBackbone", **{**VT, "num_layers": 3, "patch_size": 4, "image_shape": (24, 24, 3)})


# ==========================================================================
def _plain(markup):
    import rich.text

    return rich.text.Text.from_markup(markup).plain


def _shapes(x):
    if hasattr(x, "shape") and not isinstance(x, (list, tuple, dict)):
        return [None if d is None else int(d) for d in x.shape]
    if isinstance(x, dict):
        return {k: _shapes(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_shapes(v) for v in x]
    return None


def _node_shapes(node):
    outs = _shapes(node.output_tensors)
    return outs[0] if isinstance(outs, list) and len(outs) == 1 else outs


def _relevant_nodes(model):
    fn = model
    if not hasattr(fn, "_nodes_by_depth"):
        fn = getattr(model, "_functional", None)
    if fn is None or not hasattr(fn, "_nodes_by_depth"):
        return None
    nodes = []
    for v in fn._nodes_by_depth.values():
        nodes += v
    return nodes


def _wrow(w, tw_ids):
    return [getattr(w, "path", w.name), [int(d) for d in w.shape], id(w) in tw_ids, str(w.dtype)]


def dump_rows(keras, model):
    """Copy of tests/golden/keras/generators/models.py dump_layers (rows of model._operations)."""
    from keras.src.utils import summary_utils

    ops = list(model._operations)
    relevant = _relevant_nodes(model)
    rows = []
    for layer in ops:
        nodes = list(getattr(layer, "_inbound_nodes", []))
        row = {"name": layer.name, "class": layer.__class__.__name__,
               "module": layer.__class__.__module__, "in_model_layers": layer in model.layers}
        if nodes:
            row["output_shape"] = _node_shapes(nodes[-1])
            if len(nodes) > 1:
                row["node_output_shapes"] = [_node_shapes(n) for n in nodes]
        else:
            row["output_shape"] = None
        try:
            row["summary_shape"] = _plain(summary_utils.format_layer_shape(layer))
        except Exception as e:  # noqa: BLE001
            row["summary_shape_error"] = f"{type(e).__name__}: {e}"
        built = bool(getattr(layer, "built", False))
        row["built"] = built
        row["trainable"] = bool(getattr(layer, "trainable", True))
        if hasattr(layer, "count_params") and built:
            row["params"] = int(layer.count_params())
            row["trainable_params"] = int(sum(math.prod(w.shape) for w in layer.trainable_weights))
            row["non_trainable_params"] = int(sum(math.prod(w.shape) for w in layer.non_trainable_weights))
        else:
            row["params"] = row["trainable_params"] = row["non_trainable_params"] = 0
        inbound, connected, n_in_model = [], [], 0
        for node in nodes:
            if relevant is not None and node not in relevant:
                continue
            n_in_model += 1
            triples = []
            for kt in node.input_tensors:
                h = kt._keras_history
                triples.append([h.operation.name, int(h.node_index), int(h.tensor_index)])
                connected.append(f"{h.operation.name}[{h.node_index}][{h.tensor_index}]")
            inbound.append(triples)
        row["inbound"] = inbound
        row["connected_to"] = ", ".join(connected) if connected else "-"
        row["n_nodes_total"] = len(nodes)
        if n_in_model != len(nodes):
            row["n_nodes_in_model"] = n_in_model
        tw_ids = {id(w) for w in getattr(layer, "trainable_weights", [])}
        row["weights"] = [_wrow(w, tw_ids) for w in getattr(layer, "weights", [])]
        rows.append(row)
    return rows


def totals(model):
    from keras.src.utils import summary_utils

    tw = model.trainable_weights
    trainable = summary_utils.count_params(tw)
    non_trainable = summary_utils.count_params(model.non_trainable_weights)
    return {
        "total": trainable + non_trainable,
        "trainable": trainable,
        "non_trainable": non_trainable,
        "total_memory": summary_utils.readable_memory_size(
            summary_utils.weight_memory_size(tw) + summary_utils.weight_memory_size(model.non_trainable_weights)),
        "count_params": int(model.count_params()),
        "n_variables": len(model.weights),
        "weight_bytes": int(sum(math.prod(w.shape) * _dtype_bytes(w.dtype) for w in model.weights)),
    }


def _dtype_bytes(dt):
    dt = str(dt)
    for k, b in (("64", 8), ("32", 4), ("16", 2), ("8", 1), ("4", 0.5), ("bool", 1)):
        if k in dt:
            return b
    return 4


def tree(layer, shapes, depth=0):
    """Recursive sublayer tree with own (non-nested) weights and all weights."""
    tw_ids = {id(w) for w in layer.trainable_weights}
    children = list(layer._flatten_layers(include_self=False, recursive=False))
    child_w = set()
    for c in children:
        child_w |= {id(w) for w in c.weights}
    node = {
        "name": layer.name,
        "path": getattr(layer, "path", None),
        "class": layer.__class__.__name__,
        "module": layer.__class__.__module__,
        "built": bool(layer.built),
        "dtype_policy": getattr(layer.dtype_policy, "name", str(layer.dtype_policy)),
        "quantization_mode": getattr(layer, "quantization_mode", None),
        "params": int(layer.count_params()) if layer.built else 0,
        "own_weights": [_wrow(w, tw_ids) for w in layer.weights if id(w) not in child_w],
    }
    s = shapes.get(id(layer))
    if s is not None:
        node["eager_output_shape"], node["n_calls"] = s
    if depth == 0:
        node["all_weights"] = [_wrow(w, tw_ids) for w in layer.weights]
    if children:
        node["sublayers"] = [tree(c, shapes, depth + 1) for c in children]
    return node


def sample_inputs(model, batch=2, seq=8):
    import numpy as np

    out = {}
    names = model.input_names if hasattr(model, "input_names") else None
    struct = model._inputs_struct
    def make(t):
        shp = [batch] + [seq if d is None else d for d in t.shape[1:]]
        if "int" in str(t.dtype):
            return np.ones(shp, dtype="int32")
        return np.random.uniform(size=shp).astype("float32")
    if isinstance(struct, dict):
        return {k: make(v) for k, v in struct.items()}
    if isinstance(struct, (list, tuple)):
        return [make(v) for v in struct]
    return make(struct)


def eager_shapes(keras, model):
    """Call the model once on concrete inputs (batch 2, seq 8) and record each layer's first output shape."""
    from keras.src.layers.layer import Layer

    shapes = {}
    orig = Layer.__call__

    def patched(self, *a, **k):
        out = orig(self, *a, **k)
        try:
            if id(self) in shapes:
                shapes[id(self)][1] += 1
            else:
                shapes[id(self)] = [_shapes(out), 1]
        except Exception:  # noqa: BLE001
            pass
        return out

    Layer.__call__ = patched
    try:
        x = sample_inputs(model)
        model(x)
    finally:
        Layer.__call__ = orig
    return shapes, {k: [int(d) for d in v.shape] for k, v in (x.items() if isinstance(x, dict) else [])}


def functional_config(model):
    from keras.src.models import functional as F

    orig = F.functional_like_constructor
    F.functional_like_constructor = lambda cls: True
    patched = []
    # Some keras_hub layers' get_config() raises (e.g. LlamaTransformerDecoder refers to a missing
    # self.rope_scaling_factor in keras_hub 0.32). Record the error and fall back to Layer.get_config().
    import keras
    for op in model._operations:
        try:
            op.get_config()
        except Exception as e:  # noqa: BLE001
            msg = f"{type(e).__name__}: {e}"
            base = keras.layers.Layer.get_config

            def fallback(op=op, msg=msg, base=base):
                c = base(op)
                c["_get_config_error"] = msg
                return c

            op.get_config = fallback
            patched.append(op)
    try:
        return F.Functional.get_config(model)
    finally:
        F.functional_like_constructor = orig
        for op in patched:
            del op.get_config


def capture_summary(model, **kw):
    chunks = []
    model.summary(print_fn=lambda s, *a, **k: chunks.append(s), **kw)
    return "".join(c + "\n" for c in chunks)


def build(name):
    import keras
    import keras_hub

    cls_name, kw, desc, opts = CONFIGS[name]
    cls = getattr(keras_hub.models, cls_name)
    kw = dict(kw)
    model = cls(**kw)
    return keras, keras_hub, model, opts


def run_one(name):
    os.environ.setdefault("KERAS_BACKEND", "torch")
    os.environ["COLUMNS"] = "200"
    d = os.path.join(HERE, name)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        if f != "build.log":
            os.remove(os.path.join(d, f))
    cls_name, kw, desc, opts = CONFIGS[name]
    status = {"name": name, "class": cls_name, "kwargs": kw, "description": desc}
    errors = []

    def write(fname, text):
        with open(os.path.join(d, fname), "w", encoding="utf-8") as f:
            f.write(text)

    def step(label, fn):
        try:
            fn()
        except Exception as e:  # noqa: BLE001
            errors.append(f"{label}: {type(e).__name__}: {e}")
            with open(os.path.join(d, "ERROR.txt"), "a") as f:
                f.write(f"--- {label}\n{traceback.format_exc()}\n")

    t0 = time.time()
    try:
        keras, keras_hub, model, opts = build(name)
        status["versions"] = {"keras": keras.__version__, "keras_hub": keras_hub.__version__}
        if opts.get("quantize"):
            status["count_params_before_quantize"] = int(model.count_params())
            status["n_variables_before_quantize"] = len(model.weights)
            model.quantize(opts["quantize"])
    except Exception as e:  # noqa: BLE001
        write("ERROR.txt", traceback.format_exc())
        status.update(ok=False, error=f"{type(e).__name__}: {e}")
        write("status.json", json.dumps(status, indent=1, default=str))
        return 1
    status["build_seconds"] = round(time.time() - t0, 2)

    def preset():
        tmp = tempfile.mkdtemp(prefix="khub_preset_")
        try:
            model.save_to_preset(tmp)
            for f in ("config.json", "metadata.json"):
                if os.path.exists(os.path.join(tmp, f)):
                    shutil.copy(os.path.join(tmp, f), os.path.join(d, f))
            status["preset_files"] = sorted(os.listdir(tmp))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    step("preset", preset)
    step("summary-wide", lambda: write("summary-wide.txt", capture_summary(model)))
    step("summary-expand", lambda: write("summary-expand.txt", capture_summary(model, expand_nested=True)))

    def layers_json():
        info = {"model": model.name, "class": model.__class__.__name__,
                "model_layers": [l.name for l in model.layers],
                "rows_source": "model._operations (summary rows; includes functional op nodes such as Multiply)",
                "rows": dump_rows(keras, model)}
        info["inputs"] = _shapes(model._inputs_struct)
        info["outputs"] = _shapes(model._outputs_struct)
        try:
            shapes, xin = eager_shapes(keras, model)
            info["eager_input_shapes"] = xin
        except Exception as e:  # noqa: BLE001
            shapes = {}
            info["eager_error"] = f"{type(e).__name__}: {e}"
        info["tree"] = [tree(l, shapes) for l in model.layers]
        info["totals"] = totals(model)
        info["variables"] = [[getattr(w, "path", w.name), [int(s) for s in w.shape], bool(w.trainable), str(w.dtype)]
                             for w in model.weights]
        try:
            info["functional_config"] = functional_config(model)
        except Exception as e:  # noqa: BLE001
            info["functional_config_error"] = f"{type(e).__name__}: {e}"
        write("layers.json", json.dumps(info, indent=1, default=str))
        status["totals"] = info["totals"]

    step("layers.json", layers_json)

    def narrow():
        os.environ.pop("COLUMNS", None)
        for fd in (0, 1, 2):
            if os.isatty(fd):
                raise RuntimeError(f"fd {fd} is a tty; run via `all`")
        write("summary-80.txt", capture_summary(model))
        os.environ["COLUMNS"] = "200"

    step("summary-80", narrow)
    status["ok"] = not errors
    if errors:
        status["errors"] = errors
    write("status.json", json.dumps(status, indent=1, default=str))
    return 0 if not errors else 1


def run_all(names):
    env = dict(os.environ)
    env["KERAS_BACKEND"] = "torch"
    env["COLUMNS"] = "200"
    env.pop("LINES", None)
    for name in names:
        d = os.path.join(HERE, name)
        os.makedirs(d, exist_ok=True)
        t0 = time.time()
        with open(os.path.join(d, "build.log"), "w") as log:
            rc = subprocess.call([sys.executable, os.path.abspath(__file__), "one", name],
                                 stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env)
        print(f"{name:40s} rc={rc} {time.time() - t0:6.1f}s", flush=True)
    write_index()


def write_index():
    rows = []
    for name in CONFIGS:
        p = os.path.join(HERE, name, "status.json")
        rows.append(json.load(open(p)) if os.path.exists(p) else {"name": name, "ok": None})
    with open(os.path.join(HERE, "index.json"), "w") as f:
        json.dump(rows, f, indent=1)


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    if argv[1] == "list":
        for n, (c, kw, _, o) in CONFIGS.items():
            print(f"{n:40s} {c} {kw} {o}")
        return 0
    if argv[1] == "one":
        return run_one(argv[2])
    if argv[1] == "all":
        names = argv[2:] or list(CONFIGS)
        run_all(names)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))

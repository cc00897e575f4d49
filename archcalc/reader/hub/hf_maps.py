"""keras_hub 0.32's ``convert_backbone_config`` of each Hugging Face ``model_type``, key for key.

Each function reads the HF config through :class:`Tracked`, which records
the keys it reads: ``c["key"]`` where the converter indexes (the key is
required: keras_hub fails without it), ``c.get("key", default)`` where the
converter uses ``.get``. hf.py turns that record into the warning.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Missing(Exception):
    """A key the converter reads with ``[...]`` is absent (keras_hub fails with KeyError)."""


class Tracked:
    """The HF config, recording which keys the converter reads."""

    def __init__(
        self, data: dict[str, Any], prefix: str = "", used: list[str] | None = None
    ) -> None:
        self.data = data
        self.prefix = prefix
        self.used: list[str] = [] if used is None else used

    def _note(self, key: str) -> None:
        if self.prefix + key not in self.used:
            self.used.append(self.prefix + key)

    def __getitem__(self, key: str) -> Any:
        self._note(key)
        if key not in self.data:
            raise Missing(self.prefix + key)
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:
        self._note(key)
        return self.data.get(key, default)

    def sub(self, key: str, required: bool = False) -> Tracked | None:
        value = self[key] if required else self.get(key)
        if not isinstance(value, dict):
            return None
        return Tracked(value, f"{self.prefix}{key}.", self.used)


def _rope_theta(c: Tracked) -> Any:
    params = c.sub("rope_parameters")
    theta = params.get("rope_theta") if params is not None else None
    return c["rope_theta"] if theta is None else theta


def llama3(c: Tracked) -> dict[str, Any]:
    theta = _rope_theta(c)
    out = {
        "vocabulary_size": c["vocab_size"],
        "num_layers": c["num_hidden_layers"],
        "num_query_heads": c["num_attention_heads"],
        "hidden_dim": c["hidden_size"],
        "intermediate_dim": c["intermediate_size"],
        "num_key_value_heads": c["num_key_value_heads"],
        "tie_word_embeddings": c["tie_word_embeddings"],
        "rope_max_wavelength": theta,
    }
    scaling = c.sub("rope_scaling")
    if scaling is not None:
        if scaling["rope_type"] != "llama3":
            raise ValueError(
                "keras_hub's Llama converter takes only rope_scaling.rope_type 'llama3'"
            )
        out["rope_frequency_adjustment_factor"] = scaling["factor"]
        out["rope_low_freq_factor"] = scaling["low_freq_factor"]
        out["rope_high_freq_factor"] = scaling["high_freq_factor"]
        out["rope_pretraining_sequence_length"] = scaling["original_max_position_embeddings"]
    return out


def mistral(c: Tracked) -> dict[str, Any]:
    return {
        **_heads(c),
        "rope_max_wavelength": _rope_theta(c),
        "layer_norm_epsilon": c["rms_norm_eps"],
        "sliding_window": c.get("sliding_window"),
        "head_dim": c.get("head_dim"),
    }


def _heads(c: Tracked) -> dict[str, Any]:
    return {
        "vocabulary_size": c["vocab_size"],
        "num_layers": c["num_hidden_layers"],
        "num_query_heads": c["num_attention_heads"],
        "hidden_dim": c["hidden_size"],
        "intermediate_dim": c["intermediate_size"],
        "num_key_value_heads": c["num_key_value_heads"],
    }


def mixtral(c: Tracked) -> dict[str, Any]:
    return {
        **_heads(c),
        "num_experts": c["num_local_experts"],
        "top_k": c["num_experts_per_tok"],
        "rope_max_wavelength": _rope_theta(c),
        "layer_norm_epsilon": c["rms_norm_eps"],
        "sliding_window": c["sliding_window"],
        "output_router_logits": c["output_router_logits"],
    }


def qwen(c: Tracked) -> dict[str, Any]:
    """``use_sliding_window`` is passed on under that name, which QwenBackbone does not take:
    keras_hub never turns sliding-window attention on for a Qwen 2 checkpoint."""
    return {
        **_heads(c),
        "layer_norm_epsilon": c["rms_norm_eps"],
        "rope_max_wavelength": _rope_theta(c),
        "use_sliding_window": c["use_sliding_window"],
        "sliding_window_size": c["sliding_window"],
        "tie_word_embeddings": c["tie_word_embeddings"],
    }


def qwen3(c: Tracked) -> dict[str, Any]:
    return {
        **_heads(c),
        "head_dim": c["head_dim"],
        "layer_norm_epsilon": c["rms_norm_eps"],
        "rope_max_wavelength": _rope_theta(c),
        "sliding_window_size": c["sliding_window"] if c["use_sliding_window"] else None,
        "tie_word_embeddings": c["tie_word_embeddings"],
    }


def _moe(c: Tracked) -> dict[str, Any]:
    return {
        **_heads(c),
        "moe_intermediate_dim": c["moe_intermediate_size"],
        "num_experts": c["num_experts"],
        "top_k": c["num_experts_per_tok"],
        "norm_top_k_prob": c["norm_topk_prob"],
        "decoder_sparse_step": c["decoder_sparse_step"],
        "layer_norm_epsilon": c["rms_norm_eps"],
        "rope_max_wavelength": _rope_theta(c),
    }


def qwen_moe(c: Tracked) -> dict[str, Any]:
    out = _moe(c)
    out["shared_expert_intermediate_dim"] = c["shared_expert_intermediate_size"]
    out["use_sliding_window"] = c["use_sliding_window"]
    out["sliding_window_size"] = c["sliding_window"]
    out["output_router_logits"] = c["output_router_logits"]
    out["router_aux_loss_coefficient"] = c["router_aux_loss_coef"]
    return out


def qwen3_moe(c: Tracked) -> dict[str, Any]:
    out = _moe(c)
    out["head_dim"] = c["head_dim"]
    out["sliding_window_size"] = c["sliding_window"]
    out["router_aux_loss_coefficient"] = c["router_aux_loss_coef"]
    out["tie_word_embeddings"] = c.get("tie_word_embeddings", False)
    return out


def gpt_oss(c: Tracked) -> dict[str, Any]:
    out = {
        **_heads(c),
        "num_experts": c["num_local_experts"],
        "top_k": c["num_experts_per_tok"],
        "rope_max_wavelength": _rope_theta(c),
        "layer_norm_epsilon": c["rms_norm_eps"],
        "sliding_window": c.get("sliding_window"),
        "output_router_logits": c.get("output_router_logits", False),
    }
    if c.get("head_dim") is not None:
        out["head_dim"] = c["head_dim"]
    scaling = c.sub("rope_scaling")
    if scaling is not None:
        out["rope_scaling_factor"] = scaling.get("factor", 32.0)
    return out


def gemma(c: Tracked) -> dict[str, Any]:
    """Gemma's keras_hub ``intermediate_dim`` is twice HF's ``intermediate_size``."""
    out = {
        "vocabulary_size": c["vocab_size"],
        "num_layers": c["num_hidden_layers"],
        "num_query_heads": c["num_attention_heads"],
        "num_key_value_heads": c["num_key_value_heads"],
        "hidden_dim": c["hidden_size"],
        "intermediate_dim": c["intermediate_size"] * 2,
        "head_dim": c["head_dim"],
    }
    if c["model_type"] == "gemma2":
        out["query_head_dim_normalize"] = c["head_dim"] == c["query_pre_attn_scalar"]
        out["use_post_ffw_norm"] = True
        out["use_post_attention_norm"] = True
        out["final_logit_soft_cap"] = c["final_logit_softcapping"]
        out["attention_logit_soft_cap"] = c["attn_logit_softcapping"]
        out["sliding_window_size"] = c["sliding_window"]
        out["use_sliding_window_attention"] = True
    return out


def gemma3(c: Tracked) -> dict[str, Any]:
    """Gemma 3's text backbone (``gemma3_text``); a multimodal ``gemma3`` config's vision
    encoder is not modelled."""
    if c["model_type"] != "gemma3_text":
        raise ValueError(
            "archcalc models Gemma 3's text backbone (model_type 'gemma3_text'); this config has "
            "a vision encoder (model_type 'gemma3')"
        )
    rope_scaling = c.get("rope_scaling")
    params = c.sub("rope_parameters")
    local = params.sub("sliding_attention") if params is not None else None
    if rope_scaling is not None:
        scaling = c.sub("rope_scaling")
    else:
        scaling = params.sub("full_attention") if params is not None else None
    window = c.get("sliding_window")
    types = c.get("layer_types", [])
    use_window = any(t == "sliding_attention" for t in types) if types else window not in (None, 0)
    scalar, head_dim = c.get("query_pre_attn_scalar"), c.get("head_dim")
    embedding = c.get("use_bidirectional_attention", False)
    return {
        "vocabulary_size": c.get("vocab_size", 262144),
        "image_size": None,
        "num_layers": c["num_hidden_layers"],
        "num_query_heads": c.get("num_attention_heads", 8),
        "num_key_value_heads": c.get("num_key_value_heads", 4),
        "hidden_dim": c["hidden_size"],
        "intermediate_dim": c["intermediate_size"],
        "head_dim": c["head_dim"],
        "use_post_ffw_norm": c.get("use_post_ffw_norm", True),
        "use_post_attention_norm": c.get("use_post_attention_norm", True),
        "attention_logit_soft_cap": c.get("attn_logit_softcapping"),
        "final_logit_soft_cap": c.get("final_logit_softcapping"),
        "use_sliding_window_attention": use_window,
        "query_head_dim_normalize": scalar == head_dim if None not in (scalar, head_dim) else True,
        "sliding_window_size": window or 4096,
        "local_rope_scaling_factor": local.get("factor", 1.0) if local is not None else 1.0,
        "global_rope_scaling_factor": scaling.get("factor", 1.0) if scaling is not None else 1.0,
        "layer_norm_epsilon": c.get("rms_norm_eps", 1e-6),
        "use_bidirectional_attention": embedding,
        "use_query_key_norm": c.get("use_query_key_norm", True),
        "vision_encoder": None,
        "is_embedding_model": embedding,
        "pooling_intermediate_dim": 3072 if embedding else None,
        "embedding_dim": c["hidden_size"] if embedding else None,
    }


def gpt2(c: Tracked) -> dict[str, Any]:
    return {
        "vocabulary_size": c["vocab_size"],
        "num_layers": c["n_layer"],
        "num_heads": c["n_head"],
        "hidden_dim": c["n_embd"],
        "intermediate_dim": c["n_embd"] * 4,
        "dropout": c["resid_pdrop"],
        "max_sequence_length": c["n_positions"],
    }


def _bert_like(c: Tracked) -> dict[str, Any]:
    return {
        "vocabulary_size": c["vocab_size"],
        "num_layers": c["num_hidden_layers"],
        "num_heads": c["num_attention_heads"],
        "hidden_dim": c["hidden_size"],
        "intermediate_dim": c["intermediate_size"],
    }


def bert(c: Tracked) -> dict[str, Any]:
    return {**_bert_like(c), "max_sequence_length": c["max_position_embeddings"]}


def roberta(c: Tracked) -> dict[str, Any]:
    """HF keeps 2 reserved position rows that keras_hub's table leaves out."""
    out = _bert_like(c)
    out["dropout"] = c["hidden_dropout_prob"]
    out["max_sequence_length"] = c["max_position_embeddings"] - 2
    return out


def xlm_roberta(c: Tracked) -> dict[str, Any]:
    return {**_bert_like(c), "max_sequence_length": c["max_position_embeddings"] - 2}


def distilbert(c: Tracked) -> dict[str, Any]:
    return {
        "vocabulary_size": c["vocab_size"],
        "num_layers": c["n_layers"],
        "num_heads": c["n_heads"],
        "hidden_dim": c["dim"],
        "intermediate_dim": c["hidden_dim"],
        "dropout": c["dropout"],
        "max_sequence_length": c["max_position_embeddings"],
    }


def albert(c: Tracked) -> dict[str, Any]:
    return {
        **_bert_like(c),
        "embedding_dim": c["embedding_size"],
        "num_groups": c["num_hidden_groups"],
        "num_inner_repetitions": c["inner_group_num"],
        "dropout": c["attention_probs_dropout_prob"],
        "max_sequence_length": c["max_position_embeddings"],
        "num_segments": c["type_vocab_size"],
    }


def vit(c: Tracked) -> dict[str, Any]:
    size, patch = c["image_size"], c["patch_size"]
    return {
        "image_shape": [size, size, 3],
        "patch_size": [patch, patch],
        "num_layers": c["num_hidden_layers"],
        "num_heads": c["num_attention_heads"],
        "hidden_dim": c["hidden_size"],
        "mlp_dim": c["intermediate_size"],
        "dropout_rate": c["hidden_dropout_prob"],
        "attention_dropout": c["attention_probs_dropout_prob"],
        "use_mha_bias": c["qkv_bias"],
    }


def smollm3(c: Tracked) -> dict[str, Any]:
    """``no_rope_layers`` is, despite its name, 1 where a layer has RoPE."""
    return {
        "vocabulary_size": c["vocab_size"],
        "hidden_dim": c["hidden_size"],
        "num_layers": c["num_hidden_layers"],
        "num_attention_heads": c["num_attention_heads"],
        "num_key_value_heads": c["num_key_value_heads"],
        "intermediate_dim": c["intermediate_size"],
        "layer_norm_epsilon": c["rms_norm_eps"],
        "max_position_embeddings": c["max_position_embeddings"],
        "rope_theta": _rope_theta(c),
        "partial_rotary_factor": 1.0,
        "attention_bias": c["attention_bias"],
        "attention_dropout": c["attention_dropout"],
        "rope_layer_enabled_list": [bool(x) for x in c["no_rope_layers"]],
        "layer_types": c["layer_types"],
        "mlp_bias": c["mlp_bias"],
    }


#: model_type -> (keras_hub converter module, backbone class, mapping)
CONVERTERS: dict[str, tuple[str, str, Callable[[Tracked], dict[str, Any]]]] = {
    "albert": ("convert_albert", "AlbertBackbone", albert),
    "bert": ("convert_bert", "BertBackbone", bert),
    "distilbert": ("convert_distilbert", "DistilBertBackbone", distilbert),
    "gemma": ("convert_gemma", "GemmaBackbone", gemma),
    "gemma2": ("convert_gemma", "GemmaBackbone", gemma),
    "gemma3": ("convert_gemma3", "Gemma3Backbone", gemma3),
    "gemma3_text": ("convert_gemma3", "Gemma3Backbone", gemma3),
    "gpt2": ("convert_gpt2", "GPT2Backbone", gpt2),
    "gpt_oss": ("convert_gpt_oss", "GptOssBackbone", gpt_oss),
    "llama": ("convert_llama3", "Llama3Backbone", llama3),
    "mistral": ("convert_mistral", "MistralBackbone", mistral),
    "mixtral": ("convert_mixtral", "MixtralBackbone", mixtral),
    "qwen2": ("convert_qwen", "QwenBackbone", qwen),
    "qwen2_moe": ("convert_qwen_moe", "QwenMoeBackbone", qwen_moe),
    "qwen3": ("convert_qwen3", "Qwen3Backbone", qwen3),
    "qwen3_moe": ("convert_qwen3_moe", "Qwen3MoeBackbone", qwen3_moe),
    "roberta": ("convert_roberta", "RobertaBackbone", roberta),
    "smollm3": ("convert_smollm3", "SmolLM3Backbone", smollm3),
    "vit": ("convert_vit", "ViTBackbone", vit),
    "xlm-roberta": ("convert_xlm_roberta", "XLMRobertaBackbone", xlm_roberta),
}

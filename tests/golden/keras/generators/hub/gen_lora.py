"""keras_hub's Backbone.enable_lora(rank) on small backbones: parameters and trainable split.

Run in the scratch venv (KERAS_BACKEND=torch): writes ../../hub/lora.json with, per case, the
backbone config (as save_to_preset writes it), the rank, and count_params / trainable count /
the LoRA variables Keras made after enable_lora. tests/test_hub_llm.py checks archcalc's
adapter count against it.
"""

import json
import sys

import keras
import keras_hub

CASES = [
    ("LlamaBackbone", dict(vocabulary_size=1000, num_layers=2, num_query_heads=4, hidden_dim=64, intermediate_dim=128, num_key_value_heads=2)),
    ("GemmaBackbone", dict(vocabulary_size=1000, num_layers=2, num_query_heads=4, num_key_value_heads=1, hidden_dim=64, intermediate_dim=128, head_dim=16)),
    ("MistralBackbone", dict(vocabulary_size=1000, num_layers=2, num_query_heads=4, hidden_dim=64, intermediate_dim=128, num_key_value_heads=2, head_dim=32)),
    ("QwenBackbone", dict(vocabulary_size=1000, num_layers=2, num_query_heads=4, num_key_value_heads=2, hidden_dim=64, intermediate_dim=128)),
    ("GPT2Backbone", dict(vocabulary_size=1000, num_layers=2, num_heads=4, hidden_dim=64, intermediate_dim=128, max_sequence_length=128)),
]
out = []
for cls, kwargs in CASES:
    for rank in (4, 16):
        backbone = getattr(keras_hub.models, cls)(**kwargs)
        config = keras.saving.serialize_keras_object(backbone)
        before = backbone.count_params()
        backbone.enable_lora(rank)
        lora = [
            [w.path, list(w.shape), w.dtype, w.trainable]
            for w in backbone.weights
            if "lora" in w.path
        ]
        out.append(
            {
                "class": cls,
                "config": config,
                "rank": rank,
                "params_before": before,
                "params": backbone.count_params(),
                "trainable": sum(int(keras.ops.size(w)) for w in backbone.trainable_weights),
                "lora_variables": lora,
            }
        )
json.dump({"keras": keras.__version__, "keras_hub": keras_hub.__version__, "cases": out},
          open(sys.argv[1] if len(sys.argv) > 1 else "lora.json", "w"), indent=1, default=str)

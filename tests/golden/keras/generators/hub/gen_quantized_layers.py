"""Keras 3.15's variables for quantized Dense / EinsumDense / Embedding / ReversibleEmbedding.

Run in the scratch venv (KERAS_BACKEND=torch): writes ../../hub/quantized_layers.json, one case
per (layer, arguments, input shape, policy): every variable's name, shape, dtype and trainable
flag as Keras builds the layer from the policy (as it does when it loads a quantized model),
or Keras's error. tests/catalog/test_hub_quantized.py checks archcalc against it.
"""

import json
import sys

import keras
from keras import dtype_policies as dp
from keras import layers

POLICIES = {
    "int8_from_float32": lambda: dp.QuantizedDTypePolicy("int8", "float32"),
    "int8_from_bfloat16": lambda: dp.QuantizedDTypePolicy("int8", "bfloat16"),
    "int4/128_from_float32": lambda: dp.Int4DTypePolicy("int4/128", "float32"),
    "int4/128_from_bfloat16": lambda: dp.Int4DTypePolicy("int4/128", "bfloat16"),
    "int4/-1_from_float32": lambda: dp.Int4DTypePolicy("int4/-1", "float32"),
    "float8_from_float32": lambda: dp.QuantizedFloat8DTypePolicy("float8", "float32"),
    "float8_from_bfloat16": lambda: dp.QuantizedFloat8DTypePolicy("float8", "bfloat16"),
}
LAYERS = [
    ("Dense", {"units": 300}, [None, 256]),
    ("Dense", {"units": 96, "use_bias": False}, [None, 8, 300]),
    ("Dense", {"units": 300, "lora_rank": 4}, [None, 300]),
    ("EinsumDense", {"equation": "btd,dnh->btnh", "output_shape": [None, 4, 64], "bias_axes": "nh"}, [None, None, 256]),
    ("EinsumDense", {"equation": "btd,ndh->btnh", "output_shape": [None, 4, 16]}, [None, None, 64]),
    ("EinsumDense", {"equation": "btnh,nhd->btd", "output_shape": [None, 64]}, [None, None, 4, 16]),
    ("EinsumDense", {"equation": "btd,df->btf", "output_shape": [None, 200]}, [None, None, 300]),
    ("EinsumDense", {"equation": "ab,bc->ac", "output_shape": [32]}, [None, 64]),
    ("Embedding", {"input_dim": 1000, "output_dim": 300}, [None, None]),
    ("ReversibleEmbedding", {"input_dim": 1000, "output_dim": 300, "tie_weights": False}, [None, None]),
    ("ReversibleEmbedding", {"input_dim": 1001, "output_dim": 256, "tie_weights": True}, [None, None]),
]

cases = []
for cls, args, shape in LAYERS:
    for name, make in POLICIES.items():
        case = {"class": cls, "args": args, "input_shape": shape, "policy": name}
        try:
            layer = getattr(layers, cls)(**args, dtype=make())
            layer.build(tuple(shape))
            case["weights"] = [
                [w.path.split("/", 1)[1], list(w.shape), w.dtype, w.trainable] for w in layer.weights
            ]
            case["params"] = layer.count_params()
        except Exception as exc:  # noqa: BLE001 - the error is the reference
            case["error"] = f"{type(exc).__name__}: {exc}"
        cases.append(case)
out = {"keras": keras.__version__, "cases": cases}
json.dump(out, open(sys.argv[1] if len(sys.argv) > 1 else "quantized_layers.json", "w"), indent=1)

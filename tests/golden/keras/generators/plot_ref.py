"""Keras 3 model_to_dot reference output for archcalc plot (scratch; run under flock, torch backend).

Writes <out>/<model>.<variant>.dot with pydot's to_string() of keras.utils.model_to_dot(...).
Models come from /work/scratch/kref/models.py builders.
"""
import os, sys
sys.path.insert(0, "/work/scratch/kref")
import keras
import models as kref

OUT = sys.argv[1]
NAMES = sys.argv[2:]
os.makedirs(OUT, exist_ok=True)
VARIANTS = {
    "all": dict(show_shapes=True, show_dtype=True, show_layer_names=True,
                show_layer_activations=True, show_trainable=True),
    "expand": dict(show_shapes=True, show_dtype=True, show_layer_names=True,
                   show_layer_activations=True, show_trainable=True, expand_nested=True),
}
for name in NAMES:
    keras.backend.clear_session()
    builder = kref.MODELS[name][0]
    model = builder(keras)
    nested = any(isinstance(l, (keras.Model,)) for l in model.layers)
    for variant, kw in VARIANTS.items():
        if variant == "expand" and not nested:
            continue
        dot = keras.utils.model_to_dot(model, **kw)
        with open(os.path.join(OUT, f"{name}.{variant}.dot"), "w") as f:
            f.write(dot.to_string())
    print("ok", name, "nested" if nested else "")

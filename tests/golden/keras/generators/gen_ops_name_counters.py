#!/usr/bin/env python
"""Show how keras.ops nodes and layers share auto-name counters.

Usage (from /work/scratch/kref_ops):
    KERAS_BACKEND=torch COLUMNS=200 ../kvenv/bin/python gen_name_counters.py [name_counters.json]

Writes name_counters.json: {"source", "shared_prefixes", "models": [...]}, each
model with the python source that built it, summary text, the ordered
(name, class_name, module) list from model.to_json() and the full to_json
"layers" list.
"""
import inspect
import json
import os
import re
import sys
import textwrap

os.environ.setdefault("KERAS_BACKEND", "torch")
os.environ.setdefault("COLUMNS", "200")

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers, ops  # noqa: E402
from keras.src.ops.operation import Operation  # noqa: E402
from keras.src.utils.naming import to_snake_case  # noqa: E402

ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
MODELS = []


def model(fn):
    MODELS.append(fn)
    return fn


def summary(m):
    chunks = []
    m.summary(print_fn=lambda s, *a, **k: chunks.append(s))
    return ANSI_RE.sub("", "".join(c + "\n" for c in chunks))


@model
def concat_ops_and_layer():
    """keras.ops.concatenate and layers.Concatenate share the `concatenate` counter."""
    a = keras.Input((4,))
    b = keras.Input((4,))
    c1 = ops.concatenate([a, b], axis=-1)            # op  -> concatenate
    c2 = layers.Concatenate()([a, c1])               # layer -> concatenate_1
    c3 = ops.concatenate([c2, b], axis=-1)            # op  -> concatenate_2
    c4 = layers.Concatenate(name="my_cat")([c3, a])  # explicit name, counter untouched
    c5 = layers.Concatenate()([c4, b])               # layer -> concatenate_3
    out = layers.Dense(2)(c5)
    return keras.Model([a, b], out)


@model
def add_ops_and_layer():
    """ops.add, the + operator (also class Add) and layers.Add share `add`."""
    a = keras.Input((4,))
    b = keras.Input((4,))
    s1 = layers.Add()([a, b])     # layer -> add
    s2 = ops.add(s1, b)           # op    -> add_1
    s3 = s2 + 1.0                 # op (KerasTensor.__add__) -> add_2
    s4 = 2.0 + s3                 # op (__radd__) -> add_3, scalar first in args
    s5 = layers.Add()([s4, a])    # layer -> add_4
    s6 = ops.subtract(s5, a)      # subtract
    s7 = layers.Subtract()([s6, b])  # subtract_1
    return keras.Model([a, b], s7)


@model
def two_reshapes():
    """Two ops.reshape + layers.Reshape + KerasTensor.reshape share `reshape`."""
    x = keras.Input((4, 6))
    r1 = ops.reshape(x, (-1, 24))        # reshape
    r2 = layers.Reshape((6, 4))(r1)      # reshape_1
    r3 = ops.reshape(r2, (-1, 3, 8))     # reshape_2
    r4 = r3.reshape((-1, 24))            # reshape_3 (KerasTensor.reshape)
    r5 = layers.Flatten()(r3)            # flatten
    out = ops.concatenate([r4, r5], axis=-1)
    return keras.Model(x, out)


@model
def multiply_ops_and_layer():
    """ops.multiply, `*` and layers.Multiply share `multiply`."""
    a = keras.Input((8,))
    g = layers.Dense(8, activation="sigmoid")(a)
    m1 = ops.multiply(a, g)          # multiply
    m2 = layers.Multiply()([m1, g])  # multiply_1
    m3 = m2 * 0.5                    # multiply_2
    m4 = layers.Multiply()([m3, a])  # multiply_3
    return keras.Model(a, layers.Dense(1)(m4))


@model
def mean_vs_global_pooling():
    """ops.mean (`mean`) and GlobalAveragePooling2D (`global_average_pooling2d`)
    do NOT share; ops.max vs GlobalMaxPooling2D neither."""
    x = keras.Input((8, 8, 3))
    c = layers.Conv2D(4, 3)(x)
    m1 = ops.mean(c, axis=(1, 2))                  # mean
    g1 = layers.GlobalAveragePooling2D()(c)       # global_average_pooling2d
    m2 = ops.mean(c, axis=[1, 2], keepdims=False)  # mean_1
    mx = ops.max(c, axis=(1, 2))                  # max
    g2 = layers.GlobalMaxPooling2D()(c)           # global_max_pooling2d
    out = layers.Concatenate()([m1, g1, m2, mx, g2])
    return keras.Model(x, out)


@model
def activations_shared():
    """keras.activations.relu creates op class ReLU -> `re_lu`, same counter as
    layers.ReLU; ops.relu creates class Relu -> `relu`; ops.softmax and
    layers.Softmax share `softmax`; ops.elu (class Elu) and layers.ELU share `elu`."""
    x = keras.Input((8,))
    a1 = keras.activations.relu(x)        # re_lu (op)
    a2 = layers.ReLU()(a1)                # re_lu_1 (layer)
    a3 = ops.relu(a2)                     # relu (op Relu)
    a4 = layers.Activation("relu")(a3)    # activation
    a5 = ops.softmax(a4)                  # softmax (op)
    a6 = layers.Softmax()(a5)             # softmax_1 (layer)
    a7 = ops.elu(a6)                      # elu (op Elu)
    a8 = layers.ELU()(a7)                 # elu_1 (layer ELU)
    a9 = keras.activations.swish(a8)      # silu (op Silu)
    a10 = layers.Activation("swish")(a9)  # activation_1
    a11 = keras.activations.gelu(a10)     # gelu (op Gelu approximate=False)
    a12 = ops.leaky_relu(a11)             # leaky_relu (op LeakyRelu)
    a13 = layers.LeakyReLU()(a12)         # leaky_re_lu (layer LeakyReLU)
    return keras.Model(x, a13)


@model
def merge_ops_and_layers():
    """maximum / minimum / average / dot / subtract ops vs merge layers."""
    a = keras.Input((4,))
    b = keras.Input((4,))
    m1 = ops.maximum(a, b)                 # maximum
    m2 = layers.Maximum()([m1, b])         # maximum_1
    n1 = layers.Minimum()([a, b])          # minimum
    n2 = ops.minimum(n1, 0.0)              # minimum_1
    v1 = layers.Average()([m2, n2])        # average
    v2 = ops.average(ops.stack([v1, a], axis=1), axis=1)  # stack, average_1
    d1 = layers.Dot(axes=1)([v2, b])       # dot
    d2 = ops.dot(a, ops.ones((4, 1)))      # dot_1 (constant second arg)
    return keras.Model([a, b], ops.concatenate([d1, d2], axis=-1))


@model
def op_on_model_input_and_scalar():
    """An op applied directly to a model input, with Python scalars in args."""
    x = keras.Input((224, 224, 3), name="image")
    y = x / 127.5          # true_divide(image, 127.5)
    y = y - 1.0            # subtract(true_divide, 1.0)
    z = 1.0 - x            # subtract_1(1.0, image)  scalar FIRST
    w = ops.clip(x, 0, 255)  # clip: bounds go to the op config, not args
    s = ops.power(x, 2)    # power(image, 2) int scalar
    out = ops.concatenate([y, z, w, s], axis=-1)
    return keras.Model(x, out, name="scalar_model")


@model
def split_consumers():
    """Split's outputs are consumed as split[0][0], split[0][1] ..."""
    x = keras.Input((12,))
    a, b, c = ops.split(x, 3, axis=-1)
    d = layers.Dense(4)(b)
    e = ops.add(a, c)
    f = layers.Concatenate()([d, e])
    q, r = ops.split(f, [3], axis=-1)    # split_1, uneven
    return keras.Model(x, [q, r])


@model
def same_op_twice_on_input():
    """The same input consumed by several ops and the same tensor twice."""
    x = keras.Input((4,))
    a = x * x
    b = ops.multiply(x, x)
    c = ops.square(x)
    d = x ** 2
    return keras.Model(x, ops.stack([a, b, c, d], axis=1))


@model
def getitem_chain():
    """Several GetItem calls -> get_item, get_item_1, ... with serialised keys."""
    x = keras.Input((10, 3))
    a = x[:, 0]
    b = x[:, -1, :2]
    c = x[..., None, 1]
    d = x[:, ::2, ::-1]
    e = x[:, 1:9:3]
    return keras.Model(x, [a, b, c, d, e])


@model
def no_clear_session_counter_carry():
    """Built after the previous model WITHOUT clear_session: counters carry over
    (input_layer_N, true_divide_N ...)."""
    x = keras.Input((4,))
    y = x / 2.0
    return keras.Model(x, ops.concatenate([y, x], axis=-1))


NO_CLEAR = {"no_clear_session_counter_carry"}


def shared_prefixes():
    from keras.src import layers as L
    layer_names = {}
    for n in dir(keras.layers):
        o = getattr(keras.layers, n)
        if inspect.isclass(o) and issubclass(o, keras.layers.Layer):
            layer_names.setdefault(to_snake_case(o.__name__), set()).add(o.__name__)
    idx = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "ops_index.json")))
    shared = {}
    for e in idx["ops"]:
        p = e["auto_name_prefix"]
        if p in layer_names:
            shared.setdefault(p, {"op_classes": [], "layer_classes": sorted(layer_names[p])})
            shared[p]["op_classes"].append(f'{e["module"]}.{e["class"]}')
    return dict(sorted(shared.items()))


def main(argv):
    out_path = argv[1] if len(argv) > 1 else "name_counters.json"
    res = []
    for fn in MODELS:
        if fn.__name__ not in NO_CLEAR:
            keras.utils.clear_session()
        m = fn()
        cfg = json.loads(m.to_json())["config"]
        res.append({
            "id": fn.__name__,
            "doc": textwrap.dedent(fn.__doc__ or "").strip(),
            "source": textwrap.dedent(inspect.getsource(fn)),
            "clear_session_before": fn.__name__ not in NO_CLEAR,
            "summary": summary(m),
            "params": int(m.count_params()),
            "layers": [[lc["name"], lc["class_name"], lc.get("module")] for lc in cfg["layers"]],
            "input_layers": cfg["input_layers"],
            "output_layers": cfg["output_layers"],
            "to_json_layers": cfg["layers"],
        })
    import torch
    doc = {
        "source": f"Real Keras {keras.__version__} (backend {keras.backend.backend()}, torch "
                  f"{torch.__version__}); gen_name_counters.py",
        "shared_prefixes": shared_prefixes(),
        "models": res,
    }
    json.dump(doc, open(out_path, "w"), indent=1)
    for r in res:
        print(r["id"], [l[0] for l in r["layers"]])


if __name__ == "__main__":
    main(sys.argv)

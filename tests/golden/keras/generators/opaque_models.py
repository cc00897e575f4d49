#!/usr/bin/env python
"""Keras 3 models with layers archcalc cannot compute (custom layers, Lambda, a PyTorch
module), saved as small .keras archives with Keras's summaries (issue 15: opaque layers).

Usage (scratch venv with keras, torch; KERAS_BACKEND=torch):
    python opaque_models.py OUT_DIR          # every model, each in a fresh process
    python opaque_models.py OUT_DIR NAME     # one model in this process

Writes OUT_DIR/<name>/: model.keras, config.json, summary-wide.txt (COLUMNS=200),
summary-80.txt (COLUMNS unset, not a tty), layers.json (name, class, output shape, params,
trainable / non-trainable), build.log.
"""
import json
import os
import subprocess
import sys


def custom_layers(keras):
    L = keras.layers

    class Scale(L.Layer):
        """One trainable weight of its own."""

        def build(self, input_shape):
            self.scale = self.add_weight(shape=(input_shape[-1],), initializer="ones")

        def call(self, x):
            return x * self.scale

    class Block(L.Layer):
        """Two sublayers built in build()."""

        def __init__(self, units, **kwargs):
            super().__init__(**kwargs)
            self.units = units
            self.dense = L.Dense(units, activation="relu")
            self.norm = L.LayerNormalization()

        def build(self, input_shape):
            self.dense.build(input_shape)
            self.norm.build(input_shape[:-1] + (self.units,))

        def call(self, x):
            return self.norm(self.dense(x))

        def compute_output_shape(self, input_shape):
            return input_shape[:-1] + (self.units,)

        def get_config(self):
            return {**super().get_config(), "units": self.units}

    class WeightNorm(L.Layer):
        """keras.io's MelGAN wrapper pattern: keeps a reference to its layer's kernel."""

        def __init__(self, layer, **kwargs):
            super().__init__(**kwargs)
            self.layer = layer

        def build(self, input_shape):
            self.layer.build(input_shape)
            self.v = self.layer.kernel
            self.g = self.add_weight(name="g", shape=(self.v.shape[-1],), initializer="ones")

        def call(self, x):
            return self.layer(x) * self.g

        def compute_output_shape(self, input_shape):
            return self.layer.compute_output_shape(input_shape)

        def get_config(self):
            config = super().get_config()
            config["layer"] = keras.saving.serialize_keras_object(self.layer)
            return config

    class NormBlock(L.Layer):
        """A BatchNormalization inside: two of its four variables do not train."""

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.bn = L.BatchNormalization()

        def build(self, input_shape):
            self.bn.build(input_shape)

        def call(self, x):
            return self.bn(x)

    class Sampling(L.Layer):
        """keras.io's VAE sampling layer: its output is a model output, recorded nowhere."""

        def call(self, inputs):
            mean, log_var = inputs
            return mean + keras.ops.exp(0.5 * log_var)

    return Scale, Block, WeightNorm, NormBlock, Sampling


def build_opaque_custom(keras):
    """Custom layers with own weights, sublayers, an aliased kernel, a frozen one, a Lambda."""
    L = keras.layers
    Scale, Block, WeightNorm, _, _ = custom_layers(keras)
    x = keras.Input((16,), name="x")
    h = Block(32, name="block")(x)
    h = Scale(name="scale")(h)
    h = L.Lambda(lambda t: t * 2.0, name="double")(h)
    h = WeightNorm(L.Dense(8, use_bias=False), name="wn")(h)
    h = Block(8, name="frozen_block", trainable=False)(h)  # its sublayers' weights still train
    h = Scale(name="frozen_scale", trainable=False)(h)  # its own weight does not
    return keras.Model(x, L.Dense(2, name="head")(h), name="opaque_custom")


def build_opaque_torch(keras):
    """A TorchModuleWrapper (torch.nn.Linear(8, 4)) between Keras layers."""
    import torch

    L = keras.layers
    x = keras.Input((8,), name="x")
    h = keras.layers.TorchModuleWrapper(torch.nn.Linear(8, 4), output_shape=(None, 4), name="linear")(x)
    return keras.Model(x, L.Dense(2, name="head")(h), name="opaque_torch")


def build_opaque_batchnorm(keras):
    """A custom layer holding a BatchNormalization: weights file shapes give the total, not the split."""
    L = keras.layers
    _, _, _, NormBlock, _ = custom_layers(keras)
    x = keras.Input((6,), name="x")
    return keras.Model(x, L.Dense(1, name="head")(NormBlock(name="norm_block")(x)), name="opaque_bn")


def build_opaque_unrecorded(keras):
    """keras.io's VAE encoder tail: Sampling is a model output, so no layer records its shape."""
    L = keras.layers
    _, _, _, _, Sampling = custom_layers(keras)
    x = keras.Input((4,), name="x")
    mean = L.Dense(2, name="z_mean")(x)
    log_var = L.Dense(2, name="z_log_var")(x)
    return keras.Model(x, [mean, log_var, Sampling(name="sampling")([mean, log_var])], name="encoder")


MODELS = {
    "opaque_custom": build_opaque_custom,
    "opaque_torch": build_opaque_torch,
    "opaque_batchnorm": build_opaque_batchnorm,
    "opaque_unrecorded": build_opaque_unrecorded,
}


def summary(model):
    lines = []
    model.summary(print_fn=lambda s, *a, **k: lines.append(s))
    return "".join(line + "\n" for line in lines)


def one(out, name):
    os.environ.setdefault("KERAS_BACKEND", "torch")
    import keras

    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    model = MODELS[name](keras)
    os.environ["COLUMNS"] = "200"
    with open(os.path.join(d, "summary-wide.txt"), "w") as fh:
        fh.write(summary(model))
    os.environ.pop("COLUMNS")
    with open(os.path.join(d, "summary-80.txt"), "w") as fh:
        fh.write(summary(model))
    rows = []
    for layer in model.layers:
        try:
            shape = [list(t.shape) for t in layer._inbound_nodes[-1].output_tensors]
        except Exception:  # noqa: BLE001
            shape = None
        rows.append(
            {
                "name": layer.name,
                "class": layer.__class__.__name__,
                "output_shape": shape,
                "params": layer.count_params(),
                "trainable_params": sum(int(w.numpy().size) for w in layer.trainable_weights),
                "non_trainable_params": sum(int(w.numpy().size) for w in layer.non_trainable_weights),
            }
        )
    totals = {
        "total": model.count_params(),
        "trainable": sum(int(w.numpy().size) for w in model.trainable_weights),
        "non_trainable": sum(int(w.numpy().size) for w in model.non_trainable_weights),
    }
    with open(os.path.join(d, "layers.json"), "w") as fh:
        json.dump({"layers": rows, "totals": totals, "keras": keras.__version__}, fh, indent=1)
    with open(os.path.join(d, "config.json"), "w") as fh:
        fh.write(model.to_json(indent=1))
    model.save(os.path.join(d, "model.keras"))


def main(argv):
    out = argv[1]
    if len(argv) > 2:
        one(out, argv[2])
        return 0
    for name in MODELS:
        with open(os.path.join(out, f"{name}.log"), "w") as log:
            rc = subprocess.call([sys.executable, __file__, out, name], stdout=log, stderr=log, stdin=subprocess.DEVNULL)
        print(name, "rc", rc)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

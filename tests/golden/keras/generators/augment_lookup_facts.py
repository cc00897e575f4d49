"""Keras facts for the augmentation and lookup kinds that single-layer cases cannot show.

Writes ``../augment_lookup_facts.json``:

- ``auto_names``: layers built in sequence with no names, and the names Keras gave a
  layer built after them: RandAugment and AugMix make their own layers (unless they have a
  name of their own, which they hand on), RandomColorJitter makes one per factor given,
  TextVectorization makes a StringLookup;
- ``reloaded``: lookup layers whose saved config Keras reloads with another output shape
  (an un-adapted TextVectorization saves the size of its empty vocabulary);
- ``traits``: supports_masking and whether call() takes a mask, for every new class.

Run in the scratch venv with TensorFlow (lookup layers need it):

    KERAS_BACKEND=torch python augment_lookup_facts.py /path/to/tests
"""

import inspect
import json
import pathlib
import sys

import keras
from keras import layers

tests = pathlib.Path(sys.argv[1])


def names(*steps):
    """Build each (class, kwargs) in a fresh session; the names of the last ones built."""
    keras.utils.clear_session()
    built = [getattr(layers, cls)(**kwargs) for cls, kwargs in steps]
    return [layer.name for layer in built]


SEQUENCES = {
    "rand_augment_then_rotation": [("RandAugment", {}), ("RandomRotation", {"factor": 0.1})],
    "named_rand_augment_then_rotation": [
        ("RandAugment", {"name": "aug"}),
        ("RandomRotation", {"factor": 0.1}),
    ],
    "aug_mix_then_brightness": [("AugMix", {}), ("RandomBrightness", {"factor": 0.1})],
    "aug_mix_few_ops_then_brightness": [
        ("AugMix", {"all_ops": False}),
        ("RandomBrightness", {"factor": 0.1}),
        ("RandomShear", {"x_factor": 0.1}),
    ],
    "named_aug_mix_then_shear": [("AugMix", {"name": "mix"}), ("RandomShear", {"x_factor": 0.1})],
    "jitter_then_brightness_hue": [
        ("RandomColorJitter", {"brightness_factor": 0.1, "name": "jitter"}),
        ("RandomBrightness", {"factor": 0.1}),
        ("RandomHue", {"factor": 0.1}),
    ],
    "text_vectorization_then_string_lookup": [
        ("TextVectorization", {}),
        ("StringLookup", {}),
    ],
    "named_text_vectorization_then_string_lookup": [
        ("TextVectorization", {"name": "tv"}),
        ("StringLookup", {}),
    ],
}
auto_names = {key: {"built": steps, "names": names(*steps)} for key, steps in SEQUENCES.items()}

RELOADED = {
    "tv_no_vocab_multihot": ("TextVectorization", {"output_mode": "multi_hot"}, ()),
    "tv_no_vocab_int": ("TextVectorization", {"output_sequence_length": 4}, ()),
    "slookup_no_vocab_multihot": ("StringLookup", {"output_mode": "multi_hot"}, (5,)),
}
reloaded = {}
for key, (cls, kwargs, shape) in RELOADED.items():
    keras.utils.clear_session()
    layer = getattr(layers, cls)(**kwargs)
    inp = keras.Input(shape, dtype="string")
    before = list(layer(inp).shape)
    config = layer.get_config()
    again = getattr(layers, cls).from_config(config)
    after = list(again(keras.Input(shape, dtype="string")).shape)
    reloaded[key] = {
        "class": cls,
        "config": kwargs,
        "input": list(shape),
        "output_shape": before,
        "get_config": json.loads(json.dumps(config, default=str)),
        "reloaded_output_shape": after,
    }

first_config = {}
for family in ("augmentation", "lookup"):
    for case in json.loads((tests / "catalog" / f"keras_cases_{family}.json").read_text())["cases"]:
        if "error" not in case["keras"] and case["class"] not in first_config:
            first_config[case["class"]] = case["config"]
traits = {}
for name, config in sorted(first_config.items()):
    config = dict(config)
    if isinstance(config.get("layers"), list):
        config["layers"] = [
            getattr(layers, d["type"])(**{k: v for k, v in d.items() if k != "type"})
            for d in config["layers"]
        ]
    layer = getattr(layers, name)(**config)
    params = inspect.signature(layer.call).parameters
    traits[name] = {
        "supports_masking": bool(layer.supports_masking),
        "call_takes_mask": "mask" in params,
    }

meta = {"keras": keras.__version__, "backend": keras.backend.backend()}
out = {"source": meta, "auto_names": auto_names, "reloaded": reloaded, "traits": traits}
(tests / "golden" / "keras" / "augment_lookup_facts.json").write_text(
    json.dumps(out, indent=1, sort_keys=True) + "\n"
)
print(json.dumps(out, indent=1)[:3000])

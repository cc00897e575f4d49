"""Keras's own masking traits of every layer class archcalc's catalog knows.

Writes ``../layer_traits.json``: for each class, ``supports_masking`` (read on
an instance built from the first reference case of that class, since Keras sets
it in ``__init__``) and whether ``call`` has a ``mask`` parameter (Keras then
passes the input's mask as an argument). Run in the scratch Keras venv:

    KERAS_BACKEND=torch python layer_traits.py /path/to/tests   # a venv with keras, tensorflow-cpu (lookup layers) and scipy (STFTSpectrogram)
"""

import inspect
import json
import pathlib
import sys

import keras

tests = pathlib.Path(sys.argv[1])
first_config = {}
for path in sorted((tests / "catalog").glob("keras_cases_*.json")):
    for case in json.loads(path.read_text())["cases"]:
        if "error" not in case.get("keras", {}) and case["class"] not in first_config:
            first_config[case["class"]] = case["config"]

def build(value):
    """Nested layers ({"type": X, ...}, also in lists: RNN cells) as Keras layer objects."""
    if isinstance(value, dict) and isinstance(value.get("type"), str):
        inner = {k: build(v) for k, v in value.items() if k != "type"}
        return getattr(keras.layers, value["type"])(**inner)
    if isinstance(value, list):
        return [build(v) for v in value]
    return value


out = {}
for name, config in sorted(first_config.items()):
    cls = getattr(keras.layers, name, None)
    if cls is None:
        continue
    config = {k: build(v) for k, v in config.items()}
    try:
        layer = cls(**config)
    except Exception as exc:  # noqa: BLE001
        out[name] = {"error": f"{type(exc).__name__}: {exc}"}
        continue
    params = inspect.signature(layer.call).parameters
    out[name] = {"supports_masking": bool(layer.supports_masking), "call_takes_mask": "mask" in params}
meta = {"keras": keras.__version__, "backend": keras.backend.backend()}
(tests / "golden" / "keras" / "layer_traits.json").write_text(
    json.dumps({"source": meta, "layers": out}, indent=1, sort_keys=True) + "\n"
)
print(len(out), "classes")

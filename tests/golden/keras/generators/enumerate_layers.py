#!/usr/bin/env python
"""Enumerate every public name in keras.layers -> keras_layers.json.

KERAS_BACKEND=torch python enumerate_layers.py keras_layers.json

Per export: name, class (__name__ of the object), module, alias_of (the canonical export name
when several names point at the same object: the one equal to the class name, else the first
alphabetically), kind (class/function), is_layer_subclass, role (layer | framework_bridge |
base_or_api | not_a_layer), mro (keras classes), signature of __init__, archcalc_known (in the
brief's list of classes archcalc already implements), kref15_family / kref15_cases (when a
keras_cases_<family>.json next to the output file has cases for it; run after extract_kref15.py)."""
import inspect, json, os, sys
os.environ.setdefault("KERAS_BACKEND", "torch")
import keras

BRIDGES = {"TorchModuleWrapper", "JaxLayer", "FlaxLayer", "TFSMLayer"}
KNOWN = """Activation ActivityRegularization Add AdditiveAttention AlphaDropout Attention Average AveragePooling1D
AveragePooling2D AveragePooling3D BatchNormalization Bidirectional CenterCrop Concatenate Conv1D Conv2D Conv3D
Conv1DTranspose Conv2DTranspose Conv3DTranspose ConvLSTM1D ConvLSTM2D ConvLSTM3D Cropping1D Cropping2D Cropping3D Dense
DepthwiseConv1D DepthwiseConv2D Dot Dropout ELU Embedding Flatten GRU GaussianDropout GaussianNoise GlobalAveragePooling1D
GlobalAveragePooling2D GlobalAveragePooling3D GlobalMaxPooling1D GlobalMaxPooling2D GlobalMaxPooling3D GroupNormalization
GroupedQueryAttention Identity InputLayer LSTM LayerNormalization LeakyReLU Masking MaxPooling1D MaxPooling2D MaxPooling3D
Maximum Minimum MultiHeadAttention Multiply Normalization PReLU Permute RMSNormalization ReLU RepeatVector Rescaling
Reshape Resizing SeparableConv1D SeparableConv2D SimpleRNN Softmax SpatialDropout1D SpatialDropout2D SpatialDropout3D
Subtract TimeDistributed UnitNormalization UpSampling1D UpSampling2D UpSampling3D ZeroPadding1D ZeroPadding2D ZeroPadding3D"""
BASES = {"Layer", "Wrapper", "InputLayer", "Lambda", "InputSpec", "Input"}

def main(out):
    names = sorted(n for n in dir(keras.layers) if not n.startswith("_"))
    first = {}
    rows = []
    # canonical name: the export whose name equals the class __name__, else first alphabetical
    objs = {n: getattr(keras.layers, n) for n in names}
    canon = {}
    for n, o in objs.items():
        if getattr(o, "__name__", None) == n:
            canon[id(o)] = n
    for n, o in objs.items():
        canon.setdefault(id(o), n)
    for n in names:
        o = objs[n]
        is_cls = inspect.isclass(o)
        row = {
            "name": n,
            "class": getattr(o, "__name__", type(o).__name__),
            "module": getattr(o, "__module__", None),
            "alias_of": None if canon[id(o)] == n else canon[id(o)],
            "kind": "class" if is_cls else ("function" if callable(o) else type(o).__name__),
            "is_layer_subclass": bool(is_cls and issubclass(o, keras.layers.Layer)),
        }
        if is_cls:
            row["mro"] = [c.__name__ for c in o.__mro__[1:] if c.__module__.startswith("keras")]
            row["abstract_or_base"] = n in BASES
        role = None
        if n in BRIDGES or (row["alias_of"] in BRIDGES):
            role = "framework_bridge"
        elif n in BASES or row["alias_of"] in BASES:
            role = "base_or_api"
        elif not row["is_layer_subclass"]:
            role = "not_a_layer"
        else:
            role = "layer"
        row["role"] = role
        try:
            row["signature"] = str(inspect.signature(o.__init__ if is_cls else o))
        except Exception as e:
            row["signature"] = None
        rows.append(row)
    # coverage: archcalc's known classes (from the brief) and the kref15 case files, if present
    known = set(KNOWN.split())
    counts = {}
    import glob
    for f in glob.glob(os.path.join(os.path.dirname(os.path.abspath(out)), "keras_cases_*.json")):
        fam = os.path.basename(f)[len("keras_cases_"):-len(".json")]
        for c in json.load(open(f))["cases"]:
            counts.setdefault(c["class"], [fam, 0])[1] += 1
    for row in rows:
        canon_name = row["alias_of"] or row["name"]
        cls_name = row["class"]
        row["archcalc_known"] = canon_name in known or cls_name in known
        if canon_name in counts:
            row["kref15_family"], row["kref15_cases"] = counts[canon_name]
    doc = {"keras_version": keras.__version__, "backend": keras.backend.backend(),
           "n_exports": len(rows),
           "n_layer_classes_canonical": sum(1 for r in rows if r["alias_of"] is None and r["role"] == "layer"),
           "exports": rows}
    json.dump(doc, open(out, "w"), indent=1)
    print(len(rows), doc["n_layer_classes_canonical"])

main(sys.argv[1])

#!/usr/bin/env python
"""Run single-layer reference cases against real Keras 3 and dump the results.

Extended copy of /work/main/tests/golden/keras/generators/layer_cases.py
(kref15: output dtypes, eager cross-check, adapt(), dict inputs, eval'd config
values, a one-layer model summary).

Usage:
    KERAS_BACKEND=torch COLUMNS=200 python layer_cases.py cases.json out.json [--only ID,ID2]

cases.json is a JSON list of objects:
    {
      "id": "conv2d_basic",                    # unique id (required)
      "class": "Conv2D",                       # name in keras.layers (required)
      "config": {"filters": 8, "kernel_size": 3},   # constructor kwargs
      "inputs": [[28, 28, 1]],                 # shapes WITHOUT batch dim, null entries = unknown
      "call_kwargs": {},                       # optional extra kwargs for the symbolic call
      "trainable": false,                      # optional: layer.trainable = False before counting
      "call_mode": "list" | "args" | "single" | "struct" | "args_struct" | "none"
      "input_struct": {...},                   # for call_mode "struct": nested dict/list whose
                                               #   leaves are indices into "inputs"
                                               #   ("args_struct": a list, one structure per
                                               #   positional argument, e.g. cell(x, [h, c]))
      "adapt": {"data": [...], "dtype": "string"},  # optional: layer.adapt(data) before the call
      "eager": false,                          # optional: skip the eager cross-check
      "eager_inputs": [[...], ...],            # optional explicit eager data (one per input)
      "note": "..."                            # optional free text, copied to the output
    }

Input entries can also be objects {"shape": [..], "dtype": "int32", "batch_size": 4}
(batch_size sets the batch dim; default None).  If no dtype is given, Embedding /
ReversibleEmbedding inputs default to "int32", everything else to keras' default float dtype.

Nested layers are given as {"class": "LSTM", "config": {...}} anywhere inside "config";
they are instantiated recursively (keys "class" + "config", no "class_name").
A config value {"__eval__": "python expression"} is evaluated (names: keras, np, ops,
torch) -- used for Lambda functions and TorchModuleWrapper modules.

Every case runs after keras.utils.clear_session() so auto-names start fresh.
Recorded per case (besides the original fields): output_dtype (same structure as
output_shape), output_sparse / output_ragged when true, dtype_policy, variables that
are not weights (seed-generator states...), summary (one-layer keras.Model summary()
text), eager = {"training_false"/"training_true": {"shape", "dtype"} or {"error"}}
from an eager call on random data (batch 2, None dims -> 6) and eager_mismatch when
the eager shape disagrees with the symbolic one.
"""
import inspect
import io
import json
import math
import os
import re
import sys
import traceback
import warnings

os.environ.setdefault("KERAS_BACKEND", "torch")

import numpy as np  # noqa: E402

import keras  # noqa: E402
from keras import ops  # noqa: E402

try:
    import torch  # noqa: E402
except Exception:  # noqa: BLE001
    torch = None

ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
MULTI_ARG_CLASSES = {"MultiHeadAttention", "GroupedQueryAttention", "GroupQueryAttention"}
INT_INPUT_CLASSES = {"Embedding", "ReversibleEmbedding"}
EAGER_NONE = 6
EAGER_BATCH = 2
STRINGS = ["the quick brown fox", "a b", "c", "jumps over the lazy dog", "b a a", "d"]


def strip_ansi(s):
    return ANSI_RE.sub("", s)


def shape_to_list(shape):
    return [None if d is None else int(d) for d in shape]


def is_tensorish(x):
    return hasattr(x, "shape") and hasattr(x, "dtype") and not isinstance(x, (list, tuple, dict))


def structure_map(fn, x):
    if is_tensorish(x):
        return fn(x)
    if isinstance(x, dict):
        return {k: structure_map(fn, v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [structure_map(fn, v) for v in x]
    if x is None:
        return None
    return repr(x)


def structure_shapes(x):
    return structure_map(lambda t: shape_to_list(t.shape), x)


def tensor_dtype(t):
    try:
        return keras.backend.standardize_dtype(t.dtype)
    except Exception:  # noqa: BLE001
        return str(t.dtype)


def structure_dtypes(x):
    return structure_map(tensor_dtype, x)


def shape_struct_from_cos(x):
    """compute_output_shape returns tuples / nested tuples."""
    if isinstance(x, dict):
        return {k: shape_struct_from_cos(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        if all(d is None or isinstance(d, int) for d in x):
            return [None if d is None else int(d) for d in x]
        return [shape_struct_from_cos(v) for v in x]
    return repr(x)


def build_nested(obj):
    """Instantiate {"class": X, "config": {...}} sub-dicts as keras layers, eval {"__eval__"}."""
    if isinstance(obj, dict):
        if set(obj) == {"__eval__"}:
            return eval(obj["__eval__"], {"keras": keras, "np": np, "ops": ops, "torch": torch})  # noqa: S307
        if "class" in obj and "class_name" not in obj and set(obj) <= {"class", "config"}:
            cls = getattr(keras.layers, obj["class"])
            return cls(**build_nested(obj.get("config", {})))
        return {k: build_nested(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [build_nested(v) for v in obj]
    return obj


def to_jsonable(obj):
    """Best-effort JSON conversion of a get_config() dict."""
    if obj is None or isinstance(obj, (bool, int, str)):
        return obj
    if isinstance(obj, float):
        if math.isnan(obj) or math.isinf(obj):
            return repr(obj)
        return obj
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, bytes):
        return obj.decode("utf-8", "replace")
    try:
        if isinstance(obj, np.generic):
            return to_jsonable(obj.item())
        if isinstance(obj, np.ndarray):
            return to_jsonable(obj.tolist())
    except Exception:  # noqa: BLE001
        pass
    try:
        ser = keras.saving.serialize_keras_object(obj)
        json.dumps(ser)
        return ser
    except Exception:  # noqa: BLE001
        pass
    try:
        return to_jsonable(obj.tolist())
    except Exception:  # noqa: BLE001
        return {"__repr__": repr(obj)}


def input_specs(case):
    cls_name = case["class"]
    out = []
    for spec in case.get("inputs", []):
        if isinstance(spec, dict):
            shape = spec.get("shape")
            dtype = spec.get("dtype")
            batch_size = spec.get("batch_size")
            sparse = spec.get("sparse")
        else:
            shape, dtype, batch_size, sparse = spec, None, None, None
        if dtype is None and cls_name in INT_INPUT_CLASSES:
            dtype = "int32"
        out.append((shape, dtype, batch_size, sparse))
    return out


def make_inputs(case):
    inputs = []
    for i, (shape, dtype, batch_size, sparse) in enumerate(input_specs(case)):
        kwargs = {"shape": tuple(shape), "name": f"in{i}"}
        if dtype is not None:
            kwargs["dtype"] = dtype
        if batch_size is not None:
            kwargs["batch_size"] = batch_size
        if sparse:
            kwargs["sparse"] = True
        inputs.append(keras.Input(**kwargs))
    return inputs


def fill_struct(struct, inputs):
    if isinstance(struct, dict):
        return {k: fill_struct(v, inputs) for k, v in struct.items()}
    if isinstance(struct, list):
        return [fill_struct(v, inputs) for v in struct]
    return inputs[struct]


def call_layer(layer, inputs, case, extra_kwargs=None):
    kwargs = build_nested(case.get("call_kwargs") or {})
    if extra_kwargs:
        kwargs.update(extra_kwargs)
    mode = case.get("call_mode")
    if mode is None:
        if len(inputs) == 1:
            mode = "single"
        elif case["class"] in MULTI_ARG_CLASSES:
            mode = "args"
        else:
            mode = "list"
    if mode == "single":
        return layer(inputs[0], **kwargs)
    if mode == "args":
        return layer(*inputs, **kwargs)
    if mode == "list":
        return layer(list(inputs), **kwargs)
    if mode == "struct":
        return layer(fill_struct(case["input_struct"], inputs), **kwargs)
    if mode == "args_struct":
        return layer(*[fill_struct(a, inputs) for a in case["input_struct"]], **kwargs)
    if mode == "none":
        return layer(**kwargs)
    raise ValueError(f"unknown call_mode {mode}")


def eager_data(case, rng):
    given = case.get("eager_inputs")
    datas = []
    for i, (shape, dtype, batch_size, _sparse) in enumerate(input_specs(case)):
        full = [batch_size or EAGER_BATCH] + [EAGER_NONE if d is None else d for d in shape]
        dt = dtype or keras.backend.floatx()
        if given is not None and given[i] is not None:
            arr = np.array(given[i])
            if dt != "string":
                arr = arr.astype(dt)
            datas.append(arr)
            continue
        if dt == "string":
            arr = np.array(rng.choice(STRINGS, size=full)).astype(object)
        elif "int" in dt:
            arr = rng.integers(0, case.get("eager_int_max", 3), size=full).astype(dt)
        elif dt == "bool":
            arr = rng.integers(0, 2, size=full).astype(bool)
        else:
            lo, hi = case.get("eager_range", [0.0, 255.0])
            arr = rng.uniform(lo, hi, size=full).astype("float32" if dt in ("bfloat16",) else dt)
        datas.append(arr)
    return datas


def eager_call(layer, case, training):
    rng = np.random.default_rng(0)
    datas = eager_data(case, rng)
    extra = {} if training is None else {"training": training}
    any_str = any(d.dtype == object for d in datas)
    if case.get("eager_tensors", True) and not any_str:
        conv = []
        for d in datas:
            if d.dtype == object:
                conv.append(d)  # strings stay numpy (lookup layers convert to tf)
            else:
                conv.append(ops.convert_to_tensor(d))
        datas = conv
    out = call_layer(layer, datas, case, extra)
    return {"shape": structure_shapes(out), "dtype": structure_dtypes(out)}


def shapes_agree(sym, eag, batch_fixed=False):
    """symbolic shape (None allowed) vs eager concrete shape."""
    if isinstance(sym, dict) and isinstance(eag, dict):
        return set(sym) == set(eag) and all(shapes_agree(sym[k], eag[k]) for k in sym)
    if isinstance(sym, list) and isinstance(eag, list):
        if sym and all(d is None or isinstance(d, int) for d in sym) and all(
            d is None or isinstance(d, int) for d in eag
        ):
            return len(sym) == len(eag) and all(a is None or a == b for a, b in zip(sym, eag))
        return len(sym) == len(eag) and all(shapes_agree(a, b) for a, b in zip(sym, eag))
    return sym == eag


def call_has_training(layer):
    try:
        return "training" in inspect.signature(layer.call).parameters
    except Exception:  # noqa: BLE001
        return False


def model_summary(inputs, out):
    lines = []
    model = keras.Model(inputs if len(inputs) != 1 else inputs[0], out)
    model.summary(print_fn=lambda s, **kw: lines.append(s))
    return strip_ansi("\n".join(lines))


def run_case(case):
    res = {"id": case["id"], "class": case["class"], "inputs": case.get("inputs")}
    for k in ("config", "call_kwargs", "trainable", "note", "call_mode", "input_struct", "adapt"):
        if k in case:
            res[k] = case[k]
    keras.utils.clear_session()
    stage = "construct"
    caught = []
    with warnings.catch_warnings(record=True) as wlist:
        warnings.simplefilter("always")
        try:
            cls = getattr(keras.layers, case["class"])
            layer = cls(**build_nested(case.get("config") or {}))
            if case.get("adapt") is not None:
                stage = "adapt"
                ad = case["adapt"]
                data = ad["data"]
                if ad.get("dtype") == "string":
                    data = np.array(data, dtype=object)
                elif ad.get("dtype"):
                    data = np.array(data, dtype=ad["dtype"])
                else:
                    data = np.array(data)
                layer.adapt(data, **(ad.get("kwargs") or {}))
            stage = "inputs"
            inputs = make_inputs(case)
            stage = "call"
            out = call_layer(layer, inputs, case)
            stage = "inspect"
            if case.get("trainable") is False:
                layer.trainable = False
            res["name"] = layer.name
            res["output_shape"] = structure_shapes(out)
            res["output_dtype"] = structure_dtypes(out)
            sp = structure_map(lambda t: bool(getattr(t, "sparse", False)), out)
            rg = structure_map(lambda t: bool(getattr(t, "ragged", False)), out)
            if json.dumps(sp).count("true"):
                res["output_sparse"] = sp
            if json.dumps(rg).count("true"):
                res["output_ragged"] = rg
            if isinstance(out, (list, tuple)):
                res["n_outputs"] = len(out)
            res["built"] = bool(layer.built)
            try:
                res["dtype_policy"] = layer.dtype_policy.name
                res["compute_dtype"] = layer.compute_dtype
                res["variable_dtype"] = layer.variable_dtype
            except Exception:  # noqa: BLE001
                pass
            res["params"] = int(layer.count_params())
            tw = layer.trainable_weights
            ntw = layer.non_trainable_weights
            res["trainable_params"] = int(sum(math.prod(w.shape) for w in tw))
            res["non_trainable_params"] = int(sum(math.prod(w.shape) for w in ntw))
            tw_ids = {id(w) for w in tw}
            res["weights"] = [
                [
                    getattr(w, "path", None) or w.name,
                    shape_to_list(w.shape),
                    id(w) in tw_ids,
                    str(w.dtype),
                ]
                for w in layer.weights
            ]
            w_ids = {id(w) for w in layer.weights}
            others = [v for v in layer.variables if id(v) not in w_ids]
            if others:
                res["variables_not_weights"] = [
                    [getattr(v, "path", None) or v.name, shape_to_list(v.shape), str(v.dtype)] for v in others
                ]
            try:
                in_shapes = [tuple(x.shape) for x in inputs]
                if case.get("call_mode") == "struct":
                    arg = fill_struct(case["input_struct"], in_shapes)
                elif case.get("call_mode") == "args_struct":
                    arg = [fill_struct(a, in_shapes) for a in case["input_struct"]]
                else:
                    arg = in_shapes[0] if len(in_shapes) == 1 else in_shapes
                if case["class"] in MULTI_ARG_CLASSES and len(in_shapes) > 1:
                    cos = layer.compute_output_shape(*in_shapes)
                else:
                    cos = layer.compute_output_shape(arg)
                cos = shape_struct_from_cos(cos)
                if cos != res["output_shape"]:
                    res["compute_output_shape"] = cos
            except Exception as e:  # noqa: BLE001
                res["compute_output_shape_error"] = f"{type(e).__name__}: {strip_ansi(str(e))[:200]}"
            stage = "config"
            try:
                res["get_config"] = to_jsonable(layer.get_config())
                json.dumps(res["get_config"])
            except Exception as e:  # noqa: BLE001
                res["get_config"] = None
                res["get_config_error"] = f"{type(e).__name__}: {strip_ansi(str(e))[:500]}"
            stage = "summary"
            try:
                res["summary"] = model_summary(inputs, out)
            except Exception as e:  # noqa: BLE001
                res["summary_error"] = f"{type(e).__name__}: {strip_ansi(str(e))[:300]}"
            stage = "eager"
            if case.get("eager", True):
                ev = {}
                modes = [False, True] if call_has_training(layer) else [None]
                for tr in modes:
                    key = "call" if tr is None else f"training_{str(tr).lower()}"
                    try:
                        ev[key] = eager_call(layer, case, tr)
                    except Exception as e:  # noqa: BLE001
                        ev[key] = {"error": type(e).__name__, "message": strip_ansi(str(e))[:400]}
                res["eager"] = ev
                bad = [k for k, v in ev.items() if "shape" in v and not shapes_agree(res["output_shape"], v["shape"])]
                bad_dt = [k for k, v in ev.items() if "dtype" in v and v["dtype"] != res["output_dtype"]]
                if bad:
                    res["eager_mismatch"] = bad
                if bad_dt:
                    res["eager_dtype_mismatch"] = bad_dt
        except Exception as e:  # noqa: BLE001
            res["error"] = type(e).__name__
            res["message"] = strip_ansi(str(e))
            res["stage"] = stage
            if os.environ.get("KREF_TRACE"):
                res["traceback"] = strip_ansi(traceback.format_exc())
        for w in wlist:
            if "__array__ implementation doesn't accept a copy keyword" in str(w.message):
                continue
            caught.append(f"{w.category.__name__}: {strip_ansi(str(w.message))}")
    if caught:
        res["warnings"] = caught
    return res


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    with open(argv[1]) as f:
        cases = json.load(f)
    only = None
    if len(argv) > 3 and argv[3].startswith("--only"):
        only = set(argv[4].split(",")) if argv[3] == "--only" else set(argv[3].split("=", 1)[1].split(","))
    ids = [c["id"] for c in cases]
    dups = {i for i in ids if ids.count(i) > 1}
    if dups:
        print(f"WARNING duplicate ids: {sorted(dups)}", file=sys.stderr)
    results = []
    n_err = 0
    for case in cases:
        if only and case["id"] not in only:
            continue
        try:
            r = run_case(case)
        except BaseException as e:  # absolute last resort
            if isinstance(e, KeyboardInterrupt):
                raise
            r = {"id": case.get("id"), "error": type(e).__name__,
                 "message": strip_ansi(str(e)), "stage": "runner"}
        if "error" in r:
            n_err += 1
        results.append(r)
        print(case["id"], "ERR " + r["error"] if "error" in r else r.get("output_shape"),
              "EAGER-MISMATCH" if r.get("eager_mismatch") else "", file=sys.stderr, flush=True)
    meta = {
        "keras": keras.__version__,
        "backend": keras.backend.backend(),
        "n_cases": len(results),
        "n_errors": n_err,
        "python": sys.version.split()[0],
        "numpy": np.__version__,
    }
    if torch is not None:
        meta["torch"] = torch.__version__
    try:
        import tensorflow as tf

        meta["tensorflow"] = tf.__version__
    except Exception:  # noqa: BLE001
        pass
    with open(argv[2], "w") as f:
        json.dump({"meta": meta, "results": results}, f, indent=1)
    print(f"{len(results)} cases, {n_err} raised errors -> {argv[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python
"""Run single-layer reference cases against real Keras 3 and dump the results.

Usage:
    KERAS_BACKEND=torch COLUMNS=200 python layer_cases.py cases.json out.json [--only ID,ID2]

cases.json is a JSON list of objects:
    {
      "id": "conv2d_basic",                    # unique id (required)
      "class": "Conv2D",                       # name in keras.layers (required)
      "config": {"filters": 8, "kernel_size": 3},   # constructor kwargs
      "inputs": [[28, 28, 1]],                 # shapes WITHOUT batch dim, null entries = unknown
      "call_kwargs": {},                       # optional extra kwargs for the call
      "trainable": false,                      # optional: layer.trainable = False before counting
      "call_mode": "list" | "args" | "single"  # optional, see below
      "note": "..."                            # optional free text, copied to the output
    }

Input entries can also be objects {"shape": [..], "dtype": "int32", "batch_size": 4}
(batch_size sets the batch dim; default None).  If no dtype is given, Embedding
inputs default to "int32", everything else to keras' default float dtype.

Nested layers (Bidirectional / TimeDistributed / anything else that takes a
layer) are given as {"class": "LSTM", "config": {...}} anywhere inside "config";
they are instantiated recursively (keys "class" + "config", no "class_name").

Call mode: with one input the layer is called as layer(x).  With several
inputs the default is layer([x1, x2, ...]) (merge layers, Attention, Dot),
except MultiHeadAttention / GroupedQueryAttention which get layer(q, v, k)
positionally ("args").  Set "call_mode" to override.

Every case runs after keras.utils.clear_session() so auto-names start fresh.
A failing case records {"error": <exception type>, "message": <str>, "stage": ..}
and never stops the run.
"""
import json
import math
import os
import re
import sys
import traceback
import warnings

os.environ.setdefault("KERAS_BACKEND", "torch")

import keras  # noqa: E402

ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
MULTI_ARG_CLASSES = {"MultiHeadAttention", "GroupedQueryAttention", "GroupQueryAttention"}
INT_INPUT_CLASSES = {"Embedding"}


def strip_ansi(s):
    return ANSI_RE.sub("", s)


def shape_to_list(shape):
    return [None if d is None else int(d) for d in shape]


def structure_shapes(x):
    """Map a (possibly nested) output structure of KerasTensors to shape lists."""
    if hasattr(x, "shape") and not isinstance(x, (list, tuple, dict)):
        return shape_to_list(x.shape)
    if isinstance(x, dict):
        return {k: structure_shapes(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [structure_shapes(v) for v in x]
    if x is None:
        return None
    return repr(x)


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
    """Instantiate {"class": X, "config": {...}} sub-dicts as keras layers."""
    if isinstance(obj, dict):
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
    try:
        import numpy as np

        if isinstance(obj, np.generic):
            return to_jsonable(obj.item())
        if isinstance(obj, np.ndarray):
            return to_jsonable(obj.tolist())
    except Exception:
        pass
    try:
        ser = keras.saving.serialize_keras_object(obj)
        json.dumps(ser)
        return ser
    except Exception:
        pass
    try:
        return to_jsonable(obj.tolist())
    except Exception:
        return {"__repr__": repr(obj)}


def make_inputs(case):
    cls_name = case["class"]
    inputs = []
    for i, spec in enumerate(case.get("inputs", [])):
        if isinstance(spec, dict):
            shape = spec.get("shape")
            dtype = spec.get("dtype")
            batch_size = spec.get("batch_size")
        else:
            shape, dtype, batch_size = spec, None, None
        if dtype is None and cls_name in INT_INPUT_CLASSES:
            dtype = "int32"
        kwargs = {"shape": tuple(shape), "name": f"in{i}"}
        if dtype is not None:
            kwargs["dtype"] = dtype
        if batch_size is not None:
            kwargs["batch_size"] = batch_size
        inputs.append(keras.Input(**kwargs))
    return inputs


def call_layer(layer, inputs, case):
    kwargs = build_nested(case.get("call_kwargs") or {})
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
    if mode == "none":
        return layer(**kwargs)
    raise ValueError(f"unknown call_mode {mode}")


def run_case(case):
    res = {"id": case["id"], "class": case["class"], "inputs": case.get("inputs")}
    for k in ("config", "call_kwargs", "trainable", "note", "call_mode"):
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
            stage = "inputs"
            inputs = make_inputs(case)
            stage = "call"
            out = call_layer(layer, inputs, case)
            stage = "inspect"
            if case.get("trainable") is False:
                layer.trainable = False
            res["name"] = layer.name
            res["output_shape"] = structure_shapes(out)
            if isinstance(out, (list, tuple)):
                res["n_outputs"] = len(out)
            res["built"] = bool(layer.built)
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
            # What compute_output_shape says independently of the symbolic call
            # (summary() uses the node's output tensors, i.e. the call result).
            try:
                in_shapes = [tuple(x.shape) for x in inputs]
                arg = in_shapes[0] if len(in_shapes) == 1 else in_shapes
                if case["class"] in MULTI_ARG_CLASSES and len(in_shapes) > 1:
                    cos = layer.compute_output_shape(*in_shapes)
                else:
                    cos = layer.compute_output_shape(arg)
                cos = shape_struct_from_cos(cos)
                if cos != res["output_shape"]:
                    res["compute_output_shape"] = cos
            except Exception as e:  # noqa: BLE001
                res["compute_output_shape_error"] = type(e).__name__
            stage = "config"
            try:
                res["get_config"] = to_jsonable(layer.get_config())
                json.dumps(res["get_config"])
            except Exception as e:  # noqa: BLE001
                res["get_config"] = None
                res["get_config_error"] = f"{type(e).__name__}: {strip_ansi(str(e))[:500]}"
        except Exception as e:  # noqa: BLE001
            res["error"] = type(e).__name__
            res["message"] = strip_ansi(str(e))
            res["stage"] = stage
            if os.environ.get("KREF_TRACE"):
                res["traceback"] = strip_ansi(traceback.format_exc())
        for w in wlist:
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
    meta = {
        "keras": keras.__version__,
        "backend": keras.backend.backend(),
        "n_cases": len(results),
        "n_errors": n_err,
    }
    try:
        import torch

        meta["torch"] = torch.__version__
    except Exception:
        pass
    with open(argv[2], "w") as f:
        json.dump({"meta": meta, "results": results}, f, indent=1)
    print(f"{len(results)} cases, {n_err} raised errors -> {argv[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python
"""Run the keras.ops reference cases of cases_def.py against real Keras 3.

Usage (from /work/scratch/kref_ops):
    KERAS_BACKEND=torch COLUMNS=200 ../kvenv/bin/python gen_ops_cases.py [cases_ops.json] [--only ID,ID2]

Every case runs after keras.utils.clear_session() (fresh auto-name counters)
as a small Functional model: keras.Input(s) -> op -> (optionally Dense(4)).
"""
import json
import os
import re
import sys
import traceback
import warnings

os.environ.setdefault("KERAS_BACKEND", "torch")
os.environ.setdefault("COLUMNS", "200")

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers, ops  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ops_cases_def import CASES  # noqa: E402

ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
DENSE_UNITS = 4


def strip_ansi(s):
    return ANSI_RE.sub("", s)


def capture_summary(model, **kw):
    chunks = []
    model.summary(print_fn=lambda s, *a, **k: chunks.append(s), **kw)
    return strip_ansi("".join(c + "\n" for c in chunks))


def shape_list(t):
    return [None if d is None else int(d) for d in t.shape]


def struct(x, fn):
    if isinstance(x, keras.KerasTensor):
        return fn(x)
    if isinstance(x, (list, tuple)):
        return [struct(v, fn) for v in x]
    if isinstance(x, dict):
        return {k: struct(v, fn) for k, v in x.items()}
    return {"__not_a_tensor__": repr(x)}


def make_inputs(case):
    ins = []
    for shape, dt in zip(case["inputs"], case["input_dtypes"]):
        kw = {"shape": tuple(shape), "dtype": dt}
        if case.get("batch_size") is not None:
            kw["batch_size"] = case["batch_size"]
        ins.append(keras.Input(**kw))
    return ins


def evaluate(case, inputs):
    env = {"keras": keras, "ops": ops, "np": np, "layers": layers, "inputs": inputs}
    for nm, t in zip("xyzw", inputs):
        env[nm] = t
    if case.get("stmts"):
        exec(case["stmts"], env)
        return env["out"]
    return eval(case["call"], env)


def run_case(case):
    res = {k: case[k] for k in ("id", "op", "call", "stmts", "inputs", "input_dtypes",
                                "batch_size", "dense", "note") if k in case}
    keras.utils.clear_session()
    kres = {}
    stage = "inputs"
    caught = []
    with warnings.catch_warnings(record=True) as wl:
        warnings.simplefilter("always")
        try:
            inputs = make_inputs(case)
            stage = "call"
            out = evaluate(case, inputs)
            stage = "inspect"
            leaves = [t for t in keras.tree.flatten(out) if isinstance(t, keras.KerasTensor)]
            if not leaves:
                kres["no_node"] = True
                kres["result"] = repr(out)
                res["keras"] = kres
                return res
            hist = leaves[0]._keras_history
            op = hist.operation
            if isinstance(op, keras.layers.InputLayer):
                kres["no_node"] = True
                kres["result"] = "the input KerasTensor itself (identity, no node)"
                kres["output_shape"] = struct(out, shape_list)
                kres["output_dtype"] = struct(out, lambda t: t.dtype)
                res["keras"] = kres
                return res
            kres["name"] = op.name
            kres["class"] = op.__class__.__name__
            kres["module"] = op.__class__.__module__
            kres["output_shape"] = struct(out, lambda t: [None if d is None else int(d) for d in t.shape])
            kres["output_dtype"] = struct(out, lambda t: t.dtype)
            if isinstance(out, (list, tuple)):
                kres["n_outputs"] = len(out)
                kres["output_container"] = type(out).__name__
            if any(getattr(t, "sparse", False) for t in leaves):
                kres["sparse"] = [bool(getattr(t, "sparse", False)) for t in leaves]
            # tensor index of the returned tensor(s) inside the op node
            kres["keras_history"] = [[t._keras_history.operation.name,
                                      t._keras_history.node_index,
                                      t._keras_history.tensor_index] for t in leaves]
            stage = "model"
            model_outs = list(leaves)
            used_dense = False
            if case.get("dense"):
                t0 = model_outs[0]
                if (t0.dtype.startswith("float") or t0.dtype.startswith("bfloat")) and \
                        len(t0.shape) >= 1 and t0.shape[-1] is not None:
                    model_outs[0] = layers.Dense(DENSE_UNITS)(t0)
                    used_dense = True
                else:
                    kres["dense_skipped"] = "output not float or last dim unknown"
            kres["dense_applied"] = used_dense
            model = keras.Model(inputs, model_outs[0] if len(model_outs) == 1 else model_outs)
            stage = "summary"
            kres["summary"] = capture_summary(model)
            kres["params"] = int(model.count_params())
            stage = "to_json"
            cfg = json.loads(model.to_json())
            layer_cfgs = cfg["config"]["layers"]
            node_cfg = [lc for lc in layer_cfgs if lc.get("name") == op.name]
            kres["node_config"] = node_cfg[0] if node_cfg else None
            others = [lc for lc in layer_cfgs
                      if lc.get("class_name") not in ("InputLayer",)
                      and not (used_dense and lc.get("class_name") == "Dense")]
            kres["nodes"] = [{"name": lc["name"], "class_name": lc["class_name"],
                              "module": lc.get("module")} for lc in others]
            if len(others) > 1:
                kres["node_configs"] = others
            kres["model_output_layers"] = cfg["config"]["output_layers"]
        except Exception as e:  # noqa: BLE001
            kres["error"] = type(e).__name__
            kres["message"] = strip_ansi(str(e))
            kres["stage"] = stage
            if os.environ.get("KREF_TRACE"):
                kres["traceback"] = strip_ansi(traceback.format_exc())
        for w in wl:
            if "__array__ implementation doesn't accept a copy keyword" in str(w.message):
                continue
            caught.append(f"{w.category.__name__}: {strip_ansi(str(w.message))[:400]}")
    if caught:
        kres["warnings"] = caught
    res["keras"] = kres
    return res


def main(argv):
    out_path = "cases_ops.json"
    only = None
    args = list(argv[1:])
    if "--only" in args:
        i = args.index("--only")
        only = set(args[i + 1].split(","))
        del args[i:i + 2]
    if args:
        out_path = args[0]
    results = []
    for case in CASES:
        if only and case["id"] not in only:
            continue
        try:
            r = run_case(case)
        except BaseException as e:  # noqa: BLE001
            if isinstance(e, KeyboardInterrupt):
                raise
            r = dict(case, keras={"error": type(e).__name__, "message": str(e), "stage": "runner"})
        results.append(r)
    import torch

    n_err = sum(1 for r in results if "error" in r["keras"])
    doc = {
        "source": (
            f"Real Keras {keras.__version__} (backend {keras.backend.backend()}, torch {torch.__version__}, "
            f"python {sys.version.split()[0]}), generated by /work/scratch/kref_ops/gen_ops_cases.py "
            "from cases_def.py; each case runs after keras.utils.clear_session() as "
            "keras.Model(keras.Input(...), op(...) [-> Dense(4)]); summary captured with "
            "print_fn at COLUMNS=200; node_config is the model.to_json() layers entry of the op node."
        ),
        "n_cases": len(results),
        "n_errors": n_err,
        "cases": results,
    }
    with open(out_path, "w") as f:
        json.dump(doc, f, indent=1)
    print(f"{len(results)} cases, {n_err} errors -> {out_path}")


if __name__ == "__main__":
    main(sys.argv)

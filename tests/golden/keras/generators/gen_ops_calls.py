#!/usr/bin/env python
"""Record how each keras.ops case calls its Operation(s): class, module, constructor config and
the serialised call args/kwargs, captured in Operation.symbolic_call *before*
compute_output_spec runs, so cases that raise there still say what was called.

Usage: KERAS_BACKEND=torch ../kvenv/bin/python gen_ops_calls.py cases_def_dir out.json [--only ID,...]
"""
import json
import os
import sys
import warnings

os.environ.setdefault("KERAS_BACKEND", "torch")
import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers, ops  # noqa: E402
from keras.src.ops.operation import Operation  # noqa: E402
from keras.src.saving import serialization_lib  # noqa: E402

sys.path.insert(0, sys.argv[1])
from ops_cases_def import CASES  # noqa: E402

RECORD = []
_orig = Operation.symbolic_call


def _ser(v):
    try:
        return json.loads(json.dumps(serialization_lib.serialize_keras_object(v)))
    except Exception as e:  # noqa: BLE001
        return {"__unserialisable__": type(e).__name__}


def hooked(self, *args, **kwargs):
    if not isinstance(self, keras.layers.Layer):
        try:
            cfg = self.get_config()
            cfg = json.loads(json.dumps(cfg))
        except Exception as e:  # noqa: BLE001
            cfg = {"__unserialisable__": type(e).__name__}
        RECORD.append({"class": type(self).__name__, "module": type(self).__module__,
                       "name": self.name, "config": cfg,
                       "args": [_ser(a) for a in args], "kwargs": {k: _ser(v) for k, v in kwargs.items()}})
    return _orig(self, *args, **kwargs)


Operation.symbolic_call = hooked


def make_inputs(case):
    ins = []
    for shape, dt in zip(case["inputs"], case["input_dtypes"]):
        kw = {"shape": tuple(shape), "dtype": dt}
        if case.get("batch_size") is not None:
            kw["batch_size"] = case["batch_size"]
        ins.append(keras.Input(**kw))
    return ins


def main():
    out_path = sys.argv[2]
    only = None
    if "--only" in sys.argv:
        only = set(sys.argv[sys.argv.index("--only") + 1].split(","))
    result = {}
    for case in CASES:
        if only and case["id"] not in only:
            continue
        keras.utils.clear_session()
        RECORD.clear()
        err = None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                inputs = make_inputs(case)
                env = {"keras": keras, "ops": ops, "np": np, "layers": layers}
                for nm, t in zip("xyzw", inputs):
                    env[nm] = t
                if case.get("stmts"):
                    exec(case["stmts"], env)
                else:
                    eval(case["call"], env)
            except Exception as e:  # noqa: BLE001
                err = type(e).__name__
        result[case["id"]] = {"calls": list(RECORD), "error": err}
    with open(out_path, "w") as f:
        json.dump(result, f, indent=1)


main()

#!/usr/bin/env python
"""keras.io example model corpus generator (adapted from
/work/main/tests/golden/keras/generators/models.py: same dump_layers / capture_summary,
same `all` / `one` pattern, one fresh process per model).

Usage:
    python gen.py list
    python gen.py all [NAME ...]   # each model in its own fresh subprocess (venv chosen by META["venv"])
    python gen.py one NAME         # build + dump one model in THIS process

Each model's builder is kio/<name>.py (in the scratch area it ran in: models/<name>/build.py),
which defines META (dict) and build(keras); the outputs go to OUT/<name>/ (committed, trimmed,
as ../kio/<name>/: config.json.gz, layers.json.gz, summary-*.txt, model.keras when < 300 KB).
META keys: path (keras-io file), url, commit, last_modified, venv ("kvenv" | "hubvenv"),
           desc, exercises (list of str), shrunk (optional str).
Big .keras files (>= 3 MB) are written to _big/<name>.keras (so archcalc can be run on them)
and deleted by `python gen.py prune-big` after checking.
"""
import importlib.util
import json
import math
import os
import subprocess
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.environ.get("KIO_OUT", os.path.join(HERE, "kio_out"))
BUILDERS = os.path.join(HERE, "kio")
BIG = os.path.join(HERE, "_big")
MAX_KERAS_BYTES = 3 * 1024 * 1024
VENVS = {
    "kvenv": "/work/scratch/kvenv/bin/python",
    "hubvenv": "/work/scratch/hubvenv/bin/python",
}
KEEP = ("build.py", "build.log", "notes.md")


def names():
    return sorted(n[:-3] for n in os.listdir(BUILDERS) if n.endswith(".py"))


def _exec(name, as_name=None):
    p = os.path.join(BUILDERS, f"{name}.py")
    # custom classes record their module, so shared code runs under the model's own name
    spec = importlib.util.spec_from_file_location(f"kioc_{as_name or name}", p)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_module(name):
    """A builder; one that names the example's code (CODE = "<builder>") builds its PART of it."""
    mod = _exec(name)
    if getattr(mod, "CODE", None):
        code = _exec(mod.CODE, as_name=name)
        code.PART = mod.PART
        mod.build = code.build
    return mod


def read_meta(name):
    # META without importing keras: exec only the META assignment
    src = open(os.path.join(BUILDERS, f"{name}.py")).read()
    import ast

    tree = ast.parse(src)
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "META" for t in node.targets):
            return ast.literal_eval(node.value)
    return {}


# --------------------------------------------------------------------------
# dumping (verbatim from models.py)


def _plain(markup):
    import rich.text

    return rich.text.Text.from_markup(markup).plain


def _shapes(x):
    if hasattr(x, "shape") and not isinstance(x, (list, tuple, dict)):
        return [None if d is None else int(d) for d in x.shape]
    if isinstance(x, dict):
        return {k: _shapes(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_shapes(v) for v in x]
    return None


def _node_shapes(node):
    outs = _shapes(node.output_tensors)
    return outs[0] if isinstance(outs, list) and len(outs) == 1 else outs


def _relevant_nodes(model):
    fn = model
    if not hasattr(fn, "_nodes_by_depth"):
        fn = getattr(model, "_functional", None)
    if fn is None or not hasattr(fn, "_nodes_by_depth"):
        return None
    nodes = []
    for v in fn._nodes_by_depth.values():
        nodes += v
    return nodes


def dump_layers(keras, model):
    from keras.src.utils import summary_utils

    is_functional = isinstance(model, keras.Model) and not isinstance(model, keras.Sequential) and hasattr(model, "_operations")
    ops = list(model._operations) if is_functional else list(model.layers)
    relevant = _relevant_nodes(model)
    rows = []
    for layer in ops:
        nodes = list(getattr(layer, "_inbound_nodes", []))
        row = {"name": layer.name, "class": layer.__class__.__name__}
        if nodes:
            row["output_shape"] = _node_shapes(nodes[-1])
            if len(nodes) > 1:
                row["node_output_shapes"] = [_node_shapes(n) for n in nodes]
        else:
            row["output_shape"] = None
        try:
            row["summary_shape"] = _plain(summary_utils.format_layer_shape(layer))
        except Exception as e:  # noqa: BLE001
            row["summary_shape_error"] = f"{type(e).__name__}: {e}"
        built = bool(getattr(layer, "built", False))
        row["built"] = built
        row["trainable"] = bool(getattr(layer, "trainable", True))
        if hasattr(layer, "count_params") and built:
            row["params"] = int(layer.count_params())
            row["trainable_params"] = int(sum(math.prod(w.shape) for w in layer.trainable_weights))
            row["non_trainable_params"] = int(sum(math.prod(w.shape) for w in layer.non_trainable_weights))
        else:
            row["params"] = row["trainable_params"] = row["non_trainable_params"] = 0
        inbound = []
        connected = []
        n_in_model = 0
        for node in nodes:
            if relevant is not None and node not in relevant:
                continue
            n_in_model += 1
            triples = []
            for kt in node.input_tensors:
                h = kt._keras_history
                triples.append([h.operation.name, int(h.node_index), int(h.tensor_index)])
                connected.append(f"{h.operation.name}[{h.node_index}][{h.tensor_index}]")
            inbound.append(triples)
        row["inbound"] = inbound
        row["connected_to"] = ", ".join(connected) if connected else "-"
        row["n_nodes_total"] = len(nodes)
        if n_in_model != len(nodes):
            row["n_nodes_in_model"] = n_in_model
        if hasattr(layer, "layers") and getattr(layer, "layers", None):
            row["sublayers"] = [l.name for l in layer.layers]
        tw_ids = {id(w) for w in getattr(layer, "trainable_weights", [])}
        row["weights"] = [
            [getattr(w, "path", w.name), [int(d) for d in w.shape], id(w) in tw_ids, str(w.dtype)]
            for w in getattr(layer, "weights", [])
        ]
        rows.append(row)

    tw = model._collected_trainable_weights if hasattr(model, "_collected_trainable_weights") else model.trainable_weights
    trainable = summary_utils.count_params(tw)
    non_trainable = summary_utils.count_params(model.non_trainable_weights)
    totals = {
        "total": trainable + non_trainable,
        "trainable": trainable,
        "non_trainable": non_trainable,
        "total_memory": summary_utils.readable_memory_size(
            summary_utils.weight_memory_size(tw) + summary_utils.weight_memory_size(model.non_trainable_weights)
        ),
        "trainable_memory": summary_utils.readable_memory_size(summary_utils.weight_memory_size(tw)),
        "non_trainable_memory": summary_utils.readable_memory_size(summary_utils.weight_memory_size(model.non_trainable_weights)),
        "count_params": int(model.count_params()) if model.built else None,
    }
    info = {
        "model": model.name,
        "class": model.__class__.__name__,
        "rows_source": "model.operations" if is_functional else "model.layers",
        "layers": rows,
        "totals": totals,
    }
    try:
        info["inputs"] = _shapes(model.inputs)
        info["input_names"] = [t._keras_history.operation.name for t in model.inputs]
        info["outputs"] = _shapes(model.outputs)
        info["output_names"] = [t._keras_history.operation.name for t in model.outputs]
    except Exception as e:  # noqa: BLE001
        info["io_error"] = f"{type(e).__name__}: {e}"
    return info


def capture_summary(model, **kw):
    chunks = []
    model.summary(print_fn=lambda s, *a, **k: chunks.append(s), **kw)
    return "".join(c + "\n" for c in chunks)


def run_one(name):
    os.environ.setdefault("KERAS_BACKEND", "torch")
    os.environ["COLUMNS"] = "200"
    import keras

    mod = load_module(name)
    meta = getattr(mod, "META", {})
    d = os.path.join(OUT, name)
    for f in os.listdir(d):
        if f not in KEEP:
            os.remove(os.path.join(d, f))
    status = {"name": name, "keras": keras.__version__, "backend": keras.backend.backend(),
              "python": sys.executable}
    t0 = time.time()
    try:
        model = mod.build(keras)
    except Exception as e:  # noqa: BLE001
        with open(os.path.join(d, "ERROR.txt"), "w") as f:
            f.write(traceback.format_exc())
        status.update(ok=False, stage="build", error=f"{type(e).__name__}: {e}")
        _write_status(d, status)
        return 1
    status["build_seconds"] = round(time.time() - t0, 2)
    status["model_class"] = type(model).__name__
    status["model_mro"] = [c.__module__ + "." + c.__name__ for c in type(model).__mro__[:4]]
    errors = []

    def step(label, fn):
        try:
            fn()
        except Exception as e:  # noqa: BLE001
            errors.append(f"{label}: {type(e).__name__}: {e}")
            with open(os.path.join(d, "ERROR.txt"), "a") as f:
                f.write(f"--- {label}\n{traceback.format_exc()}\n")

    def write(fname, text):
        with open(os.path.join(d, fname), "w", encoding="utf-8") as f:
            f.write(text)

    step("summary-wide", lambda: write("summary-wide.txt", capture_summary(model)))
    # what `archcalc summary --width 200` is meant to reproduce: Keras's line_length=200
    step("summary-line200", lambda: write("summary-line200.txt", capture_summary(model, line_length=200)))
    nested = any(hasattr(l, "layers") and getattr(l, "layers", None) for l in model.layers)
    status["nested"] = nested
    if nested:
        step("summary-expand", lambda: write("summary-expand.txt", capture_summary(model, expand_nested=True)))
    step("layers.json", lambda: write("layers.json", json.dumps(dump_layers(keras, model), indent=1)))
    step("config.json", lambda: write("config.json", model.to_json(indent=1)))

    def save():
        p = os.path.join(d, "model.keras")
        model.save(p)
        size = os.path.getsize(p)
        status["model_keras_bytes"] = size
        if size >= MAX_KERAS_BYTES:
            os.makedirs(BIG, exist_ok=True)
            os.replace(p, os.path.join(BIG, name + ".keras"))
            status["model_keras"] = f"not kept ({size / 1e6:.1f} MB >= 3 MB)"
        else:
            status["model_keras"] = f"saved ({size} bytes)"

    step("model.keras", save)

    def narrow():
        os.environ.pop("COLUMNS", None)
        for fd in (0, 1, 2):
            if os.isatty(fd):
                raise RuntimeError(f"fd {fd} is a tty: run via `gen.py all`")
        write("summary-80.txt", capture_summary(model))
        if nested:
            write("summary-expand-80.txt", capture_summary(model, expand_nested=True))
        os.environ["COLUMNS"] = "200"

    step("summary-80", narrow)

    try:
        lj = json.load(open(os.path.join(d, "layers.json")))
        status["n_rows"] = len(lj["layers"])
        status["totals"] = lj["totals"]
        status["layer_classes"] = sorted({r["class"] for r in lj["layers"]})
    except Exception:
        pass
    status["ok"] = not errors
    if errors:
        status["errors"] = errors
    _write_status(d, status)
    return 0 if not errors else 1


def _write_status(d, status):
    with open(os.path.join(d, "status.json"), "w") as f:
        json.dump(status, f, indent=1)


def run_all(todo):
    env = dict(os.environ)
    env["KERAS_BACKEND"] = "torch"
    env["COLUMNS"] = "200"
    env["TF_CPP_MIN_LOG_LEVEL"] = "2"
    env.pop("LINES", None)
    for name in todo:
        meta = read_meta(name)
        py = VENVS[meta.get("venv", "kvenv")]
        env["KERAS_BACKEND"] = meta.get("backend", "torch")
        d = os.path.join(OUT, name)
        t0 = time.time()
        with open(os.path.join(d, "build.log"), "w") as log:
            rc = subprocess.call(
                [py, os.path.abspath(__file__), "one", name],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env,
            )
        print(f"{name:40s} rc={rc} {time.time() - t0:6.1f}s", flush=True)


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    cmd = argv[1]
    if cmd == "list":
        for n in names():
            print(n, read_meta(n).get("path"))
        return 0
    if cmd == "one":
        return run_one(argv[2])
    if cmd == "all":
        todo = argv[2:] or names()
        run_all(todo)
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))

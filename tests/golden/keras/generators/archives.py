#!/usr/bin/env python
"""Small Functional models with lookup / text layers saved as .keras archives, and a report of
where the vocabulary lives in each archive.

Usage (hub venv: these layers need TensorFlow even under the torch backend):
    KERAS_BACKEND=torch COLUMNS=200 ../hubvenv/bin/python archives.py all     # every model, fresh process each
    KERAS_BACKEND=torch COLUMNS=200 ../hubvenv/bin/python archives.py one NAME
    KERAS_BACKEND=tensorflow ../hubvenv/bin/python archives.py tfcheck NAME   # (done by `all`)

Output: archives/<name>.keras and archives/<name>/
    report.json      zip members (name, size), metadata.json, the lookup layers' config from
                     config.json, every assets/ file (its text), every model.weights.h5 dataset
                     (path, shape, dtype, values when small), reload check
    summary.txt      model.summary() (COLUMNS=200)
    summary-reloaded.txt   summary() of keras.saving.load_model(...)
    config.json      model.to_json(indent=1)
and archives/INDEX.md.
"""
import io
import json
import os
import re
import subprocess
import sys
import time
import traceback
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "archives")
ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
LOOKUP_CLASSES = {"StringLookup", "IntegerLookup", "TextVectorization", "Hashing", "HashedCrossing",
                  "CategoryEncoding", "Discretization"}
MODELS = {}
TEXTS = ["the quick brown fox", "the lazy dog", "a quick dog", "the fox", "The Fox!"]


def register(name, desc):
    def deco(fn):
        MODELS[name] = (fn, desc)
        return fn
    return deco


@register("slookup_vocab_list", "Input((1,), string) -> StringLookup(vocabulary=['a','b','c','d'], output_mode='one_hot') -> Dense(2)")
def m1(keras):
    L = keras.layers
    inp = keras.Input((1,), dtype="string")
    x = L.StringLookup(vocabulary=["a", "b", "c", "d"], output_mode="one_hot")(inp)
    return keras.Model(inp, L.Dense(2)(x)), [["a"], ["z"]]


@register("slookup_adapted", "Input((3,), string) -> StringLookup() adapted on 6 tokens (mask_token='') -> Embedding(vocab_size, 4) -> Flatten -> Dense(1)")
def m2(keras):
    L = keras.layers
    lk = L.StringLookup(mask_token="")
    lk.adapt(["b", "a", "b", "c", "c", "c", "zz"])
    inp = keras.Input((3,), dtype="string")
    x = lk(inp)
    x = L.Embedding(lk.vocabulary_size(), 4)(x)
    x = L.Flatten()(x)
    return keras.Model(inp, L.Dense(1)(x)), [["a", "b", "q"], ["c", "", "zz"]]


@register("slookup_vocab_file", "Input((1,), string) -> StringLookup(vocabulary=<path to a text file>, output_mode='multi_hot') -> Dense(2)")
def m3(keras):
    L = keras.layers
    inp = keras.Input((1,), dtype="string")
    x = L.StringLookup(vocabulary=os.path.join(HERE, "data", "vocab.txt"), output_mode="multi_hot")(inp)
    return keras.Model(inp, L.Dense(2)(x)), [["a"], ["d"]]


@register("slookup_tfidf_list", "Input((4,), string) -> StringLookup(vocabulary=['a','b','c'], idf_weights=[0.5,0.25,0.125], output_mode='tf_idf') -> Dense(1)")
def m4(keras):
    L = keras.layers
    inp = keras.Input((4,), dtype="string")
    x = L.StringLookup(vocabulary=["a", "b", "c"], idf_weights=[0.5, 0.25, 0.125], output_mode="tf_idf")(inp)
    return keras.Model(inp, L.Dense(1)(x)), [["a", "b", "a", "q"], ["c", "c", "c", "c"]]


@register("ilookup_vocab_list", "Input((4,), int64) -> IntegerLookup(vocabulary=[12,36,1138,42], output_mode='multi_hot') -> Dense(2)")
def m5(keras):
    L = keras.layers
    inp = keras.Input((4,), dtype="int64")
    x = L.IntegerLookup(vocabulary=[12, 36, 1138, 42], output_mode="multi_hot")(inp)
    return keras.Model(inp, L.Dense(2)(x)), [[12, 36, 0, 5], [42, 42, 42, 1138]]


@register("ilookup_adapted_tfidf", "Input((4,), int64) -> IntegerLookup(output_mode='tf_idf') adapted -> Dense(1)")
def m6(keras):
    import numpy as np
    L = keras.layers
    lk = L.IntegerLookup(output_mode="tf_idf")
    lk.adapt(np.array([[1, 2, 2, 3], [3, 3, 7, 7], [9, 1, 1, 1]], dtype="int64"))
    inp = keras.Input((4,), dtype="int64")
    return keras.Model(inp, L.Dense(1)(lk(inp))), [[1, 2, 3, 4], [7, 7, 9, 0]]


@register("tv_vocab_list", "Input((1,), string) -> TextVectorization(vocabulary=[...5 words], output_sequence_length=6) -> Embedding(7, 8) -> GlobalAveragePooling1D -> Dense(1, sigmoid)")
def m7(keras):
    L = keras.layers
    inp = keras.Input((1,), dtype="string")
    tv = L.TextVectorization(vocabulary=["the", "quick", "brown", "fox", "dog"], output_sequence_length=6)
    x = tv(inp)
    x = L.Embedding(tv.vocabulary_size(), 8)(x)
    x = L.GlobalAveragePooling1D()(x)
    return keras.Model(inp, L.Dense(1, activation="sigmoid")(x)), [["the quick fox"], ["a lazy dog"]]


@register("tv_adapted_int", "Input((1,), string) -> TextVectorization(max_tokens=20, output_sequence_length=6) adapted on 5 sentences -> Embedding(20, 8) -> GlobalAveragePooling1D -> Dense(1)")
def m8(keras):
    L = keras.layers
    tv = L.TextVectorization(max_tokens=20, output_sequence_length=6)
    tv.adapt(TEXTS)
    inp = keras.Input((1,), dtype="string")
    x = L.Embedding(20, 8)(tv(inp))
    x = L.GlobalAveragePooling1D()(x)
    return keras.Model(inp, L.Dense(1)(x)), [["the quick fox"], ["a lazy cat"]]


@register("tv_adapted_tfidf", "Input((), string) -> TextVectorization(output_mode='tf_idf', ngrams=2) adapted -> Dense(3, softmax)")
def m9(keras):
    L = keras.layers
    tv = L.TextVectorization(output_mode="tf_idf", ngrams=2)
    tv.adapt(TEXTS)
    inp = keras.Input((), dtype="string")
    return keras.Model(inp, L.Dense(3, activation="softmax")(tv(inp))), ["the quick fox", "a lazy cat"]


@register("tv_vocab_file", "Input((1,), string) -> TextVectorization(vocabulary=<path>, output_mode='count') -> Dense(1)")
def m10(keras):
    L = keras.layers
    inp = keras.Input((1,), dtype="string")
    x = L.TextVectorization(vocabulary=os.path.join(HERE, "data", "tv_vocab.txt"), output_mode="count")(inp)
    return keras.Model(inp, L.Dense(1)(x)), [["the quick fox"], ["fox fox"]]


@register("tabular_mixed", "Inputs age (1,) float32, city (1,) string, code (1,) int64: Discretization(num_bins=4) adapted -> CategoryEncoding(4, one_hot); Hashing(8, one_hot)(city); IntegerLookup(vocabulary=[3,5,7], one_hot)(code); HashedCrossing(16, one_hot)(code, city-hash); Concatenate -> Dense(1)")
def m11(keras):
    import numpy as np
    L = keras.layers
    age = keras.Input((1,), dtype="float32", name="age")
    city = keras.Input((1,), dtype="string", name="city")
    code = keras.Input((1,), dtype="int64", name="code")
    disc = L.Discretization(num_bins=4)
    disc.adapt(np.array([[18.0], [25.0], [33.0], [47.0], [61.0], [70.0]], dtype="float32"))
    a = L.CategoryEncoding(4, output_mode="one_hot")(disc(age))
    cint = L.Hashing(8)(city)
    c = L.Hashing(8, output_mode="one_hot")(city)
    k = L.IntegerLookup(vocabulary=[3, 5, 7], output_mode="one_hot")(code)
    x = L.HashedCrossing(16, output_mode="one_hot")([code, cint])
    z = L.Concatenate()([a, c, k, x])
    model = keras.Model([age, city, code], L.Dense(1)(z))
    return model, [np.array([[20.0], [65.0]], dtype="float32"), np.array([["paris"], ["oslo"]], dtype=object),
                   np.array([[3], [9]], dtype="int64")]


def strip(s):
    return ANSI_RE.sub("", s)


def summary_text(model):
    lines = []
    model.summary(print_fn=lambda s, **kw: lines.append(s))
    return strip("\n".join(lines)) + "\n"


def find_layers(cfg, acc):
    if isinstance(cfg, dict):
        if cfg.get("class_name") in LOOKUP_CLASSES and isinstance(cfg.get("config"), dict):
            acc.append({"class_name": cfg["class_name"], "module": cfg.get("module"), "config": cfg["config"],
                        "build_config": cfg.get("build_config")})
        for v in cfg.values():
            find_layers(v, acc)
    elif isinstance(cfg, list):
        for v in cfg:
            find_layers(v, acc)
    return acc


def h5_datasets(raw):
    import h5py
    import numpy as np

    out = []
    with h5py.File(io.BytesIO(raw), "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                d = {"path": name, "shape": list(obj.shape), "dtype": str(obj.dtype)}
                if obj.size <= 64:
                    v = obj[()]
                    d["value"] = v.tolist() if isinstance(v, np.ndarray) else (
                        v.decode() if isinstance(v, bytes) else v.item() if hasattr(v, "item") else v)
                out.append(d)
            elif isinstance(obj, h5py.Group) and len(obj) == 0:
                out.append({"path": name + "/", "group": "empty"})
        f.visititems(visit)
        attrs = {k: str(v) for k, v in f.attrs.items()}
    return out, attrs


def to_np(keras, x):
    import numpy as np
    try:
        return keras.ops.convert_to_numpy(x)
    except Exception:  # noqa: BLE001
        return np.asarray(x)


def make_sample(sample):
    import numpy as np
    if isinstance(sample, list) and sample and isinstance(sample[0], np.ndarray):
        return sample
    arr = np.array(sample)
    if arr.dtype.kind == "U":
        arr = arr.astype(object)
    return arr


def tfcheck(name):
    """Load the archive under the TensorFlow backend, summarize and run it (string inputs work there)."""
    import numpy as np
    import keras

    fn, desc = MODELS[name]
    d = os.path.join(OUT, name)
    rep_path = os.path.join(d, "report.json")
    rep = json.load(open(rep_path))
    res = {"backend": keras.backend.backend()}
    try:
        m = keras.saving.load_model(os.path.join(OUT, f"{name}.keras"))
        s = summary_text(m)
        open(os.path.join(d, "summary-tf-backend.txt"), "w").write(s)
        res["summary_identical_to_torch"] = s == open(os.path.join(d, "summary.txt")).read()
        _, sample = fn(keras)
        import tensorflow as tf
        xs = make_sample(sample)
        conv = lambda a: tf.constant(a.astype(str)) if a.dtype == object else tf.constant(a)  # noqa: E731
        xs = [conv(a) for a in xs] if isinstance(xs, list) else conv(xs)
        y = m(xs)
        res["sample_output_shape"] = list(np.shape(y))
        res["sample_output"] = np.asarray(y).round(5).tolist()
        res["vocabularies"] = {l.name: [str(v) for v in l.get_vocabulary()] for l in m.layers
                               if hasattr(l, "get_vocabulary")}
    except Exception as e:  # noqa: BLE001
        res["error"] = f"{type(e).__name__}: {strip(str(e))[:600]}"
    rep["tf_backend_check"] = res
    json.dump(rep, open(rep_path, "w"), indent=1, default=str)
    print(name, res.get("error", "ok"))


def one(name):
    os.environ.setdefault("KERAS_BACKEND", "torch")
    import numpy as np
    import keras

    fn, desc = MODELS[name]
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    model, sample = fn(keras)
    path = os.path.join(OUT, f"{name}.keras")
    if os.path.exists(path):
        os.remove(path)
    model.save(path)
    summ = summary_text(model)
    open(os.path.join(d, "summary.txt"), "w").write(summ)
    open(os.path.join(d, "config.json"), "w").write(model.to_json(indent=1))
    rep = {"name": name, "description": desc, "keras": keras.__version__, "backend": keras.backend.backend(),
           "file": os.path.relpath(path, HERE), "file_bytes": os.path.getsize(path)}
    with zipfile.ZipFile(path) as z:
        rep["members"] = [[i.filename, i.file_size] for i in z.infolist()]
        rep["metadata.json"] = json.loads(z.read("metadata.json"))
        cfg = json.loads(z.read("config.json"))
        rep["config_top_keys"] = sorted(cfg)
        rep["lookup_layers_in_config.json"] = find_layers(cfg, [])
        rep["assets"] = {i.filename: z.read(i.filename).decode("utf-8", "replace")
                         for i in z.infolist() if i.filename.startswith("assets/") and not i.is_dir()}
        ds, attrs = h5_datasets(z.read("model.weights.h5"))
        rep["model.weights.h5"] = ds
        rep["model.weights.h5_attrs"] = attrs
    # reload check
    try:
        keras.utils.clear_session()
        m2 = keras.saving.load_model(path)
        s2 = summary_text(m2)
        open(os.path.join(d, "summary-reloaded.txt"), "w").write(s2)
        rep["reload_summary_identical"] = s2 == summ
        xs = make_sample(sample)
        try:
            y1 = to_np(keras, model(xs))
            y2 = to_np(keras, m2(xs))
            rep["reload_outputs_equal"] = bool(np.allclose(y1, y2))
            rep["sample_output_shape"] = list(y1.shape)
        except Exception as e:  # noqa: BLE001
            rep["torch_call_error"] = f"{type(e).__name__}: {strip(str(e)).splitlines()[2] if len(strip(str(e)).splitlines()) > 2 else strip(str(e))[:300]}"
        # vocabulary as the reloaded layers report it
        vocabs = {}
        for layer in m2.layers:
            if hasattr(layer, "get_vocabulary"):
                vocabs[layer.name] = [str(v) for v in layer.get_vocabulary()]
        rep["reloaded_vocabularies"] = vocabs
    except Exception as e:  # noqa: BLE001
        rep["reload_error"] = f"{type(e).__name__}: {strip(str(e))[:800]}"
        rep["reload_traceback"] = strip(traceback.format_exc())[-3000:]
    json.dump(rep, open(os.path.join(d, "report.json"), "w"), indent=1, default=str)
    print(summ)
    print(name, "ok", rep["file_bytes"], "bytes")


def run_all(names):
    names = names or list(MODELS)
    rows = []
    for n in names:
        t = time.time()
        p = subprocess.run([sys.executable, os.path.abspath(__file__), "one", n], capture_output=True, text=True,
                           env={**os.environ, "KERAS_BACKEND": "torch", "COLUMNS": "200", "TF_CPP_MIN_LOG_LEVEL": "3"})
        os.makedirs(os.path.join(OUT, n), exist_ok=True)
        open(os.path.join(OUT, n, "build.log"), "w").write(p.stdout + "\n--- stderr ---\n" + p.stderr)
        if p.returncode == 0:
            q = subprocess.run([sys.executable, os.path.abspath(__file__), "tfcheck", n], capture_output=True,
                               text=True, env={**os.environ, "KERAS_BACKEND": "tensorflow", "COLUMNS": "200",
                                               "TF_CPP_MIN_LOG_LEVEL": "3"})
            open(os.path.join(OUT, n, "build.log"), "a").write("\n--- tfcheck ---\n" + q.stdout + q.stderr[-3000:])
        rows.append((n, p.returncode, round(time.time() - t, 1)))
        print(n, "rc", p.returncode, f"{time.time() - t:.1f}s", flush=True)
    with open(os.path.join(OUT, "INDEX.md"), "w") as f:
        f.write("| archive | rc | seconds | what |\n| --- | --- | --- | --- |\n")
        for n, rc, s in rows:
            f.write(f"| {n}.keras | {rc} | {s} | {MODELS[n][1]} |\n")


if __name__ == "__main__":
    if sys.argv[1] == "one":
        one(sys.argv[2])
    elif sys.argv[1] == "tfcheck":
        tfcheck(sys.argv[2])
    elif sys.argv[1] == "all":
        run_all(sys.argv[2:])
    else:
        print("\n".join(MODELS))

#!/usr/bin/env python
"""Keras 3 model reference generator (summaries, configs, per-layer data) -- kref15 families.

Copied from /work/main/tests/golden/keras/generators/models.py; the registry holds the kref15
models (augmentation, lookup/text, einsum/reversible embedding, adaptive pooling, generic RNN,
spectral/audio, framework bridges).  Models registered with venv="hub" run under
../hubvenv/bin/python (TensorFlow installed: lookup/text layers).  Models with predict=[...]
also record model.predict() (training=False) and model(x, training=True) output shapes on
random data (batch 2) in status.json -> "predict".

Usage (from any directory; uses the interpreter it is run with):
    python models.py list                 # names of all registered models
    python models.py all [NAME ...]       # each model in its OWN fresh subprocess, sequentially
    python models.py one NAME             # build + dump one model in THIS process (used by `all`)

Output per model: models/<name>/
    summary-wide.txt     model.summary() with COLUMNS=200 (line_length default 88 / 108)
    summary-80.txt       model.summary() with COLUMNS unset, stdout/stdin not a tty
                         -> shutil fallback 80 cols -> line_length 76
    summary-expand.txt   summary(expand_nested=True) (only when some layer has sub-layers)
    summary-trainable.txt summary(show_trainable=True) (only for models with "show_trainable")
    config.json          model.to_json(indent=1)
    model.keras          model.save(), only if the file is < 2 MB (else removed)
    layers.json          per-layer data (see dump_layers) + totals
    build.log            stdout/stderr of the subprocess (written by `all`)
    ERROR.txt            traceback if the build failed
and models/INDEX.md / models/index.json with one line per model.

Summaries are captured with print_fn and written like print() would (text + "\n"),
which is byte-identical to /work/shared/keras-reference/seed_*.keras-*.txt.

Add a model: write a builder `def build_xxx(keras): return model` and register it in
MODELS with a description.  Builders run in a fresh process, so auto-names
(dense, dense_1, ...) are what a user would see in a fresh session.
"""
import json
import os
import subprocess
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "models")
MAX_KERAS_BYTES = 2 * 1024 * 1024

MODELS = {}  # name -> (builder, description, options)


def register(name, desc, **opts):
    def deco(fn):
        MODELS[name] = (fn, desc, opts)
        return fn

    return deco

# ==========================================================================
# kref15 families. opts: venv="hub" -> run with ../hubvenv/bin/python (TensorFlow present);
# predict=[shapes...] -> also run model.predict on random data (batch 2, the given per-input
# shapes without batch) and record the output shapes (or the error) in status.json.
HUB_PY = os.path.join(HERE, "..", "hubvenv", "bin", "python")


@register("augment_all", "Sequential 'augment_all': Input(64,64,3) -> every image augmentation layer with default names (RandomFlip, RandomRotation(0.1), RandomZoom(0.1), RandomTranslation(0.1,0.1), RandomContrast(0.2), RandomBrightness(0.2), RandomGrayscale, RandomHue(0.1), RandomSaturation(0.3), RandomSharpness(0.2), RandomColorDegeneration(0.2), RandomColorJitter(brightness 0.1, contrast 0.1), RandomPosterization(4), RandomInvert(0.1), RandomErasing, RandomGaussianBlur, RandomPerspective, RandomShear(0.1,0.1), RandomElasticTransform(0.2), Solarization(0.1,0.1), AutoContrast, ContrastLimitedAdaptiveHistogramEqualization, RandAugment, AugMix, MixUp, CutMix, Pipeline([RandomFlip, RandomRotation(0.05)]), RandomCrop(48,40)) -> Conv2D(8,3) -> GlobalAveragePooling2D -> Dense(10). Equalization is left out (see augment_equalization)",
          predict=[[64, 64, 3]])
def build_augment_all(keras):
    L = keras.layers
    return keras.Sequential([
        keras.Input((64, 64, 3)),
        L.RandomFlip(),
        L.RandomRotation(0.1),
        L.RandomZoom(0.1),
        L.RandomTranslation(0.1, 0.1),
        L.RandomContrast(0.2),
        L.RandomBrightness(0.2),
        L.RandomGrayscale(),
        L.RandomHue(0.1),
        L.RandomSaturation(0.3),
        L.RandomSharpness(0.2),
        L.RandomColorDegeneration(0.2),
        L.RandomColorJitter(brightness_factor=0.1, contrast_factor=0.1),
        L.RandomPosterization(4),
        L.RandomInvert(0.1),
        L.RandomErasing(),
        L.RandomGaussianBlur(),
        L.RandomPerspective(),
        L.RandomShear(0.1, 0.1),
        L.RandomElasticTransform(0.2),
        L.Solarization(0.1, 0.1),
        L.AutoContrast(),
        L.ContrastLimitedAdaptiveHistogramEqualization(),
        L.RandAugment(),
        L.AugMix(),
        L.MixUp(),
        L.CutMix(),
        L.Pipeline([L.RandomFlip(), L.RandomRotation(0.05)]),
        L.RandomCrop(48, 40),
        L.Conv2D(8, 3),
        L.GlobalAveragePooling2D(),
        L.Dense(10),
    ], name="augment_all")


@register("augment_functional_cf", "Functional, channels_first images Input((3, 40, 40), name='img'): RandomFlip(cf) -> RandomZoom(0.2, cf) -> RandomCrop(32, 32, cf) -> Conv2D(4, 3, cf) -> Flatten -> Dense(2); and a uint8 Input((40, 40, 3), dtype='uint8', name='raw') -> RandomContrast(0.3) -> RandomGrayscale -> GlobalMaxPooling2D; Concatenate -> Dense(1). predict() shows RandomCrop does NOT crop at inference (Flatten/Dense then fail)",
          predict=[[3, 40, 40], {"shape": [40, 40, 3], "dtype": "uint8"}])
def build_augment_functional_cf(keras):
    L = keras.layers
    img = keras.Input((3, 40, 40), name="img")
    raw = keras.Input((40, 40, 3), dtype="uint8", name="raw")
    x = L.RandomFlip(data_format="channels_first")(img)
    x = L.RandomZoom(0.2, data_format="channels_first")(x)
    x = L.RandomCrop(32, 32, data_format="channels_first")(x)
    x = L.Conv2D(4, 3, data_format="channels_first")(x)
    x = L.Flatten()(x)
    x = L.Dense(2)(x)
    y = L.RandomContrast(0.3)(raw)
    y = L.RandomGrayscale()(y)
    y = L.GlobalMaxPooling2D()(y)
    z = L.Concatenate()([x, y])
    return keras.Model([img, raw], L.Dense(1)(z))


@register("augment_equalization", "Sequential: Input(32,32,3) -> Equalization() -> Dense(2). Equalization.compute_output_spec returns the input KerasTensor itself, so building the model fails ('... is part of a cycle')")
def build_augment_equalization(keras):
    L = keras.layers
    return keras.Sequential([keras.Input((32, 32, 3)), L.Equalization(), L.Dense(2)])


@register("augment_equalization_functional", "Functional: Input((32,32,3), name='img') -> Equalization() -> Dense(2); Input((32,32,3), name='img16') -> Equalization(dtype='mixed_float16') -> Dense(2). The float32 Equalization returns its input tensor unchanged, so it is not part of the graph (absent from summary and config; the input row is named 'keras_tensor...CLONE'?); the mixed_float16 one casts and stays",
          predict=[[32, 32, 3], [32, 32, 3]])
def build_augment_equalization_functional(keras):
    L = keras.layers
    img = keras.Input((32, 32, 3), name="img")
    img16 = keras.Input((32, 32, 3), name="img16")
    a = L.Dense(2)(L.Equalization()(img))
    b = L.Dense(2)(L.Equalization(dtype="mixed_float16")(img16))
    return keras.Model([img, img16], [a, b])


@register("augment_bbox", "Functional with dict inputs: images (64,64,3), boxes (None, 4), labels (None,): {'images', 'bounding_boxes': {'boxes','labels'}} -> RandomFlip(bounding_box_format='xyxy') -> MaxNumBoundingBoxes(8) -> outputs the dict; shows how dict outputs and dict inputs are listed in summary()")
def build_augment_bbox(keras):
    L = keras.layers
    images = keras.Input((64, 64, 3), name="images")
    boxes = keras.Input((None, 4), name="boxes")
    labels = keras.Input((None,), name="labels")
    data = {"images": images, "bounding_boxes": {"boxes": boxes, "labels": labels}}
    out = L.RandomFlip(bounding_box_format="xyxy")(data)
    out = L.MaxNumBoundingBoxes(8)(out)
    return keras.Model(data, out)


@register("lookup_text", "Functional (TensorFlow venv): text Input((1,), string, name='text') -> TextVectorization(vocabulary=6 words, output_sequence_length=10) -> Embedding(8, 16) -> GlobalAveragePooling1D; tags Input((3,), string, name='tags') -> StringLookup(vocabulary=['x','y','z'], output_mode='multi_hot'); code Input((1,), int64, name='code') -> IntegerLookup(vocabulary=[3,5,7], output_mode='one_hot'), Hashing(16)(code) -> CategoryEncoding(16, one_hot); age Input((1,), name='age') -> Discretization(bin_boundaries=[18,35,60], output_mode='one_hot'); HashedCrossing(32, one_hot)([code, code-hash]); Concatenate -> Dense(1, sigmoid)",
          venv="hub")
def build_lookup_text(keras):
    L = keras.layers
    text = keras.Input((1,), dtype="string", name="text")
    tags = keras.Input((3,), dtype="string", name="tags")
    code = keras.Input((1,), dtype="int64", name="code")
    age = keras.Input((1,), name="age")
    t = L.TextVectorization(vocabulary=["the", "a", "fox", "dog", "quick", "lazy"], output_sequence_length=10)(text)
    t = L.Embedding(8, 16)(t)
    t = L.GlobalAveragePooling1D()(t)
    g = L.StringLookup(vocabulary=["x", "y", "z"], output_mode="multi_hot")(tags)
    k = L.IntegerLookup(vocabulary=[3, 5, 7], output_mode="one_hot")(code)
    h = L.Hashing(16)(code)
    hc = L.CategoryEncoding(16, output_mode="one_hot")(h)
    a = L.Discretization(bin_boundaries=[18.0, 35.0, 60.0], output_mode="one_hot")(age)
    x = L.HashedCrossing(32, output_mode="one_hot")([code, h])
    z = L.Concatenate()([t, g, k, hc, a, x])
    return keras.Model([text, tags, code, age], L.Dense(1, activation="sigmoid")(z))


@register("lookup_text_tfidf", "Functional (TensorFlow venv): Input((), string) -> TextVectorization(max_tokens=50, output_mode='tf_idf', ngrams=2) adapted on 4 sentences -> Dense(8, relu) -> Dense(2); and StringLookup() adapted (int) on a second Input((5,), string) -> Embedding(vocab_size, 4) -> Flatten; Concatenate -> Dense(1)",
          venv="hub")
def build_lookup_text_tfidf(keras):
    L = keras.layers
    texts = ["the quick brown fox", "the lazy dog", "a quick dog", "the fox"]
    tv = L.TextVectorization(max_tokens=50, output_mode="tf_idf", ngrams=2)
    tv.adapt(texts)
    sl = L.StringLookup()
    sl.adapt(["a", "b", "b", "c", "c", "c"])
    s = keras.Input((), dtype="string")
    w = keras.Input((5,), dtype="string")
    x = L.Dense(8, activation="relu")(tv(s))
    x = L.Dense(2)(x)
    y = L.Embedding(sl.vocabulary_size(), 4)(sl(w))
    y = L.Flatten()(y)
    return keras.Model([s, w], L.Dense(1)(L.Concatenate()([x, y])))


@register("einsum_revemb_lm", "Functional toy LM: Input((None,), int32, name='tokens') -> ReversibleEmbedding(1000, 32) (tied) -> EinsumDense('abc,cde->abde', (None, 4, 8), bias_axes='de') (q) and EinsumDense('abc,cde->abde', (None, 4, 8)) (v) -> EinsumDense('abde,dec->abc', (None, 32), bias_axes='c') on v -> Add -> LayerNormalization -> EinsumDense('...b,bc->...c', 64, activation='relu') -> EinsumDense('abc,cd->abd', (None, 32)) -> the SAME ReversibleEmbedding called with reverse=True (logits, 2nd node); plus an untied ReversibleEmbedding(50, 8, tie_weights=False) on Input((6,), name='aux') reversed on its own output",
          predict=[{"shape": [7], "dtype": "int32"}, {"shape": [6], "dtype": "int32"}])
def build_einsum_revemb_lm(keras):
    L = keras.layers
    tokens = keras.Input((None,), dtype="int32", name="tokens")
    aux = keras.Input((6,), dtype="int32", name="aux")
    emb = L.ReversibleEmbedding(1000, 32)
    x = emb(tokens)
    q = L.EinsumDense("abc,cde->abde", output_shape=(None, 4, 8), bias_axes="de")(x)
    v = L.EinsumDense("abc,cde->abde", output_shape=(None, 4, 8))(x)
    o = L.EinsumDense("abde,dec->abc", output_shape=(None, 32), bias_axes="c")(v)
    x = L.Add()([x, o])
    x = L.LayerNormalization()(x)
    h = L.EinsumDense("...b,bc->...c", output_shape=64, activation="relu")(x)
    h = L.EinsumDense("abc,cd->abd", output_shape=(None, 32))(h)
    logits = emb(h, reverse=True)
    emb2 = L.ReversibleEmbedding(50, 8, tie_weights=False)
    a = emb2(aux)
    a_logits = emb2(a, reverse=True)
    return keras.Model([tokens, aux], [logits, q, a_logits])


@register("adaptive_pooling", "Functional: img Input((32,32,3)) -> Conv2D(8,3) -> AdaptiveAveragePooling2D(4) -> Flatten and AdaptiveMaxPooling2D((2,3)) -> Flatten; seq Input((None, 6)) -> AdaptiveMaxPooling1D(5) -> Flatten and Permute((2,1)) -> AdaptiveAveragePooling1D(3, channels_first) -> Flatten; vol Input((2, 8, 8, 8)) channels_first -> AdaptiveAveragePooling3D(2, cf) -> Flatten and AdaptiveMaxPooling3D((1,2,2), cf) -> Flatten; Concatenate -> Dense(3)",
          predict=[[32, 32, 3], [9, 6], [2, 8, 8, 8]])
def build_adaptive_pooling(keras):
    L = keras.layers
    img = keras.Input((32, 32, 3), name="img")
    seq = keras.Input((None, 6), name="seq")
    vol = keras.Input((2, 8, 8, 8), name="vol")
    c = L.Conv2D(8, 3)(img)
    a = L.Flatten()(L.AdaptiveAveragePooling2D(4)(c))
    b = L.Flatten()(L.AdaptiveMaxPooling2D((2, 3))(c))
    s1 = L.Flatten()(L.AdaptiveMaxPooling1D(5)(seq))
    s2 = L.Permute((2, 1))(seq)  # (None, 6, None): channels_first view of the same sequence
    s2 = L.Flatten()(L.AdaptiveAveragePooling1D(3, data_format="channels_first")(s2))
    v1 = L.Flatten()(L.AdaptiveAveragePooling3D(2, data_format="channels_first")(vol))
    v2 = L.Flatten()(L.AdaptiveMaxPooling3D((1, 2, 2), data_format="channels_first")(vol))
    z = L.Concatenate()([a, b, s1, s2, v1, v2])
    return keras.Model([img, seq, vol], L.Dense(3)(z))


@register("rnn_generic", "Functional: Input((None, 8), name='seq') -> RNN(LSTMCell(16), return_sequences=True) -> RNN(StackedRNNCells([GRUCell(8), SimpleRNNCell(4)]), return_sequences=True, return_state=True) (outputs: seq, [h_gru], [h_rnn]) -> RNN([LSTMCell(6), LSTMCell(5)]) (cell list) -> Dense(2); the returned GRU state -> Dense(3); Bidirectional(RNN(GRUCell(6), go_backwards=False)) on the first RNN's output; RNN(SimpleRNNCell(3), unroll=True) on Input((5, 2), name='short'); outputs: 4 tensors",
          predict=[[7, 8], [5, 2]])
def build_rnn_generic(keras):
    L = keras.layers
    seq = keras.Input((None, 8), name="seq")
    short = keras.Input((5, 2), name="short")
    x = L.RNN(L.LSTMCell(16), return_sequences=True)(seq)
    out = L.RNN(L.StackedRNNCells([L.GRUCell(8), L.SimpleRNNCell(4)]), return_sequences=True,
                return_state=True)(x)
    y, s_gru, s_rnn = out[0], out[1], out[2]
    y = L.RNN([L.LSTMCell(6), L.LSTMCell(5)])(y)
    y = L.Dense(2)(y)
    s = L.Dense(3)(s_gru)
    b = L.Bidirectional(L.RNN(L.GRUCell(6)))(x)
    u = L.RNN(L.SimpleRNNCell(3), unroll=True)(short)
    return keras.Model([seq, short], [y, s, b, u])


@register("spectral_audio", "Functional: wave Input((16000,), name='wave') -> MelSpectrogram(fft_length=512, sequence_stride=256, num_mel_bins=64) -> Permute((2,1)) -> SpectralNormalization(Conv1D(32, 3)) -> GlobalAveragePooling1D; Reshape((16000, 1)) -> STFTSpectrogram(frame_length=256, frame_step=128) -> SpectralNormalization(Dense(16)) -> GlobalMaxPooling1D; stereo Input((4000, 2), name='stereo') -> STFTSpectrogram(mode='stft', frame_length=64, frame_step=32, expand_dims=True) -> SpectralNormalization(Conv2D(4, 3), power_iterations=2) -> GlobalAveragePooling2D; Concatenate -> SpectralNormalization(Dense(4))",
          predict=[[16000], [4000, 2]])
def build_spectral_audio(keras):
    L = keras.layers
    wave = keras.Input((16000,), name="wave")
    stereo = keras.Input((4000, 2), name="stereo")
    m = L.MelSpectrogram(fft_length=512, sequence_stride=256, num_mel_bins=64)(wave)
    m = L.Permute((2, 1))(m)
    m = L.SpectralNormalization(L.Conv1D(32, 3))(m)
    m = L.GlobalAveragePooling1D()(m)
    w = L.Reshape((16000, 1))(wave)
    s = L.STFTSpectrogram(frame_length=256, frame_step=128)(w)
    s = L.SpectralNormalization(L.Dense(16))(s)
    s = L.GlobalMaxPooling1D()(s)
    t = L.STFTSpectrogram(mode="stft", frame_length=64, frame_step=32, expand_dims=True)(stereo)
    t = L.SpectralNormalization(L.Conv2D(4, 3), power_iterations=2)(t)
    t = L.GlobalAveragePooling2D()(t)
    z = L.Concatenate()([m, s, t])
    return keras.Model([wave, stereo], L.SpectralNormalization(L.Dense(4))(z))


@register("bridges_torch", "Functional: Input((8,), name='x') -> Lambda(lambda x: x * 2) -> TorchModuleWrapper(torch.nn.Linear(8, 4), output_shape=(None, 4)) -> Lambda(lambda t: keras.ops.sum(t, axis=-1, keepdims=True)) -> Dense(1). Lambda/TorchModuleWrapper cannot be saved/loaded safely (.keras save of a lambda needs safe_mode=False on load)",
          predict=[[8]])
def build_bridges_torch(keras):
    import torch
    L = keras.layers
    x = keras.Input((8,), name="x")
    y = L.Lambda(lambda t: t * 2)(x)
    y = L.TorchModuleWrapper(torch.nn.Linear(8, 4), output_shape=(None, 4))(y)
    y = L.Lambda(lambda t: keras.ops.sum(t, axis=-1, keepdims=True))(y)
    return keras.Model(x, L.Dense(1)(y))


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


def _plain_err(e):
    import re as _re
    return _re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", str(e))[:700]


def dump_layers(keras, model):
    import math

    from keras.src.utils import summary_utils

    is_functional = isinstance(model, keras.Model) and not isinstance(model, keras.Sequential) and hasattr(model, "_operations")
    ops = list(model._operations) if is_functional else list(model.layers)
    relevant = _relevant_nodes(model)
    rows = []
    for layer in ops:
        nodes = list(getattr(layer, "_inbound_nodes", []))
        row = {"name": layer.name, "class": layer.__class__.__name__}
        if nodes:
            # node.output_tensors is a flat list; a single output is stored as one shape
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
    # written the way print(s) would write it (matches shared/keras-reference files)
    return "".join(c + "\n" for c in chunks)


def run_one(name):
    os.environ.setdefault("KERAS_BACKEND", "torch")
    os.environ["COLUMNS"] = "200"
    import keras

    builder, desc, opts = MODELS[name]
    d = os.path.join(OUT, name)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        if f not in ("build.log",):
            os.remove(os.path.join(d, f))
    status = {"name": name, "description": desc, "keras": keras.__version__}
    t0 = time.time()
    try:
        model = builder(keras)
    except Exception as e:  # noqa: BLE001
        with open(os.path.join(d, "ERROR.txt"), "w") as f:
            f.write(traceback.format_exc())
        status.update(ok=False, stage="build", error=f"{type(e).__name__}: {e}")
        _write_status(d, status)
        return 1
    status["build_seconds"] = round(time.time() - t0, 2)
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

    nested = any(hasattr(l, "layers") and getattr(l, "layers", None) for l in model.layers)
    if nested:
        step("summary-expand", lambda: write("summary-expand.txt", capture_summary(model, expand_nested=True)))
    if opts.get("show_trainable"):
        step("summary-trainable", lambda: write("summary-trainable.txt", capture_summary(model, show_trainable=True)))
    step("layers.json", lambda: write("layers.json", json.dumps(dump_layers(keras, model), indent=1)))
    step("config.json", lambda: write("config.json", model.to_json(indent=1)))

    def save():
        est = sum(int(__import__("math").prod(w.shape)) * 4 for w in model.weights)
        if est > MAX_KERAS_BYTES:
            status["model_keras"] = f"skipped (weights ~{est / 1e6:.1f} MB)"
            return
        p = os.path.join(d, "model.keras")
        model.save(p)
        size = os.path.getsize(p)
        if size > MAX_KERAS_BYTES:
            os.remove(p)
            status["model_keras"] = f"removed ({size} bytes > 2 MB)"
        else:
            status["model_keras"] = f"saved ({size} bytes)"

    step("model.keras", save)

    def predict():
        import numpy as np
        rng = np.random.default_rng(0)
        xs = []
        for spec in opts["predict"]:
            shape, dtype = (spec["shape"], spec.get("dtype", "float32")) if isinstance(spec, dict) else (spec, "float32")
            full = [2] + list(shape)
            if "int" in dtype:
                xs.append(rng.integers(0, 5, size=full).astype(dtype))
            else:
                xs.append(rng.uniform(0, 1, size=full).astype(dtype))
        arg = xs[0] if len(xs) == 1 else xs
        res = {"input_shapes": [list(x.shape) for x in xs]}
        try:
            out = model.predict(arg, verbose=0)
            res["predict_training_false"] = _shapes(out) if not isinstance(out, np.ndarray) else list(out.shape)
        except Exception as e:  # noqa: BLE001
            res["predict_training_false_error"] = f"{type(e).__name__}: {_plain_err(e)}"
        try:
            out = model(arg, training=True)
            res["call_training_true"] = _shapes(out)
        except Exception as e:  # noqa: BLE001
            res["call_training_true_error"] = f"{type(e).__name__}: {_plain_err(e)}"
        status["predict"] = res
        write("predict.json", json.dumps(res, indent=1))

    if opts.get("predict"):
        step("predict", predict)

    # 80-column variant last: COLUMNS unset; `all` runs us with stdin/stdout/stderr not a tty.
    def narrow():
        os.environ.pop("COLUMNS", None)
        for fd in (0, 1, 2):
            if os.isatty(fd):
                raise RuntimeError(f"fd {fd} is a tty: summary-80 would use the terminal width; run via `models.py all`")
        write("summary-80.txt", capture_summary(model))
        if nested:
            write("summary-expand-80.txt", capture_summary(model, expand_nested=True))
        os.environ["COLUMNS"] = "200"

    step("summary-80", narrow)

    status["n_rows"] = None
    try:
        status["n_rows"] = len(json.load(open(os.path.join(d, "layers.json")))["layers"])
        status["totals"] = json.load(open(os.path.join(d, "layers.json")))["totals"]
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


def run_all(names):
    os.makedirs(OUT, exist_ok=True)
    env = dict(os.environ)
    env["KERAS_BACKEND"] = "torch"
    env["COLUMNS"] = "200"
    env.pop("LINES", None)
    for name in names:
        d = os.path.join(OUT, name)
        os.makedirs(d, exist_ok=True)
        t0 = time.time()
        py = HUB_PY if MODELS[name][2].get("venv") == "hub" else sys.executable
        env["TF_CPP_MIN_LOG_LEVEL"] = "3"
        with open(os.path.join(d, "build.log"), "w") as log:
            rc = subprocess.call(
                [py, os.path.abspath(__file__), "one", name],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env,
            )
        print(f"{name:32s} rc={rc} {time.time() - t0:6.1f}s", flush=True)
    write_index()


def write_index():
    rows = []
    for name in MODELS:
        p = os.path.join(OUT, name, "status.json")
        if os.path.exists(p):
            rows.append(json.load(open(p)))
        else:
            rows.append({"name": name, "description": MODELS[name][1], "ok": None})
    with open(os.path.join(OUT, "index.json"), "w") as f:
        json.dump(rows, f, indent=1)
    lines = [
        "# Keras reference models",
        "",
        "Generated by `/work/scratch/kref15/models.py` (each model in a fresh process; KERAS_BACKEND=torch; lookup models under the TensorFlow-equipped hub venv).",
        "Files per model: summary-wide.txt (COLUMNS=200), summary-80.txt (COLUMNS unset, not a tty -> line_length 76),",
        "summary-expand*.txt (nested models), summary-trainable.txt, config.json, layers.json, model.keras (<2 MB only), status.json, build.log, predict.json (inference vs training shapes).",
        "",
        "| model | ok | rows | total | trainable | non-trainable | model.keras | description / error |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        t = r.get("totals") or {}
        ok = {True: "yes", False: "NO", None: "not run"}[r.get("ok")]
        extra = r.get("error") or "; ".join(r.get("errors", []))
        desc = r["description"].replace("|", "\\|")
        if extra:
            desc += " **ERROR: " + extra.replace("|", "\\|").replace("\n", " ")[:300] + "**"
        lines.append(
            f"| {r['name']} | {ok} | {r.get('n_rows', '')} | {t.get('total', '')} | {t.get('trainable', '')} | "
            f"{t.get('non_trainable', '')} | {r.get('model_keras', '')} | {desc} |"
        )
    notes = os.path.join(OUT, "NOTES.md")
    if os.path.exists(notes):
        lines += ["", open(notes).read()]
    with open(os.path.join(OUT, "INDEX.md"), "w") as f:
        f.write("\n".join(lines) + "\n")


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__)
        return 2
    cmd = argv[1]
    if cmd == "list":
        for n, (_, desc, _) in MODELS.items():
            print(f"{n:32s} {desc}")
        return 0
    if cmd == "one":
        return run_one(argv[2])
    if cmd == "all":
        names = argv[2:] or list(MODELS)
        unknown = [n for n in names if n not in MODELS]
        if unknown:
            print("unknown:", unknown)
            return 2
        run_all(names)
        return 0
    if cmd == "index":
        write_index()
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))

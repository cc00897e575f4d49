#!/usr/bin/env python
"""Keras 3 model reference generator (summaries, configs, per-layer data).

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


# --------------------------------------------------------------------------
# keras.applications
APPS = [
    ("vgg16", "VGG16"),
    ("vgg19", "VGG19"),
    ("resnet50", "ResNet50"),
    ("resnet50v2", "ResNet50V2"),
    ("resnet101", "ResNet101"),
    ("mobilenet", "MobileNet"),
    ("mobilenetv2", "MobileNetV2"),
    ("mobilenetv3small", "MobileNetV3Small"),
    ("densenet121", "DenseNet121"),
    ("inceptionv3", "InceptionV3"),
    ("inceptionresnetv2", "InceptionResNetV2"),
    ("xception", "Xception"),
    ("efficientnetb0", "EfficientNetB0"),
    ("efficientnetv2b0", "EfficientNetV2B0"),
    ("convnexttiny", "ConvNeXtTiny"),
]


def _app_builder(fn_name):
    def build(keras):
        return getattr(keras.applications, fn_name)(weights=None)

    return build


for _n, _f in APPS:
    register(f"app_{_n}", f"keras.applications.{_f}(weights=None) default input shape, include_top=True")(
        _app_builder(_f)
    )


# --------------------------------------------------------------------------
# hand-built classics
@register("lenet5", "Sequential LeNet-5: Input 32x32x1, Conv2D(6,5,tanh), AvgPool(2), Conv2D(16,5,tanh), AvgPool(2), Flatten, Dense 120/84 tanh, Dense 10 softmax (default name)")
def build_lenet5(keras):
    L = keras.layers
    return keras.Sequential([
        keras.Input((32, 32, 1)),
        L.Conv2D(6, 5, activation="tanh"),
        L.AveragePooling2D(2),
        L.Conv2D(16, 5, activation="tanh"),
        L.AveragePooling2D(2),
        L.Flatten(),
        L.Dense(120, activation="tanh"),
        L.Dense(84, activation="tanh"),
        L.Dense(10, activation="softmax"),
    ])


@register("alexnet", "Sequential AlexNet: Input 227x227x3, Conv2D(96,11,s4), MaxPool(3,2), Conv2D(256,5,same), MaxPool(3,2), Conv2D(384,3,same)x2, Conv2D(256,3,same), MaxPool(3,2), Flatten, Dense4096, Dropout.5, Dense4096, Dropout.5, Dense1000 softmax (default name)")
def build_alexnet(keras):
    L = keras.layers
    return keras.Sequential([
        keras.Input((227, 227, 3)),
        L.Conv2D(96, 11, strides=4, activation="relu"),
        L.MaxPooling2D(3, strides=2),
        L.Conv2D(256, 5, padding="same", activation="relu"),
        L.MaxPooling2D(3, strides=2),
        L.Conv2D(384, 3, padding="same", activation="relu"),
        L.Conv2D(384, 3, padding="same", activation="relu"),
        L.Conv2D(256, 3, padding="same", activation="relu"),
        L.MaxPooling2D(3, strides=2),
        L.Flatten(),
        L.Dense(4096, activation="relu"),
        L.Dropout(0.5),
        L.Dense(4096, activation="relu"),
        L.Dropout(0.5),
        L.Dense(1000, activation="softmax"),
    ])


@register("unet_small", "Functional small U-Net: Input 128x128x3; down: [Conv2D(16,3,same,relu)x2, MaxPool2], [Conv2D(32,3,same,relu)x2, MaxPool2]; bottleneck Conv2D(64)x2; up: Conv2DTranspose(32,2,s2,same)+Concatenate skip+Conv2D(32)x2, Conv2DTranspose(16,2,s2,same)+Concatenate+Conv2D(16)x2; Conv2D(1,1,sigmoid) (default names)")
def build_unet_small(keras):
    L = keras.layers
    inp = keras.Input((128, 128, 3))
    c1 = L.Conv2D(16, 3, padding="same", activation="relu")(inp)
    c1 = L.Conv2D(16, 3, padding="same", activation="relu")(c1)
    p1 = L.MaxPooling2D(2)(c1)
    c2 = L.Conv2D(32, 3, padding="same", activation="relu")(p1)
    c2 = L.Conv2D(32, 3, padding="same", activation="relu")(c2)
    p2 = L.MaxPooling2D(2)(c2)
    b = L.Conv2D(64, 3, padding="same", activation="relu")(p2)
    b = L.Conv2D(64, 3, padding="same", activation="relu")(b)
    u2 = L.Conv2DTranspose(32, 2, strides=2, padding="same")(b)
    u2 = L.Concatenate()([u2, c2])
    c3 = L.Conv2D(32, 3, padding="same", activation="relu")(u2)
    c3 = L.Conv2D(32, 3, padding="same", activation="relu")(c3)
    u1 = L.Conv2DTranspose(16, 2, strides=2, padding="same")(c3)
    u1 = L.Concatenate()([u1, c1])
    c4 = L.Conv2D(16, 3, padding="same", activation="relu")(u1)
    c4 = L.Conv2D(16, 3, padding="same", activation="relu")(c4)
    out = L.Conv2D(1, 1, activation="sigmoid")(c4)
    return keras.Model(inp, out)


@register("lstm_text_classifier", "Functional: Input((None,), int32) -> Embedding(20000,128) -> Bidirectional(LSTM(64, return_sequences=True)) -> Bidirectional(LSTM(32)) -> Dense(64,relu) -> Dropout(0.5) -> Dense(1,sigmoid) (default names)")
def build_lstm_text(keras):
    L = keras.layers
    inp = keras.Input((None,), dtype="int32")
    x = L.Embedding(20000, 128)(inp)
    x = L.Bidirectional(L.LSTM(64, return_sequences=True))(x)
    x = L.Bidirectional(L.LSTM(32))(x)
    x = L.Dense(64, activation="relu")(x)
    x = L.Dropout(0.5)(x)
    out = L.Dense(1, activation="sigmoid")(x)
    return keras.Model(inp, out)


def _transformer_tail(keras, x):
    L = keras.layers
    attn = L.MultiHeadAttention(num_heads=2, key_dim=32)(x, x)
    attn = L.Dropout(0.1)(attn)
    x1 = L.Add()([x, attn])
    x1 = L.LayerNormalization(epsilon=1e-6)(x1)
    ffn = L.Dense(32, activation="relu")(x1)
    ffn = L.Dense(32)(ffn)
    ffn = L.Dropout(0.1)(ffn)
    x2 = L.Add()([x1, ffn])
    x2 = L.LayerNormalization(epsilon=1e-6)(x2)
    x = L.GlobalAveragePooling1D()(x2)
    x = L.Dropout(0.1)(x)
    x = L.Dense(20, activation="relu")(x)
    x = L.Dropout(0.1)(x)
    return L.Dense(2, activation="softmax")(x)


@register("transformer_encoder", "Functional transformer block (keras.io text-classification layout flattened, no custom layers). Positional embedding fed by a SECOND Input 'positions' of shape (200,) int32 (caller passes 0..199). Inputs: tokens (200,), positions (200,); Embedding(20000,32) + Embedding(200,32) -> Add -> MHA(2 heads,key_dim 32)(x,x) -> Dropout -> Add -> LayerNorm(1e-6) -> Dense(32,relu) -> Dense(32) -> Dropout -> Add -> LayerNorm(1e-6) -> GAP1D -> Dropout -> Dense(20,relu) -> Dropout -> Dense(2,softmax)")
def build_transformer(keras):
    L = keras.layers
    tokens = keras.Input((200,), dtype="int32", name="tokens")
    positions = keras.Input((200,), dtype="int32", name="positions")
    tok = L.Embedding(20000, 32)(tokens)
    pos = L.Embedding(200, 32)(positions)
    x = L.Add()([tok, pos])
    return keras.Model([tokens, positions], _transformer_tail(keras, x))


@register("transformer_encoder_ops", "Same transformer block, single Input (200,) int32; positions computed symbolically with keras.ops (zeros_like(inputs) + arange(200)) so the positional Embedding is still a graph layer. Shows how keras.ops nodes appear as rows in the summary.")
def build_transformer_ops(keras):
    L = keras.layers
    ops = keras.ops
    inp = keras.Input((200,), dtype="int32")
    positions = ops.zeros_like(inp) + ops.arange(200, dtype="int32")
    tok = L.Embedding(20000, 32)(inp)
    pos = L.Embedding(200, 32)(positions)
    x = tok + pos
    return keras.Model(inp, _transformer_tail(keras, x))


@register("gpt_decoder", "GPT-2-small-sized decoder-only Transformer (specs/zoo/gpt_decoder.yaml), hand-written: Inputs tokens (1024,) and positions (1024,) int32; Embedding(50257,768) 'wte' + Embedding(1024,768) 'wpe' -> Add 'embed' -> Dropout(0.1); 12 x [LayerNorm(1e-5) ln_1 -> MHA(12 heads, key_dim 64, dropout 0.1)(h, h, use_causal_mask=True) attn -> Add attn_residual -> LayerNorm ln_2 -> Dense(3072, gelu) mlp_fc -> Dense(768) mlp_proj -> Dropout(0.1) mlp_dropout -> Add mlp_residual], named h<i>_*; LayerNorm ln_f -> Dense(50257, no bias) lm_head")
def build_gpt_decoder(keras):
    L = keras.layers
    vocab, seq, d, heads, n = 50257, 1024, 768, 12, 12
    tokens = keras.Input((seq,), dtype="int32", name="tokens")
    positions = keras.Input((seq,), dtype="int32", name="positions")
    wte = L.Embedding(vocab, d, name="wte")(tokens)
    wpe = L.Embedding(seq, d, name="wpe")(positions)
    x = L.Add(name="embed")([wte, wpe])
    x = L.Dropout(0.1, name="embed_dropout")(x)
    for i in range(n):
        h = L.LayerNormalization(epsilon=1e-5, name=f"h{i}_ln_1")(x)
        a = L.MultiHeadAttention(heads, d // heads, dropout=0.1, name=f"h{i}_attn")(h, h, use_causal_mask=True)
        x = L.Add(name=f"h{i}_attn_residual")([x, a])
        h = L.LayerNormalization(epsilon=1e-5, name=f"h{i}_ln_2")(x)
        h = L.Dense(4 * d, activation="gelu", name=f"h{i}_mlp_fc")(h)
        h = L.Dense(d, name=f"h{i}_mlp_proj")(h)
        h = L.Dropout(0.1, name=f"h{i}_mlp_dropout")(h)
        x = L.Add(name=f"h{i}_mlp_residual")([x, h])
    x = L.LayerNormalization(epsilon=1e-5, name="ln_f")(x)
    out = L.Dense(vocab, use_bias=False, name="lm_head")(x)
    return keras.Model([tokens, positions], out, name="gpt_decoder")


# --------------------------------------------------------------------------
# seed models (mirror /work/shared/keras-reference/seed_*.keras*)
@register("seed_sequential", "Sequential 'seed_sequential': Input((2,)), Dense(8,relu), Dense(2)")
def build_seed_sequential(keras):
    L = keras.layers
    return keras.Sequential([keras.Input((2,)), L.Dense(8, activation="relu"), L.Dense(2)], name="seed_sequential")


@register("seed_conv", "Sequential 'seed_conv': Input((28,28,1)), Conv2D(32,5), Conv2D(32,5), MaxPooling2D(2), Flatten, Dense(2)")
def build_seed_conv(keras):
    L = keras.layers
    return keras.Sequential([
        keras.Input((28, 28, 1)), L.Conv2D(32, 5), L.Conv2D(32, 5), L.MaxPooling2D(2), L.Flatten(), L.Dense(2),
    ], name="seed_conv")


@register("seed_functional", "Functional 'seed_functional': Input((28,28,1),name='input_data'); conv1 Conv2D(32,5,relu)->pool1 MaxPool2->flat1; conv2 Conv2D(16,7,relu)->pool2 MaxPool2->flat2; concat; hidden1 Dense(10,relu); output Dense(1,sigmoid)")
def build_seed_functional(keras):
    L = keras.layers
    x = keras.Input((28, 28, 1), name="input_data")
    a = L.Conv2D(32, 5, activation="relu", name="conv1")(x)
    a = L.MaxPooling2D(2, name="pool1")(a)
    a = L.Flatten(name="flat1")(a)
    b = L.Conv2D(16, 7, activation="relu", name="conv2")(x)
    b = L.MaxPooling2D(2, name="pool2")(b)
    b = L.Flatten(name="flat2")(b)
    m = L.Concatenate(name="concat")([a, b])
    h = L.Dense(10, activation="relu", name="hidden1")(m)
    o = L.Dense(1, activation="sigmoid", name="output")(h)
    return keras.Model(x, o, name="seed_functional")


# --------------------------------------------------------------------------
# shared layers
@register("siamese", "Functional 'siamese': inputs left/right (16,16,3); tower_conv=Conv2D(8,3,relu) applied to both; Concatenate 'merge'; Flatten; Dense(1)")
def build_siamese(keras):
    L = keras.layers
    left = keras.Input((16, 16, 3), name="left")
    right = keras.Input((16, 16, 3), name="right")
    tower = L.Conv2D(8, 3, activation="relu", name="tower_conv")
    m = L.Concatenate(name="merge")([tower(left), tower(right)])
    out = L.Dense(1)(L.Flatten()(m))
    return keras.Model([left, right], out, name="siamese")


@register("shared_dense_x3", "Functional: three Inputs a,b,c (8,); one Dense(4,name='shared_dense') applied to each; Concatenate; Dense(1)")
def build_shared_dense_x3(keras):
    L = keras.layers
    ins = [keras.Input((8,), name=n) for n in ("a", "b", "c")]
    d = L.Dense(4, name="shared_dense")
    m = L.Concatenate()([d(i) for i in ins])
    return keras.Model(ins, L.Dense(1)(m), name="shared_dense_x3")


@register("shared_dense_chain", "Functional: Input (4,); one Dense(4,name='shared') applied 3 times in a chain x->d->d->d; Dense(1). Linear graph but a shared layer -> not sequential_like")
def build_shared_dense_chain(keras):
    L = keras.layers
    x = keras.Input((4,), name="x")
    d = L.Dense(4, activation="relu", name="shared")
    y = d(d(d(x)))
    return keras.Model(x, L.Dense(1, name="head")(y), name="shared_dense_chain")


@register("shared_text_encoder", "Functional: question/answer Input((None,), int32); shared Embedding(1000,16) and shared LSTM(32) applied to both; Concatenate; Dense(1,sigmoid)")
def build_shared_text(keras):
    L = keras.layers
    q = keras.Input((None,), dtype="int32", name="question")
    a = keras.Input((None,), dtype="int32", name="answer")
    emb = L.Embedding(1000, 16, name="shared_embedding")
    lstm = L.LSTM(32, name="shared_lstm")
    m = L.Concatenate()([lstm(emb(q)), lstm(emb(a))])
    return keras.Model([q, a], L.Dense(1, activation="sigmoid")(m), name="shared_text_encoder")


@register("shared_flatten_diff_shapes", "Functional: inputs small (16,16,3), big (20,20,3); ONE Flatten('shared_flatten') applied to small then big -> (768) and (1200); Concatenate; Dense(1). Summary shows the LAST call's shape")
def build_shared_flatten(keras):
    L = keras.layers
    s = keras.Input((16, 16, 3), name="small")
    b = keras.Input((20, 20, 3), name="big")
    f = L.Flatten(name="shared_flatten")
    m = L.Concatenate()([f(s), f(b)])
    return keras.Model([s, b], L.Dense(1)(m), name="shared_flatten_diff_shapes")


@register("shared_conv_diff_shapes", "Functional: inputs small (16,16,3), big (20,20,3); ONE Conv2D(8,3,name='shared_conv') applied to small then big -> (14,14,8) / (18,18,8); GlobalAveragePooling2D each; Add; Dense(1)")
def build_shared_conv(keras):
    L = keras.layers
    s = keras.Input((16, 16, 3), name="small")
    b = keras.Input((20, 20, 3), name="big")
    conv = L.Conv2D(8, 3, name="shared_conv")
    gs = L.GlobalAveragePooling2D()(conv(s))
    gb = L.GlobalAveragePooling2D()(conv(b))
    return keras.Model([s, b], L.Dense(1)(L.Add()([gs, gb])), name="shared_conv_diff_shapes")


@register("shared_conv_diff_shapes_rev", "As shared_conv_diff_shapes but the conv is called on BIG first, then small (order of calls vs order of inputs)")
def build_shared_conv_rev(keras):
    L = keras.layers
    s = keras.Input((16, 16, 3), name="small")
    b = keras.Input((20, 20, 3), name="big")
    conv = L.Conv2D(8, 3, name="shared_conv")
    gb = L.GlobalAveragePooling2D()(conv(b))
    gs = L.GlobalAveragePooling2D()(conv(s))
    return keras.Model([s, b], L.Dense(1)(L.Add()([gs, gb])), name="shared_conv_diff_shapes_rev")


# --------------------------------------------------------------------------
# nesting
@register("nested_sequential", "Like C6: inner=Sequential([Input((8,)),Dense(4,name='inner_dense'),Dense(2,name='inner_out')],name='inner'); x=Input((8,),name='x'); outer=Model(x, Dense(1,name='top')(inner(x)), name='outer')")
def build_nested_sequential(keras):
    L = keras.layers
    inner = keras.Sequential([keras.Input((8,)), L.Dense(4, name="inner_dense"), L.Dense(2, name="inner_out")], name="inner")
    x = keras.Input((8,), name="x")
    return keras.Model(x, L.Dense(1, name="top")(inner(x)), name="outer")


@register("nested_functional", "Functional in Functional: inner=Model(Input((8,),name='inner_in') -> Dense(4,relu,name='inner_dense') -> Dense(2,name='inner_out'), name='inner_func'); outer: Input((8,),name='x') -> inner_func -> Dense(1,name='top'), name='outer_func'")
def build_nested_functional(keras):
    L = keras.layers
    ii = keras.Input((8,), name="inner_in")
    inner = keras.Model(ii, L.Dense(2, name="inner_out")(L.Dense(4, activation="relu", name="inner_dense")(ii)), name="inner_func")
    x = keras.Input((8,), name="x")
    return keras.Model(x, L.Dense(1, name="top")(inner(x)), name="outer_func")


@register("nested_deep", "Three levels: Sequential 'level2' [Dense(3,name='l2_dense')] inside Functional 'level1' (Input(4) -> Dense(5,name='l1_dense') -> level2) inside outer Functional 'level0' (Input(4,name='x') -> level1 -> Dense(1,name='top')); expand_nested indents twice")
def build_nested_deep(keras):
    L = keras.layers
    level2 = keras.Sequential([keras.Input((5,)), L.Dense(3, name="l2_dense")], name="level2")
    i1 = keras.Input((4,), name="l1_in")
    level1 = keras.Model(i1, level2(L.Dense(5, name="l1_dense")(i1)), name="level1")
    x = keras.Input((4,), name="x")
    return keras.Model(x, L.Dense(1, name="top")(level1(x)), name="level0")


@register("siamese_tower_model", "Nested AND shared: tower=Sequential([Input((16,16,3)),Conv2D(8,3,relu,name='t_conv'),GlobalAveragePooling2D(name='t_gap'),Dense(4,name='t_dense')],name='tower') applied to left and right; Subtract; Dense(1,name='score')")
def build_siamese_tower(keras):
    L = keras.layers
    tower = keras.Sequential([
        keras.Input((16, 16, 3)),
        L.Conv2D(8, 3, activation="relu", name="t_conv"),
        L.GlobalAveragePooling2D(name="t_gap"),
        L.Dense(4, name="t_dense"),
    ], name="tower")
    left = keras.Input((16, 16, 3), name="left")
    right = keras.Input((16, 16, 3), name="right")
    d = L.Subtract()([tower(left), tower(right)])
    return keras.Model([left, right], L.Dense(1, name="score")(d), name="siamese_tower_model")


@register("sequential_in_sequential", "Sequential 'outer_seq' containing Sequential 'inner_seq' [Dense(4,name='in_a'),Dense(3,name='in_b')] (inner built via outer Input((6,))) then Dense(2,name='out')")
def build_seq_in_seq(keras):
    L = keras.layers
    inner = keras.Sequential([L.Dense(4, name="in_a"), L.Dense(3, name="in_b")], name="inner_seq")
    return keras.Sequential([keras.Input((6,)), inner, L.Dense(2, name="out")], name="outer_seq")


# --------------------------------------------------------------------------
# misc functional
@register("multi_io", "keras.io multi-input/multi-output: title (None,) int, body (None,) int, tags (12,) float; Embedding(10000,64) each; LSTM(128) title, LSTM(32) body; Concatenate with tags; Dense(1,name='priority'), Dense(4,name='department'); model 'multi_io'")
def build_multi_io(keras):
    L = keras.layers
    title = keras.Input((None,), dtype="int32", name="title")
    body = keras.Input((None,), dtype="int32", name="body")
    tags = keras.Input((12,), name="tags")
    tf_ = L.LSTM(128)(L.Embedding(10000, 64)(title))
    bf = L.LSTM(32)(L.Embedding(10000, 64)(body))
    x = L.Concatenate()([tf_, bf, tags])
    return keras.Model([title, body, tags], [L.Dense(1, name="priority")(x), L.Dense(4, name="department")(x)], name="multi_io")


@register("multi_output_layer", "Functional with a multi-output layer: Input((10,8),name='seq_in') -> LSTM(16,return_sequences=True,return_state=True,name='lstm'); head_a=Dense(3)(h_seq); head_b=Dense(1)(c); model 'multi' (like C4)")
def build_multi_output_layer(keras):
    L = keras.layers
    x = keras.Input((10, 8), name="seq_in")
    seq, h, c = L.LSTM(16, return_sequences=True, return_state=True, name="lstm")(x)
    return keras.Model(x, [L.Dense(3, name="head_a")(seq), L.Dense(1, name="head_b")(c)], name="multi")


@register("unused_input", "Functional with an extra Input that no output depends on: inputs [a (4,), b (3,)], output Dense(1)(a)")
def build_unused_input(keras):
    L = keras.layers
    a = keras.Input((4,), name="a")
    b = keras.Input((3,), name="b")
    return keras.Model([a, b], L.Dense(1, name="out")(a), name="unused_input")


@register("input_batch32", "Functional: Input((10,), batch_size=32, name='x') -> Dense(8,relu) -> Dense(1); shapes show 32 instead of None")
def build_input_batch32(keras):
    L = keras.layers
    x = keras.Input((10,), batch_size=32, name="x")
    return keras.Model(x, L.Dense(1)(L.Dense(8, activation="relu")(x)), name="input_batch32")


@register("sequential_batch32", "Sequential: Input((28,28,1), batch_size=32), Conv2D(4,3), Flatten, Dense(2)")
def build_seq_batch32(keras):
    L = keras.layers
    return keras.Sequential([keras.Input((28, 28, 1), batch_size=32), L.Conv2D(4, 3), L.Flatten(), L.Dense(2)], name="sequential_batch32")


@register("frozen_bn", "Functional 'frozen_bn': Input((32,32,3)) -> Conv2D(16,3,same,name='conv_frozen', trainable=False) -> BatchNormalization(name='bn') -> ReLU -> Conv2D(32,3,name='conv2') -> BatchNormalization(name='bn_frozen', trainable=False) -> GlobalAveragePooling2D -> Dense(10,name='head'). Also summary(show_trainable=True)", show_trainable=True)
def build_frozen_bn(keras):
    L = keras.layers
    x = keras.Input((32, 32, 3), name="img")
    y = L.Conv2D(16, 3, padding="same", name="conv_frozen")
    y.trainable = False
    h = y(x)
    h = L.BatchNormalization(name="bn")(h)
    h = L.ReLU()(h)
    h = L.Conv2D(32, 3, name="conv2")(h)
    bn2 = L.BatchNormalization(name="bn_frozen")
    bn2.trainable = False
    h = bn2(h)
    h = L.GlobalAveragePooling2D()(h)
    return keras.Model(x, L.Dense(10, name="head")(h), name="frozen_bn")


@register("frozen_nested", "Nested frozen model: inner Sequential 'backbone' (Dense(8,name='bb_dense'), BatchNormalization(name='bb_bn')) with backbone.trainable=False inside Functional 'frozen_nested' (Input(4,name='x') -> backbone -> Dense(2,name='head'))", show_trainable=True)
def build_frozen_nested(keras):
    L = keras.layers
    bb = keras.Sequential([keras.Input((4,)), L.Dense(8, name="bb_dense"), L.BatchNormalization(name="bb_bn")], name="backbone")
    bb.trainable = False
    x = keras.Input((4,), name="x")
    return keras.Model(x, L.Dense(2, name="head")(bb(x)), name="frozen_nested")


@register("frozen_rnn_cell", "Functional 'frozen_rnn_cell': RNN(LSTMCell(4), trainable=False) on Input((5,3)) -> Dense(2). Keras 3 does not apply the flag to the cell that owns the weights: all 138 params stay trainable")
def build_frozen_rnn_cell(keras):
    L = keras.layers
    x = keras.Input((5, 3), name="seq")
    h = L.RNN(L.LSTMCell(4, name="cell"), name="rnn_frozen", trainable=False)(x)
    return keras.Model(x, L.Dense(2, name="head")(h), name="frozen_rnn_cell")


@register("frozen_ctor", "Functional 'frozen_ctor': layers given trainable=False in the constructor, as loading a saved model recreates them. Keras honours it for Dense and LSTM but not for MultiHeadAttention, GroupQueryAttention, ConvLSTM1D, Bidirectional, TimeDistributed or a nested Sequential (their weights stay trainable)", show_trainable=True)
def build_frozen_ctor(keras):
    L = keras.layers
    x = keras.Input((5, 4), name="seq")
    a = L.MultiHeadAttention(2, 3, name="mha", trainable=False)(x, x)
    q = L.GroupQueryAttention(head_dim=2, num_query_heads=2, num_key_value_heads=1, name="gqa", trainable=False)(a, a)
    b = L.Bidirectional(L.LSTM(3), name="bidi", trainable=False)(q)
    c = L.TimeDistributed(L.Dense(3), name="td", trainable=False)(a)
    d = L.LSTM(2, name="lstm_frozen", trainable=False)(c)
    e = L.Dense(2, name="dense_frozen", trainable=False)(b)
    clip = keras.Input((3, 6, 4), name="clip")
    f = L.ConvLSTM1D(2, 3, name="convlstm", trainable=False)(clip)
    inner = keras.Sequential([keras.Input((2,)), L.Dense(3, name="inner_dense")], name="inner", trainable=False)
    out = L.Concatenate(name="cat")([inner(e), d, L.Flatten(name="flat")(f)])
    return keras.Model([x, clip], out, name="frozen_ctor")


@register("nested_batch", "Functional 'nested_batch': Input((6, 4), batch_size=8, name='x') -> nested Functional 'sub' (its own Input((6, 4), name='sub_in') -> Conv1D(3, 2, name='sub_conv')) -> Dense(2, name='head'); and a nested Sequential 'seq' without an Input, built by its call -> Dense(5, name='seq_dense'). Expanded rows show what each nested model was built on: (None, ...) for 'sub', (8, ...) for 'seq'")
def build_nested_batch(keras):
    L = keras.layers
    si = keras.Input((6, 4), name="sub_in")
    sub = keras.Model(si, L.Conv1D(3, 2, name="sub_conv")(si), name="sub")
    seq = keras.Sequential([L.Dense(5, name="seq_dense")], name="seq")
    x = keras.Input((6, 4), batch_size=8, name="x")
    y = L.Dense(2, name="head")(sub(x))
    return keras.Model(x, [y, seq(x)], name="nested_batch")


@register("nested_output", "Functional 'nested_output': Input((6,), name='x') -> nested Functional 'enc' (Input((6,), name='enc_in') -> Dense(4, name='enc_dense')), called twice (on x and on Dense(6, name='pre')(x)); outputs: enc's second call and Dense(1, name='head') on its first. Keras numbers a nested Functional's calls from 1 in output_layers but from 0 in inbound_nodes")
def build_nested_output(keras):
    L = keras.layers
    ei = keras.Input((6,), name="enc_in")
    enc = keras.Model(ei, L.Dense(4, name="enc_dense")(ei), name="enc")
    x = keras.Input((6,), name="x")
    a = enc(x)
    b = enc(L.Dense(6, name="pre")(x))
    return keras.Model(x, [b, L.Dense(1, name="head")(a)], name="nested_output")


@register("mask_gru", "Functional 'mask_gru': Input((None,), int32, name='tok') -> Embedding(50, 4, mask_zero=True, name='emb') -> GRU(3, name='gru'). Keras records the mask as a not_equal (NotEqual) op row feeding the GRU")
def build_mask_gru(keras):
    L = keras.layers
    x = keras.Input((None,), dtype="int32", name="tok")
    e = L.Embedding(50, 4, mask_zero=True, name="emb")(x)
    return keras.Model(x, L.GRU(3, name="gru")(e), name="mask_gru")


@register("mask_merge", "Functional 'mask_merge': tok -> Embedding(50, 4, mask_zero=True, name='emb') -> Dropout(0.1, name='drop'); Add(name='add')([emb, drop]) -> Bidirectional(LSTM(3, return_sequences=True), name='bilstm') -> GlobalAveragePooling1D(name='gap') -> Dense(2, name='head'). Masks propagate through Dropout, combine in Add (LogicalOr op row) and reach the recurrent layer and the pooling")
def build_mask_merge(keras):
    L = keras.layers
    x = keras.Input((None,), dtype="int32", name="tok")
    e = L.Embedding(50, 4, mask_zero=True, name="emb")(x)
    d = L.Dropout(0.1, name="drop")(e)
    s = L.Add(name="add")([e, d])
    h = L.Bidirectional(L.LSTM(3, return_sequences=True), name="bilstm")(s)
    g = L.GlobalAveragePooling1D(name="gap")(h)
    return keras.Model(x, L.Dense(2, name="head")(g), name="mask_merge")


@register("mask_masking", "Functional 'mask_masking': Input((7, 5), name='seq') -> Masking(0.0, name='masking') -> LSTM(4, name='lstm') -> Dense(1, name='head'); and Input((None,), int32, name='tok') -> Embedding(20, 5, mask_zero=True, name='emb') -> MultiHeadAttention(2, 3, name='mha')(emb, emb) -> GlobalAveragePooling1D(name='gap'), concatenated (name='cat') with the LSTM branch")
def build_mask_masking(keras):
    L = keras.layers
    s = keras.Input((7, 5), name="seq")
    h = L.LSTM(4, name="lstm")(L.Masking(0.0, name="masking")(s))
    t = keras.Input((None,), dtype="int32", name="tok")
    e = L.Embedding(20, 5, mask_zero=True, name="emb")(t)
    a = L.MultiHeadAttention(2, 3, name="mha")(e, e)
    g = L.GlobalAveragePooling1D(name="gap")(a)
    out = L.Concatenate(name="cat")([L.Dense(1, name="head")(h), g])
    return keras.Model([s, t], out, name="mask_masking")


@register("mask_mix", "Functional 'mask_mix': masks through many layers. a: Input((None,), int32) -> Embedding(30, 4, mask_zero=True, name='emb_a') -> Conv1D(2, 1, name='conv') -> GlobalMaxPooling1D(name='gmp') (its mask unused: still counts for not_equal's auto-name); b: Input((None,), int32) -> shared Embedding(30, 4, mask_zero=True, name='emb_b') on b and on a -> Attention(name='att')([emb_b(b), emb_b(a)]) -> BatchNormalization(name='bn') -> Dense(4, name='proj') -> Softmax(name='soft') -> GroupQueryAttention(head_dim=2, num_query_heads=2, num_key_value_heads=1, name='gqa') self-attention -> Bidirectional(GRU(3), name='bigru') -> Dense(1, name='out'); outputs: out and gmp")
def build_mask_mix(keras):
    L = keras.layers
    a = keras.Input((None,), dtype="int32", name="a")
    b = keras.Input((None,), dtype="int32", name="b")
    ea = L.Embedding(30, 4, mask_zero=True, name="emb_a")(a)
    gmp = L.GlobalMaxPooling1D(name="gmp")(L.Conv1D(2, 1, name="conv")(ea))
    emb_b = L.Embedding(30, 4, mask_zero=True, name="emb_b")
    q, v = emb_b(b), emb_b(a)
    h = L.Attention(name="att")([q, v])
    h = L.BatchNormalization(name="bn")(h)
    h = L.Softmax(name="soft")(L.Dense(4, name="proj")(h))
    h = L.GroupQueryAttention(head_dim=2, num_query_heads=2, num_key_value_heads=1, name="gqa")(h, h)
    h = L.Bidirectional(L.GRU(3), name="bigru")(h)
    return keras.Model([a, b], [L.Dense(1, name="out")(h), gmp], name="mask_mix")


@register("unbuilt_sequential", "Sequential([Dense(8,relu), Dense(2)]) without Input: unbuilt, '?' shapes, '0 (unbuilt)' (like C1)")
def build_unbuilt(keras):
    L = keras.layers
    return keras.Sequential([L.Dense(8, activation="relu"), L.Dense(2)])


@register("layer_called_after_model", "Functional 'm': x=Input((8,),name='x'); d=Dense(4,name='d'); Model(x, d(x)); AFTER building the model d is called again on Input((3,8),name='other') (outside the model). summary() shows d's LAST node shape (None, 3, 4), not the in-model (None, 4)")
def build_called_after(keras):
    L = keras.layers
    x = keras.Input((8,), name="x")
    d = L.Dense(4, name="d")
    m = keras.Model(x, d(x), name="m")
    d(keras.Input((3, 8), name="other"))
    return m


# --------------------------------------------------------------------------
# RNN initial_state (issue 15): states passed as a call's initial_state keyword
@register("state_gru_single", "Functional: seq Input((7, 5)), ctx Input((3,)) -> Dense(8, name='init_h'); GRU(8)(seq, initial_state=h) with ONE tensor (not a list) -> Dense(2)")
def build_state_gru_single(keras):
    L = keras.layers
    seq = keras.Input((7, 5), name="seq")
    ctx = keras.Input((3,), name="ctx")
    h = L.Dense(8, name="init_h")(ctx)
    out = L.GRU(8)(seq, initial_state=h)
    return keras.Model([seq, ctx], L.Dense(2)(out))


@register("state_bidi_seq2seq", "Functional: encoder Bidirectional(LSTM(8, return_state=True)) on Input((None, 6)) -> [out, fwd_h, fwd_c, bwd_h, bwd_c]; decoder Bidirectional(LSTM(8, return_sequences=True))(Input((None, 4)), initial_state=those 4 states) -> TimeDistributed(Dense(3))")
def build_state_bidi_seq2seq(keras):
    L = keras.layers
    enc_in = keras.Input((None, 6), name="enc_in")
    dec_in = keras.Input((None, 4), name="dec_in")
    outs = L.Bidirectional(L.LSTM(8, return_state=True))(enc_in)
    y = L.Bidirectional(L.LSTM(8, return_sequences=True))(dec_in, initial_state=list(outs[1:]))
    return keras.Model([enc_in, dec_in], L.TimeDistributed(L.Dense(3))(y))


@register("state_convlstm", "Functional: ConvLSTM2D(4, 3, padding='same', return_state=True) on Input((4, 10, 10, 3)) -> [out, h, c]; ConvLSTM2D(4, 3, padding='same', return_sequences=True)(Input((2, 10, 10, 3)), initial_state=[h, c]) -> Conv3D(1, 3, padding='same')")
def build_state_convlstm(keras):
    L = keras.layers
    past = keras.Input((4, 10, 10, 3), name="past")
    future = keras.Input((2, 10, 10, 3), name="future")
    _, h, c = L.ConvLSTM2D(4, 3, padding="same", return_state=True)(past)
    y = L.ConvLSTM2D(4, 3, padding="same", return_sequences=True)(future, initial_state=[h, c])
    return keras.Model([past, future], L.Conv3D(1, 3, padding="same")(y))


@register("state_mask_order", "Functional: x Input((5, 3)), m Input((5,), bool), h0 Input((8,)); SimpleRNN(8)(x, initial_state=[h0], mask=m) and SimpleRNN(8)(x, mask=m, initial_state=[h0]) (kwargs in the other order) -> Concatenate -> Dense(1): Connected to lists x, h0, m for both")
def build_state_mask_order(keras):
    L = keras.layers
    x = keras.Input((5, 3), name="x")
    m = keras.Input((5,), dtype="bool", name="m")
    h0 = keras.Input((8,), name="h0")
    a = L.SimpleRNN(8)(x, initial_state=[h0], mask=m)
    b = L.SimpleRNN(8)(x, mask=m, initial_state=[h0])
    return keras.Model([x, m, h0], L.Dense(1)(L.Concatenate()([a, b])))


@register("state_embedding_mask", "Functional: tok Input((None,), int32) -> Embedding(50, 6, mask_zero=True); LSTM(8, return_sequences=True)(emb, initial_state=[h, c]) with h, c Input((8,)) -> the mask's not_equal row and LSTM connected to emb, h, c, not_equal -> Dense(2)")
def build_state_embedding_mask(keras):
    L = keras.layers
    tok = keras.Input((None,), dtype="int32", name="tok")
    h = keras.Input((8,), name="h")
    c = keras.Input((8,), name="c")
    e = L.Embedding(50, 6, mask_zero=True)(tok)
    y = L.LSTM(8, return_sequences=True)(e, initial_state=[h, c])
    return keras.Model([tok, h, c], L.Dense(2)(y))


@register("state_shared_decoder", "Functional: one LSTM(8, name='dec') called twice: dec(a, initial_state=[s1, s2]) and dec(b, initial_state=[s2, s1]), a/b Input((None, 4)), s1/s2 Input((8,)) -> Add")
def build_state_shared_decoder(keras):
    L = keras.layers
    a = keras.Input((None, 4), name="a")
    b = keras.Input((None, 4), name="b")
    s1 = keras.Input((8,), name="s1")
    s2 = keras.Input((8,), name="s2")
    dec = L.LSTM(8, name="dec")
    y = L.Add()([dec(a, initial_state=[s1, s2]), dec(b, initial_state=[s2, s1])])
    return keras.Model([a, b, s1, s2], y)


@register("state_wrong_units", "Functional: LSTM(8)(x, initial_state=[h, c]) with h Input((4,)): Keras builds it and prints its summary (RNN.compute_output_shape ignores initial_state) but predict fails (mat1 and mat2 shapes cannot be multiplied (2x4 and 8x32))")
def build_state_wrong_units(keras):
    L = keras.layers
    x = keras.Input((5, 3), name="x")
    h = keras.Input((4,), name="h")
    c = keras.Input((8,), name="c")
    return keras.Model([x, h, c], L.LSTM(8)(x, initial_state=[h, c]))


# --------------------------------------------------------------------------
# keras.Model / keras.Sequential subclasses (issue 15): the config is the graph's, the class
# name is the subclass's; summary() prints the graph (the subclass's Python is not in the file)
def _subclasses(keras):
    class TrainStepModel(keras.Model):
        def train_step(self, data):
            return super().train_step(data)

    class TrainStepSequential(keras.Sequential):
        def train_step(self, data):
            return super().train_step(data)

    return TrainStepModel, TrainStepSequential


@register("subclass_functional", "keras.Model subclass TrainStepModel (overrides train_step only) called as TrainStepModel(x, y): Input((8,), name='x') -> Dense(16, relu) -> Dense(4) and a second head Dense(1) on the hidden layer; outputs [dense_1, dense_2]")
def build_subclass_functional(keras):
    L = keras.layers
    model_cls, _ = _subclasses(keras)
    x = keras.Input((8,), name="x")
    h = L.Dense(16, activation="relu")(x)
    return model_cls(x, [L.Dense(4)(h), L.Dense(1)(h)])


@register("subclass_sequential", "keras.Sequential subclass TrainStepSequential([Input((8,)), Dense(16, relu), Dropout(0.1), Dense(2)])")
def build_subclass_sequential(keras):
    L = keras.layers
    _, seq_cls = _subclasses(keras)
    return seq_cls([keras.Input((8,)), L.Dense(16, activation="relu"), L.Dropout(0.1), L.Dense(2)])


@register("subclass_nested", "Functional 'outer': Input((4,), name='x') -> TrainStepModel 'inner_f' (Input((4,)) -> Dense(8)) -> TrainStepSequential 'inner_s' ([Dense(3)], built by the call) -> Dense(1)")
def build_subclass_nested(keras):
    L = keras.layers
    model_cls, seq_cls = _subclasses(keras)
    xi = keras.Input((4,), name="xi")
    inner_f = model_cls(xi, L.Dense(8)(xi), name="inner_f")
    inner_s = seq_cls([L.Dense(3)], name="inner_s")
    x = keras.Input((4,), name="x")
    return keras.Model(x, L.Dense(1)(inner_s(inner_f(x))), name="outer")


# ==========================================================================
# dumping


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
        with open(os.path.join(d, "build.log"), "w") as log:
            rc = subprocess.call(
                [sys.executable, os.path.abspath(__file__), "one", name],
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
        "Generated by `/work/scratch/kref/models.py` (each model in a fresh process; KERAS_BACKEND=torch).",
        "Files per model: summary-wide.txt (COLUMNS=200), summary-80.txt (COLUMNS unset, not a tty -> line_length 76),",
        "summary-expand*.txt (nested models), summary-trainable.txt, config.json, layers.json, model.keras (<2 MB only), status.json, build.log.",
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

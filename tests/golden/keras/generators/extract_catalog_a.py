"""Split Keras's reference results for catalog-a's layers into per-family test data.

python extract_catalog_a.py /work/wt/catalog-a/tests/catalog
"""
import json
import re
import sys

FAMILIES = {
    "core": "Dense Identity",
    "convolutional": "Conv1D Conv2D Conv3D Convolution1D Convolution2D Convolution3D Conv1DTranspose Conv2DTranspose Conv3DTranspose "
    "Convolution1DTranspose Convolution2DTranspose Convolution3DTranspose DepthwiseConv1D "
    "DepthwiseConv2D SeparableConv1D SeparableConv2D SeparableConvolution1D SeparableConvolution2D",
    "pooling": "MaxPooling1D MaxPooling2D MaxPooling3D AveragePooling1D AveragePooling2D MaxPool1D MaxPool2D MaxPool3D AvgPool1D AvgPool2D AvgPool3D "
    "AveragePooling3D GlobalAveragePooling1D GlobalAveragePooling2D GlobalAveragePooling3D "
    "GlobalMaxPooling1D GlobalMaxPooling2D GlobalMaxPooling3D GlobalAvgPool1D GlobalAvgPool2D "
    "GlobalAvgPool3D GlobalMaxPool1D GlobalMaxPool2D GlobalMaxPool3D",
    "normalization": "BatchNormalization LayerNormalization GroupNormalization UnitNormalization "
    "RMSNormalization",
    "activations": "Activation ReLU LeakyReLU PReLU ELU Softmax",
    "regularization": "Dropout SpatialDropout1D SpatialDropout2D SpatialDropout3D GaussianNoise "
    "GaussianDropout ActivityRegularization AlphaDropout",
    "merging": "Add Subtract Multiply Average Maximum Minimum Dot Concatenate",
    "reshaping": "Flatten Reshape Permute RepeatVector ZeroPadding1D ZeroPadding2D ZeroPadding3D "
    "Cropping1D Cropping2D Cropping3D UpSampling1D UpSampling2D UpSampling3D",
    "preprocessing": "Rescaling Normalization Resizing CenterCrop",
}
FAMILY = {c: f for f, names in FAMILIES.items() for c in names.split()}
SOURCES = ["out_core.json", "out_catalog_a.json"]


def clean_message(msg):
    msg = msg.split("\n\nArguments received by")[0]
    msg = re.sub(r"^Exception encountered when calling [\w.]+\(\)\.\n\n", "", msg)
    return msg.strip()[:600]


def row(r):
    out = {k: r[k] for k in ("id", "class", "config", "inputs") if k in r}
    for k in ("trainable", "call_mode"):
        if k in r:
            out[k] = r[k]
    if "error" in r:
        out["keras"] = {"error": r["error"], "stage": r["stage"], "message": clean_message(r["message"])}
    else:
        out["keras"] = {
            "name": r["name"],
            "output_shape": r["output_shape"],
            "params": r["params"],
            "trainable_params": r["trainable_params"],
            "non_trainable_params": r["non_trainable_params"],
            "weights": [[w[0].split("/")[-1], w[1], w[2], w[3]] for w in r["weights"]],
            "get_config": r.get("get_config"),
        }
    return out


def main(dest):
    by_family = {f: [] for f in FAMILIES}
    meta = None
    for src in SOURCES:
        data = json.load(open(src))
        meta = data["meta"]
        for r in data["results"]:
            fam = FAMILY.get(r.get("class"))
            if fam:
                by_family[fam].append(row(r))
    for fam, rows in by_family.items():
        doc = {
            "source": (
                f"Keras {meta['keras']} ({meta['backend']} backend, torch {meta['torch']}): each case "
                "builds one layer after keras.utils.clear_session(), calls it on keras.Input(shape) "
                "(inputs exclude the batch axis) and records the output shape, count_params(), the "
                "trainable/non-trainable split and the weights, or the exception Keras raised"
            ),
            "cases": rows,
        }
        lines = ",\n".join("  " + json.dumps(r) for r in rows)
        with open(f"{dest}/keras_cases_{fam}.json", "w") as f:
            f.write('{"source": ' + json.dumps(doc["source"]) + ',\n "cases": [\n' + lines + "\n]}\n")
        print(fam, len(rows))


main(sys.argv[1])

"""Build one keras.applications model (weights=None) and write its reference data."""
import gzip, io, json, sys
import keras
from keras.src import tree

name, fn = sys.argv[1], sys.argv[2]
out = f"/work/scratch/apps/{name}"
import os
os.makedirs(out, exist_ok=True)
model = getattr(keras.applications, fn)(weights=None)
buf = io.StringIO()
model.summary(print_fn=lambda s, **k: buf.write(s))
rows = []
for layer in model.operations:
    node = layer._inbound_nodes[-1]
    shapes = [list(t.shape) for t in tree.flatten(node.output_tensors)]
    t = sum(int(__import__("math").prod(w.shape)) for w in getattr(layer, "trainable_weights", []))
    nt = sum(int(__import__("math").prod(w.shape)) for w in getattr(layer, "non_trainable_weights", []))
    rows.append({"name": layer.name, "class": layer.__class__.__name__,
                 "output_shape": shapes[0] if len(shapes) == 1 else shapes,
                 "params": layer.count_params() if hasattr(layer, "count_params") else 0, "trainable_params": t, "non_trainable_params": nt})
count = lambda ws: sum(int(__import__("math").prod(w.shape)) for w in ws)
data = {"model": model.name, "application": fn, "keras_version": keras.__version__, "layers": rows,
        "totals": {"total": count(model.trainable_weights) + count(model.non_trainable_weights),
                   "trainable": count(model.trainable_weights), "non_trainable": count(model.non_trainable_weights)}}
with gzip.open(f"{out}/layers.json.gz", "wt") as f: json.dump(data, f, indent=1)
with gzip.open(f"{out}/config.json.gz", "wt") as f: f.write(model.to_json(indent=1))
with gzip.open(f"{out}/summary-wide.txt.gz", "wt") as f: f.write(buf.getvalue())
print(name, data["totals"])

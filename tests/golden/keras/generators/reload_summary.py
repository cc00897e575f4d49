"""Keras's own summary of a model as load_model reads it back from its .keras file.

Usage: KERAS_BACKEND=torch [COLUMNS=200] python reload_summary.py MODEL.keras OUT.txt
(COLUMNS unset and stdout not a tty for the 80-column summary, as models.py does).
"""
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "torch")
import keras  # noqa: E402

model = keras.saving.load_model(sys.argv[1], compile=False, safe_mode=True)
lines = []
model.summary(print_fn=lambda text, **kw: lines.append(text))
with open(sys.argv[2], "w", encoding="utf-8") as fh:
    for text in lines:
        fh.write(text + "\n")

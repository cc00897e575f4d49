import os
os.environ.setdefault("KERAS_BACKEND", "torch")
import keras  # noqa: E402
m = keras.applications.ResNet50(weights=None)
m.summary()

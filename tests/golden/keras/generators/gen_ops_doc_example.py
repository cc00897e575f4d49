import os
os.environ["KERAS_BACKEND"]="torch"
import keras
from keras import layers, ops
keras.utils.clear_session()
x = keras.Input((32, 32, 3), dtype="uint8", name="image")
y = x / 127.5 - 1.0
y = layers.Conv2D(8, 3, activation="relu")(y)
y = ops.mean(y, axis=(1, 2))
y = layers.Dense(10, activation="softmax")(y)
m = keras.Model(x, y, name="preprocessed_classifier")
m.summary(line_length=None)

"""lenet5: a Keras 3 model exported by archcalc 0.1.0.

build_model(**variables) returns the model; running this file builds it and
prints model.summary(), which is archcalc's table for the spec."""
# spec: specs/zoo/lenet5.yaml

import keras
from keras import layers


def build_model():
    """The model, with these variables."""
    model = keras.Sequential(name='lenet5')
    model.add(keras.Input(shape=tuple([32, 32, 1])))
    model.add(layers.Conv2D(filters=6, kernel_size=5, activation='tanh'))
    model.add(layers.AveragePooling2D(pool_size=2))
    model.add(layers.Conv2D(filters=16, kernel_size=5, activation='tanh'))
    model.add(layers.AveragePooling2D(pool_size=2))
    model.add(layers.Flatten())
    model.add(layers.Dense(units=120, activation='tanh'))
    model.add(layers.Dense(units=84, activation='tanh'))
    model.add(layers.Dense(units=10, activation='softmax'))
    return model


if __name__ == "__main__":
    build_model().summary()

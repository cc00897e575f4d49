"""seed_conv: a Keras 3 model exported by archcalc 0.1.0.

build_model(**variables) returns the model; running this file builds it and
prints model.summary(), which is archcalc's table for the spec."""
# spec: specs/seed_conv.yaml

import keras
from keras import layers


def build_model():
    """The model, with these variables."""
    model = keras.Sequential(name='seed_conv')
    model.add(keras.Input(shape=tuple([28, 28, 1])))
    model.add(layers.Conv2D(filters=32, kernel_size=5))
    model.add(layers.Conv2D(filters=32, kernel_size=5))
    model.add(layers.MaxPooling2D(pool_size=2))
    model.add(layers.Flatten())
    model.add(layers.Dense(units=2))
    return model


if __name__ == "__main__":
    build_model().summary()

"""seed_sequential: a Keras 3 model exported by archcalc 0.1.0.

build_model(**variables) returns the model; running this file builds it and
prints model.summary(), which is archcalc's table for the spec."""
# spec: specs/seed_sequential.yaml

import keras
from keras import layers


def build_model():
    """The model, with these variables."""
    model = keras.Sequential(name='seed_sequential')
    model.add(keras.Input(shape=tuple([2])))
    model.add(layers.Dense(units=8, activation='relu'))
    model.add(layers.Dense(units=2))
    return model


if __name__ == "__main__":
    build_model().summary()

"""alexnet: a Keras 3 model exported by archcalc 0.1.0.

build_model(**variables) returns the model; running this file builds it and
prints model.summary(), which is archcalc's table for the spec."""
# spec: specs/zoo/alexnet.yaml

import keras
from keras import layers


def build_model():
    """The model, with these variables."""
    model = keras.Sequential(name='alexnet')
    model.add(keras.Input(shape=tuple([227, 227, 3])))
    model.add(layers.Conv2D(filters=96, kernel_size=11, strides=4, activation='relu'))
    model.add(layers.MaxPooling2D(pool_size=3, strides=2))
    model.add(layers.Conv2D(filters=256, kernel_size=5, padding='same', activation='relu'))
    model.add(layers.MaxPooling2D(pool_size=3, strides=2))
    model.add(layers.Conv2D(filters=384, kernel_size=3, padding='same', activation='relu'))
    model.add(layers.Conv2D(filters=384, kernel_size=3, padding='same', activation='relu'))
    model.add(layers.Conv2D(filters=256, kernel_size=3, padding='same', activation='relu'))
    model.add(layers.MaxPooling2D(pool_size=3, strides=2))
    model.add(layers.Flatten())
    model.add(layers.Dense(units=4096, activation='relu'))
    model.add(layers.Dropout(rate=0.5))
    model.add(layers.Dense(units=4096, activation='relu'))
    model.add(layers.Dropout(rate=0.5))
    model.add(layers.Dense(units=1000, activation='softmax'))
    return model


if __name__ == "__main__":
    build_model().summary()

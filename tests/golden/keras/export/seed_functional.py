"""seed_functional: a Keras 3 model exported by archcalc 0.1.0.

build_model(**variables) returns the model; running this file builds it and
prints model.summary(), which is archcalc's table for the spec."""
# spec: specs/seed_functional.yaml

import keras
from keras import layers


def build_model():
    """The model, with these variables."""
    t = {}
    t['input_data'] = keras.Input(shape=tuple([28, 28, 1]), name='input_data')
    prev = t['input_data']
    prev = layers.Conv2D(filters=32, kernel_size=5, activation='relu', name='conv1')(t['input_data'])
    prev = layers.MaxPooling2D(pool_size=2, name='pool1')(prev)
    prev = t['flat1'] = layers.Flatten(name='flat1')(prev)
    prev = layers.Conv2D(filters=16, kernel_size=7, activation='relu', name='conv2')(t['input_data'])
    prev = layers.MaxPooling2D(pool_size=2, name='pool2')(prev)
    prev = t['flat2'] = layers.Flatten(name='flat2')(prev)
    prev = layers.Concatenate(name='concat')([t['flat1'], t['flat2']])
    prev = layers.Dense(units=10, activation='relu', name='hidden1')(prev)
    prev = t['output'] = layers.Dense(units=1, activation='sigmoid', name='output')(prev)
    return keras.Model(inputs=[t['input_data']], outputs=[t['output']], name='seed_functional')


if __name__ == "__main__":
    build_model().summary()

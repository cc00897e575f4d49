"""siamese: a Keras 3 model exported by archcalc 0.1.0.

build_model(**variables) returns the model; running this file builds it and
prints model.summary(), which is archcalc's table for the spec."""
# spec: specs/siamese.yaml

import keras
from keras import layers


def build_model():
    """The model, with these variables."""
    t = {}
    shared_layers = {}
    t['left'] = keras.Input(shape=tuple([16, 16, 3]), name='left')
    t['right'] = keras.Input(shape=tuple([16, 16, 3]), name='right')
    prev = None
    shared_layers['tower_conv'] = layers.Conv2D(filters=8, kernel_size=3, activation='relu', name='tower_conv')
    prev = t['tower_conv'] = shared_layers['tower_conv'](t['left'])
    prev = t['tower_conv_right'] = shared_layers['tower_conv'](t['right'])
    prev = layers.Concatenate(name='merge')([t['tower_conv'], t['tower_conv_right']])
    prev = layers.Flatten()(prev)
    prev = layers.Dense(units=1)(prev)
    outs = (prev,)
    return keras.Model(inputs=[t['left'], t['right']], outputs=list(outs) if len(outs) > 1 else outs[0], name='siamese')


if __name__ == "__main__":
    build_model().summary()

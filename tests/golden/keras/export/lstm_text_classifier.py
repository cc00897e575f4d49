"""lstm_text_classifier: a Keras 3 model exported by archcalc 0.1.0.

build_model(**variables) returns the model; running this file builds it and
prints model.summary(), which is archcalc's table for the spec."""
# spec: specs/zoo/lstm_text_classifier.yaml

import keras
from keras import layers


def build_model():
    """The model, with these variables."""
    t = {}
    t['input_layer'] = keras.Input(shape=tuple([None]), dtype='int32', name='input_layer')
    prev = t['input_layer']
    prev = layers.Embedding(input_dim=20000, output_dim=128)(t['input_layer'])
    prev = layers.Bidirectional(layer=layers.LSTM(units=64, return_sequences=True))(prev)
    prev = layers.Bidirectional(layer=layers.LSTM(units=32))(prev)
    prev = layers.Dense(units=64, activation='relu')(prev)
    prev = layers.Dropout(rate=0.5)(prev)
    prev = layers.Dense(units=1, activation='sigmoid')(prev)
    outs = (prev,)
    return keras.Model(inputs=[t['input_layer']], outputs=list(outs) if len(outs) > 1 else outs[0], name='lstm_text_classifier')


if __name__ == "__main__":
    build_model().summary()

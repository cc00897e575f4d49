"""shared_text_encoder: a Keras 3 model exported by archcalc 0.1.0.

build_model(**variables) returns the model; running this file builds it and
prints model.summary(), which is archcalc's table for the spec."""
# spec: specs/shared_encoder.yaml

import keras
from keras import layers


def build_model():
    """The model, with these variables."""
    t = {}
    shared_layers = {}
    t['question'] = keras.Input(shape=tuple([None]), dtype='int32', name='question')
    t['answer'] = keras.Input(shape=tuple([None]), dtype='int32', name='answer')
    prev = None
    shared_layers['shared_embedding'] = layers.Embedding(input_dim=1000, output_dim=16, name='shared_embedding')
    prev = t['shared_embedding'] = shared_layers['shared_embedding'](t['question'])
    prev = t['answer_embedding'] = shared_layers['shared_embedding'](t['answer'])
    shared_layers['shared_lstm'] = layers.LSTM(units=32, name='shared_lstm')
    prev = t['shared_lstm'] = shared_layers['shared_lstm'](t['shared_embedding'])
    prev = t['answer_encoding'] = shared_layers['shared_lstm'](t['answer_embedding'])
    prev = layers.Concatenate()([t['shared_lstm'], t['answer_encoding']])
    prev = layers.Dense(units=1, activation='sigmoid')(prev)
    outs = (prev,)
    return keras.Model(inputs=[t['question'], t['answer']], outputs=list(outs) if len(outs) > 1 else outs[0], name='shared_text_encoder')


if __name__ == "__main__":
    build_model().summary()

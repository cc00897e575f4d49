"""transformer_encoder: a Keras 3 model exported by archcalc 0.1.0.

build_model(**variables) returns the model; running this file builds it and
prints model.summary(), which is archcalc's table for the spec."""
# spec: specs/zoo/transformer_encoder.yaml

import keras
from keras import layers


def encoder(x, name, *, heads, key_dim, ff_dim, rate=0.1, embed_dim):
    """Block 'encoder' of the spec; returns its outputs."""
    t = {'x': x}
    prev = x
    prev = layers.MultiHeadAttention(num_heads=heads, key_dim=key_dim, name=name + '_self_attention')(t['x'], t['x'])
    prev = t['attention_dropout'] = layers.Dropout(rate=rate, name=name + '_attention_dropout')(prev)
    prev = layers.Add(name=name + '_attention_residual')([t['x'], t['attention_dropout']])
    prev = t['attention_norm'] = layers.LayerNormalization(epsilon=1e-06, name=name + '_attention_norm')(prev)
    prev = layers.Dense(units=ff_dim, activation='relu', name=name + '_ffn_1')(prev)
    prev = layers.Dense(units=embed_dim, name=name + '_ffn_2')(prev)
    prev = t['ffn_dropout'] = layers.Dropout(rate=rate, name=name + '_ffn_dropout')(prev)
    prev = layers.Add(name=name + '_ffn_residual')([t['attention_norm'], t['ffn_dropout']])
    prev = layers.LayerNormalization(epsilon=1e-06, name=name + '_ffn_norm')(prev)
    outs = (prev,)
    return outs


def build_model(*, vocab_size=20000, seq_len=200, embed_dim=32, num_heads=2, ff_dim=32, num_layers=1):
    """The model, with these variables."""
    t = {}
    t['tokens'] = keras.Input(shape=tuple([seq_len]), dtype='int32', name='tokens')
    t['positions'] = keras.Input(shape=tuple([seq_len]), dtype='int32', name='positions')
    prev = None
    prev = t['token_embedding'] = layers.Embedding(input_dim=vocab_size, output_dim=embed_dim, name='token_embedding')(t['tokens'])
    prev = t['position_embedding'] = layers.Embedding(input_dim=seq_len, output_dim=embed_dim, name='position_embedding')(t['positions'])
    prev = layers.Add(name='embed')([t['token_embedding'], t['position_embedding']])
    for i in range(num_layers):
        outs = encoder(prev, name='encoder' + str(i + 1), heads=num_heads, key_dim=embed_dim, ff_dim=ff_dim, embed_dim=embed_dim)
        prev = outs[0]
    prev = layers.GlobalAveragePooling1D(name='pool')(prev)
    prev = layers.Dropout(rate=0.1, name='pool_dropout')(prev)
    prev = layers.Dense(units=20, activation='relu', name='hidden')(prev)
    prev = layers.Dropout(rate=0.1, name='hidden_dropout')(prev)
    prev = layers.Dense(units=2, activation='softmax', name='classifier')(prev)
    outs = (prev,)
    return keras.Model(inputs=[t['tokens'], t['positions']], outputs=list(outs) if len(outs) > 1 else outs[0], name='transformer_encoder')


if __name__ == "__main__":
    build_model().summary()

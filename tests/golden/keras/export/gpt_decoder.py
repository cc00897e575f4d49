"""gpt_decoder: a Keras 3 model exported by archcalc 0.1.0.

build_model(**variables) returns the model; running this file builds it and
prints model.summary(), which is archcalc's table for the spec."""
# spec: specs/zoo/gpt_decoder.yaml

import keras
from keras import layers


#: a variable or parameter whose default is computed from the others
_COMPUTED = object()


def decoder(x, name, *, d_model, num_heads, ff_dim, dropout):
    """Block 'decoder' of the spec; returns its outputs."""
    t = {'x': x}
    prev = x
    prev = t['ln_1'] = layers.LayerNormalization(epsilon=1e-05, name=name + '_ln_1')(prev)
    prev = t['attn'] = layers.MultiHeadAttention(num_heads=num_heads, key_dim=d_model // num_heads, dropout=dropout, name=name + '_attn')(t['ln_1'], t['ln_1'])
    prev = t['attn_residual'] = layers.Add(name=name + '_attn_residual')([t['x'], t['attn']])
    prev = layers.LayerNormalization(epsilon=1e-05, name=name + '_ln_2')(prev)
    prev = layers.Dense(units=ff_dim, activation='gelu', name=name + '_mlp_fc')(prev)
    prev = layers.Dense(units=d_model, name=name + '_mlp_proj')(prev)
    prev = t['mlp_dropout'] = layers.Dropout(rate=dropout, name=name + '_mlp_dropout')(prev)
    prev = layers.Add(name=name + '_mlp_residual')([t['attn_residual'], t['mlp_dropout']])
    outs = (prev,)
    return outs


def build_model(*, vocab_size=50257, seq_len=1024, d_model=768, num_heads=12, num_layers=12, ff_dim=_COMPUTED, dropout=0.1):
    """The model, with these variables."""
    if ff_dim is _COMPUTED:
        ff_dim = 4 * d_model
    t = {}
    t['tokens'] = keras.Input(shape=tuple([seq_len]), dtype='int32', name='tokens')
    t['positions'] = keras.Input(shape=tuple([seq_len]), dtype='int32', name='positions')
    prev = None
    prev = t['wte'] = layers.Embedding(input_dim=vocab_size, output_dim=d_model, name='wte')(t['tokens'])
    prev = t['wpe'] = layers.Embedding(input_dim=seq_len, output_dim=d_model, name='wpe')(t['positions'])
    prev = layers.Add(name='embed')([t['wte'], t['wpe']])
    prev = layers.Dropout(rate=dropout, name='embed_dropout')(prev)
    for i in range(num_layers):
        outs = decoder(prev, name='h' + str(i), d_model=d_model, num_heads=num_heads, ff_dim=ff_dim, dropout=dropout)
        prev = outs[0]
    prev = layers.LayerNormalization(epsilon=1e-05, name='ln_f')(prev)
    prev = layers.Dense(units=vocab_size, use_bias=False, name='lm_head')(prev)
    outs = (prev,)
    return keras.Model(inputs=[t['tokens'], t['positions']], outputs=list(outs) if len(outs) > 1 else outs[0], name='gpt_decoder')


if __name__ == "__main__":
    build_model().summary()

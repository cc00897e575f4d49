"""inception_v3: a Keras 3 model exported by archcalc 0.1.0.

build_model(**variables) returns the model; running this file builds it and
prints model.summary(), which is archcalc's table for the spec."""
# spec: specs/zoo/inceptionv3.yaml

import keras
from keras import layers


def _text(value):
    """A value inside a name, as archcalc writes it: true, false, null, 3, 0.5."""
    return "true" if value is True else "false" if value is False else "null" if value is None else str(value)


class _Names:
    """Names of unnamed block instances: the block's, counted per block (as archcalc)."""

    def __init__(self):
        self.counts = {}

    def __call__(self, key):
        n = self.counts.get(key, 0)
        self.counts[key] = n + 1
        return key if n == 0 else key + "_" + str(n)


_names = _Names()


def conv_bn(x, name, *, filters, kh, kw, strides=1, padding='same'):
    """Block 'conv_bn' of the spec; returns its outputs."""
    prev = x
    prev = layers.Conv2D(filters=filters, kernel_size=[kh, kw], strides=strides, padding=padding, use_bias=False)(prev)
    prev = layers.BatchNormalization(axis=3, scale=False)(prev)
    prev = layers.Activation(activation='relu')(prev)
    outs = (prev,)
    return outs


def concat(a, b, name):
    """Block 'concat' of the spec; returns its outputs."""
    t = {'a': a, 'b': b}
    prev = a
    prev = layers.Concatenate(axis=3)([t['a'], t['b']])
    outs = (prev,)
    return outs


def inception_a(x, name, *, pool_features):
    """Block 'inception_a' of the spec; returns its outputs."""
    t = {'x': x}
    prev = x
    outs = conv_bn(prev, name=name + '_b1', filters=64, kh=1, kw=1)
    t['b1'] = outs
    prev = outs[0]
    outs = conv_bn(t['x'], name=_names(name + '_conv_bn'), filters=48, kh=1, kw=1)
    prev = outs[0]
    outs = conv_bn(prev, name=name + '_b5', filters=64, kh=5, kw=5)
    t['b5'] = outs
    prev = outs[0]
    outs = conv_bn(t['x'], name=_names(name + '_conv_bn'), filters=64, kh=1, kw=1)
    prev = outs[0]
    outs = conv_bn(prev, name=_names(name + '_conv_bn'), filters=96, kh=3, kw=3)
    prev = outs[0]
    outs = conv_bn(prev, name=name + '_b3', filters=96, kh=3, kw=3)
    t['b3'] = outs
    prev = outs[0]
    prev = layers.AveragePooling2D(pool_size=3, strides=1, padding='same')(t['x'])
    outs = conv_bn(prev, name=name + '_bp', filters=pool_features, kh=1, kw=1)
    t['bp'] = outs
    prev = outs[0]
    prev = layers.Concatenate(axis=3, name=name)([t['b1'][0], t['b5'][0], t['b3'][0], t['bp'][0]])
    outs = (prev,)
    return outs


def inception_b(x, name):
    """Block 'inception_b' of the spec; returns its outputs."""
    t = {'x': x}
    prev = x
    outs = conv_bn(prev, name=name + '_b3', filters=384, kh=3, kw=3, strides=2, padding='valid')
    t['b3'] = outs
    prev = outs[0]
    outs = conv_bn(t['x'], name=_names(name + '_conv_bn'), filters=64, kh=1, kw=1)
    prev = outs[0]
    outs = conv_bn(prev, name=_names(name + '_conv_bn'), filters=96, kh=3, kw=3)
    prev = outs[0]
    outs = conv_bn(prev, name=name + '_b3d', filters=96, kh=3, kw=3, strides=2, padding='valid')
    t['b3d'] = outs
    prev = outs[0]
    outs = max_pool(t['x'], name=name + '_bp')
    t['bp'] = outs
    prev = outs[0]
    prev = layers.Concatenate(axis=3, name=name)([t['b3'][0], t['b3d'][0], t['bp'][0]])
    outs = (prev,)
    return outs


def max_pool(x, name):
    """Block 'max_pool' of the spec; returns its outputs."""
    prev = x
    prev = layers.MaxPooling2D(pool_size=3, strides=2)(prev)
    outs = (prev,)
    return outs


def inception_c(x, name, *, c7):
    """Block 'inception_c' of the spec; returns its outputs."""
    t = {'x': x}
    prev = x
    outs = conv_bn(prev, name=name + '_b1', filters=192, kh=1, kw=1)
    t['b1'] = outs
    prev = outs[0]
    outs = conv_bn(t['x'], name=_names(name + '_conv_bn'), filters=c7, kh=1, kw=1)
    prev = outs[0]
    outs = conv_bn(prev, name=_names(name + '_conv_bn'), filters=c7, kh=1, kw=7)
    prev = outs[0]
    outs = conv_bn(prev, name=name + '_b7', filters=192, kh=7, kw=1)
    t['b7'] = outs
    prev = outs[0]
    outs = conv_bn(t['x'], name=_names(name + '_conv_bn'), filters=c7, kh=1, kw=1)
    prev = outs[0]
    outs = conv_bn(prev, name=_names(name + '_conv_bn'), filters=c7, kh=7, kw=1)
    prev = outs[0]
    outs = conv_bn(prev, name=_names(name + '_conv_bn'), filters=c7, kh=1, kw=7)
    prev = outs[0]
    outs = conv_bn(prev, name=_names(name + '_conv_bn'), filters=c7, kh=7, kw=1)
    prev = outs[0]
    outs = conv_bn(prev, name=name + '_b7d', filters=192, kh=1, kw=7)
    t['b7d'] = outs
    prev = outs[0]
    prev = layers.AveragePooling2D(pool_size=3, strides=1, padding='same')(t['x'])
    outs = conv_bn(prev, name=name + '_bp', filters=192, kh=1, kw=1)
    t['bp'] = outs
    prev = outs[0]
    prev = layers.Concatenate(axis=3, name=name)([t['b1'][0], t['b7'][0], t['b7d'][0], t['bp'][0]])
    outs = (prev,)
    return outs


def inception_d(x, name):
    """Block 'inception_d' of the spec; returns its outputs."""
    t = {'x': x}
    prev = x
    outs = conv_bn(prev, name=_names(name + '_conv_bn'), filters=192, kh=1, kw=1)
    prev = outs[0]
    outs = conv_bn(prev, name=name + '_b3', filters=320, kh=3, kw=3, strides=2, padding='valid')
    t['b3'] = outs
    prev = outs[0]
    outs = conv_bn(t['x'], name=_names(name + '_conv_bn'), filters=192, kh=1, kw=1)
    prev = outs[0]
    outs = conv_bn(prev, name=_names(name + '_conv_bn'), filters=192, kh=1, kw=7)
    prev = outs[0]
    outs = conv_bn(prev, name=_names(name + '_conv_bn'), filters=192, kh=7, kw=1)
    prev = outs[0]
    outs = conv_bn(prev, name=name + '_b7', filters=192, kh=3, kw=3, strides=2, padding='valid')
    t['b7'] = outs
    prev = outs[0]
    outs = max_pool(t['x'], name=name + '_bp')
    t['bp'] = outs
    prev = outs[0]
    prev = layers.Concatenate(axis=3, name=name)([t['b3'][0], t['b7'][0], t['bp'][0]])
    outs = (prev,)
    return outs


def inception_e(x, name, *, k):
    """Block 'inception_e' of the spec; returns its outputs."""
    t = {'x': x}
    prev = x
    outs = conv_bn(prev, name=name + '_b1', filters=320, kh=1, kw=1)
    t['b1'] = outs
    prev = outs[0]
    outs = conv_bn(t['x'], name=name + '_b3', filters=384, kh=1, kw=1)
    t['b3'] = outs
    prev = outs[0]
    outs = conv_bn(t['b3'][0], name=name + '_b3_1', filters=384, kh=1, kw=3)
    t['b3_1'] = outs
    prev = outs[0]
    outs = conv_bn(t['b3'][0], name=name + '_b3_2', filters=384, kh=3, kw=1)
    t['b3_2'] = outs
    prev = outs[0]
    prev = t['mixed9_' + _text(k)] = layers.Concatenate(axis=3, name='mixed9_' + _text(k))([t['b3_1'][0], t['b3_2'][0]])
    outs = conv_bn(t['x'], name=_names(name + '_conv_bn'), filters=448, kh=1, kw=1)
    prev = outs[0]
    outs = conv_bn(prev, name=name + '_b3d', filters=384, kh=3, kw=3)
    t['b3d'] = outs
    prev = outs[0]
    outs = conv_bn(t['b3d'][0], name=name + '_b3d_1', filters=384, kh=1, kw=3)
    t['b3d_1'] = outs
    prev = outs[0]
    outs = conv_bn(t['b3d'][0], name=name + '_b3d_2', filters=384, kh=3, kw=1)
    t['b3d_2'] = outs
    prev = outs[0]
    outs = concat(t['b3d_1'][0], t['b3d_2'][0], name=name + '_b3dc')
    t['b3dc'] = outs
    prev = outs[0]
    prev = layers.AveragePooling2D(pool_size=3, strides=1, padding='same')(t['x'])
    outs = conv_bn(prev, name=name + '_bp', filters=192, kh=1, kw=1)
    t['bp'] = outs
    prev = outs[0]
    prev = t[name] = layers.Concatenate(axis=3, name=name)([t['b1'][0], t['mixed9_' + _text(k)], t['b3dc'][0], t['bp'][0]])
    outs = (prev,)
    return outs


def build_model():
    """The model, with these variables."""
    _names.counts.clear()
    t = {}
    t['input_layer'] = keras.Input(shape=tuple([299, 299, 3]), name='input_layer')
    prev = t['input_layer']
    outs = conv_bn(prev, name=_names('conv_bn'), filters=32, kh=3, kw=3, strides=2, padding='valid')
    prev = outs[0]
    outs = conv_bn(prev, name=_names('conv_bn'), filters=32, kh=3, kw=3, padding='valid')
    prev = outs[0]
    outs = conv_bn(prev, name=_names('conv_bn'), filters=64, kh=3, kw=3)
    prev = outs[0]
    prev = layers.MaxPooling2D(pool_size=3, strides=2)(prev)
    outs = conv_bn(prev, name=_names('conv_bn'), filters=80, kh=1, kw=1, padding='valid')
    prev = outs[0]
    outs = conv_bn(prev, name=_names('conv_bn'), filters=192, kh=3, kw=3, padding='valid')
    prev = outs[0]
    prev = layers.MaxPooling2D(pool_size=3, strides=2)(prev)
    outs = inception_a(prev, name='mixed0', pool_features=32)
    prev = outs[0]
    for i in range(2):
        outs = inception_a(prev, name='mixed' + str(i + 1), pool_features=64)
        prev = outs[0]
    outs = inception_b(prev, name='mixed3')
    prev = outs[0]
    outs = inception_c(prev, name='mixed4', c7=128)
    prev = outs[0]
    for i in range(2):
        outs = inception_c(prev, name='mixed' + str(i + 5), c7=160)
        prev = outs[0]
    outs = inception_c(prev, name='mixed7', c7=192)
    prev = outs[0]
    outs = inception_d(prev, name='mixed8')
    prev = outs[0]
    for k in range(2):
        outs = inception_e(prev, name='mixed' + str(k + 9), k=k)
        prev = outs[0]
    prev = layers.GlobalAveragePooling2D(name='avg_pool')(prev)
    prev = layers.Dense(units=1000, activation='softmax', name='predictions')(prev)
    outs = (prev,)
    return keras.Model(inputs=[t['input_layer']], outputs=list(outs) if len(outs) > 1 else outs[0], name='inception_v3')


if __name__ == "__main__":
    build_model().summary()

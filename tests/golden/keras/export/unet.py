"""unet: a Keras 3 model exported by archcalc 0.1.0.

build_model(**variables) returns the model; running this file builds it and
prints model.summary(), which is archcalc's table for the spec."""
# spec: specs/zoo/unet.yaml

import keras
from keras import layers


class _Names:
    """Names of unnamed block instances: the block's, counted per block (as archcalc)."""

    def __init__(self):
        self.counts = {}

    def __call__(self, key):
        n = self.counts.get(key, 0)
        self.counts[key] = n + 1
        return key if n == 0 else key + "_" + str(n)


_names = _Names()


def double_conv(x, name, *, filters):
    """Block 'double_conv' of the spec; returns its outputs."""
    prev = x
    prev = layers.Conv2D(filters=filters, kernel_size=3, padding='same', activation='relu')(prev)
    prev = layers.Conv2D(filters=filters, kernel_size=3, padding='same', activation='relu')(prev)
    outs = (prev,)
    return outs


def down(x, name, *, filters):
    """Block 'down' of the spec; returns its outputs."""
    t = {'x': x}
    prev = x
    outs = double_conv(prev, name=name + '_features', filters=filters)
    t['features'] = outs
    prev = outs[0]
    prev = t['pooled'] = layers.MaxPooling2D()(prev)
    return t['pooled'], t['features'][0]


def up(x, skip, name, *, filters):
    """Block 'up' of the spec; returns its outputs."""
    t = {'x': x, 'skip': skip}
    prev = x
    prev = t['upsampled'] = layers.Conv2DTranspose(filters=filters, kernel_size=2, strides=2, padding='same')(prev)
    prev = layers.Concatenate()([t['upsampled'], t['skip']])
    outs = double_conv(prev, name=_names(name + '_double_conv'), filters=filters)
    prev = outs[0]
    return outs


def build_model(*, width=16):
    """The model, with these variables."""
    _names.counts.clear()
    t = {}
    t['input_layer'] = keras.Input(shape=tuple([128, 128, 3]), name='input_layer')
    prev = t['input_layer']
    outs = down(t['input_layer'], name='down1', filters=width)
    t['down1'] = outs
    prev = outs[0]
    outs = down(prev, name='down2', filters=2 * width)
    t['down2'] = outs
    prev = outs[0]
    outs = double_conv(prev, name='bottom', filters=4 * width)
    t['bottom'] = outs
    prev = outs[0]
    outs = up(t['bottom'][0], t['down2'][1], name='up2', filters=2 * width)
    t['up2'] = outs
    prev = outs[0]
    outs = up(t['up2'][0], t['down1'][1], name=_names('up'), filters=width)
    prev = outs[0]
    prev = layers.Conv2D(filters=1, kernel_size=1, activation='sigmoid')(prev)
    outs = (prev,)
    return keras.Model(inputs=[t['input_layer']], outputs=list(outs) if len(outs) > 1 else outs[0], name='unet')


if __name__ == "__main__":
    build_model().summary()

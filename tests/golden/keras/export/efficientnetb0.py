"""efficientnetb0: a Keras 3 model exported by archcalc 0.1.0.

build_model(**variables) returns the model; running this file builds it and
prints model.summary(), which is archcalc's table for the spec."""
# spec: specs/zoo/efficientnetb0.yaml

import keras
from keras import layers


#: a variable or parameter whose default is computed from the others
_COMPUTED = object()


def mbconv(x, name, *, b, kernel=3, filters_in, filters_out, stride=1, expand_ratio=6, conv_init, drop_connect_rate, blocks):
    """Block 'mbconv' of the spec; returns its outputs."""
    t = {'x': x}
    prev = x
    if expand_ratio != 1:
        prev = t['expand_conv'] = layers.Conv2D(filters=filters_in * expand_ratio, kernel_size=1, padding='same', use_bias=False, kernel_initializer=conv_init, name=name + '_expand_conv')(prev)
    if expand_ratio != 1:
        prev = t['expand_bn'] = layers.BatchNormalization(axis=3, name=name + '_expand_bn')(prev)
    if expand_ratio != 1:
        prev = t['expand_activation'] = layers.Activation(activation='silu', name=name + '_expand_activation')(prev)
    if stride == 2:
        prev = t['dwconv_pad'] = layers.ZeroPadding2D(padding=[[(kernel // 2) - 1, kernel // 2], [(kernel // 2) - 1, kernel // 2]], name=name + '_dwconv_pad')(prev)
    prev = t['dwconv'] = layers.DepthwiseConv2D(kernel_size=kernel, strides=stride, padding='same' if (stride == 1) else 'valid', use_bias=False, depthwise_initializer=conv_init, name=name + '_dwconv')(prev)
    prev = t['bn'] = layers.BatchNormalization(axis=3, name=name + '_bn')(prev)
    prev = t['activation'] = layers.Activation(activation='silu', name=name + '_activation')(prev)
    prev = t['se_squeeze'] = layers.GlobalAveragePooling2D(name=name + '_se_squeeze')(prev)
    prev = t['se_reshape'] = layers.Reshape(target_shape=[1, 1, filters_in * expand_ratio], name=name + '_se_reshape')(prev)
    prev = t['se_reduce'] = layers.Conv2D(filters=max(1, (filters_in // 4)), kernel_size=1, padding='same', activation='silu', kernel_initializer=conv_init, name=name + '_se_reduce')(prev)
    prev = t['se_expand'] = layers.Conv2D(filters=filters_in * expand_ratio, kernel_size=1, padding='same', activation='sigmoid', kernel_initializer=conv_init, name=name + '_se_expand')(prev)
    prev = t['se_excite'] = layers.Multiply(name=name + '_se_excite')([t['activation'], t['se_expand']])
    prev = t['project_conv'] = layers.Conv2D(filters=filters_out, kernel_size=1, padding='same', use_bias=False, kernel_initializer=conv_init, name=name + '_project_conv')(prev)
    prev = t['project_bn'] = layers.BatchNormalization(axis=3, name=name + '_project_bn')(prev)
    outs = (prev,)
    if ((stride == 1) and (filters_in == filters_out)) and (b > 0):
        prev = t['drop'] = layers.Dropout(rate=(drop_connect_rate * b) / blocks, noise_shape=[None, 1, 1, 1], name=name + '_drop')(prev)
        outs = (prev,)
    if (stride == 1) and (filters_in == filters_out):
        prev = t['add'] = layers.Add(name=name + '_add')([t['drop' if (b > 0) else 'project_bn'], t['x']])
        outs = (prev,)
    return outs


def build_model(*, conv_init=_COMPUTED, drop_connect_rate=0.2, blocks=16):
    """The model, with these variables."""
    if conv_init is _COMPUTED:
        conv_init = {'class_name': 'VarianceScaling', 'config': {'scale': 2.0, 'mode': 'fan_out'}}
    t = {}
    t['input_layer'] = keras.Input(shape=tuple([224, 224, 3]), name='input_layer')
    prev = t['input_layer']
    prev = layers.Rescaling(scale=0.00392156862745098)(t['input_layer'])
    prev = layers.Normalization(axis=3)(prev)
    prev = layers.ZeroPadding2D(padding=[[0, 1], [0, 1]], name='stem_conv_pad')(prev)
    prev = layers.Conv2D(filters=32, kernel_size=3, strides=2, use_bias=False, kernel_initializer=conv_init, name='stem_conv')(prev)
    prev = layers.BatchNormalization(axis=3, name='stem_bn')(prev)
    prev = layers.Activation(activation='silu', name='stem_activation')(prev)
    outs = mbconv(prev, name='block1a', b=0, filters_in=32, filters_out=16, expand_ratio=1, conv_init=conv_init, drop_connect_rate=drop_connect_rate, blocks=blocks)
    prev = outs[0]
    outs = mbconv(prev, name='block2a', b=1, filters_in=16, filters_out=24, stride=2, conv_init=conv_init, drop_connect_rate=drop_connect_rate, blocks=blocks)
    prev = outs[0]
    outs = mbconv(prev, name='block2b', b=2, filters_in=24, filters_out=24, conv_init=conv_init, drop_connect_rate=drop_connect_rate, blocks=blocks)
    prev = outs[0]
    outs = mbconv(prev, name='block3a', b=3, kernel=5, filters_in=24, filters_out=40, stride=2, conv_init=conv_init, drop_connect_rate=drop_connect_rate, blocks=blocks)
    prev = outs[0]
    outs = mbconv(prev, name='block3b', b=4, kernel=5, filters_in=40, filters_out=40, conv_init=conv_init, drop_connect_rate=drop_connect_rate, blocks=blocks)
    prev = outs[0]
    outs = mbconv(prev, name='block4a', b=5, filters_in=40, filters_out=80, stride=2, conv_init=conv_init, drop_connect_rate=drop_connect_rate, blocks=blocks)
    prev = outs[0]
    outs = mbconv(prev, name='block4b', b=6, filters_in=80, filters_out=80, conv_init=conv_init, drop_connect_rate=drop_connect_rate, blocks=blocks)
    prev = outs[0]
    outs = mbconv(prev, name='block4c', b=7, filters_in=80, filters_out=80, conv_init=conv_init, drop_connect_rate=drop_connect_rate, blocks=blocks)
    prev = outs[0]
    outs = mbconv(prev, name='block5a', b=8, kernel=5, filters_in=80, filters_out=112, conv_init=conv_init, drop_connect_rate=drop_connect_rate, blocks=blocks)
    prev = outs[0]
    outs = mbconv(prev, name='block5b', b=9, kernel=5, filters_in=112, filters_out=112, conv_init=conv_init, drop_connect_rate=drop_connect_rate, blocks=blocks)
    prev = outs[0]
    outs = mbconv(prev, name='block5c', b=10, kernel=5, filters_in=112, filters_out=112, conv_init=conv_init, drop_connect_rate=drop_connect_rate, blocks=blocks)
    prev = outs[0]
    outs = mbconv(prev, name='block6a', b=11, kernel=5, filters_in=112, filters_out=192, stride=2, conv_init=conv_init, drop_connect_rate=drop_connect_rate, blocks=blocks)
    prev = outs[0]
    outs = mbconv(prev, name='block6b', b=12, kernel=5, filters_in=192, filters_out=192, conv_init=conv_init, drop_connect_rate=drop_connect_rate, blocks=blocks)
    prev = outs[0]
    outs = mbconv(prev, name='block6c', b=13, kernel=5, filters_in=192, filters_out=192, conv_init=conv_init, drop_connect_rate=drop_connect_rate, blocks=blocks)
    prev = outs[0]
    outs = mbconv(prev, name='block6d', b=14, kernel=5, filters_in=192, filters_out=192, conv_init=conv_init, drop_connect_rate=drop_connect_rate, blocks=blocks)
    prev = outs[0]
    outs = mbconv(prev, name='block7a', b=15, filters_in=192, filters_out=320, conv_init=conv_init, drop_connect_rate=drop_connect_rate, blocks=blocks)
    prev = outs[0]
    prev = layers.Conv2D(filters=1280, kernel_size=1, padding='same', use_bias=False, kernel_initializer=conv_init, name='top_conv')(prev)
    prev = layers.BatchNormalization(axis=3, name='top_bn')(prev)
    prev = layers.Activation(activation='silu', name='top_activation')(prev)
    prev = layers.GlobalAveragePooling2D(name='avg_pool')(prev)
    prev = layers.Dropout(rate=0.2, name='top_dropout')(prev)
    prev = layers.Dense(units=1000, activation='softmax', kernel_initializer={'class_name': 'VarianceScaling', 'config': {'scale': 0.3333333333333333, 'mode': 'fan_out', 'distribution': 'uniform'}}, name='predictions')(prev)
    outs = (prev,)
    return keras.Model(inputs=[t['input_layer']], outputs=list(outs) if len(outs) > 1 else outs[0], name='efficientnetb0')


if __name__ == "__main__":
    build_model().summary()

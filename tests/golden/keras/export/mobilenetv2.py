"""mobilenetv2_1.00_224: a Keras 3 model exported by archcalc 0.1.0.

build_model(**variables) returns the model; running this file builds it and
prints model.summary(), which is archcalc's table for the spec."""
# spec: specs/zoo/mobilenetv2.yaml

import keras
from keras import layers


def _text(value):
    """A value inside a name, as archcalc writes it: true, false, null, 3, 0.5."""
    return "true" if value is True else "false" if value is False else "null" if value is None else str(value)


def inverted_res(x, name, *, filters, in_channels, stride=1, expansion=6):
    """Block 'inverted_res' of the spec; returns its outputs."""
    t = {'x': x}
    prev = x
    if expansion != 1:
        prev = layers.Conv2D(filters=expansion * in_channels, kernel_size=1, padding='same', use_bias=False, name=name + '_expand')(prev)
    if expansion != 1:
        prev = layers.BatchNormalization(momentum=0.999, name=name + '_expand_BN')(prev)
    if expansion != 1:
        prev = layers.ReLU(max_value=6.0, name=name + '_expand_relu')(prev)
    if stride == 2:
        prev = layers.ZeroPadding2D(padding=[[0, 1], [0, 1]], name=name + '_pad')(prev)
    prev = layers.DepthwiseConv2D(kernel_size=3, strides=stride, use_bias=False, padding='same' if (stride == 1) else 'valid', name=name + '_depthwise')(prev)
    prev = layers.BatchNormalization(momentum=0.999, name=name + '_depthwise_BN')(prev)
    prev = layers.ReLU(max_value=6.0, name=name + '_depthwise_relu')(prev)
    prev = layers.Conv2D(filters=filters, kernel_size=1, padding='same', use_bias=False, name=name + '_project')(prev)
    prev = t['project_BN'] = layers.BatchNormalization(momentum=0.999, name=name + '_project_BN')(prev)
    outs = (prev,)
    if (in_channels == filters) and (stride == 1):
        prev = layers.Add(name=name + '_add')([t['x'], t['project_BN']])
        outs = (prev,)
    return outs


def stage(x, name, *, filters, in_channels, n, first, stride=1):
    """Block 'stage' of the spec; returns its outputs."""
    prev = x
    outs = inverted_res(prev, name='block_' + _text(first), filters=filters, in_channels=in_channels, stride=stride)
    prev = outs[0]
    for i in range(n - 1):
        outs = inverted_res(prev, name='block_' + _text((first + 1) + i), filters=filters, in_channels=filters)
        prev = outs[0]
    return outs


def build_model():
    """The model, with these variables."""
    t = {}
    t['input_layer'] = keras.Input(shape=tuple([224, 224, 3]), name='input_layer')
    prev = t['input_layer']
    prev = layers.Conv2D(filters=32, kernel_size=3, strides=2, padding='same', use_bias=False, name='Conv1')(t['input_layer'])
    prev = layers.BatchNormalization(momentum=0.999, name='bn_Conv1')(prev)
    prev = layers.ReLU(max_value=6.0, name='Conv1_relu')(prev)
    outs = inverted_res(prev, name='expanded_conv', filters=16, in_channels=32, expansion=1)
    prev = outs[0]
    outs = stage(prev, name='stage2', filters=24, in_channels=16, n=2, first=1, stride=2)
    prev = outs[0]
    outs = stage(prev, name='stage3', filters=32, in_channels=24, n=3, first=3, stride=2)
    prev = outs[0]
    outs = stage(prev, name='stage4', filters=64, in_channels=32, n=4, first=6, stride=2)
    prev = outs[0]
    outs = stage(prev, name='stage5', filters=96, in_channels=64, n=3, first=10)
    prev = outs[0]
    outs = stage(prev, name='stage6', filters=160, in_channels=96, n=3, first=13, stride=2)
    prev = outs[0]
    outs = inverted_res(prev, name='block_16', filters=320, in_channels=160)
    prev = outs[0]
    prev = layers.Conv2D(filters=1280, kernel_size=1, use_bias=False, name='Conv_1')(prev)
    prev = layers.BatchNormalization(momentum=0.999, name='Conv_1_bn')(prev)
    prev = layers.ReLU(max_value=6.0, name='out_relu')(prev)
    prev = layers.GlobalAveragePooling2D()(prev)
    prev = layers.Dense(units=1000, activation='softmax', name='predictions')(prev)
    outs = (prev,)
    return keras.Model(inputs=[t['input_layer']], outputs=list(outs) if len(outs) > 1 else outs[0], name='mobilenetv2_1.00_224')


if __name__ == "__main__":
    build_model().summary()

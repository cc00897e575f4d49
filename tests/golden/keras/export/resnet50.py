"""resnet50: a Keras 3 model exported by archcalc 0.1.0.

build_model(**variables) returns the model; running this file builds it and
prints model.summary(), which is archcalc's table for the spec."""
# spec: specs/zoo/resnet50.yaml

import keras
from keras import layers


def bottleneck(x, name, *, filters, stride=1, conv_shortcut=True):
    """Block 'bottleneck' of the spec; returns its outputs."""
    t = {'x': x}
    prev = x
    if conv_shortcut:
        prev = layers.Conv2D(filters=4 * filters, kernel_size=1, strides=stride, name=name + '_0_conv')(prev)
    if conv_shortcut:
        prev = t['0_bn'] = layers.BatchNormalization(axis=3, epsilon=1.001e-05, name=name + '_0_bn')(prev)
    prev = layers.Conv2D(filters=filters, kernel_size=1, strides=stride, name=name + '_1_conv')(t['x'])
    prev = layers.BatchNormalization(axis=3, epsilon=1.001e-05, name=name + '_1_bn')(prev)
    prev = layers.Activation(activation='relu', name=name + '_1_relu')(prev)
    prev = layers.Conv2D(filters=filters, kernel_size=3, padding='same', name=name + '_2_conv')(prev)
    prev = layers.BatchNormalization(axis=3, epsilon=1.001e-05, name=name + '_2_bn')(prev)
    prev = layers.Activation(activation='relu', name=name + '_2_relu')(prev)
    prev = layers.Conv2D(filters=4 * filters, kernel_size=1, name=name + '_3_conv')(prev)
    prev = t['3_bn'] = layers.BatchNormalization(axis=3, epsilon=1.001e-05, name=name + '_3_bn')(prev)
    if conv_shortcut:
        prev = layers.Add(name=name + '_add')([t['0_bn'], t['3_bn']])
    if not conv_shortcut:
        prev = layers.Add(name=name + '_add')([t['x'], t['3_bn']])
    prev = layers.Activation(activation='relu', name=name + '_out')(prev)
    outs = (prev,)
    return outs


def stack(x, name, *, filters, blocks, stride1=2):
    """Block 'stack' of the spec; returns its outputs."""
    prev = x
    outs = bottleneck(prev, name=name + '_block1', filters=filters, stride=stride1)
    prev = outs[0]
    for i in range(blocks - 1):
        outs = bottleneck(prev, name=name + '_block' + str(i + 2), filters=filters, conv_shortcut=False)
        prev = outs[0]
    return outs


def build_model(*, classes=1000):
    """The model, with these variables."""
    t = {}
    t['input_layer'] = keras.Input(shape=tuple([224, 224, 3]), name='input_layer')
    prev = t['input_layer']
    prev = layers.ZeroPadding2D(padding=3, name='conv1_pad')(t['input_layer'])
    prev = layers.Conv2D(filters=64, kernel_size=7, strides=2, name='conv1_conv')(prev)
    prev = layers.BatchNormalization(axis=3, epsilon=1.001e-05, name='conv1_bn')(prev)
    prev = layers.Activation(activation='relu', name='conv1_relu')(prev)
    prev = layers.ZeroPadding2D(name='pool1_pad')(prev)
    prev = layers.MaxPooling2D(pool_size=3, strides=2, name='pool1_pool')(prev)
    outs = stack(prev, name='conv2', filters=64, blocks=3, stride1=1)
    prev = outs[0]
    outs = stack(prev, name='conv3', filters=128, blocks=4)
    prev = outs[0]
    outs = stack(prev, name='conv4', filters=256, blocks=6)
    prev = outs[0]
    outs = stack(prev, name='conv5', filters=512, blocks=3)
    prev = outs[0]
    prev = layers.GlobalAveragePooling2D(name='avg_pool')(prev)
    prev = layers.Dense(units=classes, activation='softmax', name='predictions')(prev)
    outs = (prev,)
    return keras.Model(inputs=[t['input_layer']], outputs=list(outs) if len(outs) > 1 else outs[0], name='resnet50')


if __name__ == "__main__":
    build_model().summary()

"""densenet121: a Keras 3 model exported by archcalc 0.1.0.

build_model(**variables) returns the model; running this file builds it and
prints model.summary(), which is archcalc's table for the spec."""
# spec: specs/zoo/densenet121.yaml

import keras
from keras import layers


def conv_block(x, name, *, growth_rate):
    """Block 'conv_block' of the spec; returns its outputs."""
    t = {'x': x}
    prev = x
    prev = layers.BatchNormalization(axis=3, epsilon=1.001e-05, name=name + '_0_bn')(prev)
    prev = layers.Activation(activation='relu', name=name + '_0_relu')(prev)
    prev = layers.Conv2D(filters=4 * growth_rate, kernel_size=1, use_bias=False, name=name + '_1_conv')(prev)
    prev = layers.BatchNormalization(axis=3, epsilon=1.001e-05, name=name + '_1_bn')(prev)
    prev = layers.Activation(activation='relu', name=name + '_1_relu')(prev)
    prev = t['2_conv'] = layers.Conv2D(filters=growth_rate, kernel_size=3, padding='same', use_bias=False, name=name + '_2_conv')(prev)
    prev = layers.Concatenate(axis=3, name=name + '_concat')([t['x'], t['2_conv']])
    outs = (prev,)
    return outs


def dense_block(x, name, *, blocks, growth_rate):
    """Block 'dense_block' of the spec; returns its outputs."""
    prev = x
    outs = (prev,)
    for i in range(blocks):
        outs = conv_block(prev, name=name + '_block' + str(i + 1), growth_rate=growth_rate)
        prev = outs[0]
    return outs


def transition(x, name, *, filters):
    """Block 'transition' of the spec; returns its outputs."""
    prev = x
    prev = layers.BatchNormalization(axis=3, epsilon=1.001e-05, name=name + '_bn')(prev)
    prev = layers.Activation(activation='relu', name=name + '_relu')(prev)
    prev = layers.Conv2D(filters=filters, kernel_size=1, use_bias=False, name=name + '_conv')(prev)
    prev = layers.AveragePooling2D(pool_size=2, name=name + '_pool')(prev)
    outs = (prev,)
    return outs


def build_model(*, growth_rate=32):
    """The model, with these variables."""
    t = {}
    t['input_layer'] = keras.Input(shape=tuple([224, 224, 3]), name='input_layer')
    prev = t['input_layer']
    prev = layers.ZeroPadding2D(padding=3)(t['input_layer'])
    prev = layers.Conv2D(filters=64, kernel_size=7, strides=2, use_bias=False, name='conv1_conv')(prev)
    prev = layers.BatchNormalization(axis=3, epsilon=1.001e-05, name='conv1_bn')(prev)
    prev = layers.Activation(activation='relu', name='conv1_relu')(prev)
    prev = layers.ZeroPadding2D()(prev)
    prev = layers.MaxPooling2D(pool_size=3, strides=2, name='pool1')(prev)
    outs = dense_block(prev, name='conv2', blocks=6, growth_rate=growth_rate)
    prev = outs[0]
    outs = transition(prev, name='pool2', filters=(64 + (6 * growth_rate)) // 2)
    prev = outs[0]
    outs = dense_block(prev, name='conv3', blocks=12, growth_rate=growth_rate)
    prev = outs[0]
    outs = transition(prev, name='pool3', filters=(128 + (12 * growth_rate)) // 2)
    prev = outs[0]
    outs = dense_block(prev, name='conv4', blocks=24, growth_rate=growth_rate)
    prev = outs[0]
    outs = transition(prev, name='pool4', filters=(256 + (24 * growth_rate)) // 2)
    prev = outs[0]
    outs = dense_block(prev, name='conv5', blocks=16, growth_rate=growth_rate)
    prev = outs[0]
    prev = layers.BatchNormalization(axis=3, epsilon=1.001e-05, name='bn')(prev)
    prev = layers.Activation(activation='relu', name='relu')(prev)
    prev = layers.GlobalAveragePooling2D(name='avg_pool')(prev)
    prev = layers.Dense(units=1000, activation='softmax', name='predictions')(prev)
    outs = (prev,)
    return keras.Model(inputs=[t['input_layer']], outputs=list(outs) if len(outs) > 1 else outs[0], name='densenet121')


if __name__ == "__main__":
    build_model().summary()

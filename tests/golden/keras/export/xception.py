"""xception: a Keras 3 model exported by archcalc 0.1.0.

build_model(**variables) returns the model; running this file builds it and
prints model.summary(), which is archcalc's table for the spec."""
# spec: specs/zoo/xception.yaml

import keras
from keras import layers


def projection(x, name, *, filters):
    """Block 'projection' of the spec; returns its outputs."""
    prev = x
    prev = layers.Conv2D(filters=filters, kernel_size=1, strides=2, padding='same', use_bias=False)(prev)
    prev = layers.BatchNormalization()(prev)
    outs = (prev,)
    return outs


def downsample(x, name, *, f1, f2, first_relu=True):
    """Block 'downsample' of the spec; returns its outputs."""
    t = {'x': x}
    prev = x
    outs = projection(prev, name=name + '_res', filters=f2)
    t['res'] = outs
    prev = outs[0]
    if first_relu:
        prev = t['sepconv1_act'] = layers.Activation(activation='relu', name=name + '_sepconv1_act')(t['x'])
    prev = t['sepconv1'] = layers.SeparableConv2D(filters=f1, kernel_size=3, padding='same', use_bias=False, name=name + '_sepconv1')(t['sepconv1_act' if first_relu else 'x'])
    prev = t['sepconv1_bn'] = layers.BatchNormalization(name=name + '_sepconv1_bn')(prev)
    prev = t['sepconv2_act'] = layers.Activation(activation='relu', name=name + '_sepconv2_act')(prev)
    prev = t['sepconv2'] = layers.SeparableConv2D(filters=f2, kernel_size=3, padding='same', use_bias=False, name=name + '_sepconv2')(prev)
    prev = t['sepconv2_bn'] = layers.BatchNormalization(name=name + '_sepconv2_bn')(prev)
    prev = t['pool'] = layers.MaxPooling2D(pool_size=3, strides=2, padding='same', name=name + '_pool')(prev)
    prev = layers.Add()([t['pool'], t['res'][0]])
    outs = (prev,)
    return outs


def middle(x, name):
    """Block 'middle' of the spec; returns its outputs."""
    t = {'x': x}
    prev = x
    prev = layers.Activation(activation='relu', name=name + '_sepconv1_act')(prev)
    prev = layers.SeparableConv2D(filters=728, kernel_size=3, padding='same', use_bias=False, name=name + '_sepconv1')(prev)
    prev = layers.BatchNormalization(name=name + '_sepconv1_bn')(prev)
    prev = layers.Activation(activation='relu', name=name + '_sepconv2_act')(prev)
    prev = layers.SeparableConv2D(filters=728, kernel_size=3, padding='same', use_bias=False, name=name + '_sepconv2')(prev)
    prev = layers.BatchNormalization(name=name + '_sepconv2_bn')(prev)
    prev = layers.Activation(activation='relu', name=name + '_sepconv3_act')(prev)
    prev = layers.SeparableConv2D(filters=728, kernel_size=3, padding='same', use_bias=False, name=name + '_sepconv3')(prev)
    prev = t['sepconv3_bn'] = layers.BatchNormalization(name=name + '_sepconv3_bn')(prev)
    prev = layers.Add()([t['sepconv3_bn'], t['x']])
    outs = (prev,)
    return outs


def build_model():
    """The model, with these variables."""
    t = {}
    t['input_layer'] = keras.Input(shape=tuple([299, 299, 3]), name='input_layer')
    prev = t['input_layer']
    prev = layers.Conv2D(filters=32, kernel_size=3, strides=2, use_bias=False, name='block1_conv1')(t['input_layer'])
    prev = layers.BatchNormalization(name='block1_conv1_bn')(prev)
    prev = layers.Activation(activation='relu', name='block1_conv1_act')(prev)
    prev = layers.Conv2D(filters=64, kernel_size=3, use_bias=False, name='block1_conv2')(prev)
    prev = layers.BatchNormalization(name='block1_conv2_bn')(prev)
    prev = layers.Activation(activation='relu', name='block1_conv2_act')(prev)
    outs = downsample(prev, name='block2', f1=128, f2=128, first_relu=False)
    prev = outs[0]
    outs = downsample(prev, name='block3', f1=256, f2=256)
    prev = outs[0]
    outs = downsample(prev, name='block4', f1=728, f2=728)
    prev = outs[0]
    for i in range(8):
        outs = middle(prev, name='block' + str(i + 5))
        prev = outs[0]
    outs = downsample(prev, name='block13', f1=728, f2=1024)
    prev = outs[0]
    prev = layers.SeparableConv2D(filters=1536, kernel_size=3, padding='same', use_bias=False, name='block14_sepconv1')(prev)
    prev = layers.BatchNormalization(name='block14_sepconv1_bn')(prev)
    prev = layers.Activation(activation='relu', name='block14_sepconv1_act')(prev)
    prev = layers.SeparableConv2D(filters=2048, kernel_size=3, padding='same', use_bias=False, name='block14_sepconv2')(prev)
    prev = layers.BatchNormalization(name='block14_sepconv2_bn')(prev)
    prev = layers.Activation(activation='relu', name='block14_sepconv2_act')(prev)
    prev = layers.GlobalAveragePooling2D(name='avg_pool')(prev)
    prev = layers.Dense(units=1000, activation='softmax', name='predictions')(prev)
    outs = (prev,)
    return keras.Model(inputs=[t['input_layer']], outputs=list(outs) if len(outs) > 1 else outs[0], name='xception')


if __name__ == "__main__":
    build_model().summary()

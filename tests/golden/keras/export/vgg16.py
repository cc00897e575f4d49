"""vgg16: a Keras 3 model exported by archcalc 0.1.0.

build_model(**variables) returns the model; running this file builds it and
prints model.summary(), which is archcalc's table for the spec."""
# spec: specs/zoo/vgg16.yaml

import keras
from keras import layers


def build_model():
    """The model, with these variables."""
    t = {}
    t['input_layer'] = keras.Input(shape=tuple([224, 224, 3]), name='input_layer')
    prev = t['input_layer']
    prev = layers.Conv2D(filters=64, kernel_size=3, padding='same', activation='relu', name='block1_conv1')(t['input_layer'])
    prev = layers.Conv2D(filters=64, kernel_size=3, padding='same', activation='relu', name='block1_conv2')(prev)
    prev = layers.MaxPooling2D(name='block1_pool')(prev)
    prev = layers.Conv2D(filters=128, kernel_size=3, padding='same', activation='relu', name='block2_conv1')(prev)
    prev = layers.Conv2D(filters=128, kernel_size=3, padding='same', activation='relu', name='block2_conv2')(prev)
    prev = layers.MaxPooling2D(name='block2_pool')(prev)
    prev = layers.Conv2D(filters=256, kernel_size=3, padding='same', activation='relu', name='block3_conv1')(prev)
    prev = layers.Conv2D(filters=256, kernel_size=3, padding='same', activation='relu', name='block3_conv2')(prev)
    prev = layers.Conv2D(filters=256, kernel_size=3, padding='same', activation='relu', name='block3_conv3')(prev)
    prev = layers.MaxPooling2D(name='block3_pool')(prev)
    prev = layers.Conv2D(filters=512, kernel_size=3, padding='same', activation='relu', name='block4_conv1')(prev)
    prev = layers.Conv2D(filters=512, kernel_size=3, padding='same', activation='relu', name='block4_conv2')(prev)
    prev = layers.Conv2D(filters=512, kernel_size=3, padding='same', activation='relu', name='block4_conv3')(prev)
    prev = layers.MaxPooling2D(name='block4_pool')(prev)
    prev = layers.Conv2D(filters=512, kernel_size=3, padding='same', activation='relu', name='block5_conv1')(prev)
    prev = layers.Conv2D(filters=512, kernel_size=3, padding='same', activation='relu', name='block5_conv2')(prev)
    prev = layers.Conv2D(filters=512, kernel_size=3, padding='same', activation='relu', name='block5_conv3')(prev)
    prev = layers.MaxPooling2D(name='block5_pool')(prev)
    prev = layers.Flatten()(prev)
    prev = layers.Dense(units=4096, activation='relu', name='fc1')(prev)
    prev = layers.Dense(units=4096, activation='relu', name='fc2')(prev)
    prev = layers.Dense(units=1000, activation='softmax', name='predictions')(prev)
    outs = (prev,)
    return keras.Model(inputs=[t['input_layer']], outputs=list(outs) if len(outs) > 1 else outs[0], name='vgg16')


if __name__ == "__main__":
    build_model().summary()

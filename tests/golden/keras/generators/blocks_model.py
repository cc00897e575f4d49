"""Keras reference for tests/catalog/blocks.yaml (catalog-a): summary at COLUMNS=200 and 80."""
import sys
import keras
from keras import layers as L

def build():
    keras.utils.clear_session()
    image = keras.Input((64, 64, 3), name="image")
    x = L.Rescaling(0.00784313725490196, offset=-1, name="scale")(image)
    x = L.ZeroPadding2D(((0, 1), (0, 1)), name="pad")(x)
    x = L.Conv2D(16, 3, strides=2, use_bias=False, name="stem")(x)
    x = L.BatchNormalization(epsilon=1e-3, momentum=0.999, name="stem_bn")(x)
    stem = L.ReLU(max_value=6, name="stem_relu")(x)
    x = L.DepthwiseConv2D(3, padding="same", use_bias=False, name="dw")(stem)
    x = L.BatchNormalization(name="dw_bn")(x)
    x = L.ReLU(max_value=6, name="dw_relu")(x)
    x = L.Conv2D(16, 1, use_bias=False, name="project")(x)
    x = L.BatchNormalization(name="project_bn")(x)
    x = L.Add(name="add")([x, stem])
    x = L.Conv2DTranspose(8, 2, strides=2, padding="same", name="up")(x)
    x = L.SeparableConv2D(8, 3, depth_multiplier=2, name="sep")(x)
    x = L.GroupNormalization(groups=4, name="gn")(x)
    skip = L.Cropping2D(((1, 1), (1, 1)), name="crop")(x)
    y = L.UpSampling2D(2, name="upsample")(L.MaxPooling2D(2, name="pool")(skip))
    x = L.Concatenate(name="merge")([skip, y])
    x = L.SpatialDropout2D(0.1, name="spdrop")(x)
    x = L.LayerNormalization(axis=[1, 2, 3], name="ln")(x)
    x = L.GlobalAveragePooling2D(keepdims=True, name="gap")(x)
    x = L.Reshape((16,), name="flat")(x)
    x = L.Dropout(0.2, name="drop")(x)
    x = L.Dense(10, name="logits")(x)
    x = L.PReLU(name="prelu")(x)
    out = L.Softmax(name="probs")(x)
    model = keras.Model(image, out, name="catalog_blocks")
    model.get_layer("stem_bn").trainable = False
    return model

model = build()
model.summary(line_length=int(sys.argv[1]) if len(sys.argv) > 1 else None, print_fn=print)

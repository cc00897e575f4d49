# keras.io: https://keras.io/examples/generative/pixelcnn/
# source: keras-team/keras-io examples/generative/pixelcnn.py @ 097b5cb490cf584bbde311f6519e9143645d2e84
#         (header: Date created 2020/05/17 per keras.io; tf.keras revision). input_shape (28, 28, 1),
#         n_residual_blocks 5. Port: self.conv.kernel.get_shape() -> self.conv.kernel.shape (Keras 3 variables
#         have no get_shape()).
META = {
    "path": "examples/generative/pixelcnn.py",
    "url": "https://keras.io/examples/generative/pixelcnn/",
    "commit": "097b5cb490cf584bbde311f6519e9143645d2e84",
    "last_modified": "2020/05/17",
    "venv": "kvenv",
    "desc": "PixelCNN on binarised MNIST: custom PixelConvLayer (masked Conv2D held as a sub-layer, type A 7x7 then type B 1x1), 5 custom ResidualBlock layers (ReLU, Conv2D 1x1, PixelConvLayer B 3x3, Conv2D 1x1, layers.add inside call), Conv2D(1, sigmoid)",
    "exercises": ["custom layer wrapping a Conv2D built in build()", "custom residual block layer", "custom layers with **kwargs forwarded to Conv2D"],
}


def build(keras):
    import numpy as np
    from keras import layers

    input_shape = (28, 28, 1)
    n_residual_blocks = 5

    class PixelConvLayer(layers.Layer):
        def __init__(self, mask_type, **kwargs):
            super(PixelConvLayer, self).__init__()
            self.mask_type = mask_type
            self.conv = layers.Conv2D(**kwargs)

        def build(self, input_shape):
            self.conv.build(input_shape)
            kernel_shape = self.conv.kernel.shape  # example: self.conv.kernel.get_shape()
            self.mask = np.zeros(shape=kernel_shape)
            self.mask[: kernel_shape[0] // 2, ...] = 1.0
            self.mask[kernel_shape[0] // 2, : kernel_shape[1] // 2, ...] = 1.0
            if self.mask_type == "B":
                self.mask[kernel_shape[0] // 2, kernel_shape[1] // 2, ...] = 1.0

        def call(self, inputs):
            self.conv.kernel.assign(self.conv.kernel * self.mask)
            return self.conv(inputs)

    class ResidualBlock(keras.layers.Layer):
        def __init__(self, filters, **kwargs):
            super(ResidualBlock, self).__init__(**kwargs)
            self.a = keras.layers.ReLU()
            self.b = keras.layers.Conv2D(filters=filters, kernel_size=1, activation="relu")
            self.c = PixelConvLayer(mask_type="B", filters=filters // 2, kernel_size=3, activation="relu", padding="same")
            self.d = keras.layers.Conv2D(filters=filters, kernel_size=1, activation="relu")

        def call(self, inputs):
            x = self.a(inputs)
            x = self.b(x)
            x = self.c(x)
            x = self.d(x)
            return keras.layers.add([inputs, x])

    inputs = keras.Input(shape=input_shape)
    x = PixelConvLayer(mask_type="A", filters=128, kernel_size=7, padding="same", activation="relu")(inputs)
    for _ in range(n_residual_blocks):
        x = ResidualBlock(filters=128)(x)
    for _ in range(2):
        x = PixelConvLayer(mask_type="B", filters=128, kernel_size=1, strides=1, activation="relu", padding="valid")(x)
    out = keras.layers.Conv2D(filters=1, kernel_size=1, strides=1, activation="sigmoid", padding="valid")(x)
    pixel_cnn = keras.Model(inputs, out)
    adam = keras.optimizers.Adam(learning_rate=0.0001)
    pixel_cnn.compile(optimizer=adam, loss="binary_crossentropy")
    return pixel_cnn

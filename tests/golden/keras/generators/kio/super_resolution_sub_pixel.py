# keras.io: https://keras.io/examples/vision/super_resolution_sub_pixel/
# source: keras-team/keras-io examples/vision/super_resolution_sub_pixel.py, Keras 3 revision as rendered in
#         examples/vision/md/super_resolution_sub_pixel.md (header: Date created 2020/07/28; Keras 3 conversion
#         with a DepthToSpace custom layer; keras.io's printed summary: 59,657 params). The stored .py revision
#         0b85c58c7aa720d11d4e7b90c12185202ea4b03b is the older tf.nn.depth_to_space one.
META = {
    "path": "examples/vision/super_resolution_sub_pixel.py",
    "url": "https://keras.io/examples/vision/super_resolution_sub_pixel/",
    "commit": "md rendering (Keras 3 revision); .py 0b85c58c7aa720d11d4e7b90c12185202ea4b03b is the tf.keras one",
    "last_modified": "Keras 3 revision (2023/11)",
    "venv": "kvenv",
    "desc": "ESPCN: Input(None, None, 1) -> Conv2D 64/64/32/9 (orthogonal init) -> custom DepthToSpace(3) sub-pixel layer",
    "exercises": ["custom layer DepthToSpace (ops.reshape/transpose)", "fully dynamic spatial dims (None, None, None, 1)"],
}


def build(keras):
    from keras import layers, ops

    class DepthToSpace(layers.Layer):
        def __init__(self, block_size):
            super().__init__()
            self.block_size = block_size

        def call(self, input):
            batch, height, width, depth = ops.shape(input)
            depth = depth // (self.block_size**2)

            x = ops.reshape(input, [batch, height, width, self.block_size, self.block_size, depth])
            x = ops.transpose(x, [0, 1, 3, 2, 4, 5])
            x = ops.reshape(x, [batch, height * self.block_size, width * self.block_size, depth])
            return x

    def get_model(upscale_factor=3, channels=1):
        conv_args = {
            "activation": "relu",
            "kernel_initializer": "orthogonal",
            "padding": "same",
        }
        inputs = keras.Input(shape=(None, None, channels))
        x = layers.Conv2D(64, 5, **conv_args)(inputs)
        x = layers.Conv2D(64, 3, **conv_args)(x)
        x = layers.Conv2D(32, 3, **conv_args)(x)
        x = layers.Conv2D(channels * (upscale_factor**2), 3, **conv_args)(x)
        outputs = DepthToSpace(upscale_factor)(x)
        return keras.Model(inputs, outputs)

    upscale_factor = 3
    return get_model(upscale_factor=upscale_factor, channels=1)

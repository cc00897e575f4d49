# keras.io: https://keras.io/examples/audio/melgan_spectrogram_inversion/
# source: keras-team/keras-io examples/audio/melgan_spectrogram_inversion.py @ 03f8c02173b3a350fd81d55ffdd9fe41fbabd969
#         (header: Date created 2021/02/09 per keras.io; this revision: Keras 3 with tf.signal / tf.nn.conv1d inside
#          custom layers, so it is built with the tensorflow backend)
# Deviation: WeightNormalization gets a get_config() (see the class); as written the example's models cannot be
# saved or serialised (NotImplementedError from get_config).
META = {
    "path": "examples/audio/melgan_spectrogram_inversion.py",
    "url": "https://keras.io/examples/audio/melgan_spectrogram_inversion/",
    "commit": "03f8c02173b3a350fd81d55ffdd9fe41fbabd969",
    "last_modified": "2021/02/09 (Keras 3 revision)",
    "venv": "hubvenv",
    "backend": "tensorflow",
    "desc": "MelGAN generator on raw audio (None,1): custom MelSpec layer (tf.signal.stft + mel matrix) -> Conv1D(512,7) -> 4 upsampling blocks of custom WeightNormalization(Conv1DTranspose / dilated Conv1D) wrappers with residual Adds and LeakyReLU -> WeightNormalization(Conv1D(1, tanh))",
    "exercises": ["custom wrapper layer holding another layer (WeightNormalization)", "custom spectrogram layer (MelSpec)", "Conv1DTranspose", "LeakyReLU", "dynamic time axis"],
}
PART = "generator"


def build(keras):
    import tensorflow as tf
    from keras import layers, ops

    class MelSpec(layers.Layer):
        def __init__(self, frame_length=1024, frame_step=256, fft_length=None, sampling_rate=22050,
                     num_mel_channels=80, freq_min=125, freq_max=7600, **kwargs):
            super().__init__(**kwargs)
            self.frame_length = frame_length
            self.frame_step = frame_step
            self.fft_length = fft_length
            self.sampling_rate = sampling_rate
            self.num_mel_channels = num_mel_channels
            self.freq_min = freq_min
            self.freq_max = freq_max
            self.mel_filterbank = tf.signal.linear_to_mel_weight_matrix(
                num_mel_bins=self.num_mel_channels,
                num_spectrogram_bins=self.frame_length // 2 + 1,
                sample_rate=self.sampling_rate,
                lower_edge_hertz=self.freq_min,
                upper_edge_hertz=self.freq_max,
            )

        def call(self, audio, training=True):
            if training:
                stft = tf.signal.stft(ops.squeeze(audio, -1), self.frame_length, self.frame_step, self.fft_length, pad_end=True)
                magnitude = ops.abs(stft)
                mel = ops.matmul(ops.square(magnitude), self.mel_filterbank)
                log_mel_spec = 10.0 * ops.log(ops.maximum(mel, 1e-6)) / ops.log(10.0)
                log_mel_spec = 10.0 * ops.log(ops.maximum(mel, 1e-6)) / ops.log(10.0)
                log_mel_spec = ops.maximum(log_mel_spec, ops.amax(log_mel_spec) - 80.0)
                return log_mel_spec
            else:
                return audio

        def get_config(self):
            config = super().get_config()
            config.update({
                "frame_length": self.frame_length, "frame_step": self.frame_step, "fft_length": self.fft_length,
                "sampling_rate": self.sampling_rate, "num_mel_channels": self.num_mel_channels,
                "freq_min": self.freq_min, "freq_max": self.freq_max,
            })
            return config

    class WeightNormalization(layers.Layer):
        def __init__(self, layer, **kwargs):
            super().__init__(**kwargs)
            self.layer = layer

        def build(self, input_shape):
            self.layer.build(input_shape)
            self.v = self.layer.kernel
            self.g = self.add_weight(name="wn_scale", shape=(self.v.shape[-1],), initializer="ones", trainable=True)
            super().build(input_shape)

        def call(self, inputs):
            kernel = self.layer.kernel
            norm_axes = tuple(range(len(kernel.shape) - 1))
            norm = ops.sqrt(ops.sum(ops.square(kernel), axis=norm_axes, keepdims=True))
            w = kernel * (self.g / (norm + 1e-6))
            return tf.nn.conv1d(inputs, w, stride=self.layer.strides[0], padding=self.layer.padding.upper(),
                                dilations=self.layer.dilation_rate)

        def compute_output_shape(self, input_shape):
            return self.layer.compute_output_shape(input_shape)

        # ADDED (not in the example): without it Keras cannot serialise the model at all
        # ("WeightNormalization was created by passing non-serializable argument values"), i.e. the
        # example's model can be neither saved nor converted to JSON. Serialised like keras.layers.Wrapper.
        def get_config(self):
            config = super().get_config()
            config["layer"] = keras.saving.serialize_keras_object(self.layer)
            return config

    def wn_conv(filters, kernel_size=3, dilation_rate=1):
        return WeightNormalization(layers.Conv1D(filters, kernel_size=kernel_size, dilation_rate=dilation_rate,
                                                 padding="same", use_bias=False, kernel_initializer="he_normal"))

    def residual_stack(input, filters):
        input_proj = WeightNormalization(
            layers.Conv1D(filters, 1, padding="same", use_bias=False, kernel_initializer="he_normal")
        )(input)
        c1 = wn_conv(filters)(input)
        lrelu1 = layers.LeakyReLU()(c1)
        c2 = wn_conv(filters)(lrelu1)
        add1 = layers.Add()([c2, input_proj])
        lrelu2 = layers.LeakyReLU()(add1)
        c3 = wn_conv(filters)(lrelu2)
        lrelu3 = layers.LeakyReLU()(c3)
        c4 = wn_conv(filters)(lrelu3)
        add2 = layers.Add()([c4, add1])
        lrelu4 = layers.LeakyReLU()(add2)
        c5 = wn_conv(filters)(lrelu4)
        lrelu5 = layers.LeakyReLU()(c5)
        c6 = wn_conv(filters)(lrelu5)
        add3 = layers.Add()([c6, add2])
        return add3

    def conv_block(input, conv_dim, upsampling_factor):
        conv_t = WeightNormalization(
            layers.Conv1DTranspose(filters=conv_dim, kernel_size=16, strides=upsampling_factor, padding="same",
                                   use_bias=False, kernel_initializer="he_normal")
        )(input)
        lrelu1 = layers.LeakyReLU()(conv_t)
        res_stack = residual_stack(lrelu1, conv_dim)
        lrelu2 = layers.LeakyReLU()(res_stack)
        return lrelu2

    def discriminator_block(input):
        conv1 = WeightNormalization(layers.Conv1D(16, 15, 1, "same", use_bias=False, kernel_initializer="he_normal"))(input)
        lrelu1 = layers.LeakyReLU()(conv1)
        conv2 = WeightNormalization(layers.Conv1D(64, 41, 4, "same", groups=4, use_bias=False, kernel_initializer="he_normal"))(lrelu1)
        lrelu2 = layers.LeakyReLU()(conv2)
        conv3 = WeightNormalization(layers.Conv1D(256, 41, 4, "same", groups=16, use_bias=False, kernel_initializer="he_normal"))(lrelu2)
        lrelu3 = layers.LeakyReLU()(conv3)
        conv4 = WeightNormalization(layers.Conv1D(1024, 41, 4, "same", groups=64, use_bias=False, kernel_initializer="he_normal"))(lrelu3)
        lrelu4 = layers.LeakyReLU()(conv4)
        conv5 = WeightNormalization(layers.Conv1D(1024, 41, 4, "same", groups=256, use_bias=False, kernel_initializer="he_normal"))(lrelu4)
        lrelu5 = layers.LeakyReLU()(conv5)
        conv6 = WeightNormalization(layers.Conv1D(1024, 5, 1, "same", use_bias=False, kernel_initializer="he_normal"))(lrelu5)
        lrelu6 = layers.LeakyReLU()(conv6)
        conv7 = WeightNormalization(layers.Conv1D(1, 3, 1, "same", use_bias=False, kernel_initializer="he_normal"))(lrelu6)
        return [lrelu1, lrelu2, lrelu3, lrelu4, lrelu5, lrelu6, conv7]

    def create_generator(input_shape):
        inp = keras.Input(input_shape)
        x = MelSpec()(inp)
        x = layers.Conv1D(512, 7, padding="same")(x)
        x = layers.LeakyReLU()(x)
        x = conv_block(x, 256, 8)
        x = conv_block(x, 128, 8)
        x = conv_block(x, 64, 2)
        x = conv_block(x, 32, 2)
        x = WeightNormalization(layers.Conv1D(1, 7, padding="same", activation="tanh", use_bias=False))(x)
        return keras.Model(inp, x)

    def create_discriminator(input_shape):
        inp = keras.Input(input_shape)
        out_map1 = discriminator_block(inp)
        pool1 = layers.AveragePooling1D(pool_size=4, padding="same")(inp)
        out_map2 = discriminator_block(pool1)
        pool2 = layers.AveragePooling1D(pool_size=2, padding="same")(pool1)
        out_map3 = discriminator_block(pool2)
        return keras.Model(inp, [out_map1, out_map2, out_map3])

    if PART == "generator":
        return create_generator((None, 1))
    return create_discriminator((None, 1))

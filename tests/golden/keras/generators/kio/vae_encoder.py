# keras.io: https://keras.io/examples/generative/vae/
# source: keras-team/keras-io examples/generative/vae.py @ cca4efba8e0b8514ae3817931696294039b3bfc9
#         (header: Date created 2020/05/03, Last modified 2020/05/03). The stored revision is the tf.keras one;
#         the Sampling layer is written as in the Keras 3 revision on keras.io (keras.random.normal with a
#         SeedGenerator(1337), keras.ops instead of tf.*). Architecture and hyperparameters are identical.
# The example's VAE(keras.Model) wrapper (custom train_step) takes the two functional models as arguments
# and is never built functionally, so the encoder and decoder are recorded separately.
META = {
    "path": "examples/generative/vae.py",
    "url": "https://keras.io/examples/generative/vae/",
    "commit": "cca4efba8e0b8514ae3817931696294039b3bfc9",
    "last_modified": "2020/05/03 (Keras 3 port of Sampling per keras.io)",
    "venv": "kvenv",
    "desc": "VAE encoder (28,28,1): Conv2D x2, Flatten, Dense(16), z_mean / z_log_var Dense(2), custom Sampling layer on [z_mean, z_log_var]; 3 outputs",
    "exercises": ["custom layer Sampling (list input, keras.random + SeedGenerator)", "3 outputs", "named model"],
}
PART = "encoder"


def build(keras):
    from keras import layers, ops

    class Sampling(layers.Layer):
        """Uses (z_mean, z_log_var) to sample z, the vector encoding a digit."""

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.seed_generator = keras.random.SeedGenerator(1337)

        def call(self, inputs):
            z_mean, z_log_var = inputs
            batch = ops.shape(z_mean)[0]
            dim = ops.shape(z_mean)[1]
            epsilon = keras.random.normal(shape=(batch, dim), seed=self.seed_generator)
            return z_mean + ops.exp(0.5 * z_log_var) * epsilon

    latent_dim = 2
    if PART == "encoder":
        encoder_inputs = keras.Input(shape=(28, 28, 1))
        x = layers.Conv2D(32, 3, activation="relu", strides=2, padding="same")(encoder_inputs)
        x = layers.Conv2D(64, 3, activation="relu", strides=2, padding="same")(x)
        x = layers.Flatten()(x)
        x = layers.Dense(16, activation="relu")(x)
        z_mean = layers.Dense(latent_dim, name="z_mean")(x)
        z_log_var = layers.Dense(latent_dim, name="z_log_var")(x)
        z = Sampling()([z_mean, z_log_var])
        encoder = keras.Model(encoder_inputs, [z_mean, z_log_var, z], name="encoder")
        return encoder

    latent_inputs = keras.Input(shape=(latent_dim,))
    x = layers.Dense(7 * 7 * 64, activation="relu")(latent_inputs)
    x = layers.Reshape((7, 7, 64))(x)
    x = layers.Conv2DTranspose(64, 3, activation="relu", strides=2, padding="same")(x)
    x = layers.Conv2DTranspose(32, 3, activation="relu", strides=2, padding="same")(x)
    decoder_outputs = layers.Conv2DTranspose(1, 3, activation="sigmoid", padding="same")(x)
    decoder = keras.Model(latent_inputs, decoder_outputs, name="decoder")
    return decoder

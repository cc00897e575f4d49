# keras.io: https://keras.io/examples/generative/dcgan_overriding_train_step/
# source: keras-team/keras-io examples/generative/dcgan_overriding_train_step.py @ 0d5f327814b51b9f3efe59bc6845756f630eb9b6
#         (header: Date created 2019/04/29, Last modified 2020/04/29; MNIST revision, tf.keras imports -> keras 3;
#          LeakyReLU(alpha=...) kept as written: Keras 3 accepts alpha as the deprecated name of negative_slope)
# The GAN(keras.Model) wrapper (custom train_step) takes both Sequential models as constructor arguments and is
# never built, so the discriminator and the generator are recorded.
META = {
    "path": "examples/generative/dcgan_overriding_train_step.py",
    "url": "https://keras.io/examples/generative/dcgan_overriding_train_step/",
    "commit": "0d5f327814b51b9f3efe59bc6845756f630eb9b6",
    "last_modified": "2020/04/29",
    "venv": "kvenv",
    "desc": "GAN generator (Sequential named generator): latent 128 -> Dense(6272) -> LeakyReLU -> Reshape(7,7,128) -> 2x Conv2DTranspose(128,4,stride 2) -> Conv2D(1,7,sigmoid)",
    "exercises": ["Reshape", "Conv2DTranspose", "LeakyReLU"],
}
PART = "generator"


def build(keras):
    from keras import layers

    if PART == "discriminator":
        discriminator = keras.Sequential(
            [
                keras.Input(shape=(28, 28, 1)),
                layers.Conv2D(64, (3, 3), strides=(2, 2), padding="same"),
                layers.LeakyReLU(alpha=0.2),
                layers.Conv2D(128, (3, 3), strides=(2, 2), padding="same"),
                layers.LeakyReLU(alpha=0.2),
                layers.GlobalMaxPooling2D(),
                layers.Dense(1),
            ],
            name="discriminator",
        )
        return discriminator
    latent_dim = 128
    generator = keras.Sequential(
        [
            keras.Input(shape=(latent_dim,)),
            layers.Dense(7 * 7 * 128),
            layers.LeakyReLU(alpha=0.2),
            layers.Reshape((7, 7, 128)),
            layers.Conv2DTranspose(128, (4, 4), strides=(2, 2), padding="same"),
            layers.LeakyReLU(alpha=0.2),
            layers.Conv2DTranspose(128, (4, 4), strides=(2, 2), padding="same"),
            layers.LeakyReLU(alpha=0.2),
            layers.Conv2D(1, (7, 7), padding="same", activation="sigmoid"),
        ],
        name="generator",
    )
    return generator

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
#: the example's code is in kio/dcgan_discriminator.py (the same for each of its models);
#: kio_build.load_module runs it with this PART
CODE = "dcgan_discriminator"

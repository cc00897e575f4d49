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
    "desc": "VAE decoder: Input(2) -> Dense(3136) -> Reshape(7,7,64) -> Conv2DTranspose x3",
    "exercises": ["Reshape", "Conv2DTranspose stride 2 same"],
}
PART = "decoder"
#: the example's code is in kio/vae_encoder.py (the same for each of its models);
#: kio_build.load_module runs it with this PART
CODE = "vae_encoder"

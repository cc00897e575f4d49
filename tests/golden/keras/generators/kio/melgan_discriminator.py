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
    "desc": "MelGAN multi-scale discriminator: Input (None,1), 3 discriminator blocks (on input, AveragePooling1D(4), AveragePooling1D(2)) of grouped strided WeightNormalization(Conv1D) layers; outputs a nested list [[7 maps], [7 maps], [7 maps]] (21 output tensors)",
    "exercises": ["nested list of 21 outputs", "grouped Conv1D (groups up to 256)", "custom WeightNormalization wrapper", "AveragePooling1D padding same"],
}
PART = "discriminator"
#: the example's code is in kio/melgan_generator.py (the same for each of its models);
#: kio_build.load_module runs it with this PART
CODE = "melgan_generator"

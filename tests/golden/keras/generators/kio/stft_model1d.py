# keras.io: https://keras.io/examples/audio/stft/
# source: keras-team/keras-io examples/audio/stft.py @ 311b1919825a3ee1ec1839a9cf311a07f2b56ca5
#         (header: Date created 2024/10/04, Last modified 2025/12/08). SAMPLE_RATE 16000, NUM_CLASSES 10 (ESC-10).
# model2d: keras.applications.MobileNet(include_top=False, pooling="max") uses weights=None here (example: the
# default ImageNet weights; same shapes and counts).
META = {
    "path": "examples/audio/stft.py",
    "url": "https://keras.io/examples/audio/stft/",
    "commit": "311b1919825a3ee1ec1839a9cf311a07f2b56ca5",
    "last_modified": "2025/12/08",
    "venv": "kvenv",
    "desc": "Sequential 1D audio classifier: InputLayer((None,1)), non-trainable STFTSpectrogram(log, 640/240) -> Conv1D stack with LayerNormalization, MaxPooling1D, GlobalMaxPooling1D, Dense head",
    "exercises": ["STFTSpectrogram layer (trainable=False, non-trainable weights)", "Sequential starting with InputLayer", "Conv1D on spectrogram frames"],
}
PART = "1d"


def build(keras):
    from keras import layers

    NUM_CLASSES = 10
    SAMPLE_RATE = 16000
    if PART == "1d":
        model1d = keras.Sequential(
            [
                layers.InputLayer((None, 1)),
                layers.STFTSpectrogram(
                    mode="log",
                    frame_length=SAMPLE_RATE * 40 // 1000,
                    frame_step=SAMPLE_RATE * 15 // 1000,
                    trainable=False,
                ),
                layers.Conv1D(64, 64, activation="relu"),
                layers.Conv1D(128, 16, activation="relu"),
                layers.LayerNormalization(),
                layers.MaxPooling1D(4),
                layers.Conv1D(128, 8, activation="relu"),
                layers.Conv1D(256, 8, activation="relu"),
                layers.Conv1D(512, 4, activation="relu"),
                layers.LayerNormalization(),
                layers.Dropout(0.5),
                layers.GlobalMaxPooling1D(),
                layers.Dense(256, activation="relu"),
                layers.Dense(256, activation="relu"),
                layers.Dropout(0.5),
                layers.Dense(NUM_CLASSES, activation="softmax"),
            ],
            name="model_1d_non_trainble_stft",
        )
        model1d.compile(optimizer=keras.optimizers.Adam(1e-5), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        return model1d

    input = layers.Input((None, 1))
    spectrograms = [
        layers.STFTSpectrogram(
            mode="log",
            frame_length=SAMPLE_RATE * frame_size // 1000,
            frame_step=SAMPLE_RATE * 15 // 1000,
            fft_length=2048,
            padding="same",
            expand_dims=True,
        )(input)
        for frame_size in [30, 40, 50]
    ]
    multi_spectrograms = layers.Concatenate(axis=-1)(spectrograms)
    img_model = keras.applications.MobileNet(include_top=False, pooling="max", weights=None)
    output = img_model(multi_spectrograms)
    output = layers.Dropout(0.5)(output)
    output = layers.Dense(256, activation="relu")(output)
    output = layers.Dense(256, activation="relu")(output)
    output = layers.Dense(NUM_CLASSES, activation="softmax")(output)
    model2d = keras.Model(input, output, name="model_2d_trainble_stft")
    model2d.compile(optimizer=keras.optimizers.Adam(1e-4), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model2d

# keras.io: https://keras.io/examples/audio/speaker_recognition_using_cnn/
# source: keras-team/keras-io examples/audio/speaker_recognition_using_cnn.py @ 3a8622d94d7685d84435388a20316a1544d0af5c
#         (header: Date created 2020/06/14 per keras.io). SAMPLING_RATE 16000 -> input (8000, 1) FFT magnitudes;
#         5 speakers (class_names from the Kaggle speaker-recognition dataset).
META = {
    "path": "examples/audio/speaker_recognition_using_cnn.py",
    "url": "https://keras.io/examples/audio/speaker_recognition_using_cnn/",
    "commit": "3a8622d94d7685d84435388a20316a1544d0af5c",
    "last_modified": "2020/06/14",
    "venv": "kvenv",
    "desc": "Speaker recognition on FFT of audio: Input (8000,1) named 'input', 5 residual Conv1D blocks (shortcut Conv1D 1x1 + Add + MaxPool1D), AveragePooling1D(3), Flatten, Dense 256/128, Dense(5, name='output')",
    "exercises": ["Conv1D residual blocks", "MaxPool1D alias", "AveragePooling1D", "named Input/Output"],
}


def build(keras):
    SAMPLING_RATE = 16000
    class_names = ["Benjamin_Netanyau", "Jens_Stoltenberg", "Julia_Gillard", "Magaret_Tarcher", "Nelson_Mandela"]

    def residual_block(x, filters, conv_num=3, activation="relu"):
        s = keras.layers.Conv1D(filters, 1, padding="same")(x)
        for i in range(conv_num - 1):
            x = keras.layers.Conv1D(filters, 3, padding="same")(x)
            x = keras.layers.Activation(activation)(x)
        x = keras.layers.Conv1D(filters, 3, padding="same")(x)
        x = keras.layers.Add()([x, s])
        x = keras.layers.Activation(activation)(x)
        return keras.layers.MaxPool1D(pool_size=2, strides=2)(x)

    def build_model(input_shape, num_classes):
        inputs = keras.layers.Input(shape=input_shape, name="input")
        x = residual_block(inputs, 16, 2)
        x = residual_block(x, 32, 2)
        x = residual_block(x, 64, 3)
        x = residual_block(x, 128, 3)
        x = residual_block(x, 128, 3)
        x = keras.layers.AveragePooling1D(pool_size=3, strides=3)(x)
        x = keras.layers.Flatten()(x)
        x = keras.layers.Dense(256, activation="relu")(x)
        x = keras.layers.Dense(128, activation="relu")(x)
        outputs = keras.layers.Dense(num_classes, activation="softmax", name="output")(x)
        return keras.models.Model(inputs=inputs, outputs=outputs)

    return build_model((SAMPLING_RATE // 2, 1), len(class_names))

# keras.io: https://keras.io/examples/vision/conv_lstm/
# source: keras-team/keras-io examples/vision/conv_lstm.py @ 0a4be8bbc3ae126f3ca49a0bf173902866ec06f0
#         (header: Date created 2021/06/02 per keras.io). Moving MNIST frames: x_train.shape[2:] = (64, 64, 1).
META = {
    "path": "examples/vision/conv_lstm.py",
    "url": "https://keras.io/examples/vision/conv_lstm/",
    "commit": "0a4be8bbc3ae126f3ca49a0bf173902866ec06f0",
    "last_modified": "2021/06/02",
    "venv": "kvenv",
    "desc": "Next-frame prediction: Input(None, 64, 64, 1) -> 3x ConvLSTM2D(64, return_sequences, relu) with BatchNormalization -> Conv3D(1, 3x3x3, sigmoid)",
    "exercises": ["ConvLSTM2D", "Conv3D", "BatchNormalization on 5D", "dynamic time axis"],
}


def build(keras):
    from keras import layers

    inp = layers.Input(shape=(None, *(64, 64, 1)))
    x = layers.ConvLSTM2D(filters=64, kernel_size=(5, 5), padding="same", return_sequences=True, activation="relu")(inp)
    x = layers.BatchNormalization()(x)
    x = layers.ConvLSTM2D(filters=64, kernel_size=(3, 3), padding="same", return_sequences=True, activation="relu")(x)
    x = layers.BatchNormalization()(x)
    x = layers.ConvLSTM2D(filters=64, kernel_size=(1, 1), padding="same", return_sequences=True, activation="relu")(x)
    x = layers.Conv3D(filters=1, kernel_size=(3, 3, 3), activation="sigmoid", padding="same")(x)
    model = keras.models.Model(inp, x)
    model.compile(loss=keras.losses.binary_crossentropy, optimizer=keras.optimizers.Adam())
    return model

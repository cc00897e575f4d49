# keras.io: https://keras.io/examples/vision/autoencoder/
# source: keras-team/keras-io examples/vision/autoencoder.py @ 28033e1c219da0430c695fdcbee81552b8c5f594
#         (header: Date created 2021/03/01, Last modified 2021/03/01; tf.keras imports -> keras 3)
META = {
    "path": "examples/vision/autoencoder.py",
    "url": "https://keras.io/examples/vision/autoencoder/",
    "commit": "28033e1c219da0430c695fdcbee81552b8c5f594",
    "last_modified": "2021/03/01",
    "venv": "kvenv",
    "desc": "Convolutional denoising autoencoder 28x28x1: Conv2D/MaxPooling2D(same) x2 encoder, Conv2D/UpSampling2D x2 decoder, Conv2D(1, sigmoid)",
    "exercises": ["autoencoder", "MaxPooling2D padding same", "UpSampling2D"],
}


def build(keras):
    from keras.layers import Conv2D, Input, MaxPooling2D, UpSampling2D
    from keras.models import Model

    input = Input(shape=(28, 28, 1))
    x = Conv2D(32, (3, 3), activation="relu", padding="same")(input)
    x = MaxPooling2D((2, 2), padding="same")(x)
    x = Conv2D(32, (3, 3), activation="relu", padding="same")(x)
    x = MaxPooling2D((2, 2), padding="same")(x)
    x = Conv2D(32, (3, 3), activation="relu", padding="same")(x)
    x = UpSampling2D((2, 2))(x)
    x = Conv2D(32, (3, 3), activation="relu", padding="same")(x)
    x = UpSampling2D((2, 2))(x)
    x = Conv2D(1, (3, 3), activation="sigmoid", padding="same")(x)
    autoencoder = Model(input, x)
    autoencoder.compile(optimizer="adam", loss="binary_crossentropy")
    return autoencoder

# keras.io: https://keras.io/examples/timeseries/timeseries_classification_from_scratch/
# source: keras-team/keras-io examples/timeseries/timeseries_classification_from_scratch.py @ 02cfaa2fc681064105deb460bde3a5f5e4e0e817
#         (header: Date created 2020/07/21 per keras.io). FordA: x_train.shape[1:] = (500, 1), 2 classes.
META = {
    "path": "examples/timeseries/timeseries_classification_from_scratch.py",
    "url": "https://keras.io/examples/timeseries/timeseries_classification_from_scratch/",
    "commit": "02cfaa2fc681064105deb460bde3a5f5e4e0e817",
    "last_modified": "2020/07/21",
    "venv": "kvenv",
    "desc": "Fully convolutional network for FordA time series: Input(500,1), 3x [Conv1D(64,3,same), BatchNormalization, ReLU], GAP1D, Dense(2, softmax)",
    "exercises": ["Conv1D", "BatchNormalization non-trainable split", "ReLU layer", "GlobalAveragePooling1D"],
}


def build(keras):
    num_classes = 2
    input_shape = (500, 1)

    def make_model(input_shape):
        input_layer = keras.layers.Input(input_shape)

        conv1 = keras.layers.Conv1D(filters=64, kernel_size=3, padding="same")(input_layer)
        conv1 = keras.layers.BatchNormalization()(conv1)
        conv1 = keras.layers.ReLU()(conv1)

        conv2 = keras.layers.Conv1D(filters=64, kernel_size=3, padding="same")(conv1)
        conv2 = keras.layers.BatchNormalization()(conv2)
        conv2 = keras.layers.ReLU()(conv2)

        conv3 = keras.layers.Conv1D(filters=64, kernel_size=3, padding="same")(conv2)
        conv3 = keras.layers.BatchNormalization()(conv3)
        conv3 = keras.layers.ReLU()(conv3)

        gap = keras.layers.GlobalAveragePooling1D()(conv3)

        output_layer = keras.layers.Dense(num_classes, activation="softmax")(gap)

        return keras.models.Model(inputs=input_layer, outputs=output_layer)

    return make_model(input_shape=input_shape)

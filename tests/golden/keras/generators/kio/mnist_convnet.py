# keras.io: https://keras.io/examples/vision/mnist_convnet/
# source: keras-team/keras-io examples/vision/mnist_convnet.py @ 02cfe8063b505adc073986c91729f22039f77ad0
#         (header: Date created 2015/06/19, Last modified 2020/04/21)
META = {
    "path": "examples/vision/mnist_convnet.py",
    "url": "https://keras.io/examples/vision/mnist_convnet/",
    "commit": "02cfe8063b505adc073986c91729f22039f77ad0",
    "last_modified": "2020/04/21",
    "venv": "kvenv",
    "desc": "Simple MNIST convnet (Sequential with keras.Input)",
    "exercises": ["Sequential", "Conv2D", "MaxPooling2D", "Dropout"],
}


def build(keras):
    from keras import layers

    num_classes = 10
    input_shape = (28, 28, 1)
    model = keras.Sequential(
        [
            keras.Input(shape=input_shape),
            layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
            layers.MaxPooling2D(pool_size=(2, 2)),
            layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
            layers.MaxPooling2D(pool_size=(2, 2)),
            layers.Flatten(),
            layers.Dropout(0.5),
            layers.Dense(num_classes, activation="softmax"),
        ]
    )
    return model

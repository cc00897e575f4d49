# keras.io: https://keras.io/examples/vision/image_classification_from_scratch/
# source: keras-team/keras-io examples/vision/image_classification_from_scratch.py @ b8bb4c0d5068d64290003740c2ef9e703eefa751
#         (header: Last modified 2020/04/28; this revision puts the data_augmentation Sequential
#          (RandomFlip, RandomRotation) INSIDE the model, "option 1"; tf.keras -> keras 3 import only)
META = {
    "path": "examples/vision/image_classification_from_scratch.py",
    "url": "https://keras.io/examples/vision/image_classification_from_scratch/",
    "commit": "b8bb4c0d5068d64290003740c2ef9e703eefa751",
    "last_modified": "2020/04/28",
    "venv": "kvenv",
    "desc": "Same small Xception as image_classification_from_scratch, with a nested data_augmentation Sequential (RandomFlip + RandomRotation) at the front",
    "exercises": ["nested Sequential", "RandomFlip", "RandomRotation", "Rescaling", "SeparableConv2D", "residual add"],
}


def build(keras):
    from keras import layers

    image_size = (180, 180)
    data_augmentation = keras.Sequential(
        [
            layers.RandomFlip("horizontal"),
            layers.RandomRotation(0.1),
        ]
    )

    def make_model(input_shape, num_classes):
        inputs = keras.Input(shape=input_shape)
        # Image augmentation block
        x = data_augmentation(inputs)

        # Entry block
        x = layers.Rescaling(1.0 / 255)(x)
        x = layers.Conv2D(32, 3, strides=2, padding="same")(x)
        x = layers.BatchNormalization()(x)
        x = layers.Activation("relu")(x)

        x = layers.Conv2D(64, 3, padding="same")(x)
        x = layers.BatchNormalization()(x)
        x = layers.Activation("relu")(x)

        previous_block_activation = x  # Set aside residual

        for size in [128, 256, 512, 728]:
            x = layers.Activation("relu")(x)
            x = layers.SeparableConv2D(size, 3, padding="same")(x)
            x = layers.BatchNormalization()(x)

            x = layers.Activation("relu")(x)
            x = layers.SeparableConv2D(size, 3, padding="same")(x)
            x = layers.BatchNormalization()(x)

            x = layers.MaxPooling2D(3, strides=2, padding="same")(x)

            # Project residual
            residual = layers.Conv2D(size, 1, strides=2, padding="same")(previous_block_activation)
            x = layers.add([x, residual])  # Add back residual
            previous_block_activation = x  # Set aside next residual

        x = layers.SeparableConv2D(1024, 3, padding="same")(x)
        x = layers.BatchNormalization()(x)
        x = layers.Activation("relu")(x)

        x = layers.GlobalAveragePooling2D()(x)
        if num_classes == 2:
            activation = "sigmoid"
            units = 1
        else:
            activation = "softmax"
            units = num_classes

        x = layers.Dropout(0.5)(x)
        outputs = layers.Dense(units, activation=activation)(x)
        return keras.Model(inputs, outputs)

    return make_model(input_shape=image_size + (3,), num_classes=2)

# keras.io: https://keras.io/examples/vision/image_classification_from_scratch/
# source: keras-team/keras-io examples/vision/image_classification_from_scratch.py @ 0e918412690b44285f82f699ce19d919fb14cee2
#         (header: Date created 2020/04/27, Last modified 2020/04/28; this revision applies augmentation
#          to the dataset ("option 2") and the model starts with Rescaling)
META = {
    "path": "examples/vision/image_classification_from_scratch.py",
    "url": "https://keras.io/examples/vision/image_classification_from_scratch/",
    "commit": "0e918412690b44285f82f699ce19d919fb14cee2",
    "last_modified": "2020/04/28",
    "venv": "kvenv",
    "desc": "Small Xception-like network for cats vs dogs, 180x180x3, Rescaling at the front, residual SeparableConv2D blocks",
    "exercises": ["Rescaling", "SeparableConv2D", "BatchNormalization", "layers.add residual", "GlobalAveragePooling2D"],
}


def build(keras):
    from keras import layers

    image_size = (180, 180)

    def make_model(input_shape, num_classes):
        inputs = keras.Input(shape=input_shape)

        # Entry block
        x = layers.Rescaling(1.0 / 255)(inputs)
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

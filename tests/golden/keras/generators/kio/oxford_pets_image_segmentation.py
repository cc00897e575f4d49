# keras.io: https://keras.io/examples/vision/oxford_pets_image_segmentation/
# source: keras-team/keras-io examples/vision/oxford_pets_image_segmentation.py @ 0c3c019ffc3f2650b5bfe3c822e0c60a815cf9e8
#         (header: Date created 2019/03/20 per keras.io). img_size (160, 160), num_classes 3.
META = {
    "path": "examples/vision/oxford_pets_image_segmentation.py",
    "url": "https://keras.io/examples/vision/oxford_pets_image_segmentation/",
    "commit": "0c3c019ffc3f2650b5bfe3c822e0c60a815cf9e8",
    "last_modified": "2019/03/20",
    "venv": "kvenv",
    "desc": "U-Net-like Xception segmentation net, 160x160x3 -> 3 classes: SeparableConv2D down blocks with strided residual Conv2D, Conv2DTranspose + UpSampling2D up blocks with upsampled residuals",
    "exercises": ["U-Net / encoder-decoder", "SeparableConv2D", "Conv2DTranspose", "UpSampling2D", "residual layers.add"],
}


def build(keras):
    from keras import layers

    img_size = (160, 160)
    num_classes = 3

    def get_model(img_size, num_classes):
        inputs = keras.Input(shape=img_size + (3,))

        ### [First half of the network: downsampling inputs] ###
        x = layers.Conv2D(32, 3, strides=2, padding="same")(inputs)
        x = layers.BatchNormalization()(x)
        x = layers.Activation("relu")(x)

        previous_block_activation = x  # Set aside residual

        for filters in [64, 128, 256]:
            x = layers.Activation("relu")(x)
            x = layers.SeparableConv2D(filters, 3, padding="same")(x)
            x = layers.BatchNormalization()(x)

            x = layers.Activation("relu")(x)
            x = layers.SeparableConv2D(filters, 3, padding="same")(x)
            x = layers.BatchNormalization()(x)

            x = layers.MaxPooling2D(3, strides=2, padding="same")(x)

            residual = layers.Conv2D(filters, 1, strides=2, padding="same")(previous_block_activation)
            x = layers.add([x, residual])
            previous_block_activation = x

        ### [Second half of the network: upsampling inputs] ###
        for filters in [256, 128, 64, 32]:
            x = layers.Activation("relu")(x)
            x = layers.Conv2DTranspose(filters, 3, padding="same")(x)
            x = layers.BatchNormalization()(x)

            x = layers.Activation("relu")(x)
            x = layers.Conv2DTranspose(filters, 3, padding="same")(x)
            x = layers.BatchNormalization()(x)

            x = layers.UpSampling2D(2)(x)

            residual = layers.UpSampling2D(2)(previous_block_activation)
            residual = layers.Conv2D(filters, 1, padding="same")(residual)
            x = layers.add([x, residual])
            previous_block_activation = x

        outputs = layers.Conv2D(num_classes, 3, activation="softmax", padding="same")(x)
        model = keras.Model(inputs, outputs)
        return model

    return get_model(img_size, num_classes)

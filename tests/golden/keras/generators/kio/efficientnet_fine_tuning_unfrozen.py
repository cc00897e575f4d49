# keras.io: https://keras.io/examples/vision/image_classification_efficientnet_fine_tuning/
# source: keras-team/keras-io examples/vision/image_classification_efficientnet_fine_tuning.py @ 077346840b7255b2934577bb48a56911129ef083
#         (Keras 3 / PyDataset revision; augmentation is applied in the data pipeline in this revision)
# weights="imagenet" -> weights=None (no download; shapes and parameter counts are identical).
# IMG_SIZE 224 (EfficientNetB0), NUM_CLASSES 120 (Stanford Dogs).
META = {
    "path": "examples/vision/image_classification_efficientnet_fine_tuning.py",
    "url": "https://keras.io/examples/vision/image_classification_efficientnet_fine_tuning/",
    "commit": "077346840b7255b2934577bb48a56911129ef083",
    "last_modified": "Keras 3 PyDataset revision",
    "venv": "kvenv",
    "desc": "Same model after the example's second step unfreeze_model(model): last 20 layers trainable again except BatchNormalization",
    "exercises": ["partial unfreeze: per-layer trainable flags", "frozen BatchNormalization among trainable layers"],
}
PART = "unfrozen"


def build(keras):
    from keras import layers
    from keras.applications import EfficientNetB0

    IMG_SIZE = 224
    NUM_CLASSES = 120

    def build_model(num_classes):
        inputs = layers.Input(shape=(IMG_SIZE, IMG_SIZE, 3))
        model = EfficientNetB0(include_top=False, input_tensor=inputs, weights=None)  # example: weights="imagenet"
        # Freeze the pretrained weights
        model.trainable = False
        # Rebuild top
        x = layers.GlobalAveragePooling2D(name="avg_pool")(model.output)
        x = layers.BatchNormalization()(x)
        top_dropout_rate = 0.2
        x = layers.Dropout(top_dropout_rate, name="top_dropout")(x)
        outputs = layers.Dense(num_classes, activation="softmax", name="pred")(x)
        model = keras.Model(inputs, outputs, name="EfficientNet")
        optimizer = keras.optimizers.Adam(learning_rate=1e-2)
        model.compile(optimizer=optimizer, loss="categorical_crossentropy", metrics=["accuracy"])
        return model

    def unfreeze_model(model, layers_to_unfreeze=20, learning_rate=1e-5, loss="categorical_crossentropy", metrics=None):
        if metrics is None:
            metrics = ["accuracy"]
        if isinstance(layers_to_unfreeze, str):
            unfreeze_from = None
            for i, layer in enumerate(model.layers):
                if layers_to_unfreeze in layer.name:
                    unfreeze_from = i
                    break
            if unfreeze_from is None:
                raise ValueError(f"No layer name contains {layers_to_unfreeze!r}.")
            layers_to_process = model.layers[unfreeze_from:]
        elif isinstance(layers_to_unfreeze, int):
            n_layers_to_unfreeze = min(layers_to_unfreeze, len(model.layers))
            layers_to_process = model.layers[-n_layers_to_unfreeze:]
        else:
            raise TypeError("layers_to_unfreeze must be an int or str")
        for layer in layers_to_process:
            if not isinstance(layer, layers.BatchNormalization):
                layer.trainable = True
        optimizer = keras.optimizers.Adam(learning_rate=learning_rate)
        model.compile(optimizer=optimizer, loss=loss, metrics=metrics)
        return model

    model = build_model(num_classes=NUM_CLASSES)
    if PART == "unfrozen":
        model = unfreeze_model(model)
    return model

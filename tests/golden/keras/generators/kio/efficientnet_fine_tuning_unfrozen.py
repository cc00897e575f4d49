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
#: the example's code is in kio/efficientnet_fine_tuning.py (the same for each of its models);
#: kio_build.load_module runs it with this PART
CODE = "efficientnet_fine_tuning"

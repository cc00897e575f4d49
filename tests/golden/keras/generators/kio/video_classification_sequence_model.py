# keras.io: https://keras.io/examples/vision/video_classification/
# source: keras-team/keras-io examples/vision/video_classification.py @ 02aec1b7799f40c3158f8c8214178eab67e0368a
#         (header: Date created 2021/05/28 per keras.io; Keras 3 revision). IMG_SIZE 224, MAX_SEQ_LENGTH 20,
#         NUM_FEATURES 2048; 5 classes (the example's UCF101 subset; it reports 99,909 trainable parameters).
# InceptionV3 weights="imagenet" -> weights=None.
META = {
    "path": "examples/vision/video_classification.py",
    "url": "https://keras.io/examples/vision/video_classification/",
    "commit": "02aec1b7799f40c3158f8c8214178eab67e0368a",
    "last_modified": "2021/05/28 (Keras 3 revision)",
    "venv": "kvenv",
    "desc": "Sequence model: frame features (20, 2048) + bool mask Input (20,) passed as GRU(16, return_sequences)(x, mask=mask_input), GRU(8), Dropout, Dense(8), Dense(5)",
    "exercises": ["explicit mask= argument from an Input", "bool Input", "stacked GRU"],
}
PART = "sequence_model"
#: the example's code is in kio/video_classification_feature_extractor.py (the same for each of its models);
#: kio_build.load_module runs it with this PART
CODE = "video_classification_feature_extractor"

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
    "desc": "Frame feature extractor: Input(224,224,3) -> keras.applications.inception_v3.preprocess_input (x/127.5 - 1 as keras.ops nodes) -> nested InceptionV3(include_top=False, pooling=avg)",
    "exercises": ["keras.applications preprocess_input on a symbolic tensor (ops nodes)", "nested application model"],
}
PART = "feature_extractor"


def build(keras):
    IMG_SIZE = 224
    MAX_SEQ_LENGTH = 20
    NUM_FEATURES = 2048
    class_vocab = ["CricketShot", "PlayingCello", "Punch", "ShavingBeard", "TennisSwing"]

    def build_feature_extractor():
        feature_extractor = keras.applications.InceptionV3(
            weights=None,  # example: "imagenet"
            include_top=False,
            pooling="avg",
            input_shape=(IMG_SIZE, IMG_SIZE, 3),
        )
        preprocess_input = keras.applications.inception_v3.preprocess_input
        inputs = keras.Input((IMG_SIZE, IMG_SIZE, 3))
        preprocessed = preprocess_input(inputs)
        outputs = feature_extractor(preprocessed)
        return keras.Model(inputs, outputs, name="feature_extractor")

    def get_sequence_model():
        frame_features_input = keras.Input((MAX_SEQ_LENGTH, NUM_FEATURES))
        mask_input = keras.Input((MAX_SEQ_LENGTH,), dtype="bool")
        x = keras.layers.GRU(16, return_sequences=True)(frame_features_input, mask=mask_input)
        x = keras.layers.GRU(8)(x)
        x = keras.layers.Dropout(0.4)(x)
        x = keras.layers.Dense(8, activation="relu")(x)
        output = keras.layers.Dense(len(class_vocab), activation="softmax")(x)
        rnn_model = keras.Model([frame_features_input, mask_input], output)
        rnn_model.compile(loss="sparse_categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
        return rnn_model

    if PART == "feature_extractor":
        return build_feature_extractor()
    return get_sequence_model()

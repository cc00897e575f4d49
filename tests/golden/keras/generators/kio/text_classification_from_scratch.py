# keras.io: https://keras.io/examples/nlp/text_classification_from_scratch/
# source: keras-team/keras-io examples/nlp/text_classification_from_scratch.py @ 01ae2db402523e96f804c6fc3b0a59582e6a671e
#         (header: Date created 2019/11/06 per keras.io; Keras 3 revision)
# TextVectorization.adapt() runs on 6 synthetic sentences instead of IMDB (the vocabulary does not change any
# shape or parameter count: max_tokens=20000 and output_sequence_length=500 are fixed).
META = {
    "path": "examples/nlp/text_classification_from_scratch.py",
    "url": "https://keras.io/examples/nlp/text_classification_from_scratch/",
    "commit": "01ae2db402523e96f804c6fc3b0a59582e6a671e",
    "last_modified": "2019/11/06 (Keras 3 revision)",
    "venv": "hubvenv",
    "desc": "IMDB 1D convnet on int sequences: Input((None,), int64), Embedding(20000,128), Dropout, 2x Conv1D(128,7,stride 3), GlobalMaxPooling1D, Dense(128), Dense(1, name=predictions)",
    "exercises": ["Embedding on variable-length ints", "strided Conv1D on None length", "GlobalMaxPooling1D"],
}
PART = "int"


def build(keras):
    import re
    import string

    import tensorflow as tf
    from keras import layers

    max_features = 20000
    embedding_dim = 128
    sequence_length = 500

    def custom_standardization(input_data):
        lowercase = tf.strings.lower(input_data)
        stripped_html = tf.strings.regex_replace(lowercase, "<br />", " ")
        return tf.strings.regex_replace(stripped_html, f"[{re.escape(string.punctuation)}]", "")

    vectorize_layer = keras.layers.TextVectorization(
        standardize=custom_standardization,
        max_tokens=max_features,
        output_mode="int",
        output_sequence_length=sequence_length,
    )
    vectorize_layer.adapt(
        ["this movie was great", "terrible film<br />awful", "i loved it!", "not my taste", "a fine cast", "boring"]
    )

    inputs = keras.Input(shape=(None,), dtype="int64")
    x = layers.Embedding(max_features, embedding_dim)(inputs)
    x = layers.Dropout(0.5)(x)
    x = layers.Conv1D(128, 7, padding="valid", activation="relu", strides=3)(x)
    x = layers.Conv1D(128, 7, padding="valid", activation="relu", strides=3)(x)
    x = layers.GlobalMaxPooling1D()(x)
    x = layers.Dense(128, activation="relu")(x)
    x = layers.Dropout(0.5)(x)
    predictions = layers.Dense(1, activation="sigmoid", name="predictions")(x)
    model = keras.Model(inputs, predictions)
    model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
    if PART == "int":
        return model

    inputs = keras.Input(shape=(1,), dtype="string")
    indices = vectorize_layer(inputs)
    outputs = model(indices)
    end_to_end_model = keras.Model(inputs, outputs)
    end_to_end_model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
    return end_to_end_model

# keras.io: https://keras.io/examples/structured_data/structured_data_classification_with_feature_space/
# source: keras-team/keras-io examples/structured_data/structured_data_classification_with_feature_space.py @ 0ec60e51ab6b0380275a6323209b03f69c53956b
#         (header: Date created 2022/11/09 per keras.io; Keras 3 revision)
# FeatureSpace.adapt() runs on a 40-row synthetic heart.csv-like dataset (same value sets as heart.csv:
# sex 2, cp 5, fbs 2, restecg 3, exang 2, ca 4, thal 5 values) instead of the real CSV.
META = {
    "path": "examples/structured_data/structured_data_classification_with_feature_space.py",
    "url": "https://keras.io/examples/structured_data/structured_data_classification_with_feature_space/",
    "commit": "0ec60e51ab6b0380275a6323209b03f69c53956b",
    "last_modified": "2022/11/09 (Keras 3 revision)",
    "venv": "hubvenv",
    "desc": "End-to-end inference model: dict of 13 raw inputs -> FeatureSpace graph (IntegerLookup/StringLookup one-hot, Discretization, Normalization, HashedCrossing, Concatenate) -> Dense(32)/Dropout/Dense(1)",
    "exercises": ["FeatureSpace preprocessing graph inside the model", "IntegerLookup, StringLookup, Discretization, Normalization, HashedCrossing, CategoryEncoding", "string Input", "dict inputs"],
}
PART = "inference"


def build(keras):
    import numpy as np
    import tensorflow as tf
    from keras.utils import FeatureSpace

    rng = np.random.RandomState(0)
    n = 40
    data = {
        "sex": rng.randint(0, 2, n), "cp": rng.randint(0, 5, n), "fbs": rng.randint(0, 2, n),
        "restecg": rng.randint(0, 3, n), "exang": rng.randint(0, 2, n), "ca": rng.randint(0, 4, n),
        "thal": np.array(["1", "2", "fixed", "normal", "reversible"] * (n // 5)),
        "age": rng.uniform(29, 77, n), "trestbps": rng.uniform(94, 200, n), "chol": rng.uniform(126, 564, n),
        "thalach": rng.uniform(71, 202, n), "oldpeak": rng.uniform(0, 6.2, n), "slope": rng.randint(1, 4, n).astype("float64"),
    }
    train_ds_with_no_labels = tf.data.Dataset.from_tensor_slices(data).batch(32)

    feature_space = FeatureSpace(
        features={
            "sex": FeatureSpace.integer_categorical(num_oov_indices=0),
            "cp": FeatureSpace.integer_categorical(num_oov_indices=0),
            "fbs": FeatureSpace.integer_categorical(num_oov_indices=0),
            "restecg": FeatureSpace.integer_categorical(num_oov_indices=0),
            "exang": FeatureSpace.integer_categorical(num_oov_indices=0),
            "ca": FeatureSpace.integer_categorical(num_oov_indices=0),
            "thal": FeatureSpace.string_categorical(num_oov_indices=0),
            "age": FeatureSpace.float_discretized(num_bins=30),
            "trestbps": FeatureSpace.float_normalized(),
            "chol": FeatureSpace.float_normalized(),
            "thalach": FeatureSpace.float_normalized(),
            "oldpeak": FeatureSpace.float_normalized(),
            "slope": FeatureSpace.float_normalized(),
        },
        crosses=[
            FeatureSpace.cross(feature_names=("sex", "age"), crossing_dim=64),
            FeatureSpace.cross(feature_names=("thal", "ca"), crossing_dim=16),
        ],
        output_mode="concat",
    )
    feature_space.adapt(train_ds_with_no_labels)

    dict_inputs = feature_space.get_inputs()
    encoded_features = feature_space.get_encoded_features()

    x = keras.layers.Dense(32, activation="relu")(encoded_features)
    x = keras.layers.Dropout(0.5)(x)
    predictions = keras.layers.Dense(1, activation="sigmoid")(x)

    training_model = keras.Model(inputs=encoded_features, outputs=predictions)
    training_model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])

    inference_model = keras.Model(inputs=dict_inputs, outputs=predictions)
    return inference_model if PART == "inference" else training_model

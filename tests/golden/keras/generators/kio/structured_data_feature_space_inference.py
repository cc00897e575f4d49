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
#: the example's code is in kio/structured_data_feature_space_training.py (the same for each of its models);
#: kio_build.load_module runs it with this PART
CODE = "structured_data_feature_space_training"

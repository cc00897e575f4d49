# keras.io: https://keras.io/examples/structured_data/structured_data_classification_from_scratch/
# source: keras-team/keras-io examples/structured_data/structured_data_classification_from_scratch.py @ 002c7bbfe68f2f82b7294b712e9784c03a16e960
#         (header: Date created 2020/06/09, Last modified 2020/06/09, "Made backend-agnostic" revision)
# Data replaced: the categorical vocabularies are those of heart.csv (sex 2, cp 5, fbs 2, restecg 3, exang 2,
# ca 4, thal 5 values); each numeric Normalization is adapted on 32 synthetic values.
META = {
    "path": "examples/structured_data/structured_data_classification_from_scratch.py",
    "url": "https://keras.io/examples/structured_data/structured_data_classification_from_scratch/",
    "commit": "002c7bbfe68f2f82b7294b712e9784c03a16e960",
    "last_modified": "2020/06/09 (backend-agnostic revision)",
    "venv": "kvenv",
    "desc": "Heart-disease classifier: dict of 13 inputs; the 6 numeric ones go through Normalization and the NORMALIZED tensors (not the Inputs) are passed as model inputs; custom Classifier layer takes the dict, concatenates, Dense(32)/Dropout/Dense(1)",
    "exercises": ["dict inputs", "model inputs that are not Input tensors (Keras clones the graph)", "Normalization (adapted)", "custom layer taking a dict and calling layers.concatenate inside"],
}


def build(keras):
    import numpy as np
    from keras import layers

    NUMERIC_FEATURE_NAMES = ["age", "trestbps", "thalach", "oldpeak", "slope", "chol"]
    CATEGORICAL_FEATURES_WITH_VOCABULARY = {
        "sex": [0, 1],
        "cp": [0, 1, 2, 3, 4],
        "fbs": [0, 1],
        "restecg": [0, 1, 2],
        "exang": [0, 1],
        "ca": [0, 1, 2, 3],
        "thal": ["1", "2", "fixed", "normal", "reversible"],
    }
    FEATURE_NAMES = NUMERIC_FEATURE_NAMES + list(CATEGORICAL_FEATURES_WITH_VOCABULARY.keys())
    rng = np.random.RandomState(0)

    def encode_numerical_feature(feature, name, dataset):
        normalizer = layers.Normalization()
        feature_ds = rng.normal(size=(32, 1)).astype("float32")  # example: the feature column of train_ds
        normalizer.adapt(feature_ds)
        encoded_feature = normalizer(feature)
        return encoded_feature

    train_ds = None

    def create_model_inputs():
        inputs = {}

        def create_input_helper(feature_name):
            num_categories = len(CATEGORICAL_FEATURES_WITH_VOCABULARY[feature_name])
            inputs[feature_name] = layers.Input(name=feature_name, shape=(num_categories,), dtype="int64")
            return inputs

        for feature_name in FEATURE_NAMES:
            if feature_name in CATEGORICAL_FEATURES_WITH_VOCABULARY:
                create_input_helper(feature_name)
            else:
                feature_input = layers.Input(name=feature_name, shape=(1,), dtype="float32")
                inputs[feature_name] = encode_numerical_feature(feature_input, feature_name, train_ds)
        return inputs

    class Classifier(keras.layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.dense_1 = layers.Dense(32, activation="relu")
            self.dropout = layers.Dropout(0.5)
            self.dense_2 = layers.Dense(1, activation="sigmoid")

        def call(self, inputs):
            all_features = layers.concatenate(list(inputs.values()))
            x = self.dense_1(all_features)
            x = self.dropout(x)
            output = self.dense_2(x)
            return output

        def build(self, input_shape):
            self.built = True

    def create_model():
        all_inputs = create_model_inputs()
        output = Classifier()(all_inputs)
        model = keras.Model(all_inputs, output)
        return model

    model = create_model()
    model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
    return model

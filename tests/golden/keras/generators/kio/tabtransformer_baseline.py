# keras.io: https://keras.io/examples/structured_data/tabtransformer/
# source: keras-team/keras-io examples/structured_data/tabtransformer.py @ 28d2577f440ffcea1ae6a0feea026a4d9efd29d6
#         (header: Date created 2022/01/18 per keras.io; Keras 3 revision: scalar float Inputs, ops.expand_dims/ops.stack)
# Vocabulary sizes are those of the UCI census (adult) training file: workclass 9, education 16, marital_status 7,
# occupation 15, relationship 6, race 5, gender 2, native_country 42 (values replaced by placeholders).
META = {
    "path": "examples/structured_data/tabtransformer.py",
    "url": "https://keras.io/examples/structured_data/tabtransformer/",
    "commit": "28d2577f440ffcea1ae6a0feea026a4d9efd29d6",
    "last_modified": "2022/01/18 (Keras 3 revision)",
    "venv": "kvenv",
    "desc": "TabTransformer example baseline MLP: 13 scalar Inputs, Embeddings + ops.expand_dims, concatenate, 2 nested Sequential feedforward blocks (LayerNorm/Dense gelu/Dropout), nested Sequential MLP (BatchNorm/Dense selu/Dropout), Dense sigmoid. keras.io reports 109,629 trainable weights",
    "exercises": ["scalar Inputs shape ()", "keras.ops expand_dims nodes", "nested Sequential", "layers.concatenate of 3D and 2D?"],
}
PART = "baseline"


def build(keras):
    from functools import partial

    from keras import layers, ops

    NUMERIC_FEATURE_NAMES = ["age", "education_num", "capital_gain", "capital_loss", "hours_per_week"]
    sizes = {"workclass": 9, "education": 16, "marital_status": 7, "occupation": 15, "relationship": 6,
             "race": 5, "gender": 2, "native_country": 42}
    CATEGORICAL_FEATURES_WITH_VOCABULARY = {k: [f"{k}_{i}" for i in range(v)] for k, v in sizes.items()}
    CATEGORICAL_FEATURE_NAMES = list(CATEGORICAL_FEATURES_WITH_VOCABULARY.keys())
    FEATURE_NAMES = NUMERIC_FEATURE_NAMES + CATEGORICAL_FEATURE_NAMES

    DROPOUT_RATE = 0.2
    NUM_TRANSFORMER_BLOCKS = 3
    NUM_HEADS = 4
    EMBEDDING_DIMS = 16
    MLP_HIDDEN_UNITS_FACTORS = [2, 1]
    NUM_MLP_BLOCKS = 2

    def create_model_inputs():
        inputs = {}
        for feature_name in FEATURE_NAMES:
            if feature_name in NUMERIC_FEATURE_NAMES:
                inputs[feature_name] = layers.Input(name=feature_name, shape=(), dtype="float32")
            else:
                inputs[feature_name] = layers.Input(name=feature_name, shape=(), dtype="float32")
        return inputs

    def encode_inputs(inputs, embedding_dims):
        encoded_categorical_feature_list = []
        numerical_feature_list = []
        for feature_name in inputs:
            if feature_name in CATEGORICAL_FEATURE_NAMES:
                vocabulary = CATEGORICAL_FEATURES_WITH_VOCABULARY[feature_name]
                embedding = layers.Embedding(input_dim=len(vocabulary), output_dim=embedding_dims)
                encoded_categorical_feature = embedding(inputs[feature_name])
                encoded_categorical_feature_list.append(encoded_categorical_feature)
            else:
                numerical_feature = ops.expand_dims(inputs[feature_name], -1)
                numerical_feature_list.append(numerical_feature)
        return encoded_categorical_feature_list, numerical_feature_list

    def create_mlp(hidden_units, dropout_rate, activation, normalization_layer, name=None):
        mlp_layers = []
        for units in hidden_units:
            mlp_layers.append(normalization_layer()),
            mlp_layers.append(layers.Dense(units, activation=activation))
            mlp_layers.append(layers.Dropout(dropout_rate))
        return keras.Sequential(mlp_layers, name=name)

    def create_baseline_model(embedding_dims, num_mlp_blocks, mlp_hidden_units_factors, dropout_rate):
        inputs = create_model_inputs()
        encoded_categorical_feature_list, numerical_feature_list = encode_inputs(inputs, embedding_dims)
        features = layers.concatenate(encoded_categorical_feature_list + numerical_feature_list)
        feedforward_units = [features.shape[-1]]
        for layer_idx in range(num_mlp_blocks):
            features = create_mlp(
                hidden_units=feedforward_units,
                dropout_rate=dropout_rate,
                activation=keras.activations.gelu,
                normalization_layer=layers.LayerNormalization,
                name=f"feedforward_{layer_idx}",
            )(features)
        mlp_hidden_units = [factor * features.shape[-1] for factor in mlp_hidden_units_factors]
        features = create_mlp(
            hidden_units=mlp_hidden_units,
            dropout_rate=dropout_rate,
            activation=keras.activations.selu,
            normalization_layer=layers.BatchNormalization,
            name="MLP",
        )(features)
        outputs = layers.Dense(units=1, activation="sigmoid", name="sigmoid")(features)
        model = keras.Model(inputs=inputs, outputs=outputs)
        return model

    def create_tabtransformer_classifier(num_transformer_blocks, num_heads, embedding_dims, mlp_hidden_units_factors,
                                         dropout_rate, use_column_embedding=False):
        inputs = create_model_inputs()
        encoded_categorical_feature_list, numerical_feature_list = encode_inputs(inputs, embedding_dims)
        encoded_categorical_features = ops.stack(encoded_categorical_feature_list, axis=1)
        numerical_features = layers.concatenate(numerical_feature_list)
        if use_column_embedding:
            num_columns = encoded_categorical_features.shape[1]
            column_embedding = layers.Embedding(input_dim=num_columns, output_dim=embedding_dims)
            column_indices = ops.arange(start=0, stop=num_columns, step=1)
            encoded_categorical_features = encoded_categorical_features + column_embedding(column_indices)
        for block_idx in range(num_transformer_blocks):
            attention_output = layers.MultiHeadAttention(
                num_heads=num_heads, key_dim=embedding_dims, dropout=dropout_rate,
                name=f"multihead_attention_{block_idx}",
            )(encoded_categorical_features, encoded_categorical_features)
            x = layers.Add(name=f"skip_connection1_{block_idx}")([attention_output, encoded_categorical_features])
            x = layers.LayerNormalization(name=f"layer_norm1_{block_idx}", epsilon=1e-6)(x)
            feedforward_output = create_mlp(
                hidden_units=[embedding_dims],
                dropout_rate=dropout_rate,
                activation=keras.activations.gelu,
                normalization_layer=partial(layers.LayerNormalization, epsilon=1e-6),
                name=f"feedforward_{block_idx}",
            )(x)
            x = layers.Add(name=f"skip_connection2_{block_idx}")([feedforward_output, x])
            encoded_categorical_features = layers.LayerNormalization(name=f"layer_norm2_{block_idx}", epsilon=1e-6)(x)
        categorical_features = layers.Flatten()(encoded_categorical_features)
        numerical_features = layers.LayerNormalization(epsilon=1e-6)(numerical_features)
        features = layers.concatenate([categorical_features, numerical_features])
        mlp_hidden_units = [factor * features.shape[-1] for factor in mlp_hidden_units_factors]
        features = create_mlp(
            hidden_units=mlp_hidden_units,
            dropout_rate=dropout_rate,
            activation=keras.activations.selu,
            normalization_layer=layers.BatchNormalization,
            name="MLP",
        )(features)
        outputs = layers.Dense(units=1, activation="sigmoid", name="sigmoid")(features)
        model = keras.Model(inputs=inputs, outputs=outputs)
        return model

    if PART == "baseline":
        return create_baseline_model(
            embedding_dims=EMBEDDING_DIMS,
            num_mlp_blocks=NUM_MLP_BLOCKS,
            mlp_hidden_units_factors=MLP_HIDDEN_UNITS_FACTORS,
            dropout_rate=DROPOUT_RATE,
        )
    return create_tabtransformer_classifier(
        num_transformer_blocks=NUM_TRANSFORMER_BLOCKS,
        num_heads=NUM_HEADS,
        embedding_dims=EMBEDDING_DIMS,
        mlp_hidden_units_factors=MLP_HIDDEN_UNITS_FACTORS,
        dropout_rate=DROPOUT_RATE,
    )

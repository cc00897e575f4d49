# keras.io: https://keras.io/examples/timeseries/timeseries_classification_transformer/
# source: keras-team/keras-io examples/timeseries/timeseries_classification_transformer.py @ 2024821a4b87a21175467773a130c12735673796
#         (header: Date created 2021/06/25 per keras.io). FordA: input_shape (500, 1), n_classes 2.
META = {
    "path": "examples/timeseries/timeseries_classification_transformer.py",
    "url": "https://keras.io/examples/timeseries/timeseries_classification_transformer/",
    "commit": "2024821a4b87a21175467773a130c12735673796",
    "last_modified": "2021/06/25",
    "venv": "kvenv",
    "desc": "Transformer encoder for FordA: 4 blocks of [MHA(key_dim 256, 4 heads), Dropout, LayerNorm, `x + inputs`, Conv1D(4,1), Dropout, Conv1D(1,1), LayerNorm, `x + res`], GAP1D(channels_last), Dense(128), Dense(2)",
    "exercises": ["MultiHeadAttention", "tensor `+` operator -> keras.ops add node", "Conv1D kernel 1", "GlobalAveragePooling1D data_format"],
}


def build(keras):
    from keras import layers

    n_classes = 2
    input_shape = (500, 1)

    def transformer_encoder(inputs, head_size, num_heads, ff_dim, dropout=0):
        x = layers.MultiHeadAttention(key_dim=head_size, num_heads=num_heads, dropout=dropout)(inputs, inputs)
        x = layers.Dropout(dropout)(x)
        x = layers.LayerNormalization(epsilon=1e-6)(x)
        res = x + inputs
        x = layers.Conv1D(filters=ff_dim, kernel_size=1, activation="relu")(res)
        x = layers.Dropout(dropout)(x)
        x = layers.Conv1D(filters=inputs.shape[-1], kernel_size=1)(x)
        x = layers.LayerNormalization(epsilon=1e-6)(x)
        return x + res

    def build_model(input_shape, head_size, num_heads, ff_dim, num_transformer_blocks, mlp_units, dropout=0, mlp_dropout=0):
        inputs = keras.Input(shape=input_shape)
        x = inputs
        for _ in range(num_transformer_blocks):
            x = transformer_encoder(x, head_size, num_heads, ff_dim, dropout)
        x = layers.GlobalAveragePooling1D(data_format="channels_last")(x)
        for dim in mlp_units:
            x = layers.Dense(dim, activation="relu")(x)
            x = layers.Dropout(mlp_dropout)(x)
        outputs = layers.Dense(n_classes, activation="softmax")(x)
        return keras.Model(inputs, outputs)

    return build_model(
        input_shape,
        head_size=256,
        num_heads=4,
        ff_dim=4,
        num_transformer_blocks=4,
        mlp_units=[128],
        mlp_dropout=0.4,
        dropout=0.25,
    )

# keras.io: https://keras.io/examples/vision/siamese_contrastive/
# source: keras-team/keras-io examples/vision/siamese_contrastive.py @ 12bad05fbf95911b2e994cde3c9340c13a5e76d0
#         (header: Date created 2021/05/06 per keras.io; stored revision is tf.keras: the Lambda's function body
#          is written with keras.ops instead of tf.math, as in the Keras 3 revision; layers identical)
META = {
    "path": "examples/vision/siamese_contrastive.py",
    "url": "https://keras.io/examples/vision/siamese_contrastive/",
    "commit": "12bad05fbf95911b2e994cde3c9340c13a5e76d0",
    "last_modified": "2021/05/06",
    "venv": "kvenv",
    "desc": "Siamese network with contrastive loss: nested Functional embedding_network (BatchNorm, Conv2D tanh, AvgPool, Flatten, BatchNorm, Dense 10) shared by two Inputs (28,28,1), Lambda(euclidean_distance) merge, BatchNormalization, Dense(1, sigmoid)",
    "exercises": ["siamese: nested model called twice (shared)", "Lambda layer with a Python function", "BatchNormalization on (None,1)"],
}


def build(keras):
    from keras import layers, ops

    def euclidean_distance(vects):
        x, y = vects
        sum_square = ops.sum(ops.square(x - y), axis=1, keepdims=True)
        return ops.sqrt(ops.maximum(sum_square, keras.backend.epsilon()))

    input = layers.Input((28, 28, 1))
    x = layers.BatchNormalization()(input)
    x = layers.Conv2D(4, (5, 5), activation="tanh")(x)
    x = layers.AveragePooling2D(pool_size=(2, 2))(x)
    x = layers.Conv2D(16, (5, 5), activation="tanh")(x)
    x = layers.AveragePooling2D(pool_size=(2, 2))(x)
    x = layers.Flatten()(x)
    x = layers.BatchNormalization()(x)
    x = layers.Dense(10, activation="tanh")(x)
    embedding_network = keras.Model(input, x)

    input_1 = layers.Input((28, 28, 1))
    input_2 = layers.Input((28, 28, 1))
    tower_1 = embedding_network(input_1)
    tower_2 = embedding_network(input_2)
    merge_layer = layers.Lambda(euclidean_distance)([tower_1, tower_2])
    normal_layer = layers.BatchNormalization()(merge_layer)
    output_layer = layers.Dense(1, activation="sigmoid")(normal_layer)
    siamese = keras.Model(inputs=[input_1, input_2], outputs=output_layer)
    return siamese

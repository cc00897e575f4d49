# keras.io: https://keras.io/examples/vision/metric_learning/
# source: keras-team/keras-io examples/vision/metric_learning.py @ 07b7917af1240dcebad7d0198330f32e6acc4439
#         (header: Date created 2020/06/05 per keras.io; stored revision is the tf.keras one)
# Port to Keras 3: tf.nn.l2_normalize(embeddings, axis=-1) on the symbolic tensor -> keras.ops.normalize(axis=-1)
# (an operation node, as TFOpLambda was in tf.keras). height_width = 32 (CIFAR-10).
META = {
    "path": "examples/vision/metric_learning.py",
    "url": "https://keras.io/examples/vision/metric_learning/",
    "commit": "07b7917af1240dcebad7d0198330f32e6acc4439",
    "last_modified": "2020/06/05 (tf.keras revision, ported)",
    "venv": "kvenv",
    "desc": "Metric learning embedding net: Input(32,32,3), 3x Conv2D stride 2, GAP, Dense(8), L2 normalisation; model class EmbeddingModel(keras.Model) with custom train_step, built as EmbeddingModel(inputs, embeddings)",
    "exercises": ["keras.Model subclass called functionally (train_step only)", "keras.ops.normalize node"],
}


def build(keras):
    from keras import layers

    num_classes = 10
    height_width = 32

    class EmbeddingModel(keras.Model):
        def train_step(self, data):
            import tensorflow as tf  # as in the example; never executed here

            if isinstance(data, tuple):
                data = data[0]
            anchors, positives = data[0], data[1]
            with tf.GradientTape() as tape:
                anchor_embeddings = self(anchors, training=True)
                positive_embeddings = self(positives, training=True)
                similarities = tf.einsum("ae,pe->ap", anchor_embeddings, positive_embeddings)
                temperature = 0.2
                similarities /= temperature
                sparse_labels = tf.range(num_classes)
                loss = self.compiled_loss(sparse_labels, similarities)
            gradients = tape.gradient(loss, self.trainable_variables)
            self.optimizer.apply_gradients(zip(gradients, self.trainable_variables))
            self.compiled_metrics.update_state(sparse_labels, similarities)
            return {m.name: m.result() for m in self.metrics}

    inputs = layers.Input(shape=(height_width, height_width, 3))
    x = layers.Conv2D(filters=32, kernel_size=3, strides=2, activation="relu")(inputs)
    x = layers.Conv2D(filters=64, kernel_size=3, strides=2, activation="relu")(x)
    x = layers.Conv2D(filters=128, kernel_size=3, strides=2, activation="relu")(x)
    x = layers.GlobalAveragePooling2D()(x)
    embeddings = layers.Dense(units=8, activation=None)(x)
    embeddings = keras.ops.normalize(embeddings, axis=-1)  # example: tf.nn.l2_normalize(embeddings, axis=-1)
    model = EmbeddingModel(inputs, embeddings)
    return model

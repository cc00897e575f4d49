# keras.io: https://keras.io/examples/vision/edsr/
# source: keras-team/keras-io examples/vision/edsr.py @ 07a2410b6c3f658b3b1c7dcd01a86340bf134a86
#         (header: Date created 2021/07/19 per keras.io; stored revision is the tf.keras one)
# Port to Keras 3: tf.nn.depth_to_space on symbolic tensors -> keras.ops.depth_to_space (same semantics,
# it records an operation node in the functional graph, as the TF op did in tf.keras as a TFOpLambda layer).
# EDSRModel(keras.Model) only overrides train_step / predict_step and is instantiated as EDSRModel(inputs, outputs).
META = {
    "path": "examples/vision/edsr.py",
    "url": "https://keras.io/examples/vision/edsr/",
    "commit": "07a2410b6c3f658b3b1c7dcd01a86340bf134a86",
    "last_modified": "2021/07/19 (tf.keras revision, ported)",
    "venv": "kvenv",
    "desc": "EDSR baseline super-resolution: Input(None,None,3), Rescaling, Conv2D 64, 16 residual blocks (Conv-ReLU-Conv + Add), global skip, 2x (Conv2D 256 + depth_to_space 2), Conv2D 3, Rescaling(255); model class EDSRModel(keras.Model) built functionally",
    "exercises": ["keras.Model subclass called as EDSRModel(inputs, outputs) (train_step only)", "keras.ops.depth_to_space node", "dynamic spatial dims", "Rescaling"],
}


def build(keras):
    from keras import layers

    class EDSRModel(keras.Model):
        def train_step(self, data):
            import tensorflow as tf  # as in the example; never executed here

            x, y = data
            with tf.GradientTape() as tape:
                y_pred = self(x, training=True)
                loss = self.compiled_loss(y, y_pred, regularization_losses=self.losses)
            trainable_vars = self.trainable_variables
            gradients = tape.gradient(loss, trainable_vars)
            self.optimizer.apply_gradients(zip(gradients, trainable_vars))
            self.compiled_metrics.update_state(y, y_pred)
            return {m.name: m.result() for m in self.metrics}

        def predict_step(self, x):
            import tensorflow as tf

            x = tf.cast(tf.expand_dims(x, axis=0), tf.float32)
            super_resolution_img = self(x, training=False)
            super_resolution_img = tf.clip_by_value(super_resolution_img, 0, 255)
            super_resolution_img = tf.round(super_resolution_img)
            super_resolution_img = tf.squeeze(tf.cast(super_resolution_img, tf.uint8), axis=0)
            return super_resolution_img

    def ResBlock(inputs):
        x = layers.Conv2D(64, 3, padding="same", activation="relu")(inputs)
        x = layers.Conv2D(64, 3, padding="same")(x)
        x = layers.Add()([inputs, x])
        return x

    def Upsampling(inputs, factor=2, **kwargs):
        x = layers.Conv2D(64 * (factor**2), 3, padding="same", **kwargs)(inputs)
        x = keras.ops.depth_to_space(x, block_size=factor)  # example: tf.nn.depth_to_space
        x = layers.Conv2D(64 * (factor**2), 3, padding="same", **kwargs)(x)
        x = keras.ops.depth_to_space(x, block_size=factor)  # example: tf.nn.depth_to_space
        return x

    def make_model(num_filters, num_of_residual_blocks):
        input_layer = layers.Input(shape=(None, None, 3))
        x = layers.Rescaling(scale=1.0 / 255)(input_layer)
        x = x_new = layers.Conv2D(num_filters, 3, padding="same")(x)
        for _ in range(num_of_residual_blocks):
            x_new = ResBlock(x_new)
        x_new = layers.Conv2D(num_filters, 3, padding="same")(x_new)
        x = layers.Add()([x, x_new])
        x = Upsampling(x)
        x = layers.Conv2D(3, 3, padding="same")(x)
        output_layer = layers.Rescaling(scale=255)(x)
        return EDSRModel(input_layer, output_layer)

    return make_model(num_filters=64, num_of_residual_blocks=16)

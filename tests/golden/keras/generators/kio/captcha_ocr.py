# keras.io: https://keras.io/examples/vision/captcha_ocr/
# source: keras-team/keras-io examples/vision/captcha_ocr.py @ 00bb6a3411d19fa2c28d6413d90fff4fb7424203
#         (header: Date created 2020/06/14, Last modified 2024/03/13, converted to Keras 3)
# The example sets KERAS_BACKEND=tensorflow (its CTC loss uses tf.compat.v1); built with the tensorflow backend.
# Deviation: CTCLayer gets a compute_output_shape (see below) so that it builds symbolically in Keras 3.15.
# Vocabulary: the 19 characters keras.io reports for captcha_images_v2 (StringLookup -> 20 entries incl. OOV).
META = {
    "path": "examples/vision/captcha_ocr.py",
    "url": "https://keras.io/examples/vision/captcha_ocr/",
    "commit": "00bb6a3411d19fa2c28d6413d90fff4fb7424203",
    "last_modified": "2024/03/13",
    "venv": "hubvenv",
    "backend": "tensorflow",
    "desc": "OCR training model ocr_model_v1: inputs image (200,50,1) + label (None,); Conv/Pool x2, Reshape, Dense, 2x Bidirectional(LSTM), Dense softmax, custom CTCLayer endpoint (add_loss) taking (labels, y_pred)",
    "exercises": ["custom layer CTCLayer (2 positional call args, add_loss)", "Bidirectional LSTM", "Reshape", "two Inputs"],
}
PART = "training"


def build(keras):
    import tensorflow as tf
    from keras import layers, ops

    characters = sorted(list("2345678bcdefgmnpwxy"))
    img_width = 200
    img_height = 50
    char_to_num = layers.StringLookup(vocabulary=list(characters), mask_token=None)

    def ctc_batch_cost(y_true, y_pred, input_length, label_length):
        label_length = ops.cast(ops.squeeze(label_length, axis=-1), dtype="int32")
        input_length = ops.cast(ops.squeeze(input_length, axis=-1), dtype="int32")
        sparse_labels = ops.cast(ctc_label_dense_to_sparse(y_true, label_length), dtype="int32")
        y_pred = ops.log(ops.transpose(y_pred, axes=[1, 0, 2]) + keras.backend.epsilon())
        return ops.expand_dims(
            tf.compat.v1.nn.ctc_loss(inputs=y_pred, labels=sparse_labels, sequence_length=input_length), 1
        )

    def ctc_label_dense_to_sparse(labels, label_lengths):
        label_shape = ops.shape(labels)
        num_batches_tns = ops.stack([label_shape[0]])
        max_num_labels_tns = ops.stack([label_shape[1]])

        def range_less_than(old_input, current_input):
            return ops.expand_dims(ops.arange(ops.shape(old_input)[1]), 0) < tf.fill(max_num_labels_tns, current_input)

        init = ops.cast(tf.fill([1, label_shape[1]], 0), dtype="bool")
        dense_mask = tf.compat.v1.scan(range_less_than, label_lengths, initializer=init, parallel_iterations=1)
        dense_mask = dense_mask[:, 0, :]
        label_array = ops.reshape(ops.tile(ops.arange(0, label_shape[1]), num_batches_tns), label_shape)
        label_ind = tf.compat.v1.boolean_mask(label_array, dense_mask)
        batch_array = ops.transpose(
            ops.reshape(ops.tile(ops.arange(0, label_shape[0]), max_num_labels_tns), tf.reverse(label_shape, [0]))
        )
        batch_ind = tf.compat.v1.boolean_mask(batch_array, dense_mask)
        indices = ops.transpose(ops.reshape(ops.concatenate([batch_ind, label_ind], axis=0), [2, -1]))
        vals_sparse = tf.compat.v1.gather_nd(labels, indices)
        return tf.SparseTensor(ops.cast(indices, dtype="int64"), vals_sparse, ops.cast(label_shape, dtype="int64"))

    class CTCLayer(layers.Layer):
        def __init__(self, name=None):
            super().__init__(name=name)
            self.loss_fn = ctc_batch_cost

        def call(self, y_true, y_pred):
            batch_len = ops.cast(ops.shape(y_true)[0], dtype="int64")
            input_length = ops.cast(ops.shape(y_pred)[1], dtype="int64")
            label_length = ops.cast(ops.shape(y_true)[1], dtype="int64")
            input_length = input_length * ops.ones(shape=(batch_len, 1), dtype="int64")
            label_length = label_length * ops.ones(shape=(batch_len, 1), dtype="int64")
            loss = self.loss_fn(y_true, y_pred, input_length, label_length)
            self.add_loss(loss)
            return y_pred

        # ADDED (not in the example): Keras 3.15 can no longer trace this call() symbolically
        # (OperatorNotAllowedInGraphError in ctc_label_dense_to_sparse), so the output shape is declared.
        # Config and weights are unchanged by this.
        def compute_output_shape(self, y_true_shape, y_pred_shape):
            return y_pred_shape

    def build_model():
        input_img = layers.Input(shape=(img_width, img_height, 1), name="image", dtype="float32")
        labels = layers.Input(name="label", shape=(None,), dtype="float32")
        x = layers.Conv2D(32, (3, 3), activation="relu", kernel_initializer="he_normal", padding="same", name="Conv1")(input_img)
        x = layers.MaxPooling2D((2, 2), name="pool1")(x)
        x = layers.Conv2D(64, (3, 3), activation="relu", kernel_initializer="he_normal", padding="same", name="Conv2")(x)
        x = layers.MaxPooling2D((2, 2), name="pool2")(x)
        new_shape = ((img_width // 4), (img_height // 4) * 64)
        x = layers.Reshape(target_shape=new_shape, name="reshape")(x)
        x = layers.Dense(64, activation="relu", name="dense1")(x)
        x = layers.Dropout(0.2)(x)
        x = layers.Bidirectional(layers.LSTM(128, return_sequences=True, dropout=0.25))(x)
        x = layers.Bidirectional(layers.LSTM(64, return_sequences=True, dropout=0.25))(x)
        x = layers.Dense(len(char_to_num.get_vocabulary()) + 1, activation="softmax", name="dense2")(x)
        output = CTCLayer(name="ctc_loss")(labels, x)
        model = keras.models.Model(inputs=[input_img, labels], outputs=output, name="ocr_model_v1")
        opt = keras.optimizers.Adam()
        model.compile(optimizer=opt)
        return model

    model = build_model()
    if PART == "training":
        return model
    prediction_model = keras.models.Model(model.input[0], model.get_layer(name="dense2").output)
    return prediction_model

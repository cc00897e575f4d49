# keras.io: https://keras.io/examples/nlp/masked_language_modeling/
# source: keras-team/keras-io examples/nlp/masked_language_modeling.py @ 09c4aa9d6978273c043b2c748d40d8792fb9cb28
#         (header: Date created 2020/09/18 per keras.io; Keras 3 + keras_hub.layers.PositionEmbedding revision)
# Config: MAX_LEN 256, VOCAB_SIZE 30000, EMBED_DIM 128, NUM_HEAD 8, FF_DIM 128, NUM_LAYERS 1, LR 0.001
# (the example's Config). The TextVectorization layer stays outside the models in this example.
# As in the example, the MLM model is saved and reloaded with custom_objects before the classifier is cut from it.
META = {
    "path": "examples/nlp/masked_language_modeling.py",
    "url": "https://keras.io/examples/nlp/masked_language_modeling/",
    "commit": "09c4aa9d6978273c043b2c748d40d8792fb9cb28",
    "last_modified": "2020/09/18 (Keras 3 revision)",
    "venv": "hubvenv",
    "desc": "BERT-like MLM pretraining model masked_bert_model: Input(256,int64), Embedding(30000,128) + keras_hub PositionEmbedding (tensor + operator), 1 encoder block (named MHA 8 heads, Dropout, LayerNorm of query + attention, nested Sequential ffn, LayerNorm), Dense(30000 softmax) mlm_cls; class MaskedLanguageModel(keras.Model) overriding compute_loss/compute_metrics, built as MaskedLanguageModel(inputs, outputs)",
    "exercises": ["keras.Model subclass called functionally", "keras_hub layer (PositionEmbedding)", "MultiHeadAttention with (q, k, v) positional args", "tensor + operator nodes", "nested Sequential"],
}
PART = "mlm"


def build(keras):
    import os
    import tempfile

    import keras_hub
    from keras import layers

    class Config:
        MAX_LEN = 256
        BATCH_SIZE = 32
        LR = 0.001
        VOCAB_SIZE = 30000
        EMBED_DIM = 128
        NUM_HEAD = 8
        FF_DIM = 128
        NUM_LAYERS = 1

    config = Config()

    def bert_module(query, key, value, i):
        attention_output = layers.MultiHeadAttention(
            num_heads=config.NUM_HEAD, key_dim=config.EMBED_DIM // config.NUM_HEAD,
            name="encoder_{}_multiheadattention".format(i),
        )(query, key, value)
        attention_output = layers.Dropout(0.1, name="encoder_{}_att_dropout".format(i))(attention_output)
        attention_output = layers.LayerNormalization(epsilon=1e-6, name="encoder_{}_att_layernormalization".format(i))(
            query + attention_output
        )
        ffn = keras.Sequential(
            [layers.Dense(config.FF_DIM, activation="relu"), layers.Dense(config.EMBED_DIM)],
            name="encoder_{}_ffn".format(i),
        )
        ffn_output = ffn(attention_output)
        ffn_output = layers.Dropout(0.1, name="encoder_{}_ffn_dropout".format(i))(ffn_output)
        sequence_output = layers.LayerNormalization(epsilon=1e-6, name="encoder_{}_ffn_layernormalization".format(i))(
            attention_output + ffn_output
        )
        return sequence_output

    loss_fn = keras.losses.SparseCategoricalCrossentropy(reduction=None)
    loss_tracker = keras.metrics.Mean(name="loss")

    class MaskedLanguageModel(keras.Model):
        def compute_loss(self, x=None, y=None, y_pred=None, sample_weight=None):
            loss = loss_fn(y, y_pred, sample_weight)
            loss_tracker.update_state(loss, sample_weight=sample_weight)
            return keras.ops.sum(loss)

        def compute_metrics(self, x, y, y_pred, sample_weight):
            return {"loss": loss_tracker.result()}

        @property
        def metrics(self):
            return [loss_tracker]

    def create_masked_language_bert_model():
        inputs = layers.Input((config.MAX_LEN,), dtype="int64")
        word_embeddings = layers.Embedding(config.VOCAB_SIZE, config.EMBED_DIM, name="word_embedding")(inputs)
        position_embeddings = keras_hub.layers.PositionEmbedding(sequence_length=config.MAX_LEN)(word_embeddings)
        embeddings = word_embeddings + position_embeddings
        encoder_output = embeddings
        for i in range(config.NUM_LAYERS):
            encoder_output = bert_module(encoder_output, encoder_output, encoder_output, i)
        mlm_output = layers.Dense(config.VOCAB_SIZE, name="mlm_cls", activation="softmax")(encoder_output)
        mlm_model = MaskedLanguageModel(inputs, mlm_output, name="masked_bert_model")
        optimizer = keras.optimizers.Adam(learning_rate=config.LR)
        mlm_model.compile(optimizer=optimizer)
        return mlm_model

    bert_masked_model = create_masked_language_bert_model()
    if PART == "mlm":
        return bert_masked_model

    path = os.path.join(tempfile.mkdtemp(), "bert_mlm_imdb.keras")
    bert_masked_model.save(path)
    mlm_model = keras.models.load_model(path, custom_objects={"MaskedLanguageModel": MaskedLanguageModel})
    pretrained_bert_model = keras.Model(mlm_model.input, mlm_model.get_layer("encoder_0_ffn_layernormalization").output)
    pretrained_bert_model.trainable = False

    def create_classifier_bert_model():
        inputs = layers.Input((config.MAX_LEN,), dtype="int64")
        sequence_output = pretrained_bert_model(inputs)
        pooled_output = layers.GlobalMaxPooling1D()(sequence_output)
        hidden_layer = layers.Dense(64, activation="relu")(pooled_output)
        outputs = layers.Dense(1, activation="sigmoid")(hidden_layer)
        classifer_model = keras.Model(inputs, outputs, name="classification")
        optimizer = keras.optimizers.Adam()
        classifer_model.compile(optimizer=optimizer, loss="binary_crossentropy", metrics=["accuracy"])
        return classifer_model

    classifer_model = create_classifier_bert_model()
    if PART == "classifier":
        return classifer_model

    # (the example fine-tunes here: pretrained_bert_model.trainable = True, then recompiles)
    pretrained_bert_model.trainable = True
    classifer_model.compile(optimizer=keras.optimizers.Adam(), loss="binary_crossentropy", metrics=["accuracy"])

    class ModelEndtoEnd(keras.Model):
        def evaluate(self, inputs):
            raise NotImplementedError("not used here")

        def build(self, input_shape):
            self.built = True

    def get_end_to_end(model):
        inputs = classifer_model.inputs
        outputs = classifer_model.outputs
        end_to_end_model = ModelEndtoEnd(inputs, outputs, name="end_to_end_model")
        optimizer = keras.optimizers.Adam(learning_rate=config.LR)
        end_to_end_model.compile(optimizer=optimizer, loss="binary_crossentropy", metrics=["accuracy"])
        return end_to_end_model

    return get_end_to_end(classifer_model)

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
    "desc": "Sentiment classifier \"classification\": Input(256) -> nested FROZEN Functional cut from the reloaded MLM model (input .. encoder_0_ffn_layernormalization) -> GlobalMaxPooling1D -> Dense(64) -> Dense(1)",
    "exercises": ["load_model round trip with custom_objects", "frozen nested Functional (trainable=False)", "sub-model cut at an inner layer"],
}
PART = "classifier"
#: the example's code is in kio/masked_language_modeling.py (the same for each of its models);
#: kio_build.load_module runs it with this PART
CODE = "masked_language_modeling"

# keras.io: https://keras.io/examples/nlp/neural_machine_translation_with_transformer/
# source: keras-team/keras-io examples/nlp/neural_machine_translation_with_transformer.py @ 035d541043bd29938cc78a20f19d998ffaa4a05a
#         (header: Date created 2021/05/26 per keras.io; this revision uses tf.* inside the custom layers, so it is
#          built with the tensorflow backend). vocab_size 15000, sequence_length 20 (the example's values).
# Port: as stored, compute_mask() calls tf.math.not_equal on a KerasTensor, which Keras 3 rejects ("A KerasTensor
# cannot be used as input to a TensorFlow function"); every tf.* call in the custom layers is replaced by its
# keras.ops equivalent, as the Keras 3 revision of the example does; the causal mask is not tiled to the batch
# (see get_causal_attention_mask); `padding_mask = None` guards added because Keras 3 does not pass the
# embedding's mask to TransformerDecoder.call(inputs, encoder_outputs, mask=None) (UnboundLocalError otherwise).
# Layers, sizes and wiring unchanged.
META = {
    "path": "examples/nlp/neural_machine_translation_with_transformer.py",
    "url": "https://keras.io/examples/nlp/neural_machine_translation_with_transformer/",
    "commit": "035d541043bd29938cc78a20f19d998ffaa4a05a",
    "last_modified": "2021/05/26",
    "venv": "hubvenv",
    "backend": "tensorflow",
    "desc": "English-Spanish Transformer 'transformer': encoder layers inline (custom PositionalEmbedding with compute_mask, custom TransformerEncoder) + nested decoder Functional (PositionalEmbedding, custom TransformerDecoder with causal mask taking (x, encoder_outputs), Dropout, Dense(15000)) called on [decoder_inputs, encoder_outputs]",
    "exercises": ["custom layers with masks (compute_mask / supports_masking)", "custom layer with 2 tensor args", "nested Functional with 2 inputs", "named Inputs", "embed 256 / latent 2048 / 8 heads"],
}


def build(keras):
    from keras import layers, ops

    vocab_size = 15000
    sequence_length = 20

    class TransformerEncoder(layers.Layer):
        def __init__(self, embed_dim, dense_dim, num_heads, **kwargs):
            super().__init__(**kwargs)
            self.embed_dim = embed_dim
            self.dense_dim = dense_dim
            self.num_heads = num_heads
            self.attention = layers.MultiHeadAttention(num_heads=num_heads, key_dim=embed_dim)
            self.dense_proj = keras.Sequential([layers.Dense(dense_dim, activation="relu"), layers.Dense(embed_dim)])
            self.layernorm_1 = layers.LayerNormalization()
            self.layernorm_2 = layers.LayerNormalization()
            self.supports_masking = True

        def call(self, inputs, mask=None):
            padding_mask = None  # ADDED guard (see header)
            if mask is not None:
                padding_mask = ops.cast(mask[:, None, :], dtype="int32")
            attention_output = self.attention(query=inputs, value=inputs, key=inputs, attention_mask=padding_mask)
            proj_input = self.layernorm_1(inputs + attention_output)
            proj_output = self.dense_proj(proj_input)
            return self.layernorm_2(proj_input + proj_output)

        def get_config(self):
            config = super().get_config()
            config.update({"embed_dim": self.embed_dim, "dense_dim": self.dense_dim, "num_heads": self.num_heads})
            return config

    class PositionalEmbedding(layers.Layer):
        def __init__(self, sequence_length, vocab_size, embed_dim, **kwargs):
            super().__init__(**kwargs)
            self.token_embeddings = layers.Embedding(input_dim=vocab_size, output_dim=embed_dim)
            self.position_embeddings = layers.Embedding(input_dim=sequence_length, output_dim=embed_dim)
            self.sequence_length = sequence_length
            self.vocab_size = vocab_size
            self.embed_dim = embed_dim

        def call(self, inputs):
            length = ops.shape(inputs)[-1]
            positions = ops.arange(start=0, stop=length, step=1)
            embedded_tokens = self.token_embeddings(inputs)
            embedded_positions = self.position_embeddings(positions)
            return embedded_tokens + embedded_positions

        def compute_mask(self, inputs, mask=None):
            return ops.not_equal(inputs, 0)

        def get_config(self):
            config = super().get_config()
            config.update({"sequence_length": self.sequence_length, "vocab_size": self.vocab_size, "embed_dim": self.embed_dim})
            return config

    class TransformerDecoder(layers.Layer):
        def __init__(self, embed_dim, latent_dim, num_heads, **kwargs):
            super().__init__(**kwargs)
            self.embed_dim = embed_dim
            self.latent_dim = latent_dim
            self.num_heads = num_heads
            self.attention_1 = layers.MultiHeadAttention(num_heads=num_heads, key_dim=embed_dim)
            self.attention_2 = layers.MultiHeadAttention(num_heads=num_heads, key_dim=embed_dim)
            self.dense_proj = keras.Sequential([layers.Dense(latent_dim, activation="relu"), layers.Dense(embed_dim)])
            self.layernorm_1 = layers.LayerNormalization()
            self.layernorm_2 = layers.LayerNormalization()
            self.layernorm_3 = layers.LayerNormalization()
            self.supports_masking = True

        def call(self, inputs, encoder_outputs, mask=None):
            causal_mask = self.get_causal_attention_mask(inputs)
            padding_mask = None  # ADDED guard: Keras 3 passes no mask here (see header)
            if mask is not None:
                padding_mask = ops.cast(mask[:, None, :], dtype="int32")
                padding_mask = ops.minimum(padding_mask, causal_mask)
            attention_output_1 = self.attention_1(query=inputs, value=inputs, key=inputs, attention_mask=causal_mask)
            out_1 = self.layernorm_1(inputs + attention_output_1)
            attention_output_2 = self.attention_2(query=out_1, value=encoder_outputs, key=encoder_outputs,
                                                  attention_mask=padding_mask)
            out_2 = self.layernorm_2(out_1 + attention_output_2)
            proj_output = self.dense_proj(out_2)
            return self.layernorm_3(out_2 + proj_output)

        def get_causal_attention_mask(self, inputs):
            input_shape = ops.shape(inputs)
            batch_size, sequence_length = input_shape[0], input_shape[1]
            i = ops.arange(sequence_length)[:, None]
            j = ops.arange(sequence_length)
            mask = ops.cast(i >= j, dtype="int32")
            mask = ops.reshape(mask, (1, input_shape[1], input_shape[1]))
            # The example tiles the mask to the batch size (tf.tile with a tensor multiple); Keras 3.15's ops.tile
            # cannot trace a symbolic multiple, so the (1, T, T) mask is returned and broadcast by attention.
            return mask

        def get_config(self):
            config = super().get_config()
            config.update({"embed_dim": self.embed_dim, "latent_dim": self.latent_dim, "num_heads": self.num_heads})
            return config

    embed_dim = 256
    latent_dim = 2048
    num_heads = 8

    encoder_inputs = keras.Input(shape=(None,), dtype="int64", name="encoder_inputs")
    x = PositionalEmbedding(sequence_length, vocab_size, embed_dim)(encoder_inputs)
    encoder_outputs = TransformerEncoder(embed_dim, latent_dim, num_heads)(x)
    encoder = keras.Model(encoder_inputs, encoder_outputs)

    decoder_inputs = keras.Input(shape=(None,), dtype="int64", name="decoder_inputs")
    encoded_seq_inputs = keras.Input(shape=(None, embed_dim), name="decoder_state_inputs")
    x = PositionalEmbedding(sequence_length, vocab_size, embed_dim)(decoder_inputs)
    x = TransformerDecoder(embed_dim, latent_dim, num_heads)(x, encoded_seq_inputs)
    x = layers.Dropout(0.5)(x)
    decoder_outputs = layers.Dense(vocab_size, activation="softmax")(x)
    decoder = keras.Model([decoder_inputs, encoded_seq_inputs], decoder_outputs)

    decoder_outputs = decoder([decoder_inputs, encoder_outputs])
    transformer = keras.Model([encoder_inputs, decoder_inputs], decoder_outputs, name="transformer")
    return transformer

# keras.io: https://keras.io/examples/nlp/lstm_seq2seq/
# source: keras-team/keras-io examples/nlp/lstm_seq2seq.py @ 1909c6710cd3f5af6401f1176dcee9e26781b4f3
#         (header: Date created 2017/09/29, Last modified 2023/11/22)
# Token counts are data-dependent; 70 / 93 are what keras.io's rendered page prints for fra-eng (10000 samples).
META = {
    "path": "examples/nlp/lstm_seq2seq.py",
    "url": "https://keras.io/examples/nlp/lstm_seq2seq/",
    "commit": "1909c6710cd3f5af6401f1176dcee9e26781b4f3",
    "last_modified": "2023/11/22",
    "venv": "kvenv",
    "desc": "Character-level seq2seq training model: encoder LSTM(256, return_state) -> states passed as initial_state to decoder LSTM(256, return_sequences, return_state) -> Dense softmax",
    "exercises": ["LSTM return_state (multi-output layer)", "initial_state from another layer's outputs", "two Inputs (None, tokens)"],
}

latent_dim = 256
num_encoder_tokens = 70
num_decoder_tokens = 93


def build(keras):
    encoder_inputs = keras.Input(shape=(None, num_encoder_tokens))
    encoder = keras.layers.LSTM(latent_dim, return_state=True)
    encoder_outputs, state_h, state_c = encoder(encoder_inputs)
    encoder_states = [state_h, state_c]
    decoder_inputs = keras.Input(shape=(None, num_decoder_tokens))
    decoder_lstm = keras.layers.LSTM(latent_dim, return_sequences=True, return_state=True)
    decoder_outputs, _, _ = decoder_lstm(decoder_inputs, initial_state=encoder_states)
    decoder_dense = keras.layers.Dense(num_decoder_tokens, activation="softmax")
    decoder_outputs = decoder_dense(decoder_outputs)
    model = keras.Model([encoder_inputs, decoder_inputs], decoder_outputs)
    return model

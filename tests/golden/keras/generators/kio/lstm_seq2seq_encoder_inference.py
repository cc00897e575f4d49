# keras.io: https://keras.io/examples/nlp/lstm_seq2seq/
# source: keras-team/keras-io examples/nlp/lstm_seq2seq.py @ 1909c6710cd3f5af6401f1176dcee9e26781b4f3
#         (header: Date created 2017/09/29, Last modified 2023/11/22)
# As in the example: the training model is built, saved ("s2s_model.keras", here a temp dir), reloaded with
# keras.models.load_model, and the encoder sampling model is cut out of the reloaded model's layers.
META = {
    "path": "examples/nlp/lstm_seq2seq.py",
    "url": "https://keras.io/examples/nlp/lstm_seq2seq/",
    "commit": "1909c6710cd3f5af6401f1176dcee9e26781b4f3",
    "last_modified": "2023/11/22",
    "venv": "kvenv",
    "desc": "Inference encoder cut from the reloaded training model: Model(encoder_inputs, [state_h, state_c]) (outputs are the 2nd/3rd outputs of a multi-output LSTM)",
    "exercises": ["load_model round trip", "multi-output layer outputs as model outputs (tensor_index 1, 2)"],
}

latent_dim = 256
num_encoder_tokens = 70
num_decoder_tokens = 93
PART = "encoder"


def build(keras):
    import os
    import tempfile

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
    model.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])

    path = os.path.join(tempfile.mkdtemp(), "s2s_model.keras")
    model.save(path)
    # Define sampling models
    # Restore the model and construct the encoder and decoder.
    model = keras.models.load_model(path)

    encoder_inputs = model.input[0]  # input_1
    encoder_outputs, state_h_enc, state_c_enc = model.layers[2].output  # lstm_1
    encoder_states = [state_h_enc, state_c_enc]
    encoder_model = keras.Model(encoder_inputs, encoder_states)
    if PART == "encoder":
        return encoder_model

    decoder_inputs = model.input[1]  # input_2
    decoder_state_input_h = keras.Input(shape=(latent_dim,))
    decoder_state_input_c = keras.Input(shape=(latent_dim,))
    decoder_states_inputs = [decoder_state_input_h, decoder_state_input_c]
    decoder_lstm = model.layers[3]
    decoder_outputs, state_h_dec, state_c_dec = decoder_lstm(decoder_inputs, initial_state=decoder_states_inputs)
    decoder_states = [state_h_dec, state_c_dec]
    decoder_dense = model.layers[4]
    decoder_outputs = decoder_dense(decoder_outputs)
    decoder_model = keras.Model([decoder_inputs] + decoder_states_inputs, [decoder_outputs] + decoder_states)
    return decoder_model

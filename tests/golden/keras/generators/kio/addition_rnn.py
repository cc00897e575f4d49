# keras.io: https://keras.io/examples/nlp/addition_rnn/
# source: keras-team/keras-io examples/nlp/addition_rnn.py @ 0e2325b31f291531990c55fec009feee850b6ca9
#         (header: Date created 2015/08/17 per keras.io). DIGITS 3 -> MAXLEN 7; chars "0123456789+ " (12).
META = {
    "path": "examples/nlp/addition_rnn.py",
    "url": "https://keras.io/examples/nlp/addition_rnn/",
    "commit": "0e2325b31f291531990c55fec009feee850b6ca9",
    "last_modified": "2015/08/17",
    "venv": "kvenv",
    "desc": "Sequence-to-sequence addition: Sequential built with model.add(): LSTM(128, input_shape=(7, 12)) -> RepeatVector(4) -> LSTM(128, return_sequences) -> Dense(12, softmax) on 3D input",
    "exercises": ["Sequential via add() with input_shape= on the first layer (no Input)", "RepeatVector", "Dense on 3D"],
}


def build(keras):
    from keras import layers

    DIGITS = 3
    MAXLEN = DIGITS + 1 + DIGITS
    chars = "0123456789+ "
    num_layers = 1
    model = keras.Sequential()
    model.add(layers.LSTM(128, input_shape=(MAXLEN, len(chars))))
    model.add(layers.RepeatVector(DIGITS + 1))
    for _ in range(num_layers):
        model.add(layers.LSTM(128, return_sequences=True))
    model.add(layers.Dense(len(chars), activation="softmax"))
    model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    return model

# keras.io: https://keras.io/examples/timeseries/timeseries_weather_forecasting/
# source: keras-team/keras-io examples/timeseries/timeseries_weather_forecasting.py @ 0a57de48c864d63b80083820e8988368ee5c3149
#         (header: Date created 2020/06/23 per keras.io). past 720, step 6 -> sequence_length 120; 7 selected features.
META = {
    "path": "examples/timeseries/timeseries_weather_forecasting.py",
    "url": "https://keras.io/examples/timeseries/timeseries_weather_forecasting/",
    "commit": "0a57de48c864d63b80083820e8988368ee5c3149",
    "last_modified": "2020/06/23",
    "venv": "kvenv",
    "desc": "Jena climate single-step forecasting: Input(120, 7) -> LSTM(32) -> Dense(1)",
    "exercises": ["LSTM", "timeseries regression"],
}


def build(keras):
    past = 720
    step = 6
    sequence_length = int(past / step)
    learning_rate = 0.001
    inputs = keras.layers.Input(shape=(sequence_length, 7))
    lstm_out = keras.layers.LSTM(32)(inputs)
    outputs = keras.layers.Dense(1)(lstm_out)
    model = keras.Model(inputs=inputs, outputs=outputs)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=learning_rate), loss="mse")
    return model

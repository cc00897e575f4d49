# keras.io: https://keras.io/examples/rl/ddpg_pendulum/
# source: keras-team/keras-io examples/rl/ddpg_pendulum.py @ 001fb3578b269cd688481c7ad49656c2dc520fd4
#         (header: Date created 2020/06/04 per keras.io; tf.keras revision). Pendulum-v1: num_states 3,
#         num_actions 1, upper_bound 2.0. Port: tf.random_uniform_initializer -> keras.initializers.RandomUniform;
#         Input(shape=(num_states)) written as a tuple (num_states,) as in the Keras 3 revision.
META = {
    "path": "examples/rl/ddpg_pendulum.py",
    "url": "https://keras.io/examples/rl/ddpg_pendulum/",
    "commit": "001fb3578b269cd688481c7ad49656c2dc520fd4",
    "last_modified": "2020/06/04",
    "venv": "kvenv",
    "desc": "DDPG actor: Input(3) -> Dense(512)/BN x2 -> Dense(1, tanh, RandomUniform init) -> `outputs * upper_bound` (keras.ops multiply by a Python float)",
    "exercises": ["tensor * scalar -> keras.ops Multiply node", "BatchNormalization on Dense outputs"],
}
PART = "actor"


def build(keras):
    from keras import layers

    num_states = 3
    num_actions = 1
    upper_bound = 2.0

    def get_actor():
        last_init = keras.initializers.RandomUniform(minval=-0.003, maxval=0.003)
        inputs = layers.Input(shape=(num_states,))
        out = layers.Dense(512, activation="relu")(inputs)
        out = layers.BatchNormalization()(out)
        out = layers.Dense(512, activation="relu")(out)
        out = layers.BatchNormalization()(out)
        outputs = layers.Dense(1, activation="tanh", kernel_initializer=last_init)(out)
        outputs = outputs * upper_bound
        model = keras.Model(inputs, outputs)
        return model

    def get_critic():
        state_input = layers.Input(shape=(num_states,))
        state_out = layers.Dense(16, activation="relu")(state_input)
        state_out = layers.BatchNormalization()(state_out)
        state_out = layers.Dense(32, activation="relu")(state_out)
        state_out = layers.BatchNormalization()(state_out)
        action_input = layers.Input(shape=(num_actions,))
        action_out = layers.Dense(32, activation="relu")(action_input)
        action_out = layers.BatchNormalization()(action_out)
        concat = layers.Concatenate()([state_out, action_out])
        out = layers.Dense(512, activation="relu")(concat)
        out = layers.BatchNormalization()(out)
        out = layers.Dense(512, activation="relu")(out)
        out = layers.BatchNormalization()(out)
        outputs = layers.Dense(1)(out)
        model = keras.Model([state_input, action_input], outputs)
        return model

    return get_actor() if PART == "actor" else get_critic()

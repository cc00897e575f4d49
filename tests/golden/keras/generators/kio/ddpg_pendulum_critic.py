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
    "desc": "DDPG critic: state Input(3) and action Input(1) branches (Dense+BN), Concatenate, Dense(512)/BN x2, Dense(1)",
    "exercises": ["two Inputs, two branches", "Concatenate"],
}
PART = "critic"
#: the example's code is in kio/ddpg_pendulum_actor.py (the same for each of its models);
#: kio_build.load_module runs it with this PART
CODE = "ddpg_pendulum_actor"

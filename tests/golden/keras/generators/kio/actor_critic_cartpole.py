# keras.io: https://keras.io/examples/rl/actor_critic_cartpole/
# source: keras-team/keras-io examples/rl/actor_critic_cartpole.py @ 0df30d775727a6789b7bdb4028561f2026cc4d52
#         (header: Date created 2020/05/13 per keras.io). num_inputs 4, num_actions 2, num_hidden 128.
META = {
    "path": "examples/rl/actor_critic_cartpole.py",
    "url": "https://keras.io/examples/rl/actor_critic_cartpole/",
    "commit": "0df30d775727a6789b7bdb4028561f2026cc4d52",
    "last_modified": "2020/05/13",
    "venv": "kvenv",
    "desc": "Actor-critic for CartPole: Input(4) -> shared Dense(128, relu) -> two heads: action probs Dense(2, softmax) and critic value Dense(1)",
    "exercises": ["two outputs from one trunk"],
}


def build(keras):
    from keras import layers

    num_inputs = 4
    num_actions = 2
    num_hidden = 128
    inputs = layers.Input(shape=(num_inputs,))
    common = layers.Dense(num_hidden, activation="relu")(inputs)
    action = layers.Dense(num_actions, activation="softmax")(common)
    critic = layers.Dense(1)(common)
    model = keras.Model(inputs=inputs, outputs=[action, critic])
    return model

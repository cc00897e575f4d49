# keras.io: https://keras.io/examples/graph/mpnn-molecular-graphs/
# source: keras-team/keras-io examples/graph/mpnn-molecular-graphs.py @ 0cd387be48135e407c056de5abdb0e4d559a80a6
#         (header: Date created 2021/08/16 per keras.io; backend-agnostic rewrite with fixed-size buffers, PyDataset,
#          GatedReadout; the example sets KERAS_BACKEND=tensorflow, kept here)
# atom_featurizer.dim = 13 symbols + 7 valences + 5 H counts + 4 hybridizations = 29;
# bond_featurizer.dim = 4 bond types + 2 conjugation + 1 self-loop = 7. MAX_ATOMS 70, BATCH_SIZE 64.
META = {
    "path": "examples/graph/mpnn-molecular-graphs.py",
    "url": "https://keras.io/examples/graph/mpnn-molecular-graphs/",
    "commit": "0cd387be48135e407c056de5abdb0e4d559a80a6",
    "last_modified": "2021/08/16 (2025 backend-agnostic rewrite)",
    "venv": "hubvenv",
    "backend": "tensorflow",
    "desc": "Message passing NN for BBBP: 5 named Inputs (atom_features (29,), bond_features (7,), pair_indices (2,) int32, molecule_indicator () int32, mask ()), custom MessagePassing (custom EdgeNetwork weights + GRUCell + LayerNorm, 4 steps, ops.segment_sum) and custom GatedReadout (segment mean/max over BATCH_SIZE molecules), Dense(256, l2), Dropout, Dense(1)",
    "exercises": ["custom layers with list inputs", "GRUCell used inside a custom layer", "scalar Inputs shape ()", "kernel_regularizer", "output batch dim differs from input batch dim (segment ops)"],
}


def build(keras):
    from keras import layers, ops, regularizers

    MAX_ATOMS = 70
    BATCH_SIZE = 64
    atom_dim = 29
    bond_dim = 7

    class EdgeNetwork(layers.Layer):
        def build(self, input_shape):
            self.atom_dim, self.bond_dim = input_shape[0][-1], input_shape[1][-1]
            self.kernel = self.add_weight(shape=(self.bond_dim, self.atom_dim**2), initializer="glorot_uniform")
            self.bias = self.add_weight(shape=(self.atom_dim**2,), initializer="zeros")

        def call(self, inputs):
            atom_feat, bond_feat, pair_idx = inputs
            bond_transformed = ops.matmul(bond_feat, self.kernel) + self.bias
            bond_transformed = ops.reshape(bond_transformed, (-1, self.atom_dim, self.atom_dim))
            neighbor_feat = ops.take(atom_feat, ops.cast(pair_idx[:, 1], "int32"), axis=0)
            messages = ops.squeeze(ops.matmul(bond_transformed, ops.expand_dims(neighbor_feat, -1)), -1)
            return ops.segment_sum(messages, ops.cast(pair_idx[:, 0], "int32"), num_segments=BATCH_SIZE * MAX_ATOMS)

    class MessagePassing(layers.Layer):
        def __init__(self, units, steps=4, **kwargs):
            super().__init__(**kwargs)
            self.units, self.steps = units, steps
            self.edge_net = EdgeNetwork()
            self.gru = layers.GRUCell(units)
            self.norm = layers.LayerNormalization()

        def call(self, inputs):
            atom_feat, bond_feat, pair_idx = inputs
            atom_feat = ops.pad(atom_feat, [(0, 0), (0, max(0, self.units - ops.shape(atom_feat)[-1]))])
            for _ in range(self.steps):
                m = self.edge_net([atom_feat, bond_feat, pair_idx])
                atom_feat, _ = self.gru(m, atom_feat)
                atom_feat = self.norm(atom_feat)
            return atom_feat

    class GatedReadout(layers.Layer):
        def __init__(self, embed_dim, **kwargs):
            super().__init__(**kwargs)
            self.gate = layers.Dense(embed_dim, activation="sigmoid")
            self.feat = layers.Dense(embed_dim, activation="tanh")

        def call(self, inputs):
            nodes, indicator, mask = inputs
            mask = ops.expand_dims(mask, -1)
            gated_x = self.gate(nodes) * self.feat(nodes)
            gated_x = gated_x * mask
            x_mean = ops.segment_sum(gated_x, ops.cast(indicator, "int32"), num_segments=BATCH_SIZE) / ops.maximum(
                ops.segment_sum(mask, ops.cast(indicator, "int32"), num_segments=BATCH_SIZE), 1e-6
            )
            x_max = ops.segment_max(gated_x, ops.cast(indicator, "int32"), num_segments=BATCH_SIZE)
            return ops.concatenate([x_mean, x_max], axis=-1)

    def MPNNModel(atom_dim, bond_dim):
        a_in = layers.Input(shape=(atom_dim,), name="atom_features")
        b_in = layers.Input(shape=(bond_dim,), name="bond_features")
        p_in = layers.Input(shape=(2,), dtype="int32", name="pair_indices")
        i_in = layers.Input(shape=(), dtype="int32", name="molecule_indicator")
        m_in = layers.Input(shape=(), name="mask")
        x = MessagePassing(64, steps=4)([a_in, b_in, p_in])
        x = GatedReadout(64)([x, i_in, m_in])
        x = layers.Dense(256, activation="relu", kernel_regularizer=regularizers.l2(1e-3))(x)
        x = layers.Dropout(0.5)(x)
        return keras.Model(inputs=[a_in, b_in, p_in, i_in, m_in], outputs=layers.Dense(1, activation="sigmoid")(x))

    return MPNNModel(atom_dim, bond_dim)

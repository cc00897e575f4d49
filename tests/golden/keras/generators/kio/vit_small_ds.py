# keras.io: https://keras.io/examples/vision/vit_small_ds/
# source: keras-team/keras-io examples/vision/vit_small_ds.py @ 0631aec2b385106aac9d8b9fbb790b66f309ddda
#         (header: Date created 2022/01/07, Last modified 2022/01/10; Keras 3 code: `import keras`, keras.ops,
#          tf.image inside the custom layer, KERAS_BACKEND=tensorflow as in the example)
# Normalization.adapt() runs on 16 synthetic 32x32x3 images instead of CIFAR-100.
# Built: create_vit_classifier(vanilla=False) (Shifted Patch Tokenization + Locality Self Attention).
META = {
    "path": "examples/vision/vit_small_ds.py",
    "url": "https://keras.io/examples/vision/vit_small_ds/",
    "commit": "0631aec2b385106aac9d8b9fbb790b66f309ddda",
    "last_modified": "2022/01/10",
    "venv": "hubvenv",
    "backend": "tensorflow",
    "desc": "ViT for small datasets (CIFAR-100): nested data_augmentation Sequential (Normalization, Resizing 72, RandomFlip, RandomRotation, RandomZoom), custom ShiftedPatchTokenization (2 outputs), custom PatchEncoder, 8 blocks of MultiHeadAttentionLSA (MHA subclass with trainable temperature) with a constant diagonal attention_mask, MLP head 2048/1024",
    "exercises": ["nested Sequential with Normalization/Resizing/Random*", "custom layer with 2 outputs (one unused)", "custom subclass of MultiHeadAttention", "constant attention_mask argument", "custom PatchEncoder (Embedding of ops.arange)"],
}


def build(keras):
    import math

    import numpy as np
    import tensorflow as tf
    from keras import layers, ops

    NUM_CLASSES = 100
    INPUT_SHAPE = (32, 32, 3)
    IMAGE_SIZE = 72
    PATCH_SIZE = 6
    NUM_PATCHES = (IMAGE_SIZE // PATCH_SIZE) ** 2
    LAYER_NORM_EPS = 1e-6
    TRANSFORMER_LAYERS = 8
    PROJECTION_DIM = 64
    NUM_HEADS = 4
    TRANSFORMER_UNITS = [PROJECTION_DIM * 2, PROJECTION_DIM]
    MLP_HEAD_UNITS = [2048, 1024]

    data_augmentation = keras.Sequential(
        [
            layers.Normalization(),
            layers.Resizing(IMAGE_SIZE, IMAGE_SIZE),
            layers.RandomFlip("horizontal"),
            layers.RandomRotation(factor=0.02),
            layers.RandomZoom(height_factor=0.2, width_factor=0.2),
        ],
        name="data_augmentation",
    )
    x_train = np.random.RandomState(0).randint(0, 256, size=(16,) + INPUT_SHAPE).astype("float32")
    data_augmentation.layers[0].adapt(x_train)

    class ShiftedPatchTokenization(layers.Layer):
        def __init__(self, image_size=IMAGE_SIZE, patch_size=PATCH_SIZE, num_patches=NUM_PATCHES,
                     projection_dim=PROJECTION_DIM, vanilla=False, **kwargs):
            super().__init__(**kwargs)
            self.vanilla = vanilla
            self.image_size = image_size
            self.patch_size = patch_size
            self.half_patch = patch_size // 2
            self.flatten_patches = layers.Reshape((num_patches, -1))
            self.projection = layers.Dense(units=projection_dim)
            self.layer_norm = layers.LayerNormalization(epsilon=LAYER_NORM_EPS)

        def crop_shift_pad(self, images, mode):
            if mode == "left-up":
                crop_height, crop_width, shift_height, shift_width = self.half_patch, self.half_patch, 0, 0
            elif mode == "left-down":
                crop_height, crop_width, shift_height, shift_width = 0, self.half_patch, self.half_patch, 0
            elif mode == "right-up":
                crop_height, crop_width, shift_height, shift_width = self.half_patch, 0, 0, self.half_patch
            else:
                crop_height, crop_width, shift_height, shift_width = 0, 0, self.half_patch, self.half_patch
            crop = tf.image.crop_to_bounding_box(
                images, offset_height=crop_height, offset_width=crop_width,
                target_height=self.image_size - self.half_patch, target_width=self.image_size - self.half_patch,
            )
            shift_pad = tf.image.pad_to_bounding_box(
                crop, offset_height=shift_height, offset_width=shift_width,
                target_height=self.image_size, target_width=self.image_size,
            )
            return shift_pad

        def call(self, images):
            if not self.vanilla:
                images = ops.concatenate(
                    [
                        images,
                        self.crop_shift_pad(images, mode="left-up"),
                        self.crop_shift_pad(images, mode="left-down"),
                        self.crop_shift_pad(images, mode="right-up"),
                        self.crop_shift_pad(images, mode="right-down"),
                    ],
                    axis=-1,
                )
            patches = tf.image.extract_patches(
                images=images,
                sizes=[1, self.patch_size, self.patch_size, 1],
                strides=[1, self.patch_size, self.patch_size, 1],
                rates=[1, 1, 1, 1],
                padding="VALID",
            )
            flat_patches = self.flatten_patches(patches)
            if not self.vanilla:
                tokens = self.layer_norm(flat_patches)
                tokens = self.projection(tokens)
            else:
                tokens = self.projection(flat_patches)
            return (tokens, patches)

    class PatchEncoder(layers.Layer):
        def __init__(self, num_patches=NUM_PATCHES, projection_dim=PROJECTION_DIM, **kwargs):
            super().__init__(**kwargs)
            self.num_patches = num_patches
            self.position_embedding = layers.Embedding(input_dim=num_patches, output_dim=projection_dim)
            self.positions = ops.arange(start=0, stop=self.num_patches, step=1)

        def call(self, encoded_patches):
            encoded_positions = self.position_embedding(self.positions)
            encoded_patches = encoded_patches + encoded_positions
            return encoded_patches

    class MultiHeadAttentionLSA(layers.MultiHeadAttention):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.tau = tf.Variable(math.sqrt(float(self._key_dim)), trainable=True)

        def _compute_attention(self, query, key, value, attention_mask=None, training=None):
            query = ops.multiply(query, 1.0 / self.tau)
            attention_scores = ops.einsum(self._dot_product_equation, key, query)
            attention_scores = self._masked_softmax(attention_scores, attention_mask)
            attention_scores_dropout = self._dropout_layer(attention_scores, training=training)
            attention_output = ops.einsum(self._combine_equation, attention_scores_dropout, value)
            return attention_output, attention_scores

    def mlp(x, hidden_units, dropout_rate):
        for units in hidden_units:
            x = layers.Dense(units, activation="gelu")(x)
            x = layers.Dropout(dropout_rate)(x)
        return x

    diag_attn_mask = 1 - ops.eye(NUM_PATCHES)
    diag_attn_mask = ops.cast([diag_attn_mask], dtype="int8")

    def create_vit_classifier(vanilla=False):
        inputs = layers.Input(shape=INPUT_SHAPE)
        augmented = data_augmentation(inputs)
        (tokens, _) = ShiftedPatchTokenization(vanilla=vanilla)(augmented)
        encoded_patches = PatchEncoder()(tokens)
        for _ in range(TRANSFORMER_LAYERS):
            x1 = layers.LayerNormalization(epsilon=1e-6)(encoded_patches)
            if not vanilla:
                attention_output = MultiHeadAttentionLSA(num_heads=NUM_HEADS, key_dim=PROJECTION_DIM, dropout=0.1)(
                    x1, x1, attention_mask=diag_attn_mask
                )
            else:
                attention_output = layers.MultiHeadAttention(num_heads=NUM_HEADS, key_dim=PROJECTION_DIM, dropout=0.1)(x1, x1)
            x2 = layers.Add()([attention_output, encoded_patches])
            x3 = layers.LayerNormalization(epsilon=1e-6)(x2)
            x3 = mlp(x3, hidden_units=TRANSFORMER_UNITS, dropout_rate=0.1)
            encoded_patches = layers.Add()([x3, x2])
        representation = layers.LayerNormalization(epsilon=1e-6)(encoded_patches)
        representation = layers.Flatten()(representation)
        representation = layers.Dropout(0.5)(representation)
        features = mlp(representation, hidden_units=MLP_HEAD_UNITS, dropout_rate=0.5)
        logits = layers.Dense(NUM_CLASSES)(features)
        model = keras.Model(inputs=inputs, outputs=logits)
        return model

    return create_vit_classifier(vanilla=False)

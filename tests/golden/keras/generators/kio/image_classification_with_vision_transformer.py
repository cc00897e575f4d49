# keras.io: https://keras.io/examples/vision/image_classification_with_vision_transformer/
# source: keras-team/keras-io examples/vision/image_classification_with_vision_transformer.py @ 07721306fc501d34bafa970491ede96f33f25a77
#         (header: Date created 2021/01/18, Last modified 2021/01/18; Keras 3 code, backend-agnostic)
# SHRUNK: mlp_head_units [2048, 1024] -> [512, 256] (82.0M -> ~23.6M params); everything else as in the example.
# Normalization.adapt() runs on 16 synthetic 32x32x3 images instead of CIFAR-100.
META = {
    "path": "examples/vision/image_classification_with_vision_transformer.py",
    "url": "https://keras.io/examples/vision/image_classification_with_vision_transformer/",
    "commit": "07721306fc501d34bafa970491ede96f33f25a77",
    "last_modified": "2021/01/18",
    "venv": "kvenv",
    "desc": "ViT on CIFAR-100: nested data_augmentation Sequential (Normalization, Resizing(72), RandomFlip, RandomRotation, RandomZoom), custom Patches (ops.image.extract_patches) and PatchEncoder (Dense + Embedding of positions), 8 transformer blocks (MHA 4 heads, key_dim 64, hidden 256), MLP head shrunk from 2048/1024 to 512/256 (82.0M params at full size)",
    "shrunk": "mlp_head_units [2048, 1024] -> [512, 256]: 81,982,315 -> 23,653,227",
    "exercises": ["nested Sequential with preprocessing/augmentation", "custom layers Patches, PatchEncoder with get_config", "MultiHeadAttention", "gelu Dense"],
}


def build(keras):
    import numpy as np
    from keras import layers, ops

    num_classes = 100
    input_shape = (32, 32, 3)
    image_size = 72
    patch_size = 6
    num_patches = (image_size // patch_size) ** 2
    projection_dim = 64
    num_heads = 4
    hidden_dim = projection_dim * num_heads
    transformer_units = [hidden_dim * 2, hidden_dim]
    transformer_layers = 8
    mlp_head_units = [512, 256]  # SHRUNK: example has [2048, 1024] (82.0M params: Flatten(144*256) -> Dense(2048) alone is 75.5M)

    data_augmentation = keras.Sequential(
        [
            layers.Normalization(),
            layers.Resizing(image_size, image_size),
            layers.RandomFlip("horizontal"),
            layers.RandomRotation(factor=0.02),
            layers.RandomZoom(height_factor=0.2, width_factor=0.2),
        ],
        name="data_augmentation",
    )
    x_train = np.random.RandomState(0).randint(0, 256, size=(16,) + input_shape).astype("float32")
    data_augmentation.layers[0].adapt(x_train)

    def mlp(x, hidden_units, dropout_rate):
        for units in hidden_units:
            x = layers.Dense(units, activation=keras.activations.gelu)(x)
            x = layers.Dropout(dropout_rate)(x)
        return x

    class Patches(layers.Layer):
        def __init__(self, patch_size):
            super().__init__()
            self.patch_size = patch_size

        def call(self, images):
            input_shape = ops.shape(images)
            batch_size = input_shape[0]
            height = input_shape[1]
            width = input_shape[2]
            channels = input_shape[3]
            num_patches_h = height // self.patch_size
            num_patches_w = width // self.patch_size
            patches = keras.ops.image.extract_patches(images, size=self.patch_size)
            patches = ops.reshape(
                patches,
                (batch_size, num_patches_h * num_patches_w, self.patch_size * self.patch_size * channels),
            )
            return patches

        def get_config(self):
            config = super().get_config()
            config.update({"patch_size": self.patch_size})
            return config

    class PatchEncoder(layers.Layer):
        def __init__(self, num_patches, projection_dim):
            super().__init__()
            self.num_patches = num_patches
            self.projection = layers.Dense(units=projection_dim)
            self.position_embedding = layers.Embedding(input_dim=num_patches, output_dim=projection_dim)

        def call(self, patch):
            positions = ops.expand_dims(ops.arange(start=0, stop=self.num_patches, step=1), axis=0)
            projected_patches = self.projection(patch)
            encoded = projected_patches + self.position_embedding(positions)
            return encoded

        def get_config(self):
            config = super().get_config()
            config.update({"num_patches": self.num_patches})
            return config

    def create_vit_classifier():
        inputs = keras.Input(shape=input_shape)
        augmented = data_augmentation(inputs)
        patches = Patches(patch_size)(augmented)
        encoded_patches = PatchEncoder(num_patches, hidden_dim)(patches)
        for _ in range(transformer_layers):
            x1 = layers.LayerNormalization(epsilon=1e-6)(encoded_patches)
            attention_output = layers.MultiHeadAttention(num_heads=num_heads, key_dim=projection_dim, dropout=0.1)(x1, x1)
            x2 = layers.Add()([attention_output, encoded_patches])
            x3 = layers.LayerNormalization(epsilon=1e-6)(x2)
            x3 = mlp(x3, hidden_units=transformer_units, dropout_rate=0.1)
            encoded_patches = layers.Add()([x3, x2])
        representation = layers.LayerNormalization(epsilon=1e-6)(encoded_patches)
        representation = layers.Flatten()(representation)
        representation = layers.Dropout(0.5)(representation)
        features = mlp(representation, hidden_units=mlp_head_units, dropout_rate=0.5)
        logits = layers.Dense(num_classes)(features)
        model = keras.Model(inputs=inputs, outputs=logits)
        return model

    return create_vit_classifier()

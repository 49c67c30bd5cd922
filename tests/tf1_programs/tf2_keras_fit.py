# TensorFlow 2's beginner quickstart: Keras Sequential, compile, fit, evaluate, summary.
import tensorflow as tf

print("TensorFlow version:", tf.__version__)
mnist = tf.keras.datasets.mnist
(x_train, y_train), (x_test, y_test) = mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0

model = tf.keras.models.Sequential([
    tf.keras.Input(shape=(28, 28)),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(128, activation="relu"),
    tf.keras.layers.Dropout(0.2),
    tf.keras.layers.Dense(10),
])
predictions = model(x_train[:1]).numpy()
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
print("loss", loss_fn(y_train[:1], predictions).numpy(), "(untrained)")
model.compile(optimizer="adam", loss=loss_fn, metrics=["accuracy"])
model.summary()
model.fit(x_train[:10000], y_train[:10000], epochs=1, verbose=0)
loss, accuracy = model.evaluate(x_test, y_test, verbose=0)
print("loss", loss, "(trained)")
print("test accuracy", accuracy)

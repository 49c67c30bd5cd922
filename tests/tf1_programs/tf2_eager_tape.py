# TensorFlow 2 softmax regression, as a Korean blog post writes it: eager tensors,
# tf.GradientTape, @tf.function, a tf.data loop, Keras' MNIST (offline: tf1.py's copy).
import numpy as np
import tensorflow as tf

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
x_train = x_train.reshape(-1, 784).astype(np.float32) / 255.0
x_test = x_test.reshape(-1, 784).astype(np.float32) / 255.0
y_train_one_hot = tf.one_hot(y_train, 10).numpy()
print("eager:", tf.executing_eagerly(), "one-hot", y_train_one_hot.shape)

W = tf.Variable(tf.zeros([784, 10]))
b = tf.Variable(tf.zeros([10]))
optimizer = tf.optimizers.SGD(0.5)


@tf.function
def train_step(images, labels):
    with tf.GradientTape() as tape:
        logits = tf.matmul(images, W) + b
        loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=labels,
                                                                      logits=logits))
    gradients = tape.gradient(loss, [W, b])
    optimizer.apply_gradients(zip(gradients, [W, b]))
    return loss


dataset = tf.data.Dataset.from_tensor_slices((x_train, y_train_one_hot)).shuffle(10000).batch(100)
for step, (images, labels) in enumerate(dataset.take(300)):
    loss = train_step(images, labels)
    if step % 100 == 0:
        print("step", step, "loss", float(loss.numpy()))
predictions = tf.argmax(tf.matmul(x_test, W) + b, 1).numpy()
print("accuracy", np.mean(predictions == y_test))

# TF 1.0-era code: a two-layer network trained on tf.contrib.losses with its arguments as
# contrib took them, (logits, labels), and evaluated with a streaming accuracy.
import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data

mnist = input_data.read_data_sets("MNIST_data/", one_hot=True)
x = tf.placeholder(tf.float32, [None, 784])
y_ = tf.placeholder(tf.float32, [None, 10])
hidden = tf.contrib.layers.fully_connected(x, 100)
logits = tf.contrib.layers.fully_connected(hidden, 10, activation_fn=None)
tf.contrib.losses.softmax_cross_entropy(logits, y_)
loss = tf.contrib.losses.get_total_loss()
train = tf.train.GradientDescentOptimizer(0.3).minimize(loss)
accuracy, update = tf.contrib.metrics.streaming_accuracy(tf.argmax(logits, 1),
                                                         tf.argmax(y_, 1))
sess = tf.Session()
sess.run([tf.global_variables_initializer(), tf.local_variables_initializer()])
for step in range(300):
    batch_x, batch_y = mnist.train.next_batch(100)
    _, value = sess.run([train, loss], {x: batch_x, y_: batch_y})
    if step % 100 == 0:
        print("step", step, "loss", value)
for start in range(0, 10000, 2000):
    sess.run(update, {x: mnist.test.images[start:start + 2000],
                      y_: mnist.test.labels[start:start + 2000]})
print("streaming accuracy", sess.run(accuracy))

# Code that probes for what its TensorFlow has, and falls back when it is missing.
import importlib

import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data

try:
    from tensorflow.contrib.learn import Experiment  # gone with tf.contrib
    have_learn = True
except ImportError:
    have_learn = False

contrib = getattr(tf, "contrib", None)
if contrib is not None and hasattr(contrib.layers, "xavier_initializer"):
    initializer = contrib.layers.xavier_initializer()
else:
    initializer = tf.glorot_uniform_initializer()
have_forest = contrib is not None and hasattr(contrib, "tensor_forest")
tf_again = importlib.import_module("tensorflow")
print("probes:", have_learn, contrib is not None, have_forest, tf_again is tf)

mnist = input_data.read_data_sets("MNIST_data/", one_hot=True)
x = tf_again.placeholder(tf.float32, [None, 784])
y_ = tf_again.placeholder(tf.float32, [None, 10])
W = tf.get_variable("W", [784, 10], initializer=initializer)
y = tf.matmul(x, W)
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=y))
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1)), tf.float32))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(100):
        batch_xs, batch_ys = mnist.train.next_batch(100)
        sess.run(train, {x: batch_xs, y_: batch_ys})
    print("Accuracy:", sess.run(accuracy, {x: mnist.test.images, y_: mnist.test.labels}))

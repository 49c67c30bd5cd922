"""Builds the MNIST network of TensorFlow's fully_connected_feed.py.

The module `from tensorflow.examples.tutorials.mnist import mnist` gave TF 1.x code (it
was removed with the examples): two ReLU hidden layers and a linear softmax readout,
built in four steps, each a function:

1. inference() - the network, as far as the logits.
2. loss() - the cross-entropy of the logits against the labels.
3. training() - the op that trains with gradient descent.
4. evaluation() - how many logits put the true label on top.
"""

import math

import tensorflow.compat.v1 as tf

NUM_CLASSES = 10  # the digits 0 to 9
IMAGE_SIZE = 28
IMAGE_PIXELS = IMAGE_SIZE * IMAGE_SIZE


def _layer(name, inputs, in_units, out_units, activation):
    """A fully connected layer whose weights are scaled by its number of inputs."""
    with tf.name_scope(name):
        weights = tf.Variable(
            tf.truncated_normal([in_units, out_units], stddev=1.0 / math.sqrt(float(in_units))),
            name="weights")
        biases = tf.Variable(tf.zeros([out_units]), name="biases")
        return activation(tf.matmul(inputs, weights) + biases)


def inference(images, hidden1_units, hidden2_units):
    """The network, from images [batch, IMAGE_PIXELS] to logits [batch, NUM_CLASSES]."""
    hidden1 = _layer("hidden1", images, IMAGE_PIXELS, hidden1_units, tf.nn.relu)
    hidden2 = _layer("hidden2", hidden1, hidden1_units, hidden2_units, tf.nn.relu)
    return _layer("softmax_linear", hidden2, hidden2_units, NUM_CLASSES, tf.identity)


def loss(logits, labels):
    """The mean cross-entropy of the logits against integer labels [batch]."""
    labels = tf.to_int64(labels)
    return tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)


def training(loss, learning_rate):
    """The op that takes one gradient-descent step on the loss, counting steps in
    global_step; the loss also goes to TensorBoard."""
    tf.summary.scalar("loss", loss)
    optimizer = tf.train.GradientDescentOptimizer(learning_rate)
    global_step = tf.Variable(0, name="global_step", trainable=False)
    return optimizer.minimize(loss, global_step=global_step)


def evaluation(logits, labels):
    """How many of the batch's examples have their true label as the top logit."""
    correct = tf.nn.in_top_k(logits, labels, 1)
    return tf.reduce_sum(tf.cast(correct, tf.int32))

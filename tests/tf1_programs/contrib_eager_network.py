""" Neural network with TensorFlow's Eager API (TF 1.5+ tf.contrib.eager), in the examples'
collection style: tfe.Network, tfe.Iterator and tfe.implicit_gradients. """
from __future__ import print_function

import tensorflow as tf
import tensorflow.contrib.eager as tfe

tfe.enable_eager_execution()

from tensorflow.examples.tutorials.mnist import input_data
mnist = input_data.read_data_sets("/tmp/data/", one_hot=False)

learning_rate = 0.001
num_steps = 150
batch_size = 128
display_step = 50

dataset = tf.data.Dataset.from_tensor_slices((mnist.train.images, mnist.train.labels))
dataset = dataset.repeat().batch(batch_size).prefetch(batch_size)
dataset_iter = tfe.Iterator(dataset)


class NeuralNet(tfe.Network):
    def __init__(self):
        super(NeuralNet, self).__init__()
        self.layer1 = self.track_layer(tf.layers.Dense(256, activation=tf.nn.relu))
        self.layer2 = self.track_layer(tf.layers.Dense(256, activation=tf.nn.relu))
        self.out_layer = self.track_layer(tf.layers.Dense(10))

    def call(self, x):
        x = self.layer1(x)
        x = self.layer2(x)
        return self.out_layer(x)


neural_net = NeuralNet()


def loss_fn(inference_fn, inputs, labels):
    return tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
        logits=inference_fn(inputs), labels=labels))


def accuracy_fn(inference_fn, inputs, labels):
    prediction = tf.nn.softmax(inference_fn(inputs))
    correct_pred = tf.equal(tf.argmax(prediction, 1), labels)
    return tf.reduce_mean(tf.cast(correct_pred, tf.float32))


optimizer = tf.train.AdamOptimizer(learning_rate=learning_rate)
grad = tfe.implicit_gradients(loss_fn)

average_loss = 0.
for step in range(num_steps):
    d = dataset_iter.next()
    x_batch = d[0]
    y_batch = tf.cast(d[1], dtype=tf.int64)
    batch_loss = loss_fn(neural_net, x_batch, y_batch)
    average_loss += batch_loss
    optimizer.apply_gradients(grad(neural_net, x_batch, y_batch))
    if (step + 1) % display_step == 0 or step == 0:
        if step > 0:
            average_loss /= display_step
        print("Step:", '%04d' % (step + 1), " loss=", "{:.9f}".format(average_loss))
        average_loss = 0.

testX = mnist.test.images
testY = tf.cast(mnist.test.labels, dtype=tf.int64)
print("Testset Accuracy: {:.4f}".format(accuracy_fn(neural_net, testX, testY)))

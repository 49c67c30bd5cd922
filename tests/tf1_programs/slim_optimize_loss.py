# TF 1.x code in slim's style: slim.losses with its (logits, labels) order, an l1+l2 penalty
# through tf.contrib.layers.apply_regularization, tf.contrib.layers.optimize_loss with
# clipped gradients, an LSTMBlockCell over the rows, and seq2seq's sequence_loss.
import numpy as np
import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data

slim = tf.contrib.slim
mnist = input_data.read_data_sets("MNIST_data/", one_hot=True)
x = tf.placeholder(tf.float32, [None, 784])
y_ = tf.placeholder(tf.float32, [None, 10])

rows = tf.unstack(tf.reshape(x, [-1, 28, 28]), 28, 1)
cell = tf.contrib.rnn.LSTMBlockCell(64)
outputs, _ = tf.contrib.rnn.static_rnn(cell, rows, dtype=tf.float32)
net = slim.fully_connected(outputs[-1], 64, scope='fc1')
logits = slim.fully_connected(net, 10, activation_fn=None, scope='fc2')

slim.losses.softmax_cross_entropy(logits, y_)
tf.contrib.layers.apply_regularization(tf.contrib.layers.l1_l2_regularizer(1e-6, 1e-5))
loss = slim.losses.get_total_loss()
global_step = tf.train.get_or_create_global_step()
train_op = tf.contrib.layers.optimize_loss(loss, global_step, learning_rate=0.005,
                                           optimizer='Adam', clip_gradients=5.0)
per_step = tf.contrib.seq2seq.sequence_loss(
    tf.expand_dims(logits, 1), tf.expand_dims(tf.argmax(y_, 1, output_type=tf.int32), 1),
    tf.ones([tf.shape(x)[0], 1]))
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), tf.argmax(y_, 1)), tf.float32))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(201):
        batch_x, batch_y = mnist.train.next_batch(100)
        _, value = sess.run([train_op, loss], {x: batch_x, y_: batch_y})
        if step % 100 == 0:
            print("step", step, "loss", value)
    test = {x: mnist.test.images[:2000], y_: mnist.test.labels[:2000]}
    cross_entropy = tf.losses.softmax_cross_entropy(y_, logits, loss_collection=None)
    same = np.isclose(*sess.run([per_step, cross_entropy], test), rtol=1e-4)
    print("sequence_loss as the cross-entropy:", same, "global step", sess.run(global_step))
    print("accuracy", sess.run(accuracy, test))

""" Auto Encoder in the examples' collection style: trains briefly, then shows the original
and reconstructed digits and waits for a key, as the GAN examples do. """
from __future__ import division, print_function, absolute_import

import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data

tf.set_random_seed(0)
mnist = input_data.read_data_sets("/tmp/data/", one_hot=True)

learning_rate = 0.01
num_steps = 200
batch_size = 256
num_hidden_1 = 128
num_input = 784

X = tf.placeholder("float", [None, num_input])
weights = {
    'encoder_h1': tf.Variable(tf.random_normal([num_input, num_hidden_1], stddev=0.1)),
    'decoder_h1': tf.Variable(tf.random_normal([num_hidden_1, num_input], stddev=0.1)),
}
biases = {
    'encoder_b1': tf.Variable(tf.random_normal([num_hidden_1])),
    'decoder_b1': tf.Variable(tf.random_normal([num_input])),
}
encoder_op = tf.nn.sigmoid(tf.add(tf.matmul(X, weights['encoder_h1']), biases['encoder_b1']))
decoder_op = tf.nn.sigmoid(tf.add(tf.matmul(encoder_op, weights['decoder_h1']),
                                  biases['decoder_b1']))
loss = tf.reduce_mean(tf.pow(X - decoder_op, 2))
optimizer = tf.train.RMSPropOptimizer(learning_rate).minimize(loss)

sess = tf.Session()
sess.run(tf.global_variables_initializer())
for i in range(1, num_steps + 1):
    batch_x, _ = mnist.train.next_batch(batch_size)
    _, l = sess.run([optimizer, loss], feed_dict={X: batch_x})
    if i % 200 == 0 or i == 1:
        print('Step %i: Minibatch Loss: %f' % (i, l))

n = 4
canvas_orig = np.empty((28 * n, 28 * n))
canvas_recon = np.empty((28 * n, 28 * n))
for i in range(n):
    batch_x, _ = mnist.test.next_batch(n)
    g = sess.run(decoder_op, feed_dict={X: batch_x})
    for j in range(n):
        canvas_orig[i * 28:(i + 1) * 28, j * 28:(j + 1) * 28] = batch_x[j].reshape([28, 28])
        canvas_recon[i * 28:(i + 1) * 28, j * 28:(j + 1) * 28] = g[j].reshape([28, 28])

f, a = plt.subplots(1, 2, figsize=(8, 4))
a[0].imshow(canvas_orig, origin="upper", cmap="gray")
a[0].set_title("Original Images")
a[1].imshow(canvas_recon, origin="upper", cmap="gray")
a[1].set_title("Reconstructed Images")
f.show()
plt.draw()
plt.waitforbuttonpress()
print("Done")

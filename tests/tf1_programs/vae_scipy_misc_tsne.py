# A 2017 VAE post's helpers: images written and read back with scipy.misc, resized with
# imresize, and the learned codes of a sample split off with sklearn.cross_validation
# plotted with t-SNE (TSNE(n_iter=...)); a short softmax model stands in for the network,
# to learn something to plot.
import numpy as np
import scipy.misc
import tensorflow as tf
from sklearn.cross_validation import train_test_split
from sklearn.manifold import TSNE
from tensorflow.examples.tutorials.mnist import input_data

mnist = input_data.read_data_sets("MNIST_data/", one_hot=True)
x = tf.placeholder(tf.float32, [None, 784])
y_ = tf.placeholder(tf.float32, [None, 10])
W = tf.Variable(tf.zeros([784, 10]))
codes = tf.matmul(x, W)
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=codes))
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
sess = tf.Session()
sess.run(tf.global_variables_initializer())
for i in range(200):
    batch = mnist.train.next_batch(100)
    sess.run(train, {x: batch[0], y_: batch[1]})

sample = mnist.test.images[:16].reshape(4, 4, 28, 28).transpose(0, 2, 1, 3).reshape(112, 112)
scipy.misc.imsave('samples.png', sample)
again = scipy.misc.imread('samples.png', flatten=True)
small = scipy.misc.imresize(again, 0.25)
print('image', again.shape, small.shape, small.dtype)

_, images, _, labels = train_test_split(mnist.test.images, mnist.test.labels.argmax(1),
                                       test_size=300, random_state=0)
embedded = TSNE(n_components=2, n_iter=250, init='pca', random_state=0).fit_transform(
    sess.run(codes, {x: images}))
distances = ((embedded[:, None] - embedded[None]) ** 2).sum(-1)
np.fill_diagonal(distances, np.inf)
print('t-SNE neighbour accuracy:', np.mean(labels[distances.argmin(1)] == labels))

# A 2017 research repository's CNN through TensorFlow's internal module paths: contrib.learn's
# MNIST reader at its home under python/, tensorflow.python.* modules (estimator's too),
# contrib.layers' convolution2d and layer_norm, slim's repeat and its initializers and
# regularizers, contrib.learn's real-valued column;
# augmentation that rotates by a one-element array of degrees and keeps a ragged list.
import numpy as np
import tensorflow as tf
from scipy import ndimage
from tensorflow.contrib.learn.python.learn.datasets.mnist import read_data_sets
from tensorflow.python.estimator import estimator
from tensorflow.python.framework import graph_util, ops
from tensorflow.python.ops import rnn_cell
from tensorflow.python.platform import gfile
from tensorflow.python.training import training

slim = tf.contrib.slim
mnist = read_data_sets("MNIST_data", one_hot=True)
print("internal modules", estimator.Estimator is tf.estimator.Estimator,
      ops.get_default_graph() is tf.get_default_graph(), hasattr(rnn_cell, "BasicLSTMCell"),
      gfile.Exists("/"), training.AdamOptimizer is tf.train.AdamOptimizer)

angle = np.random.RandomState(0).uniform(-15, 15, 1)  # an array of one angle
rotated = ndimage.rotate(mnist.train.images[0].reshape(28, 28), angle, reshape=False)
sizes = np.array([np.zeros(3), np.zeros(5)])  # ragged: an object array, as NumPy 1.19 made
print("augmented", rotated.shape, sizes.dtype, len(sizes))
columns = [tf.contrib.layers.real_valued_column("", dimension=784)]
print("column", columns[0].shape)

x = tf.placeholder(tf.float32, [None, 784])
y_ = tf.placeholder(tf.float32, [None, 10])
image = tf.reshape(x, [-1, 28, 28, 1])
with slim.arg_scope([slim.conv2d], weights_initializer=slim.initializers.xavier_initializer(),
                    weights_regularizer=slim.regularizers.l2_regularizer(1e-4)):
    net = tf.contrib.layers.convolution2d(image, 16, [5, 5], scope="conv1")
    net = slim.repeat(net, 2, slim.conv2d, 16, [3, 3], scope="conv2")
net = tf.contrib.layers.max_pool2d(tf.contrib.layers.layer_norm(net), [2, 2])
logits = tf.contrib.layers.fully_connected(tf.contrib.layers.flatten(net), 10,
                                           activation_fn=None)
print("repeat scopes", sorted({v.op.name.rsplit("/", 1)[0] for v in slim.get_variables()
                               if "conv2" in v.op.name}))
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=logits)) + \
    tf.add_n(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))
train_step = tf.train.AdamOptimizer(1e-3).minimize(loss)
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), tf.argmax(y_, 1)), tf.float32))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(121):
        batch = mnist.train.next_batch(50)
        _, value = sess.run([train_step, loss], {x: batch[0], y_: batch[1]})
        if step % 40 == 0:
            print("loss", value)
    print("accuracy", sess.run(accuracy, {x: mnist.test.images[:2000],
                                          y_: mnist.test.labels[:2000]}))
    frozen = graph_util.convert_variables_to_constants(sess, sess.graph_def, [logits.op.name])
    print("frozen", not [n for n in frozen.node if n.op.startswith("Variable")])

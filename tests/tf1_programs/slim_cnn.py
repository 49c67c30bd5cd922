# A small CNN with TF-Slim (tf.contrib.slim): arg_scope, conv2d, max_pool2d, flatten,
# fully_connected, dropout, an L2 weight penalty and He initial weights.
import tensorflow as tf
import tensorflow.contrib.slim as slim
from tensorflow.examples.tutorials.mnist import input_data

tf.set_random_seed(0)
mnist = input_data.read_data_sets("MNIST_data", one_hot=True)

x = tf.placeholder(tf.float32, [None, 784])
y_ = tf.placeholder(tf.float32, [None, 10])
is_training = tf.placeholder(tf.bool)


def lenet(images):
    net = tf.reshape(images, [-1, 28, 28, 1])
    with slim.arg_scope([slim.conv2d, slim.fully_connected],
                        weights_initializer=tf.contrib.layers.variance_scaling_initializer(),
                        weights_regularizer=slim.l2_regularizer(0.0005)):
        net = slim.conv2d(net, 16, [5, 5], scope='conv1')
        net = slim.max_pool2d(net, [2, 2], scope='pool1')
        net = slim.conv2d(net, 32, [5, 5], scope='conv2')
        net = slim.max_pool2d(net, [2, 2], scope='pool2')
        net = slim.flatten(net, scope='flatten3')
        net = slim.fully_connected(net, 256, scope='fc4')
        net = slim.dropout(net, 0.5, is_training=is_training, scope='dropout4')
        return slim.fully_connected(net, 10, activation_fn=None, scope='fc5')


logits = lenet(x)
cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=logits))
loss = cross_entropy + tf.add_n(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))
train_step = tf.train.AdamOptimizer(1e-3).minimize(loss)
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), tf.argmax(y_, 1)), tf.float32))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(60):
        batch = mnist.train.next_batch(50)
        _, l = sess.run([train_step, loss], {x: batch[0], y_: batch[1], is_training: True})
        if i % 20 == 0:
            print('step %d, loss %g' % (i, l))
    print('test accuracy %g' % sess.run(accuracy, {
        x: mnist.test.images[:2000], y_: mnist.test.labels[:2000], is_training: False}))

# The main file of a 2016 Python 2 project that imports its own Python 2 helper module.
import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data
from mnist_helpers import accuracy, batches

mnist = input_data.read_data_sets("MNIST_data/", one_hot=True)
x = tf.placeholder(tf.float32, [None, 784])
y_ = tf.placeholder(tf.float32, [None, 10])
W = tf.Variable(tf.zeros([784, 10]))
b = tf.Variable(tf.zeros([10]))
y = tf.matmul(x, W) + b
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=y))
train_step = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
sess = tf.Session()
sess.run(tf.initialize_all_variables())
quarter = len(mnist.test.labels) / 4  # Python 2: 2500, a whole number
for step, (images, labels) in enumerate(batches(mnist.train.images[:30000],
                                                mnist.train.labels[:30000], 100)):
    _, value = sess.run([train_step, loss], {x: images, y_: labels})
    if step % 100 == 0:
        print "loss", value
print "accuracy", accuracy(sess.run(y, {x: mnist.test.images[:quarter]}),
                           mnist.test.labels[:quarter])

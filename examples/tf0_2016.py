# A softmax regression as 2016 blog posts printed it (TensorFlow 0.x): tf.mul,
# tf.initialize_all_variables, tf.scalar_summary, tf.train.SummaryWriter, and the
# cross-entropy's arguments as (logits, labels). Run it with `python tf1.py examples/tf0_2016.py`.
import tensorflow as tf
import numpy as np
from tensorflow.examples.tutorials.mnist import input_data

mnist = input_data.read_data_sets("MNIST_data/", one_hot=True)

x = tf.placeholder(tf.float32, [None, 784])
y_ = tf.placeholder(tf.float32, [None, 10])
W = tf.Variable(tf.zeros([784, 10]))
b = tf.Variable(tf.zeros([10]))
logits = tf.add(tf.matmul(x, W), b)
cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits, y_))
regularized = cost + tf.mul(1e-4, tf.reduce_sum(tf.square(W)))
train = tf.train.GradientDescentOptimizer(0.5).minimize(regularized)
tf.scalar_summary("cost", cost)
summaries = tf.merge_all_summaries()

sess = tf.Session()
sess.run(tf.initialize_all_variables())
writer = tf.train.SummaryWriter("/tmp/mnist_logs", sess.graph)
for step in range(500):
    batch_x, batch_y = mnist.train.next_batch(100)
    _, c, s = sess.run([train, cost, summaries], feed_dict={x: batch_x, y_: batch_y})
    writer.add_summary(s, step)
    if step % 100 == 0:
        print("step %d, cost %.4f" % (step, c))

correct = tf.equal(tf.argmax(logits, 1), tf.argmax(y_, 1))
accuracy = tf.reduce_mean(tf.cast(correct, np.float))
print("accuracy", sess.run(accuracy, feed_dict={x: mnist.test.images, y_: mnist.test.labels}))

# The beginners' tutorial as TensorFlow 0.x printed it in 2016, with the blog posts' extras:
# summaries, a SummaryWriter, tf.concat/tf.split with the axis first, and NumPy's old names.
import numpy as np
import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data

mnist = input_data.read_data_sets("MNIST_data/", one_hot=True)

x = tf.placeholder(tf.float32, [None, 784])
y_ = tf.placeholder(tf.float32, [None, 10])
W = tf.Variable(tf.zeros([784, 10]))
b = tf.Variable(tf.zeros([10]))
y = tf.matmul(x, W) + b

# TF 0.x: (logits, labels)
cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(y, y_))
train_step = tf.train.GradientDescentOptimizer(0.5).minimize(cross_entropy)

# Is it a zero? A logistic regression beside it, also with TF 0.x's argument order.
is_zero = tf.slice(y_, [0, 0], [-1, 1])
v = tf.Variable(tf.zeros([784, 1]))
zero_logit = tf.matmul(x, v)
zero_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(zero_logit, is_zero))
zero_step = tf.train.GradientDescentOptimizer(0.5).minimize(zero_loss)

halves = tf.split(1, 2, x)
rejoined = tf.concat(1, halves)
centred = tf.mul(tf.sub(rejoined, 0.5), 2.0)
stacked = tf.pack([tf.neg(centred), centred])
first, second = tf.unpack(stacked)
same = tf.reduce_all(tf.equal(tf.neg(first), second))

tf.scalar_summary("cross entropy", cross_entropy)
tf.histogram_summary("weights", W)
tf.image_summary("input", tf.reshape(x, [-1, 28, 28, 1]), max_images=3)
merged = tf.merge_all_summaries()

sess = tf.Session()
writer = tf.train.SummaryWriter("logs_2016", sess.graph)
sess.run(tf.initialize_all_variables())
first_loss = None
for i in range(200):
    batch_xs, batch_ys = mnist.train.next_batch(100)
    summary, loss, z, _, _ = sess.run([merged, cross_entropy, zero_loss, train_step, zero_step],
                                      feed_dict={x: batch_xs, y_: batch_ys})
    writer.add_summary(summary, i)
    if first_loss is None:
        first_loss, first_zero_loss = loss, z
writer.close()
print("loss", first_loss, "->", loss, "zero loss", first_zero_loss, "->", z)

correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1))
accuracy = tf.reduce_mean(tf.cast(correct_prediction, np.float))
zero_correct = tf.equal(tf.cast(zero_logit > 0, np.float), is_zero)
zero_accuracy = tf.reduce_mean(tf.cast(zero_correct, tf.float32))
feed = {x: mnist.test.images, y_: mnist.test.labels}
print("split, concat, pack, unpack agree:", sess.run(same, feed))
labels = np.reshape(np.argmax(mnist.test.labels, 1), newshape=(-1, 1)).astype(np.int)
print("labels", labels.shape, labels.dtype)
print("zero accuracy", sess.run(zero_accuracy, feed))
print(sess.run(accuracy, feed_dict=feed))

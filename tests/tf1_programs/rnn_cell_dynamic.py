# MNIST read row by row by an LSTM, with tf.nn.rnn_cell and tf.nn.dynamic_rnn (TF 1.x).
import tensorflow as tf
from tensorflow.examples.tutorials.mnist import input_data

tf.set_random_seed(0)
mnist = input_data.read_data_sets("./mnist/data/", one_hot=True)

learning_rate = 0.01
n_input = 28
n_step = 28
n_hidden = 64
n_class = 10

X = tf.placeholder(tf.float32, [None, n_step, n_input])
Y = tf.placeholder(tf.float32, [None, n_class])
W = tf.Variable(tf.random_normal([n_hidden, n_class]))
b = tf.Variable(tf.random_normal([n_class]))

cell = tf.nn.rnn_cell.BasicLSTMCell(n_hidden)
outputs, states = tf.nn.dynamic_rnn(cell, X, dtype=tf.float32)
outputs = tf.transpose(outputs, [1, 0, 2])
outputs = outputs[-1]
model = tf.matmul(outputs, W) + b

cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(logits=model, labels=Y))
optimizer = tf.train.AdamOptimizer(learning_rate).minimize(cost)

sess = tf.Session()
sess.run(tf.global_variables_initializer())
for step in range(80):
    batch_xs, batch_ys = mnist.train.next_batch(128)
    batch_xs = batch_xs.reshape((128, n_step, n_input))
    _, cost_val = sess.run([optimizer, cost], feed_dict={X: batch_xs, Y: batch_ys})
    if step % 40 == 0:
        print('Step:', '%04d' % step, 'cost =', '{:.3f}'.format(cost_val))

is_correct = tf.equal(tf.argmax(model, 1), tf.argmax(Y, 1))
accuracy = tf.reduce_mean(tf.cast(is_correct, tf.float32))
test_xs = mnist.test.images[:2000].reshape(-1, n_step, n_input)
print('Accuracy:', sess.run(accuracy, feed_dict={X: test_xs, Y: mnist.test.labels[:2000]}))

# Lab 10-7: batch normalization and dropout through tf.contrib.layers and arg_scope.
import tensorflow as tf
from tensorflow.contrib.framework import arg_scope
from tensorflow.contrib.layers import batch_norm, dropout, fully_connected
from tensorflow.examples.tutorials.mnist import input_data

tf.set_random_seed(777)
mnist = input_data.read_data_sets("MNIST_data/", one_hot=True)

X = tf.placeholder(tf.float32, [None, 784])
Y = tf.placeholder(tf.float32, [None, 10])
train_mode = tf.placeholder(tf.bool, name='train_mode')

hidden_output_size = 256
final_output_size = 10
xavier_init = tf.contrib.layers.xavier_initializer()
bn_params = {'is_training': train_mode, 'decay': 0.9, 'updates_collections': None,
             'zero_debias_moving_mean': True}

with arg_scope([fully_connected], activation_fn=tf.nn.relu, weights_initializer=xavier_init,
               biases_initializer=None, normalizer_fn=batch_norm,
               normalizer_params=bn_params):
    hidden_layer1 = fully_connected(X, hidden_output_size, scope="h1")
    h1_drop = dropout(hidden_layer1, keep_prob=0.7, is_training=train_mode)
    hidden_layer2 = fully_connected(h1_drop, hidden_output_size, scope="h2")
    h2_drop = dropout(hidden_layer2, keep_prob=0.7, is_training=train_mode)
    hypothesis = fully_connected(h2_drop, final_output_size, activation_fn=None,
                                 scope="hypothesis")

cost = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(logits=hypothesis, labels=Y))
optimizer = tf.train.AdamOptimizer(learning_rate=0.01).minimize(cost)

sess = tf.Session()
sess.run(tf.global_variables_initializer())
for step in range(100):
    batch_xs, batch_ys = mnist.train.next_batch(100)
    c, _ = sess.run([cost, optimizer], feed_dict={X: batch_xs, Y: batch_ys, train_mode: True})
    if step % 50 == 0:
        print('step', step, 'cost =', '{:.9f}'.format(c))

correct_prediction = tf.equal(tf.argmax(hypothesis, 1), tf.argmax(Y, 1))
accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
print('Accuracy:', sess.run(accuracy, feed_dict={
    X: mnist.test.images, Y: mnist.test.labels, train_mode: False}))
moving_mean = [v for v in tf.global_variables() if 'moving_mean' in v.name][0]
print('moving mean updated:', bool(sess.run(tf.reduce_any(tf.not_equal(moving_mean, 0.0)))))

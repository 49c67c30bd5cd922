# TF 1.0-1.x research code's tf.contrib leftovers: a two-layer LSTM stacked from one cell
# object (MultiRNNCell([cell] * 2), as before TF 1.1), contrib's internal import paths,
# slim's model analyzer, TensorBoard's projector under tf.contrib, learn's DATASETS and
# contrib's MirroredStrategy.
import os

import tensorflow as tf
import tensorflow.contrib.slim as slim
import tensorflow.contrib.framework.python.ops.arg_scope as arg_scope_lib
import tensorflow.contrib.layers.python.layers.layers as layers_lib
from tensorflow.contrib.layers.python.layers import initializers
from tensorflow.contrib.tensorboard.plugins import projector

mnist = tf.contrib.learn.datasets.DATASETS["mnist"]("MNIST_data")
strategy = tf.contrib.distribute.MirroredStrategy(num_gpus=1)
print("replicas", strategy.num_replicas_in_sync)
print("internal paths", layers_lib.fully_connected is tf.contrib.layers.fully_connected,
      arg_scope_lib.arg_scope is slim.arg_scope)

x = tf.placeholder(tf.float32, [None, 28, 28])
y = tf.placeholder(tf.int64, [None])
cell = tf.contrib.rnn.BasicLSTMCell(64)
stacked = tf.contrib.rnn.MultiRNNCell([cell] * 2)
outputs, _ = tf.nn.dynamic_rnn(stacked, x, dtype=tf.float32)
W = tf.get_variable("W", [64, 10], initializer=initializers.xavier_initializer())
b = tf.Variable(tf.zeros([10]))
logits = tf.matmul(outputs[:, -1], W) + b
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
train = tf.train.AdamOptimizer(0.01).minimize(loss)
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), y), tf.float32))
total_size, _ = slim.model_analyzer.analyze_vars(tf.trainable_variables())
print("variables", len(tf.trainable_variables()), "size", total_size)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(100):
        images, labels = mnist.train.next_batch(64)
        _, value = sess.run([train, loss], {x: images.reshape(-1, 28, 28), y: labels})
        if step % 50 == 0:
            print("loss", value)
    print("accuracy", sess.run(accuracy, {x: mnist.test.images[:1000].reshape(-1, 28, 28),
                                          y: mnist.test.labels[:1000]}))
    writer = tf.summary.FileWriter("projector_logs", sess.graph)
    config = projector.ProjectorConfig()
    config.embeddings.add().tensor_name = W.name
    projector.visualize_embeddings(writer, config)
    print("projector config", os.listdir("projector_logs").count("projector_config.pbtxt"))

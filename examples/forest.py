# A random forest on MNIST with tf.contrib.tensor_forest (TensorFlow 1.x), whose ops
# TensorFlow 2 no longer has: `python tf1.py examples/forest.py` says so in one line, and
# names what does the job today.
import tensorflow as tf
from tensorflow.contrib.tensor_forest.python import tensor_forest
from tensorflow.examples.tutorials.mnist import input_data

mnist = input_data.read_data_sets("MNIST_data/", one_hot=False)
X = tf.placeholder(tf.float32, shape=[None, 784])
Y = tf.placeholder(tf.int32, shape=[None])
hparams = tensor_forest.ForestHParams(num_classes=10, num_features=784, num_trees=10,
                                      max_nodes=1000).fill()
forest_graph = tensor_forest.RandomForestGraphs(hparams)

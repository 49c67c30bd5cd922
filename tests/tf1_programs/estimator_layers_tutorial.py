"""Convolutional Neural Network Estimator for MNIST, built with tf.layers: TensorFlow's
own layers tutorial (cnn_mnist.py, TF 1.x), shortened to a few hundred steps."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import numpy as np
import tensorflow as tf

tf.logging.set_verbosity(tf.logging.INFO)


def cnn_model_fn(features, labels, mode):
  """Model function for CNN."""
  input_layer = tf.reshape(features["x"], [-1, 28, 28, 1])
  conv1 = tf.layers.conv2d(inputs=input_layer, filters=16, kernel_size=[5, 5],
                           padding="same", activation=tf.nn.relu)
  pool1 = tf.layers.max_pooling2d(inputs=conv1, pool_size=[2, 2], strides=2)
  pool1_flat = tf.reshape(pool1, [-1, 14 * 14 * 16])
  dense = tf.layers.dense(inputs=pool1_flat, units=128, activation=tf.nn.relu)
  dropout = tf.layers.dropout(inputs=dense, rate=0.4,
                              training=mode == tf.estimator.ModeKeys.TRAIN)
  logits = tf.layers.dense(inputs=dropout, units=10)

  predictions = {
      "classes": tf.argmax(input=logits, axis=1),
      "probabilities": tf.nn.softmax(logits, name="softmax_tensor")
  }
  if mode == tf.estimator.ModeKeys.PREDICT:
    return tf.estimator.EstimatorSpec(mode=mode, predictions=predictions)

  loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
  if mode == tf.estimator.ModeKeys.TRAIN:
    optimizer = tf.train.GradientDescentOptimizer(learning_rate=0.05)
    train_op = optimizer.minimize(loss=loss, global_step=tf.train.get_global_step())
    return tf.estimator.EstimatorSpec(mode=mode, loss=loss, train_op=train_op)

  eval_metric_ops = {
      "accuracy": tf.metrics.accuracy(labels=labels, predictions=predictions["classes"])}
  return tf.estimator.EstimatorSpec(mode=mode, loss=loss, eval_metric_ops=eval_metric_ops)


def main(unused_argv):
  # Load training and eval data
  mnist = tf.contrib.learn.datasets.load_dataset("mnist")
  train_data = mnist.train.images  # Returns np.array
  train_labels = np.asarray(mnist.train.labels, dtype=np.int32)
  eval_data = mnist.test.images[:2000]  # Returns np.array
  eval_labels = np.asarray(mnist.test.labels[:2000], dtype=np.int32)

  mnist_classifier = tf.estimator.Estimator(model_fn=cnn_model_fn,
                                            model_dir="mnist_convnet_model")
  tensors_to_log = {"probabilities": "softmax_tensor"}
  logging_hook = tf.train.LoggingTensorHook(tensors=tensors_to_log, every_n_iter=1000)

  train_input_fn = tf.estimator.inputs.numpy_input_fn(
      x={"x": train_data}, y=train_labels, batch_size=100, num_epochs=None, shuffle=True)
  eval_input_fn = tf.estimator.inputs.numpy_input_fn(
      x={"x": eval_data}, y=eval_labels, num_epochs=1, shuffle=False)
  for _ in range(2):  # the second call goes on from the checkpoint in model_dir
    mnist_classifier.train(input_fn=train_input_fn, steps=100, hooks=[logging_hook])
    eval_results = mnist_classifier.evaluate(input_fn=eval_input_fn)
    print("global step", eval_results["global_step"], "accuracy", eval_results["accuracy"])
  predicted = [p["classes"] for p in mnist_classifier.predict(input_fn=eval_input_fn)]
  print("predicted first", predicted[:5], "true", eval_labels[:5].tolist())


if __name__ == "__main__":
  tf.app.run()

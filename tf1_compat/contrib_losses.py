"""tf.contrib.losses and tf.contrib.metrics' streaming metrics, in their own argument order.

They took the model's output first, `(logits, labels)` or `(predictions, labels)`, where
tf.losses and tf.metrics take the labels first: called positionally, today's functions
would silently swap them. Each stand-in takes contrib's order and names the arguments.
"""

import tensorflow.compat.v1 as tf


def softmax_cross_entropy(logits, onehot_labels, weights=1.0, label_smoothing=0, scope=None):
    """tf.losses.softmax_cross_entropy, logits first."""
    return tf.losses.softmax_cross_entropy(onehot_labels=onehot_labels, logits=logits,
                                           weights=weights, label_smoothing=label_smoothing,
                                           scope=scope)


def sparse_softmax_cross_entropy(logits, labels, weights=1.0, scope=None):
    """tf.losses.sparse_softmax_cross_entropy, logits first."""
    return tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits,
                                                  weights=weights, scope=scope)


def sigmoid_cross_entropy(logits, multi_class_labels, weights=1.0, label_smoothing=0,
                          scope=None):
    """tf.losses.sigmoid_cross_entropy, logits first."""
    return tf.losses.sigmoid_cross_entropy(multi_class_labels=multi_class_labels,
                                           logits=logits, weights=weights,
                                           label_smoothing=label_smoothing, scope=scope)


def mean_squared_error(predictions, labels=None, weights=1.0, scope=None):
    """tf.losses.mean_squared_error, predictions first."""
    return tf.losses.mean_squared_error(labels=labels, predictions=predictions,
                                        weights=weights, scope=scope)


def streaming_accuracy(predictions, labels, weights=None, metrics_collections=None,
                       updates_collections=None, name=None):
    """tf.metrics.accuracy, predictions first: (accuracy, update_op)."""
    return tf.metrics.accuracy(labels=labels, predictions=predictions, weights=weights,
                               metrics_collections=metrics_collections,
                               updates_collections=updates_collections, name=name)

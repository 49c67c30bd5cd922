"""tf.contrib's losses, metrics and training helpers, in their own argument order.

tf.contrib.losses and the streaming metrics took the model's output first, `(logits,
labels)` or `(predictions, labels)`, where tf.losses and tf.metrics take the labels first:
called positionally, today's functions would silently swap them. Each stand-in takes
contrib's order and names the arguments. `optimize_loss` and `sequence_loss` are rebuilt
over tf.train and tf.losses.
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


OPTIMIZERS = {"Adagrad": tf.train.AdagradOptimizer, "Adam": tf.train.AdamOptimizer,
              "Ftrl": tf.train.FtrlOptimizer, "RMSProp": tf.train.RMSPropOptimizer,
              "SGD": tf.train.GradientDescentOptimizer}


def optimize_loss(loss, global_step, learning_rate, optimizer, gradient_noise_scale=None,
                  gradient_multipliers=None, clip_gradients=None, learning_rate_decay_fn=None,
                  update_ops=None, variables=None, name=None, summaries=None,
                  colocate_gradients_with_ops=False, increment_global_step=True):
    """The training op of `loss`: `optimizer` (a name such as "Adam" or "SGD", a class, or
    an instance) at `learning_rate`, gradients clipped to a global norm if asked, after
    the update ops (batch norm's averages)."""
    with tf.variable_scope(name, "OptimizeLoss", [loss, global_step]):
        if learning_rate_decay_fn is not None:
            learning_rate = learning_rate_decay_fn(learning_rate, global_step)
        if isinstance(optimizer, str):
            optimizer = OPTIMIZERS[optimizer](learning_rate)
        elif isinstance(optimizer, type):
            optimizer = optimizer(learning_rate)
        gradients = optimizer.compute_gradients(
            loss, variables, colocate_gradients_with_ops=colocate_gradients_with_ops)
        if clip_gradients is not None:
            values, norm = tf.clip_by_global_norm([g for g, _ in gradients], clip_gradients)
            gradients = list(zip(values, [v for _, v in gradients]))
        with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)
                                     if update_ops is None else update_ops):
            return optimizer.apply_gradients(
                gradients, global_step=global_step if increment_global_step else None)


def sequence_loss(logits, targets, weights, average_across_timesteps=True,
                  average_across_batch=True, sum_over_timesteps=False, sum_over_batch=False,
                  softmax_loss_function=None, name=None):
    """The weighted cross-entropy of logits [batch, time, classes] against integer targets
    [batch, time], averaged (or summed) over time steps and the batch as asked."""
    with tf.name_scope(name, "sequence_loss", [logits, targets, weights]):
        classes = tf.shape(logits)[2]
        flat_logits = tf.reshape(logits, [-1, classes])
        flat_targets = tf.reshape(targets, [-1])
        if softmax_loss_function is None:
            losses = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=flat_targets,
                                                                    logits=flat_logits)
        else:
            losses = softmax_loss_function(labels=flat_targets, logits=flat_logits)
        losses = tf.reshape(losses, tf.shape(targets)) * weights
        axes = [axis for axis, (average, total) in enumerate(
            [(average_across_batch, sum_over_batch),
             (average_across_timesteps, sum_over_timesteps)]) if average or total]
        if not axes:
            return losses
        total = tf.reduce_sum(losses, axes)
        if average_across_batch or average_across_timesteps:
            total /= tf.reduce_sum(weights, axes) + 1e-12
        return total

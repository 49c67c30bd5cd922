"""The TensorFlow 0.x names (2016) that TensorFlow 1.0 renamed or reordered.

Blog posts and translations of 2016 print `tf.mul`, `tf.initialize_all_variables`,
`tf.scalar_summary`, `tf.concat(1, [a, b])` and `tf.nn.softmax_cross_entropy_with_logits(y,
y_)`. The rows of tables/renamed.tsv give such names what they meant then; the functions
here are the stand-ins for those whose arguments changed. Positional arguments
mean what they meant when the code was written: TF 0.x read the cross-entropy functions as
(logits, labels), while tf.compat.v1 would silently bind them as (labels, logits).
"""

import numbers

import tensorflow.compat.v1 as tf


def _is_axis(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def concat(*args, **kwargs):
    """tf.concat as TF 0.x called it, `(axis, values)`, or as TF 1.x did, `(values, axis)`."""
    if "concat_dim" in kwargs:
        kwargs["axis"] = kwargs.pop("concat_dim")
    if len(args) >= 2 and _is_axis(args[0]) and not _is_axis(args[1]):
        args = (args[1], args[0]) + args[2:]
    return tf.concat(*args, **kwargs)


def split(*args, **kwargs):
    """tf.split as TF 0.x called it, `(axis, num, value)`, or as TF 1.x did,
    `(value, num_or_size_splits, axis)`."""
    old = {"split_dim": "axis", "num_split": "num_or_size_splits"}
    kwargs = {old.get(key, key): value for key, value in kwargs.items()}
    if len(args) >= 3 and _is_axis(args[0]) and not _is_axis(args[2]):
        args = (args[2], args[1], args[0]) + args[3:]
    return tf.split(*args, **kwargs)


def _logits_first(function, *more):
    """`function` with positional arguments read as TF 0.x read them: (logits, labels,
    *more); TF 0.x's `targets=` is `labels=`."""
    def old_order(*args, **kwargs):
        if "targets" in kwargs:
            kwargs["labels"] = kwargs.pop("targets")
        for name, value in zip(("logits", "labels") + more, args):
            if name in kwargs:
                raise TypeError(f"{function.__name__}() got multiple values for '{name}'")
            kwargs[name] = value
        return function(**kwargs)
    old_order.__name__ = function.__name__
    old_order.__doc__ = f"tf.nn.{function.__name__}, positional arguments in TF 0.x's " \
                        f"order (logits, labels{''.join(', ' + m for m in more)})."
    return old_order


def image_summary(tag, tensor, max_images=3, collections=None, name=None):
    """tf.summary.image, with TF 0.x's `max_images`."""
    return tf.summary.image(tag, tensor, max_outputs=max_images, collections=collections)


def reverse(tensor, dims, name=None):
    """tf.reverse with TF 0.x's list of booleans (one per dimension) or TF 1.x's axes."""
    if dims and all(isinstance(flag, bool) for flag in dims):
        dims = [axis for axis, flag in enumerate(dims) if flag]
    return tf.reverse(tensor, dims, name=name)


def op_scope(values, name, default_name=None):
    """tf.name_scope, with TF 0.x's argument order (values, name, default_name)."""
    return tf.name_scope(name, default_name, values)


def variable_op_scope(values, name_or_scope, default_name=None, **kwargs):
    """tf.variable_scope, with TF 0.x's argument order (values, name, default_name)."""
    return tf.variable_scope(name_or_scope, default_name, values, **kwargs)


softmax_cross_entropy_with_logits = _logits_first(tf.nn.softmax_cross_entropy_with_logits,
                                                  "dim", "name")
sparse_softmax_cross_entropy_with_logits = _logits_first(
    tf.nn.sparse_softmax_cross_entropy_with_logits, "name")
sigmoid_cross_entropy_with_logits = _logits_first(tf.nn.sigmoid_cross_entropy_with_logits,
                                                  "name")
weighted_cross_entropy_with_logits = _logits_first(tf.nn.weighted_cross_entropy_with_logits,
                                                   "pos_weight", "name")

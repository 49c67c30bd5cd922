"""The simple parts of tf.contrib.eager (TF 1.5 to 1.x), over TensorFlow 2's eager mode.

Programs of that time start with `tfe.enable_eager_execution()`, iterate a tf.data set with
`tfe.Iterator`, and train with `tfe.implicit_gradients(loss_fn)`, which finds the
variables the loss used by itself; models subclass `tfe.Network` and `track_layer` theirs.
"""

import tensorflow as tf2
import tensorflow.compat.v1 as tf


def implicit_value_and_gradients(f):
    """A function that returns (f(...), [(gradient, variable), ...]) for every variable f
    used."""
    def value_and_gradients(*args, **kwargs):
        with tf2.GradientTape() as tape:
            value = f(*args, **kwargs)
        variables = tape.watched_variables()
        return value, list(zip(tape.gradient(value, variables), variables))
    return value_and_gradients


def implicit_gradients(f):
    """A function that returns [(gradient, variable), ...] of f for every variable it used,
    ready for optimizer.apply_gradients."""
    value_and_gradients = implicit_value_and_gradients(f)
    return lambda *args, **kwargs: value_and_gradients(*args, **kwargs)[1]


class Network(tf.keras.Model):
    """A model made of layers: subclass it, track_layer each layer, define call()."""

    def track_layer(self, layer):
        """Keeps the layer (and its variables) as part of this network; returns it."""
        self._tracked = getattr(self, "_tracked", []) + [layer]
        return layer


def num_gpus():
    """How many GPUs TensorFlow sees."""
    return len(tf2.config.list_physical_devices("GPU"))

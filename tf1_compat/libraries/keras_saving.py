"""Keras 2's `.keras` files saved and loaded in graph mode, for TF1-era Keras code.

tf_keras writes a `.keras` file by asking each variable for `.numpy()`, and reads one with
`.assign(value)`: in TF1's graph mode the first fails ("numpy() is only available when
eager execution is enabled") and the second only builds an op that never runs. While
tf_keras saves or loads such a file, a variable's value is read and set through Keras'
session instead, as `model.save("m.h5")` already does in graph mode.
"""

import contextlib
import functools

from tf1_compat.libraries import after_import

SAVING_MODULE = "tf_keras.src.saving.saving_lib"


@contextlib.contextmanager
def _values_through_the_session():
    from tensorflow.python.eager import context
    from tensorflow.python.ops import resource_variable_ops
    import tf_keras

    variable = resource_variable_ops.BaseResourceVariable
    numpy, assign = variable.numpy, variable.assign

    def read(self):
        return numpy(self) if context.executing_eagerly() else tf_keras.backend.get_value(self)

    def write(self, value, *args, **kwargs):
        if context.executing_eagerly():
            return assign(self, value, *args, **kwargs)
        tf_keras.backend.set_value(self, value)
        return self

    variable.numpy, variable.assign = read, write
    try:
        yield
    finally:
        variable.numpy, variable.assign = numpy, assign


def _in_graph_mode_too(function):
    @functools.wraps(function)
    def run(*args, **kwargs):
        with _values_through_the_session():
            return function(*args, **kwargs)
    return run


def _wrap(module):
    for name in ("save_model", "load_model"):
        setattr(module, name, _in_graph_mode_too(getattr(module, name)))


def install():
    """From the moment tf_keras' saving module is imported, `.keras` files work in graph
    mode."""
    after_import.when_imported(SAVING_MODULE, _wrap)

"""What old code asks for that cannot run on TensorFlow 2, and what does the job today.

Using one of these names ends the program in one line (tf1.py prints it) that says why
and names a replacement that works on this install. The errors are also AttributeError
and ImportError, so code that probes (`hasattr(tf.contrib, "factorization")`,
`try: from tensorflow.contrib import ... except ImportError:`) takes its fallback.
"""

from tf1_compat import records

# Each replacement's importable name is run on MNIST by a test, on this install.
NAMES = records.load("removed.tsv")
ROWS = {row.old: row for row in NAMES.rows}


def row_for(name):
    """The Gone row that covers a dotted name (itself, or a module above it), or None."""
    return next((row for old, row in ROWS.items() if name == old or name.startswith(old + ".")),
                None)


class Removed(Exception):
    """Old code used something that cannot run; the message is one line saying why."""

    def __init__(self, name):
        self.old_name = name  # not .name, which Python sets on an AttributeError
        row = row_for(name)
        if row:
            message = f"{row.old} was removed in {row.gone} ({row.why}), so this code " \
                      f"cannot run as it is; use {row.instead} instead"
            if name != row.old:
                message = f"{name}: {message}"
        else:
            message = f"{name}: tf.contrib was removed in TensorFlow 2.0 and tf1.py has no " \
                      "stand-in for this part of it, so this code cannot run as it is " \
                      "(python tf1.py --list shows what it has)"
        super().__init__(message)


class RemovedAttributeError(Removed, AttributeError):
    """`tf.contrib.x.y` or `tf.estimator` in the user's code."""


class RemovedImportError(Removed, ModuleNotFoundError):
    """`import tensorflow.contrib.x` or `from tensorflow.contrib import x`."""

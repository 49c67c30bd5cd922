"""Modules as old code sees them: a real TensorFlow module plus the old names it had.

`build` turns a table of dotted old names ("tf.nn.rnn", "tf.contrib.layers.flatten") into
a tree of `Namespace` modules: each answers its table's names first and everything else
from the real module under it (`tf.nn` from `tf.compat.v1.nn`). A namespace with no real
module (`tf.contrib`) raises `removed.RemovedAttributeError` for any other name.
"""

import types

from tf1_compat.tensorflow1.removed import ROWS, RemovedAttributeError


class Namespace(types.ModuleType):
    """A module: the old names given, then the real module's names (if there is one)."""

    def __init__(self, name, real, names):
        super().__init__(name, getattr(real, "__doc__", None))
        self._name = name  # as messages show it: "tf.contrib"
        self._real = real
        self.__dict__.update(names)

    def __getattr__(self, name):
        try:
            if self._real is None:
                raise AttributeError(name)
            return getattr(self._real, name)
        except AttributeError:
            dotted = f"{self._name}.{name}"
            if not name.startswith("__") and (self._real is None or dotted in ROWS):
                raise RemovedAttributeError(dotted) from None
            raise

    def __dir__(self):
        return sorted(set(dir(self._real)) | {n for n in self.__dict__ if not n.startswith("_")})


def build(name, real, table):
    """The Namespace called `name` over `real`, with the entries of `table` (a dict of
    dotted names under `name` and their values); nested names make nested namespaces."""
    own, nested = {}, {}
    for dotted, value in table.items():
        head, _, rest = dotted[len(name) + 1:].partition(".")
        if rest:
            nested.setdefault(head, {})[dotted] = value
        else:
            own[head] = value
    for head, entries in nested.items():
        inner_real = getattr(real, head, None) if real is not None else None
        own[head] = build(f"{name}.{head}", inner_real, entries)
    return Namespace(name, real, own)

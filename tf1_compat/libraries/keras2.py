"""Standalone Keras as TF1-era programs imported it: `import keras` is Keras 2 (tf_keras).

In 2017-2019 `pip install keras` gave Keras 2, running on TensorFlow 1's graph: programs
wrote `from keras.layers.convolutional import Conv2D`, `keras.backend.set_session(sess)`,
`from keras.preprocessing.image import ImageDataGenerator`. Today `keras` is Keras 3, which
has none of these. Under tf1.py a program read as TF1 code gets Keras 2 for its own
`import keras` (a TensorFlow 2 program keeps Keras 3, as plain TensorFlow 2 gives it):
each `keras.<path>` is, in this order,

- a path Keras 2.0-2.3 had and later Keras 2 moved (tables/keras2_paths.tsv), the
  modules that hold its names today;
- Keras 2's public API as TensorFlow 1's `tf.keras` had it (`tf_keras.api._v1.keras`,
  with the session functions in `keras.backend`);
- Keras 2's own module tree (`tf_keras.src`: `keras.layers.core`, `keras.engine.training`,
  `keras.utils.np_utils`).

`Sequential.predict_classes` and `predict_proba`, which Keras 2 had until TensorFlow 2.6,
are put back too (`MODEL_METHODS`), as Keras 2.3 defined them.
"""

import importlib
import types

from tf1_compat import records
from tf1_compat.tensorflow1 import modules

PUBLIC = "tf_keras.api._v1.keras"
OWN_TREE = "tf_keras.src"
TABLE = records.load("keras2_paths.tsv")
MOVED = {row.old: row.new.split() for row in TABLE.rows}


class Joined(types.ModuleType):
    """A module whose names are those of several, the first that has each."""

    def __init__(self, name, parts):
        super().__init__(name)
        self._parts = parts

    def __getattr__(self, name):
        for part in self._parts:
            if hasattr(part, name):
                return getattr(part, name)
        raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")

    def __dir__(self):
        return sorted({name for part in self._parts for name in dir(part)})


def _importable(name):
    """The module `name`, or None if there is none of that name."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name and name.startswith(error.name):  # not a module it imports
            return None
        raise


def predict_classes(self, x, batch_size=32, verbose=0):
    """The class of each example: the most probable, or for one sigmoid output, whether
    it is above 0.5 (Keras 2's Sequential.predict_classes)."""
    probabilities = self.predict(x, batch_size=batch_size, verbose=verbose)
    if probabilities.shape[-1] > 1:
        return probabilities.argmax(axis=-1)
    return (probabilities > 0.5).astype("int32")


def predict_proba(self, x, batch_size=32, verbose=0):
    """The model's outputs, as probabilities (Keras 2's Sequential.predict_proba)."""
    return self.predict(x, batch_size=batch_size, verbose=verbose)


MODEL_METHODS = {"predict_classes": predict_classes, "predict_proba": predict_proba}


def _put_back_model_methods():
    from tf_keras.src.engine import sequential
    for name, method in MODEL_METHODS.items():
        if not hasattr(sequential.Sequential, name):
            setattr(sequential.Sequential, name, method)


def module(name):
    """What Keras 2's module `name` ("keras", "keras.layers.core") is today (see the
    module's docstring); ModuleNotFoundError if Keras 2 never had it."""
    _put_back_model_methods()
    if name == "keras":
        import tf_keras
        return modules.Namespace("keras", importlib.import_module(PUBLIC),
                                 {"__version__": tf_keras.__version__})
    if name in MOVED:
        return Joined(name, [importlib.import_module(part) for part in MOVED[name]])
    rest = name[len("keras"):]
    for candidate in (PUBLIC + rest, OWN_TREE + rest):
        found = _importable(candidate)
        if found is not None:
            return found
    raise ModuleNotFoundError(f"No module named {name!r} in Keras 2 (tf_keras), which "
                              "TF1-era programs get for `import keras`", name=name)


def from_import(name, fromlist):
    """The module for `from name import <fromlist>`: an item that is a module of Keras 2
    but not an attribute of its parent (`from keras.layers import core`) is found too."""
    found = module(name)
    missing = {item: module(f"{name}.{item}") for item in fromlist
               if item != "*" and not hasattr(found, item)}
    return modules.Namespace(name, found, missing) if missing else found


def leading_to(name):
    """`keras` for `import keras.a.b`: the top module, in which keras.a.b leads, attribute
    by attribute, to module("keras.a.b")."""
    parts = name.split(".")
    inner = module(name)
    for depth in range(len(parts) - 1, 0, -1):
        outer = module(".".join(parts[:depth]))
        if getattr(outer, parts[depth], None) is not inner:
            outer = modules.Namespace(".".join(parts[:depth]), outer, {parts[depth]: inner})
        inner = outer
    return inner

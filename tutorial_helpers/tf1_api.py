"""What `import tensorflow as tf` gives the user's code under tf1.py: the TF1 API.

Three pieces, put in place by `install` and taken out by `uninstall`:

- An import hook (`builtins.__import__`) that answers `import tensorflow` with
  `tensorflow.compat.v1` (v2 behaviour disabled), but only for the user's code: the
  script, the console or notebook (`__main__`), and modules in the user's own folders.
  TensorFlow itself, Keras and every installed library import the real `tensorflow`.
- A finder that makes `tensorflow.examples.tutorials.mnist.input_data` this project's
  `input_data`, so the tutorials' first line works again.
- `tf.contrib` and `tensorflow.contrib.*`, removed in TensorFlow 2.0, raise `ContribRemoved`
  with what to use instead, which tf1.py prints as one line.
"""

import builtins
import importlib.abc
import importlib.machinery
import os
import site
import sys
import sysconfig
import types

import tensorflow
import tensorflow.compat.v1 as v1

import input_data

PROJECT_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES_PACKAGES = ("tensorflow.examples", "tensorflow.examples.tutorials",
                     "tensorflow.examples.tutorials.mnist")
EXAMPLES_INPUT_DATA = "tensorflow.examples.tutorials.mnist.input_data"

# What replaces the most used parts of tf.contrib, by "module.name" or "module".
CONTRIB_REPLACEMENTS = {
    "layers.xavier_initializer": "tf.glorot_uniform_initializer()",
    "layers.xavier_initializer_conv2d": "tf.glorot_uniform_initializer()",
    "layers.variance_scaling_initializer": "tf.variance_scaling_initializer()",
    "layers.fully_connected": "tf.layers.dense",
    "layers.flatten": "tf.layers.flatten",
    "layers.conv2d": "tf.layers.conv2d",
    "layers.max_pool2d": "tf.layers.max_pooling2d",
    "layers.batch_norm": "tf.layers.batch_normalization",
    "layers.dropout": "tf.layers.dropout",
    "layers.l2_regularizer": "tf.keras.regularizers.l2",
    "layers": "tf.layers (or tf.keras.layers)",
    "datasets": "input_data.read_data_sets(\"MNIST_data/\") from this project's input_data, "
                "as in the tutorials",
    "learn": "tf.estimator or tf.keras",
    "slim": "the tf-slim package (pip install tf-slim, then import tf_slim as slim)",
    "rnn": "tf.nn.rnn_cell (BasicLSTMCell, GRUCell, MultiRNNCell) and tf.nn.dynamic_rnn",
    "keras": "tf.keras",
    "distributions": "TensorFlow Probability (pip install tensorflow-probability; "
                     "tfp.distributions)",
    "metrics": "tf.metrics",
    "losses": "tf.losses",
    "summary": "tf.summary",
    "data": "tf.data",
    "image": "tf.image",
    "framework.get_or_create_global_step": "tf.train.get_or_create_global_step()",
}


class ContribRemoved(Exception):
    """tf.contrib was used; the message says what was asked for and what to use instead."""

    def __init__(self, parts):
        self.name = ".".join(("tf.contrib",) + tuple(parts))
        message = f"{self.name}: tf.contrib was removed in TensorFlow 2.0, so this code " \
                  "cannot run as it is"
        replacement = _contrib_replacement(parts)
        if replacement:
            message += f"; use {replacement} instead"
        super().__init__(message)


class ContribAttributeError(ContribRemoved, AttributeError):
    """`tf.contrib.x.y` in the user's code."""


class ContribImportError(ContribRemoved, ModuleNotFoundError):
    """`import tensorflow.contrib.x` or `from tensorflow.contrib import x`."""


def _contrib_replacement(parts):
    if not parts:
        return None
    keys = [f"{parts[0]}.{parts[-1]}"] + (["datasets"] if "datasets" in parts else []) + [parts[0]]
    return next((CONTRIB_REPLACEMENTS[key] for key in keys if key in CONTRIB_REPLACEMENTS), None)


class _Contrib:
    """tf.contrib and its modules: any use past `tf.contrib.module` raises ContribRemoved."""

    def __init__(self, parts=()):
        self._parts = parts

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        if self._parts:
            raise ContribAttributeError(self._parts + (name,))
        return _Contrib((name,))

    def __call__(self, *args, **kwargs):
        raise ContribAttributeError(self._parts)


class TF1Module(types.ModuleType):
    """`tensorflow` as the user's code sees it: tensorflow.compat.v1, and a tf.contrib that
    explains itself."""

    def __getattr__(self, name):
        if name == "contrib":
            return _Contrib()
        return getattr(v1, name)

    def __dir__(self):
        return dir(v1)


TF1 = TF1Module("tensorflow", v1.__doc__)


def _library_dirs():
    """Where Python's own modules and installed packages live: never the user's code."""
    paths = sysconfig.get_paths()
    dirs = {paths[key] for key in ("stdlib", "platstdlib", "purelib", "platlib")}
    dirs |= set(site.getsitepackages()) | {site.getusersitepackages(), sys.prefix,
                                           sys.base_prefix}
    dirs |= {os.path.join(PROJECT_DIR, "tutorial_helpers"),
             os.path.join(PROJECT_DIR, "input_data.py")}
    return tuple(os.path.realpath(d) + os.sep for d in dirs if d)


class _State:
    """What install() changed, so uninstall() can put it back."""
    real_import = None
    user_dirs = []
    library_dirs = ()
    added_path = False


def add_user_dir(directory):
    """Counts the modules under directory (the script's folder, say) as the user's code."""
    _State.user_dirs.append(os.path.realpath(directory) + os.sep)


def is_user_code(module_globals):
    """Whether the module with these globals is the user's: __main__, or under a user dir."""
    if not module_globals:
        return False
    if module_globals.get("__name__") == "__main__":
        return True
    path = module_globals.get("__file__")
    if not path:
        return False
    path = os.path.realpath(path)
    return (not path.startswith(_State.library_dirs)
            and any(path.startswith(d) for d in _State.user_dirs))


def _import(name, globals=None, locals=None, fromlist=(), level=0):
    """builtins.__import__ with tf1's answers for `tensorflow` and `tensorflow.contrib`."""
    if level == 0 and (name == "tensorflow.contrib" or name.startswith("tensorflow.contrib.")):
        raise ContribImportError(tuple(name.split(".")[2:]) + tuple(fromlist or ())[:1])
    if level == 0 and name == "tensorflow" and is_user_code(globals):
        if fromlist and "contrib" in fromlist:
            raise ContribImportError(())
        return TF1
    return _State.real_import(name, globals, locals, fromlist, level)


class _ExamplesFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Makes tensorflow.examples.tutorials.mnist.input_data this project's input_data."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname in EXAMPLES_PACKAGES:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        if fullname == EXAMPLES_INPUT_DATA:
            return importlib.machinery.ModuleSpec(fullname, self)
        return None

    def create_module(self, spec):
        if spec.name == EXAMPLES_INPUT_DATA:
            self.input_data_spec = input_data.__spec__
            return input_data  # the same module object under both names
        return None

    def exec_module(self, module):
        if module is input_data:
            module.__spec__ = self.input_data_spec  # the import system overwrote it
        else:
            module.__path__ = []


_FINDER = _ExamplesFinder()


def install():
    """Puts the TF1 API in place for the user's code (see the module's docstring)."""
    if _State.real_import is not None:
        return
    v1.disable_v2_behavior()
    _State.library_dirs = _library_dirs()
    add_user_dir(os.getcwd())
    _State.real_import = builtins.__import__
    builtins.__import__ = _import
    sys.meta_path.insert(0, _FINDER)
    _State.added_path = PROJECT_DIR not in sys.path
    if _State.added_path:
        sys.path.append(PROJECT_DIR)  # `import input_data`; the user's own one comes first


def uninstall():
    """Takes the TF1 API out again: `import tensorflow` gives TensorFlow 2, eager again.

    Graphs, sessions and tensors already made stay TF1's: restarting the interpreter (the
    notebook's kernel) is the sure way back.
    """
    if _State.real_import is None:
        return
    builtins.__import__ = _State.real_import
    _State.real_import = None
    _State.user_dirs = []
    sys.meta_path.remove(_FINDER)
    for name in EXAMPLES_PACKAGES + (EXAMPLES_INPUT_DATA,):
        sys.modules.pop(name, None)
    tensorflow.__dict__.pop("examples", None)  # set by the import system with the above
    if _State.added_path:
        sys.path.remove(PROJECT_DIR)
    v1.enable_v2_behavior()

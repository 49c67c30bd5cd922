"""What `import tensorflow as tf` gives the user's code under tf1.py: the TF1 API.

Put in place by `install` and taken out by `uninstall`:

- An import hook (`builtins.__import__`, and `importlib.import_module`) that answers
  `import tensorflow` with `api.TF1` (tf.compat.v1, v2 behaviour disabled, plus the old
  names), `import tensorflow.contrib.x` with its stand-in, and `import keras` with Keras 2
  as TF1-era programs had it (`libraries.keras2`), but only for the user's
  code: the script, the console or notebook (`__main__`), and modules in the user's own
  folders. TensorFlow itself, Keras and every installed library import the real one.
- A finder that makes `tensorflow.examples.tutorials.mnist.input_data` this project's
  `input_data`, and `tensorflow.examples.tutorials.mnist.mnist` the model module of
  TensorFlow's fully_connected_feed.py (`mnist_model`).
"""

import builtins
import importlib
import importlib.abc
import importlib.machinery
import os
import re
import site
import sys
import sysconfig

import tensorflow
import tensorflow.compat.v1 as v1

import input_data
from tf1_compat import records
from tf1_compat.libraries import keras_saving
from tf1_compat.tensorflow1 import mnist_model, modules
from tf1_compat.tensorflow1.removed import Removed, RemovedImportError

PROJECT_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The tutorials' helpers at their homes of TF 0.7-1.x, and of TF 0.5-0.6 (g3doc).
EXAMPLES_PACKAGES = ("tensorflow.examples", "tensorflow.examples.tutorials",
                     "tensorflow.examples.tutorials.mnist", "tensorflow.g3doc",
                     "tensorflow.g3doc.tutorials", "tensorflow.g3doc.tutorials.mnist")
EXAMPLES_MODULES = {f"{package}.{name}": module
                    for package in EXAMPLES_PACKAGES if package.endswith(".mnist")
                    for name, module in (("input_data", input_data), ("mnist", mnist_model))}
# Parts of `tensorflow` that only the TF1 namespace has (or explains).
# Modules old code imports from where they no longer are: Keras' private path (`from
# tensorflow.python.keras.optimizers import Adam`: tf_keras), TF 0.9's tensorflow.models,
# scikit-learn's sklearn.cross_validation.
MOVED_MODULES = {row.old: row.new for row in records.load("module_paths.tsv").rows}
STAND_INS = ("tensorflow.contrib", "tensorflow.estimator") + tuple(MOVED_MODULES)
# contrib's internal paths (tensorflow.contrib.layers.python.layers.layers,
# tensorflow.contrib.framework.python.ops.arg_scope), whose names tf.contrib.<part> has.
CONTRIB_INTERNAL = re.compile(r"^(tensorflow\.contrib\.\w+)\.python(\.|$)")


def _library_dirs():
    """Where Python's own modules and installed packages live: never the user's code."""
    paths = sysconfig.get_paths()
    dirs = {paths[key] for key in ("stdlib", "platstdlib", "purelib", "platlib")}
    dirs |= set(site.getsitepackages()) | {site.getusersitepackages(), sys.prefix,
                                           sys.base_prefix}
    dirs |= {os.path.join(PROJECT_DIR, package) for package in ("tutorial_helpers",
                                                                "tf1_compat")}
    dirs.add(os.path.join(PROJECT_DIR, "input_data.py"))
    return tuple(os.path.realpath(d) + os.sep for d in dirs if d)


class _State:
    """What install() changed, so uninstall() can put it back."""
    real_import = None
    real_import_module = None
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


def _is_tf1_import(name, module_globals):
    return (module_globals is not None and is_user_code(module_globals)
            and (name in ("tensorflow", "keras") or name.startswith(STAND_INS + ("keras.",))))


def _moved(name):
    """The longest prefix of `name` that MOVED_MODULES has, or None."""
    return max((old for old in MOVED_MODULES if name == old or name.startswith(old + ".")),
               key=len, default=None)


def _under_old_name(name, moved, fromlist):
    """Another library's module that moved (sklearn.cross_validation), made the same module
    under its old name too, so that `import old` and `from old import x` both work."""
    module = importlib.import_module(moved)
    sys.modules[name] = module
    parent, _, child = name.rpartition(".")
    setattr(importlib.import_module(parent), child, module)
    return _State.real_import(name, None, None, fromlist, 0)


def _tf1_module(name, fromlist):
    """What the TF1 namespace has for `import name` (with `fromlist`, `from name import
    ...`); what cannot run raises RemovedImportError."""
    from tf1_compat.tensorflow1 import api  # built only once TF1 code is seen
    if name == "keras" or name.startswith("keras."):  # TF1-era standalone Keras: Keras 2
        from tf1_compat.libraries import keras2
        return keras2.from_import(name, fromlist) if fromlist else keras2.leading_to(name)
    prefix = _moved(name)
    if prefix:  # the real import, so that `from package import submodule` imports it
        moved = MOVED_MODULES[prefix] + name[len(prefix):]
        if moved.startswith("tensorflow_estimator."):  # what the package imports, put back
            from tf1_compat.tensorflow1 import estimator
            estimator.ESTIMATOR.load()
        if not name.startswith("tensorflow."):
            return _under_old_name(name, moved, fromlist)
        return _State.real_import(moved, None, None, fromlist, 0) if fromlist else api.TF1
    internal = CONTRIB_INTERNAL.match(name)
    try:
        try:  # the whole path, where the TF1 namespace has it (contrib.learn's datasets.mnist)
            module, internal = _attribute_path(name), None
        except Removed:
            if not internal:
                raise
            module = _attribute_path(internal.group(1))
            if fromlist:  # `from ...layers.python.layers import initializers`: its names
                module = modules.Namespace(name, module, {  # are the public module's
                    item: module for item in fromlist
                    if item != "*" and not hasattr(module, item)})
        for item in fromlist or ():
            if item != "*":
                getattr(module, item)
    except Removed as error:
        raise RemovedImportError(error.old_name) from None
    if fromlist:
        return module
    return _leading_to(name, internal.group(1), module) if internal else api.TF1


def _attribute_path(name):
    """The TF1 namespace's object at a dotted module name, attribute by attribute
    ("tensorflow.contrib.layers": tf.contrib.layers); raises Removed where it has none."""
    from tf1_compat.tensorflow1 import api
    module = api.TF1
    for part in name.split(".")[1:]:
        module = getattr(module, part)
    return module


def _leading_to(name, public_name, public):
    """For `import tensorflow.contrib.layers.python.layers [as x]`: the TF1 namespace, in
    which that dotted path leads, attribute by attribute, to the public module (`public`,
    tf.contrib.layers), as each of contrib's internal modules had its names."""
    from tf1_compat.tensorflow1 import api
    parts = name.split(".")
    public_depth = len(public_name.split("."))
    module = public
    for depth in range(len(parts) - 1, 0, -1):  # from the innermost module out
        real = api.TF1  # the module at parts[:depth]: below public_name, the public one
        for part in parts[1:min(depth, public_depth)]:
            real = getattr(real, part)
        module = modules.Namespace(".".join(["tf"] + parts[1:depth]), real,
                                   {parts[depth]: module})
    return module


def _import(name, globals=None, locals=None, fromlist=(), level=0):
    """builtins.__import__ with the TF1 namespace for the user's `import tensorflow`."""
    if globals is None:  # __import__("tensorflow") called by hand: ask who called
        globals = sys._getframe(1).f_globals
    if level == 0 and _is_tf1_import(name, globals):
        return _tf1_module(name, fromlist)
    return _State.real_import(name, globals, locals, fromlist, level)


def _import_module(name, package=None):
    """importlib.import_module with the TF1 namespace for the user's code."""
    if _is_tf1_import(name, sys._getframe(1).f_globals):
        return _tf1_module(name, ("__name__",))
    return _State.real_import_module(name, package)


class _ExamplesFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Makes tensorflow.examples.tutorials.mnist's modules this project's (see above)."""

    def __init__(self):
        self.own_specs = {}

    def find_spec(self, fullname, path=None, target=None):
        if fullname in EXAMPLES_PACKAGES:
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)
        if fullname in EXAMPLES_MODULES:
            return importlib.machinery.ModuleSpec(fullname, self)
        return None

    def create_module(self, spec):
        module = EXAMPLES_MODULES.get(spec.name)  # the same module object under both names
        if module is not None:
            self.own_specs[module.__name__] = module.__spec__
        return module

    def exec_module(self, module):
        if module.__name__ in self.own_specs:
            module.__spec__ = self.own_specs[module.__name__]  # the import system set it
            return
        module.__path__ = []
        for name, inner in EXAMPLES_MODULES.items():  # `from ...tutorials import mnist`,
            parent, _, child = name.rpartition(".")   # then mnist.input_data
            if parent == module.__name__:
                setattr(module, child, inner)


_FINDER = _ExamplesFinder()


def install():
    """Puts the TF1 API in place for the user's code (see the module's docstring)."""
    if _State.real_import is not None:
        return
    v1.disable_v2_behavior()
    _State.library_dirs = _library_dirs()
    add_user_dir(os.getcwd())
    _State.real_import = builtins.__import__
    _State.real_import_module = importlib.import_module
    builtins.__import__ = _import
    importlib.import_module = _import_module
    sys.meta_path.insert(0, _FINDER)
    keras_saving.install()
    _State.added_path = PROJECT_DIR not in sys.path
    if _State.added_path:
        sys.path.append(PROJECT_DIR)  # `import input_data`; the user's own one comes first


class CannotUndo(RuntimeError):
    """tf1.uninstall() after a graph was built: only a new interpreter can go back."""


def graph_was_built():
    """Whether TF1 code has built a graph: TensorFlow then cannot turn eager execution back
    on in this process (tf.enable_eager_execution "must be called at program startup")."""
    from tensorflow.python.framework import ops
    return ops._default_graph_stack._global_default_graph is not None


def uninstall():
    """Takes the TF1 API out again: `import tensorflow` gives TensorFlow 2, eager again.

    Only before any graph was built: after, TensorFlow cannot go back to eager execution in
    this process, so nothing is undone and CannotUndo says that a restart of the
    interpreter (the notebook's kernel) is the way back.
    """
    if _State.real_import is None:
        return
    if graph_was_built():
        raise CannotUndo("tf1.uninstall(): this program (or notebook) has built a TF1 graph, "
                         "and TensorFlow cannot go back to eager execution in the same "
                         "process; restart the interpreter (the notebook's kernel) instead")
    builtins.__import__ = _State.real_import
    importlib.import_module = _State.real_import_module
    _State.real_import = None
    _State.user_dirs = []
    sys.meta_path.remove(_FINDER)
    for name in EXAMPLES_PACKAGES + tuple(EXAMPLES_MODULES):
        sys.modules.pop(name, None)
    for package in ("examples", "g3doc"):  # set by the import system with the above
        tensorflow.__dict__.pop(package, None)
    if _State.added_path:
        sys.path.remove(PROJECT_DIR)
    v1.enable_v2_behavior()

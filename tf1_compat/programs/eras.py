"""Telling TF1 code from TensorFlow 2 code by its source, before TensorFlow loads.

Whatever runs on plain TensorFlow 2 must run the same through tf1.py, and TF1 code must
get the TF1 API: so each program (each notebook cell, each block typed at the console) is
read before it runs. It is TF1 code if, outside comments and strings, it

- uses a name `tf.X...` (with `tf` whatever name `tensorflow` is imported as) that
  TensorFlow 2's own module lacks: `tf.Session`, `tf.placeholder`, `tf.train.AdamOptimizer`,
  `tf.layers`, `tf.app`, `tf.contrib`... (`tf.compat.v1.X` does not count: TensorFlow 2
  has it, and such programs set the mode themselves);
- or imports what only TF 1.x had: `tensorflow.examples.tutorials`, `tensorflow.contrib`,
  the tutorials' `input_data`, a module of TensorFlow's that moved, a name
  `from tensorflow import X` that TensorFlow 2 lacks, a module of Keras 2 that Keras 3
  lacks (`keras.layers.convolutional`, `keras.utils.np_utils`: TF1-era standalone Keras);
- or imports standalone `keras` and calls what only Keras 2 took: an optimizer's `lr=`,
  `fit_generator`, `predict_classes`.

Markers such as `GradientTape` or `.numpy()` alone decide nothing: TF 1.x programs use
them too. TensorFlow 2's names are read from its own generated API files
(`tensorflow/__init__.py`, `tensorflow/_api/v2/<module>/__init__.py`), without importing it.
"""

import ast
import functools
import importlib.util
import io
import os
import tokenize

from tf1_compat import records

# Imports only TF 1.x code makes: modules gone from TensorFlow 2 (and the tutorials' own).
TF1_MODULES = ("tensorflow.examples", "tensorflow.g3doc", "tensorflow.contrib",
               "tensorflow.models") + tuple(
    row.old for row in records.load("module_paths.tsv").rows if row.old.startswith("tensorflow."))
EAGER_MARKERS = (".numpy()", "GradientTape", "tf.function", "eager")


@functools.lru_cache(maxsize=None)
def _package_dir(name):
    spec = importlib.util.find_spec(name)  # finds it; imports nothing
    return os.path.dirname(spec.origin) if spec and spec.origin else None


def _tensorflow_dir():
    return _package_dir("tensorflow")


def _has_module(folder, parts):
    """Whether the package at `folder` has the module of the dotted `parts` (a file)."""
    base = os.path.join(folder, *parts)
    return os.path.isfile(base + ".py") or os.path.isfile(os.path.join(base, "__init__.py"))


def keras2_only(module):
    """Whether `module` ("keras.layers.core") is a module of Keras 2 that Keras 3 does not
    have, read from both packages' files (Keras 3's public modules are keras/api/...)."""
    from tf1_compat.libraries import keras2  # its table; imports no Keras
    parts = module.split(".")[1:]
    if parts[:1] == ["src"] or not parts:
        return False
    keras3, keras_2 = _package_dir("keras"), _package_dir("tf_keras")
    if keras3 and (_has_module(os.path.join(keras3, "api"), parts) or
                   _has_module(keras3, parts)):
        return False
    return module in keras2.MOVED or bool(keras_2) and any(
        _has_module(os.path.join(keras_2, *tree), parts)
        for tree in (("api", "_v1", "keras"), ("src",)))


@functools.lru_cache(maxsize=None)
def tensorflow2_names(module):
    """The names TensorFlow 2's module `tf.<module>` ("" for `tf` itself) defines, read from
    its API file; None if TensorFlow 2 has no such module (or is not installed)."""
    root = _tensorflow_dir()
    if root is None:
        return None
    parts = module.split(".") if module else []
    return _defined_names(os.path.join(root, "__init__.py") if not parts else
                          os.path.join(root, "_api", "v2", *parts, "__init__.py"))


@functools.lru_cache(maxsize=None)
def keras3_names(module):
    """The names Keras 3's public module `keras.<module>` defines, from its API file
    (keras/<module>/, or keras/api/<module>/ in some releases); None if Keras 3 has no
    such module (or is not installed)."""
    root = _package_dir("keras")
    for api in ((root,), (root, "api")) if root else ():
        names = _defined_names(os.path.join(*api, *module.split("."), "__init__.py"))
        if names is not None:
            return names
    return None


def _defined_names(path):
    """The names a generated API file (`__init__.py`) defines, or None if there is none."""
    try:
        with open(path, encoding="utf-8") as f:
            tree = ast.parse(f.read())
    except (OSError, SyntaxError, ValueError):
        return None
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(target.id for target in targets if isinstance(target, ast.Name))
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "setattr" and
              len(node.args) > 1 and isinstance(node.args[1], ast.Constant)):
            names.add(node.args[1].value)  # the lazily loaded Keras parts: tf.keras, ...
    return names


def in_tensorflow2(chain):
    """Whether TensorFlow 2 has the dotted name `chain` under `tf` ("train.AdamOptimizer"):
    each part in the module before it, as far as the parts are modules."""
    module = ""
    for part in chain.split("."):
        names = tensorflow2_names(module)
        if names is None:  # not a module: an attribute of a function or class
            return True
        if part not in names:
            return False
        module = f"{module}.{part}" if module else part
    return True


def _aliases(tree):
    """The names the code's imports bind to `tensorflow` or a module of it, each with that
    module's path under `tf` ("" for `tensorflow`, "compat.v1" for
    `import tensorflow.compat.v1 as tf`); `tf` is `tensorflow` unless imported otherwise."""
    aliases = {"tf": ""}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "tensorflow" or alias.name.startswith("tensorflow."):
                    if alias.asname:
                        aliases[alias.asname] = alias.name.partition(".")[2]
                    else:
                        aliases["tensorflow"] = ""
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level and \
                (node.module == "tensorflow" or node.module.startswith("tensorflow.")):
            module = node.module.partition(".")[2]
            for alias in node.names:  # from tensorflow.compat import v1 as tf
                path = f"{module}.{alias.name}" if module else alias.name
                if tensorflow2_names(path) is not None:
                    aliases[alias.asname or alias.name] = path
    return aliases


def _tf1_imports(tree, folder):
    """Whether the code imports what only TF 1.x had (see the module's docstring); the
    tutorials' `input_data` counts unless `folder`, the code's own, holds one."""
    own_input_data = folder is not None and os.path.exists(os.path.join(folder, "input_data.py"))
    tf1_modules = TF1_MODULES + (() if own_input_data else ("input_data",))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules = [node.module]
            if node.module == "tensorflow" and any(
                    alias.name != "*" and not in_tensorflow2(alias.name) for alias in node.names):
                return True
        else:
            continue
        if any(module == old or module.startswith(old + ".") for module in modules
               for old in tf1_modules):
            return True
        if any(module.startswith("keras.") and keras2_only(module) for module in modules):
            return True
        if isinstance(node, ast.ImportFrom) and node.module.startswith("keras."):
            names = keras3_names(node.module[len("keras."):])  # ImageDataGenerator: Keras 2's
            if names is not None and any(alias.name != "*" and alias.name not in names
                                         for alias in node.names):
                return True
    return False


def _chains(source, aliases):
    """Each dotted name `alias.a.b` in the code, outside comments and strings, as the path
    under `tf` of what it names ("a.b", or "compat.v1.a.b" for an alias of that module)."""
    tokens = [token for token in tokenize.generate_tokens(io.StringIO(source).readline)
              if token.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE,
                                    tokenize.INDENT, tokenize.DEDENT)]
    for index, token in enumerate(tokens):
        previous = tokens[index - 1].string if index else ""
        if token.type != tokenize.NAME or token.string not in aliases or previous == ".":
            continue
        parts, at = [], index + 1
        while at + 1 < len(tokens) and tokens[at].string == "." and \
                tokens[at + 1].type == tokenize.NAME:
            parts.append(tokens[at + 1].string)
            at += 2
        if parts:
            yield ".".join(([aliases[token.string]] if aliases[token.string] else []) + parts)


# What only standalone Keras 2 (2017-2019, on TensorFlow 1) took: its optimizers' `lr=`
# and the Model methods Keras 3 dropped.
KERAS2_OPTIMIZERS = {"SGD", "RMSprop", "Adam", "Adagrad", "Adadelta", "Adamax", "Nadam"}
KERAS2_METHODS = {"fit_generator", "evaluate_generator", "predict_generator",
                  "predict_classes", "predict_proba"}


def _keras2_calls(tree):
    """Whether code that imports standalone `keras` calls what only Keras 2 had."""
    if not any(isinstance(node, ast.Import) and any(a.name.split(".")[0] == "keras"
                                                     for a in node.names) or
               isinstance(node, ast.ImportFrom) and not node.level and node.module and
               node.module.split(".")[0] == "keras" for node in ast.walk(tree)):
        return False
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else \
            getattr(node.func, "id", None)
        if name in KERAS2_OPTIMIZERS and any(k.arg == "lr" for k in node.keywords):
            return True
        if isinstance(node.func, ast.Attribute) and name in KERAS2_METHODS:
            return True
    return False


def is_tf1(source, folder=None):
    """Whether the code (from `folder`, if a file's) is TF1 code (see the module's
    docstring). Code that Python cannot read says nothing either way: False."""
    try:
        tree = ast.parse(source)
        if _tf1_imports(tree, folder) or _keras2_calls(tree):
            return True
        return any(not in_tensorflow2(chain) for chain in _chains(source, _aliases(tree)))
    except (SyntaxError, ValueError, tokenize.TokenError):
        return False


def _imported_names(source):
    """The dotted names of the modules the code imports (`from a import b`: a and a.b)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def _own_module(folder, name):
    """The file of the module `name` in folder (the program's own), or None."""
    base = os.path.join(folder, *name.split("."))
    for path in (base + ".py", os.path.join(base, "__init__.py")):
        if os.path.isfile(path):
            return path
    return None


def program_is_tf1(source, folder, most=100):
    """Whether a program is TF1 code: its own source, or that of a module of its own (in
    its folder) that it imports, directly or through another such module (`most` files)."""
    seen, waiting = set(), [source]
    while waiting and len(seen) < most:
        text = waiting.pop()
        if is_tf1(text, folder):
            return True
        for name in _imported_names(text):
            path = _own_module(folder, name)
            if path and path not in seen:
                seen.add(path)
                try:
                    with open(path, "rb") as f:
                        waiting.append(f.read().decode("utf-8", "replace"))
                except OSError:
                    pass
    return False


def needs_eager(source):
    """Whether TensorFlow 2 code shows that it needs eager execution (a hint, not proof)."""
    return not is_tf1(source) and any(marker in source for marker in EAGER_MARKERS)

"""Changing an installed library's module as the program imports it, for tf1.py.

Old programs need a few names back in libraries other than TensorFlow (scikit-learn's
`TSNE(n_iter=)`, SciPy's `scipy.misc.imread`, Keras' MNIST without network) and figures
kept as files (matplotlib). Importing those libraries up front would slow every program
down, so each change waits for its module: `when_imported` runs it as soon as the module
is executed (at once if it already is), before the program's import statement returns.
"""

import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types


class _EmptyModule(importlib.abc.Loader):
    """A module a library has since removed (scipy.misc in SciPy 2), made anew to be
    filled by its changes."""

    def create_module(self, spec):
        return types.ModuleType(spec.name)

    def exec_module(self, module):
        pass


class _Finder(importlib.abc.MetaPathFinder):
    def __init__(self):
        self.changes = {}  # module name: [change(module), ...]

    def find_spec(self, name, path=None, target=None):
        if name not in self.changes:
            return None
        changes = self.changes.pop(name)
        spec = importlib.util.find_spec(name) or importlib.machinery.ModuleSpec(
            name, _EmptyModule())
        load = spec.loader.exec_module

        def load_and_change(module):
            load(module)
            for change in changes:
                change(module)
        spec.loader.exec_module = load_and_change
        return spec


_FINDER = _Finder()


def when_imported(name, change):
    """Calls change(module) once the module `name` is imported, or now if it is."""
    if name in sys.modules:
        change(sys.modules[name])
        return
    _FINDER.changes.setdefault(name, []).append(change)
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)


def forget():
    """Drops the changes still waiting for their modules."""
    _FINDER.changes.clear()
    if _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)

"""Names put back into TensorFlow's own modules and other libraries while old code runs.

The rows of tables/libraries.tsv: each old name is a module's attribute
(`scipy.misc.imread`, `sklearn.manifold.TSNE`, `tensorflow.python.ops.rnn.rnn`), set as
soon as the program imports that module (`after_import`), so libraries it never imports
cost nothing. `uninstall` puts the modules' own attributes back.
"""

from tf1_compat import records
from tf1_compat.libraries import after_import

TABLE = records.load("libraries.tsv")
_MISSING = object()
_replaced = []  # (module, attribute, what it was)


def _put_back(row, module):
    attribute = row.old.rsplit(".", 1)[1]
    _replaced.append((module, attribute, module.__dict__.get(attribute, _MISSING)))
    setattr(module, attribute, records.value_of(row))


def install():
    for row in TABLE.rows:
        after_import.when_imported(row.old.rsplit(".", 1)[0],
                                   lambda module, row=row: _put_back(row, module))


def uninstall():
    after_import.forget()
    while _replaced:
        module, attribute, previous = _replaced.pop()
        if previous is _MISSING:
            delattr(module, attribute)
        else:
            setattr(module, attribute, previous)

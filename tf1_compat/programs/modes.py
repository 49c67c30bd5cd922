"""Which TensorFlow the user's code gets under tf1.py: TensorFlow 2 as it is, until TF1
code is about to run (`eras`); from then on the TF1 API, for the rest of the process.

A script or piped program is read whole before it runs; a notebook's cells (IPython's
`pre_run_cell`) and the console's blocks one by one, so that a notebook may start with
TensorFlow 2 cells and go on with TF1 ones. The switch turns graph mode on, which
TensorFlow cannot undo in the same process: a TensorFlow 2 cell that needs eager execution
after it gets one line saying so.
"""

import sys

from tf1_compat.programs import eras


class _Mode:
    tf1 = False
    switch = None  # puts the TF1 API in place


def start(switch):
    """Sets what puts the TF1 API in place when TF1 code is first seen."""
    _Mode.switch = switch


def use_tf1():
    """Puts the TF1 API in place now (a program read whole and found TF1, say)."""
    if not _Mode.tf1:
        _Mode.tf1 = True
        _Mode.switch()


def tf1_in_use():
    """Whether the TF1 API (and so graph mode) is in place."""
    return _Mode.tf1


def forget():
    """Back to TensorFlow 2 as it is (after `tf1.uninstall()`)."""
    _Mode.tf1 = False


def before_running(source, namespace=None, folder=None):
    """Called with each program, cell or console block before it runs, with the names it
    runs in: switches to the TF1 API at the first TF1 code (names earlier code bound to
    the real `tensorflow` then name the TF1 namespace)."""
    if not _Mode.tf1 and eras.is_tf1(source, folder):
        use_tf1()
        if namespace is not None:
            _rebind(namespace)
    elif _Mode.tf1 and eras.needs_eager(source):
        print("tf1.py: this looks like TensorFlow 2 code that needs eager execution, but TF1 "
              "code before it turned graph mode on, which cannot be undone in this process: "
              "restart the kernel to run it", file=sys.stderr)


def _rebind(namespace):
    tensorflow = sys.modules.get("tensorflow")
    if tensorflow is None:
        return
    from tf1_compat.tensorflow1 import api
    for name, value in list(namespace.items()):
        if value is tensorflow or value is getattr(tensorflow.compat, "v1", None):
            namespace[name] = api.TF1


def watch_cells(shell):
    """In IPython (Jupyter, Colab, the ipython command): each cell is read before it runs."""
    def pre_run_cell(info):  # the cell as IPython runs it: magics, Python 2 converted
        before_running(shell.transform_cell(info.raw_cell or ""), shell.user_ns)
    shell.events.register("pre_run_cell", pre_run_cell)

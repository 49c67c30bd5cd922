"""Runs TensorFlow 1 code unchanged on TensorFlow 2: the tutorials' own lines, and the blog
posts' and translations' MNIST programs.

    python tf1.py SCRIPT [ARGS...]   run a TF1-era script as `python SCRIPT ARGS...` would
    python tf1.py                    a console for the tutorial's lines, typed or pasted
    python tf1.py < lines.py         the same lines from a pipe (or `python tf1.py -`)
    import tf1, or %load_ext tf1     in a notebook's first cell: the next cells are TF1 code

In the user's code, `import tensorflow as tf` gives the TF1 API (`tf.compat.v1`, with v2
behaviour disabled) plus what TF 1.x code still asks for: the 2016 names (`tf.mul`), the
thin parts of `tf.contrib`, `tf.estimator` (from the tensorflow-estimator package),
`tf.layers` and TF1-era `tf.keras` (through the tf_keras package), and
`from tensorflow.examples.tutorials.mnist import input_data` (or `import input_data`)
gives this project's `input_data`. TensorFlow's own modules and other libraries get the
real TensorFlow 2, with the few names old programs use from NumPy, SciPy and scikit-learn
put back. With no display, figures shown are saved as PNG files. What cannot run (the
rest of `tf.contrib`, PrettyTensor, Python 2 code) and a package that is not installed
get one line saying why and what to do. `python tf1.py --list` shows every old name it
knows. `tf1.uninstall()` takes it all out again, before any TF1 graph was built. How it
works: the tf1_compat package.
"""

import argparse
import importlib.util
import os
import sys
import warnings

from tf1_compat import python2
from tutorial_helpers import speed, startup

BANNER = """TensorFlow {version} with the TensorFlow 1 API:
`import tensorflow as tf` gives tf.compat.v1.
Type or paste the tutorial's lines, e.g. from
  from tensorflow.examples.tutorials.mnist import input_data
Ctrl-D (Windows: Ctrl-Z, Enter) leaves."""


def install(verbose=False):
    """Makes `import tensorflow` give the TF1 API to the user's code (see the docstring)."""
    speed.use_fast_cpu_settings()  # only where TensorFlow is not loaded yet
    if importlib.util.find_spec("tf_keras"):
        # tf.layers, tf.nn.rnn_cell and TF1-era tf.keras need Keras 2, which TensorFlow
        # takes from tf_keras only if this is set before it loads.
        os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
    startup.silence_tensorflow_startup(verbose)
    if not verbose:  # the TF1 API is used on purpose: no deprecation warnings
        from tensorflow.python.util import deprecation
        deprecation._PRINT_DEPRECATION_WARNINGS = False
        warnings.filterwarnings("ignore", r"`tf\.\S+` is deprecated and will be removed",
                                UserWarning)  # tf_keras' tf.layers, said in the user's lines
        for keras in ("tf_keras", "tensorflow.python.keras"):  # Keras 2 and TF's own copy
            warnings.filterwarnings("ignore", category=UserWarning, module=keras)
    from tf1_compat import imports, numpy_names, removed
    imports.install()
    numpy_names.install()
    shell = _ipython_shell()
    if shell:  # a notebook: what cannot run gets its one line there too
        shell.set_custom_exc((removed.Removed, ImportError, imports.CannotUndo),
                             _show_one_line)


def _ipython_shell():
    """The running IPython shell (Jupyter, Colab, the ipython command), or None."""
    ipython = sys.modules.get("IPython")
    return ipython.get_ipython() if ipython else None


def _show_one_line(shell, kind, error, traceback, tb_offset=None):
    """IPython's handler for what cannot run and for missing packages: their one line, as
    in the console; other import errors keep IPython's traceback."""
    from tf1_compat import running
    from tf1_compat import imports
    message = str(error) if isinstance(error, imports.CannotUndo) else running.one_line(error)
    if message is None:
        shell.showtraceback((kind, error, traceback), tb_offset=tb_offset)
    else:
        print(f"error: {message}", file=sys.stderr)


def load_ipython_extension(shell):
    """`%load_ext tf1`, IPython's way to switch a notebook's mode: as `import tf1` (done
    by importing this module), the next cells are TF1 code."""


def uninstall():
    """Undoes `import tf1`: `import tensorflow` gives TensorFlow 2 again, eager by default.

    Only before the TF1 code built a graph: after, TensorFlow cannot turn eager execution
    back on, so nothing is undone and `imports.CannotUndo` says, in one line, that a restart
    of the interpreter (the notebook's kernel) is the way back.
    """
    from tf1_compat import imports, numpy_names
    imports.uninstall()
    numpy_names.uninstall()
    shell = _ipython_shell()
    if shell:
        shell.set_custom_exc((), None)


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="With no SCRIPT, reads the code from the console, or from stdin when it is not "
               "a terminal.")
    parser.add_argument("--verbose", action="store_true",
                        help="show TensorFlow's own log and deprecation messages")
    parser.add_argument("--list", action="store_true",
                        help="list the old names tf1.py gives code, and what cannot run")
    parser.add_argument("script", nargs="?", metavar="SCRIPT",
                        help="the TF1 program to run (- for the one on stdin)")
    parser.add_argument("args", nargs=argparse.REMAINDER, metavar="ARGS",
                        help="its own arguments, passed on in sys.argv")
    args = parser.parse_args()
    if args.script == "-":  # as `python -`: the program on stdin
        args.script = None
    # A pipe (`<(cat prog.py)`, /dev/stdin) is a script as much as a file is.
    if args.script is not None and (os.path.isdir(args.script) or
                                    not os.path.exists(args.script)):
        problem = "is a directory" if os.path.isdir(args.script) else "does not exist"
        parser.error(f"the script {args.script} {problem}: give the path of a Python file")
    return args


def main():
    args = parse_args()
    if args.list:
        install(args.verbose)
        from tf1_compat import listing
        print(listing.markdown())
        return 0
    if args.script is not None:  # read before TensorFlow loads: Python 2 code fails at once
        with open(args.script, "rb") as f:
            script = python2.compile_or_explain(f.read(), os.path.abspath(args.script))
        if script is None:
            return 1
    install(args.verbose)
    from tf1_compat import figures, running
    figures.save_when_headless(args.script)
    if args.script is not None:
        return running.run_script(args.script, script, args.args)
    if not sys.stdin.isatty():
        return running.run_stdin()
    import tensorflow
    return running.console(BANNER.format(version=tensorflow.__version__))


if __name__ == "__main__":
    sys.exit(main())
else:
    install()

"""`python tf1.py`, the `tf1` command (`pip install .`), `import tf1` and `%load_ext tf1`.

What tf1.py does, as functions without side effects on import: `main` reads the command
line and runs a program, a pipe or the console; `install` prepares what the user's code
gets (the TF1 API, or TensorFlow 2 as it is until TF1 code is seen); `install_on_import`
is what `import tf1` does; `uninstall` undoes it. See tf1.py's docstring for the whole.
"""
import argparse
import os
import sys
import warnings

from tf1_compat.programs import cluster_log, eras, notebook_file, python2
from tutorial_helpers import speed, startup

DESCRIPTION = ("Runs TensorFlow code of any era unchanged on TensorFlow 2: the tutorials' own "
               "lines, and the blog posts' and translations' MNIST programs.")
BANNER = """TensorFlow {version}, with the TensorFlow 1 API from the first TF1 line on:
then `import tensorflow as tf` gives tf.compat.v1.
Type or paste the tutorial's lines, e.g. from
  from tensorflow.examples.tutorials.mnist import input_data
Ctrl-D (Windows: Ctrl-Z, Enter) leaves."""


def install(verbose=False, tf1=True, keras2=True):
    """Prepares what the user's code gets (see the docstring): the TF1 API at once if
    `tf1`, else TensorFlow 2 as it is until TF1 code is about to run (`modes`). With
    `keras2`, tf.keras is Keras 2 (tf_keras), which TF1 code needs; without, it is what
    plain TensorFlow 2 gives (Keras 3)."""
    speed.use_fast_cpu_settings()  # only where TensorFlow is not loaded yet
    startup.silence_tensorflow_startup(verbose, keras="2" if keras2 else "3")
    if not verbose:  # the TF1 API is used on purpose: no deprecation warnings
        from tensorflow.python.util import deprecation
        deprecation._PRINT_DEPRECATION_WARNINGS = False
        warnings.filterwarnings("ignore", r"`tf\.\S+` is deprecated and will be removed",
                                UserWarning)  # tf_keras' tf.layers, said in the user's lines
        for keras in ("tf_keras", "tensorflow.python.keras"):  # Keras 2 and TF's own copy
            warnings.filterwarnings("ignore", category=UserWarning, module=keras)
        warnings.filterwarnings("ignore", "To make it possible to preserve tf.data options",
                                UserWarning)  # tf.data's options read in graph mode
    from tf1_compat.libraries import numpy_names, put_back
    from tf1_compat.programs import imports, modes
    from tf1_compat.tensorflow1 import removed
    numpy_names.install()
    put_back.install()
    modes.start(imports.install)
    if tf1:
        modes.use_tf1()
    shell = _ipython_shell()
    if shell:  # a notebook: what cannot run gets its one line there too
        shell.set_custom_exc((removed.Removed, ImportError, imports.CannotUndo, ValueError,
                              AttributeError), _show_one_line)
        python2.watch_cells(shell)
        modes.watch_cells(shell)


def _ipython_shell():
    """The running IPython shell (Jupyter, Colab, the ipython command), or None."""
    ipython = sys.modules.get("IPython")
    return ipython.get_ipython() if ipython else None


def _show_one_line(shell, kind, error, traceback, tb_offset=None):
    """IPython's handler for what cannot run, missing packages and TensorFlow 2's eager
    execution asked for after TF1 code: their one line, as in the console; other errors
    keep IPython's traceback."""
    from tf1_compat.programs import running
    from tf1_compat.programs import imports
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
    from tf1_compat.libraries import numpy_names, put_back
    from tf1_compat.programs import imports, modes
    imports.uninstall()
    modes.forget()
    numpy_names.uninstall()
    put_back.uninstall()
    shell = _ipython_shell()
    if shell:
        shell.set_custom_exc((), None)


def parse_args(description):
    from tutorial_helpers.cli import Parser  # no abbreviations; "did you mean --list?"
    parser = Parser(
        prog="tf1.py" if sys.argv[0].endswith(".py") else "tf1", description=description,
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


def main(description=DESCRIPTION):
    """`python tf1.py ...` and the `tf1` command; returns the exit status."""
    args = parse_args(description)
    if args.list:
        install(args.verbose)
        from tf1_compat import listing
        print(listing.markdown())
        return 0
    if args.script is not None:  # read before TensorFlow loads: Python 2 code fails at once
        with open(args.script, "rb") as f:
            source = f.read()
        if notebook_file.is_notebook(args.script, source):
            try:
                source, left_out = notebook_file.program(source, args.script)
            except notebook_file.NotANotebook as error:
                print(f"error: {error}", file=sys.stderr)
                return 1
            print(f"tf1.py: {args.script} is a notebook: running its code cells in order"
                  + (f", without its IPython lines ({', '.join(left_out)})" if left_out
                     else ""), file=sys.stderr)
        program = python2.compile_or_explain(source, os.path.abspath(args.script))
        if program is None:
            return 1
        # TF1 code gets the TF1 API; TensorFlow 2 code runs as on plain TensorFlow 2.
        tf1 = eras.program_is_tf1(program[1], os.path.dirname(os.path.abspath(args.script)))
        if not args.verbose and cluster_log.builds_a_cluster(program[1]):
            cluster_log.show_cluster_waits()  # before TensorFlow loads
        install(args.verbose, tf1=tf1, keras2=tf1)
    else:  # piped lines or the console: TensorFlow 2 until TF1 code comes
        install(args.verbose, tf1=False)
    from tf1_compat.libraries import figures
    from tf1_compat.programs import running
    figures.save_when_headless(args.script)
    if args.script is not None:
        python2.convert_imports_from(os.path.dirname(os.path.abspath(args.script)))
        return running.run_script(args.script, program[0], args.args)
    if not sys.stdin.isatty():
        return running.run_stdin()
    import tensorflow
    return running.console(BANNER.format(version=tensorflow.__version__))


def install_on_import():
    """`import tf1` (or `%load_ext tf1`): in a notebook or IPython, each cell gets what its
    era needs (TF1 code switches to the TF1 API for good); in a script, what the script's
    own source needs."""
    if _ipython_shell():
        return install(tf1=False)  # tf.keras is Keras 2, which later TF1 cells may need
    sys.excepthook = _one_line_or(sys.excepthook)
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    try:
        with open(main_file, "rb") as f:
            text = python2.compile_or_explain(f.read(), main_file)[1]
    except (OSError, TypeError):  # no file: code from elsewhere gets the TF1 API
        return install()
    tf1 = eras.program_is_tf1(text, os.path.dirname(os.path.abspath(main_file)))
    install(tf1=tf1, keras2=tf1)


def _one_line_or(excepthook):
    """sys.excepthook for a program that did `import tf1` (`python -c "import tf1; ..."`):
    what tf1.py tells in one line is told so, the rest by `excepthook`."""
    def one_line_or_traceback(kind, error, traceback):
        from tf1_compat.programs import running
        message = running.one_line(error)
        if message is None:
            excepthook(kind, error, traceback)
        else:
            print(f"error: {message}", file=sys.stderr)
    return one_line_or_traceback


"""Running old code as `python` would, for tf1.py: a script, lines from a pipe, or a console.

The user's code runs as `__main__` with its own `sys.argv` and `__file__`, and its errors
keep their normal traceback, trimmed of tf1.py's own frames. Two kinds of error get one
line instead, saying why and what to do: `tf.contrib`, removed in TensorFlow 2.0
(`tf1_api.ContribRemoved`), and Python 2 code (`python2`).
"""

import builtins
import code
import codeop
import importlib.machinery
import os
import re
import sys
import types

from tutorial_helpers import tf1_api
from tutorial_helpers.python2 import (CONSOLE, PYTHON2_NAMES, LegacyCodeError,
                                      compile_or_explain, python2_syntax)

def fresh_main(path=None):
    """A new, empty `__main__` module, as Python makes for a script (or for stdin)."""
    main = types.ModuleType("__main__")
    main.__builtins__ = builtins
    if path:
        main.__file__ = os.path.abspath(path)
        main.__loader__ = importlib.machinery.SourceFileLoader("__main__", main.__file__)
    sys.modules["__main__"] = main
    return main


def _user_frames(traceback):
    """The traceback from the first frame of the user's code on (tf1.py's are cut)."""
    while traceback and not tf1_api.is_user_code(traceback.tb_frame.f_globals):
        traceback = traceback.tb_next
    return traceback


def _where(traceback):
    """`file, line N` of the last frame of the user's code in a traceback."""
    place = None
    while traceback:
        filename = traceback.tb_frame.f_code.co_filename
        if tf1_api.is_user_code(traceback.tb_frame.f_globals) and filename != CONSOLE:
            place = f"{filename}, line {traceback.tb_lineno}"
        traceback = traceback.tb_next
    return place


def one_line(error):
    """The one-line message for tf.contrib or Python 2 code, or None for other errors."""
    if isinstance(error, LegacyCodeError):
        return str(error)
    where = _where(error.__traceback__)
    prefix = f"{where}: " if where else ""
    if isinstance(error, tf1_api.ContribRemoved):
        return prefix + str(error)
    if isinstance(error, NameError) and getattr(error, "name", None) in PYTHON2_NAMES:
        return (f"{prefix}this is Python 2 code ({error.name} is gone in Python 3), which "
                f"Python 3 cannot run. Use {PYTHON2_NAMES[error.name]} instead")
    return None


def run_code(code_object):
    """Runs compiled user code in the current __main__; returns the exit status.

    tf.contrib and Python 2 errors print one line; others their traceback, from the
    user's first frame on, as `python` prints it.
    """
    try:
        exec(code_object, sys.modules["__main__"].__dict__)
    except SystemExit:
        raise
    except BaseException as error:
        message = one_line(error)
        if message:
            print(f"error: {message}", file=sys.stderr)
        else:
            user_frames = _user_frames(error.__traceback__)
            sys.excepthook(type(error), error.with_traceback(user_frames), user_frames)
        return 130 if isinstance(error, KeyboardInterrupt) else 1
    return 0


def run_script(path, code_object, args):
    """Runs a script's compiled code with args as `python path args` would; returns the
    exit status."""
    script_dir = os.path.dirname(os.path.abspath(path))
    sys.path[0] = script_dir  # the script's own modules, as with `python path`
    tf1_api.add_user_dir(script_dir)
    sys.argv = [path, *args]
    fresh_main(path)
    return run_code(code_object)


def run_stdin():
    """Runs the lines piped in as one program, as `python < lines.py` would."""
    code_object = compile_or_explain(sys.stdin.read(), "<stdin>")
    if code_object is None:
        return 1
    fresh_main()
    return run_code(code_object)


class Console(code.InteractiveConsole):
    """Python's console, for the tutorial's lines typed or pasted one after another.

    A pasted block (a `for` loop, say) needs no blank line after it: a line back at the
    left margin ends it. tf.contrib and Python 2 code get their one-line message.
    """

    def push(self, line):
        if self.buffer and line[:1].strip() and not re.match(r"(else|elif|except|finally)\b",
                                                              line):
            try:
                complete = codeop.compile_command("\n".join(self.buffer) + "\n\n",
                                                  CONSOLE, "single")
            except (SyntaxError, ValueError, OverflowError):
                complete = None
            if complete:
                super().push("")  # end the block, then read the line as a new statement
        return super().push(line)

    def showsyntaxerror(self, filename=None, **kwargs):
        error = sys.exc_info()[1]
        legacy = python2_syntax(error) if isinstance(error, SyntaxError) else None
        if legacy:
            self.write(f"error: {legacy}\n")
        else:
            super().showsyntaxerror(filename, **kwargs)

    def showtraceback(self):
        message = one_line(sys.exc_info()[1])
        if message:
            self.write(f"error: {message}\n")
        else:
            super().showtraceback()


def console(banner):
    """The interactive console, with line editing and history where readline exists."""
    try:
        import readline  # noqa: F401  (importing it turns on editing and history)
    except ImportError:
        pass
    main = fresh_main()
    Console(main.__dict__).interact(banner=banner, exitmsg="")
    return 0

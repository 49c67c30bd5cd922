"""Running old code as `python` would, for tf1.py: a script, lines from a pipe, or a console.

The user's code runs as `__main__` with its own `sys.argv` and `__file__`, and its errors
keep their normal traceback, without tf1.py's own frames. Three kinds of error get one
line instead, saying why and what to do: what cannot run on TensorFlow 2
(`removed.Removed`), Python 2 code (`python2`), and data files that cannot be used
(`input_data.DataError`).
"""

import builtins
import code
import codeop
import importlib.machinery
import os
import re
import sys
from traceback import format_exception
import types

import input_data
from tf1_compat.libraries import packages
from tf1_compat.programs import imports, modes
from tf1_compat.programs.python2 import (CONSOLE, PYTHON2_NAMES, LegacyCodeError,
                                         compile_or_explain, python2_syntax)
from tf1_compat.tensorflow1.removed import Removed

# tf1.py's own files, whose frames a traceback of the user's code does not show.
OWN_FILES = (os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep,
             os.path.join(imports.PROJECT_DIR, "tf1.py"))


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
    """The traceback from the first frame of the user's code on, without tf1.py's frames
    (its import hook, say) in between."""
    while traceback and not imports.is_user_code(traceback.tb_frame.f_globals):
        traceback = traceback.tb_next
    frames = []
    while traceback:
        if not traceback.tb_frame.f_code.co_filename.startswith(OWN_FILES):
            frames.append(traceback)
        traceback = traceback.tb_next
    kept = None
    for frame in reversed(frames):
        kept = types.TracebackType(kept, frame.tb_frame, frame.tb_lasti, frame.tb_lineno)
    return kept


def _last_user_frame(traceback):
    """(file, line) of the last frame of the user's code in a traceback, or None."""
    place = None
    while traceback:
        filename = traceback.tb_frame.f_code.co_filename
        if imports.is_user_code(traceback.tb_frame.f_globals) and filename != CONSOLE:
            place = (filename, traceback.tb_lineno)
        traceback = traceback.tb_next
    return place


NUMPY_IN_GRAPH = re.compile(r"'(Symbolic)?Tensor' object has no attribute 'numpy'")
GRAPH_MODE_WHY = ("TF1 code turned graph mode on for this program, which TensorFlow cannot "
                  "undo in the same process")


def graph_mode_reason(error):
    """The one line for TensorFlow 2's eager execution asked for after TF1 code turned
    graph mode on (`.numpy()` on a graph tensor, `tf.enable_eager_execution()`), or None
    (TensorFlow 2 code, whose `.numpy()` inside a tf.function fails as on plain TensorFlow
    2, keeps its traceback)."""
    if not modes.tf1_in_use():
        return None
    if isinstance(error, AttributeError) and NUMPY_IN_GRAPH.search(str(error)):
        return (f".numpy() needs eager execution, but {GRAPH_MODE_WHY}: get the value with "
                "sess.run(tensor) (or tensor.eval() in a session), or run the TensorFlow 2 "
                "code in a program (or kernel) of its own")
    if isinstance(error, ValueError) and "must be called at program startup" in str(error):
        return (f"tf.enable_eager_execution(): {GRAPH_MODE_WHY}; restart the interpreter "
                "(the notebook's kernel) and run it first, before any TF1 code")
    return None


def _server_address(error):
    """The address of the task a tf.train.Server failed to start ("Could not start gRPC
    server"), from the server's own settings, or None for other errors."""
    if "Could not start gRPC server" not in str(error):
        return None
    traceback = error.__traceback__
    while traceback:
        server = traceback.tb_frame.f_locals.get("self")
        server_def = getattr(server, "_server_def", None)
        if server_def is not None:
            job = next((job for job in server_def.cluster.job
                        if job.name == server_def.job_name), None)
            address = job.tasks.get(server_def.task_index) if job else None
            return (f"{address} (job {server_def.job_name}, task {server_def.task_index})"
                    if address else None)
        traceback = traceback.tb_next
    return None


def one_line(error):
    """The one-line message for what cannot run, Python 2 code, unusable data or a package
    that is not installed, or None for other errors."""
    if isinstance(error, LegacyCodeError):
        return str(error)
    place = _last_user_frame(error.__traceback__)
    prefix = f"{place[0]}, line {place[1]}: " if place else ""
    if isinstance(error, (Removed, input_data.DataError)):
        return prefix + str(error)
    graph_mode = graph_mode_reason(error)
    if graph_mode:
        return prefix + graph_mode
    server = _server_address(error)
    if server:
        return (f"{prefix}tf.train.Server could not start on {server}: another program "
                "holds that port (an earlier run still going?), or the address is not "
                "this machine's; end the other program, or give this task a free port")
    if isinstance(error, NameError) and getattr(error, "name", None) in PYTHON2_NAMES:
        return (f"{prefix}this is Python 2 code ({error.name} is gone in Python 3), which "
                f"Python 3 cannot run. Use {PYTHON2_NAMES[error.name]} instead")
    package = packages.one_line(error)
    return prefix + package if package else None


def run_code(code_object):
    """Runs compiled user code in the current __main__; returns the exit status.

    What cannot run prints one line; other errors their traceback, from the user's first
    frame on, as `python` prints it.
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
    imports.add_user_dir(script_dir)
    sys.argv = [path, *args]
    fresh_main(path)
    return run_code(code_object)


def run_stdin():
    """Runs the lines piped in as one program, as `python < lines.py` would (bytes, so a
    `# -*- coding: latin-1 -*-` line is honoured), with the API its era needs (`modes`)."""
    program = compile_or_explain(sys.stdin.buffer.read(), "<stdin>")
    if program is None:
        return 1
    code_object, text = program
    main = fresh_main()
    modes.before_running(text, main.__dict__, folder=os.getcwd())
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

    def runsource(self, source, filename=CONSOLE, symbol="single"):
        modes.before_running(source, self.locals, folder=os.getcwd())  # TF1 from then on?
        return super().runsource(source, filename, symbol)

    def showsyntaxerror(self, filename=None, **kwargs):
        error = sys.exc_info()[1]
        legacy = python2_syntax(error) if isinstance(error, SyntaxError) else None
        if legacy:
            self.write(f"error: {legacy}\n")
        else:
            super().showsyntaxerror(filename, **kwargs)

    def showtraceback(self):
        error = sys.exc_info()[1]
        message = one_line(error)
        if message:
            self.write(f"error: {message}\n")
        else:
            frames = _user_frames(error.__traceback__)
            self.write("".join(format_exception(type(error), error, frames)))


def console(banner):
    """The interactive console, with line editing and history where readline exists."""
    try:
        import readline  # noqa: F401  (importing it turns on editing and history)
    except ImportError:
        pass
    main = fresh_main()
    Console(main.__dict__).interact(banner=banner, exitmsg="")
    return 0

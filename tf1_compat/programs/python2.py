"""Python 2 code, for tf1.py: converted to Python 3 in memory, or told in one line.

TF 0.x programs of 2015-16 (blog posts, books, TensorFlow's own 0.x tutorial files) are
Python 2 (`print "x"`, `xrange`, `except E, e`); Python 3 stops at them with a message that
does not say why. A program that is Python 2 is converted with fissix (a maintained fork
of the lib2to3 that Python 3.13 no longer ships), with one line saying so; the user's file
is not touched. So are the modules it imports from its own folder (`convert_imports_from`),
as they are imported. Only where that cannot be done (fissix is missing, or the code is not
Python 2 either) does one line say what is wrong. Needs neither TensorFlow nor the TF1
API, so tf1.py reads a script before TensorFlow loads.
"""

import ast
import builtins
import importlib.abc
import importlib.machinery
import io
import numbers
import os
import re
import sys
import tokenize
import traceback

# Python 3's message for a piece of Python 2, and what that piece is.
PYTHON2_SYNTAX = [
    (re.compile(r"Missing parentheses in call to 'print'"), "a print statement",
     "print(...) with parentheses"),
    (re.compile(r"Missing parentheses in call to 'exec'"), "an exec statement", "exec(...)"),
    (re.compile(r"multiple exception types must be parenthesized"), "`except Error, e:`",
     "`except Error as e:`"),
    (re.compile(r"leading zeros in decimal integer literals"), "an octal number like 0777",
     "0o777"),
]
PYTHON2_LINES = [
    (re.compile(r"`"), "backquotes", "repr(...)"),
    (re.compile(r"<>"), "the <> operator", "!="),
    (re.compile(r"^\s*raise\s+[\w.]+\s*,"), "`raise Error, message`", "`raise Error(message)`"),
]
CONSOLE = "<console>"  # the file name of what is typed in the console
# Python 2's built-in names that Python 3 dropped, and what replaces them.
PYTHON2_NAMES = {"xrange": "range", "raw_input": "input", "unicode": "str", "basestring": "str",
                 "long": "int", "unichr": "chr", "execfile": "exec(open(...).read())"}


class LegacyCodeError(Exception):
    """Code that cannot run on Python 3 or TensorFlow 2; the message is one line."""


DIVISION = "__python2_division__"  # the builtin that converted code divides with


def python2_division(a, b):
    """`a / b` as Python 2 computed it: whole numbers (and NumPy arrays or TensorFlow
    tensors of them) divided to a whole number, rounded down; anything else as ever."""
    return a // b if _whole(a) and _whole(b) else a / b


def _whole(value):
    """Whether a value is a whole number, or an array or tensor of them."""
    if isinstance(value, numbers.Integral):
        return True
    dtype = getattr(value, "dtype", None)
    return dtype is not None and (getattr(dtype, "is_integer", False) is True or
                                  getattr(dtype, "kind", "") in ("i", "u"))


class _Python2Division(ast.NodeTransformer):
    """Each `/` (and `/=` on a name) of converted code as Python 2 computed it
    (`python2_division`),
    unless the code imports `division` from `__future__`."""

    def visit_Module(self, node):
        if any(isinstance(n, ast.ImportFrom) and n.module == "__future__" and
               any(alias.name == "division" for alias in n.names) for n in node.body):
            return node
        return self.generic_visit(node)

    def _divided(self, left, right, at):
        call = ast.Call(ast.Name(DIVISION, ast.Load()), [left, right], [])
        return ast.copy_location(call, at)

    def visit_BinOp(self, node):
        self.generic_visit(node)
        return self._divided(node.left, node.right, node) if isinstance(node.op, ast.Div) \
            else node

    def visit_AugAssign(self, node):
        self.generic_visit(node)
        if not isinstance(node.op, ast.Div) or not isinstance(node.target, ast.Name):
            return node
        value = self._divided(ast.Name(node.target.id, ast.Load()), node.value, node)
        return ast.copy_location(ast.Assign([node.target], value), node)


def compile_python2(text, filename, mode="exec"):
    """Converted Python 2 code compiled with Python 2's division."""
    builtins.__dict__.setdefault(DIVISION, python2_division)
    tree = _Python2Division().visit(ast.parse(text, filename, mode))
    return compile(ast.fix_missing_locations(tree), filename, mode, dont_inherit=True)


def _uses_python2_names(text):
    """Whether the code uses, outside comments and strings, a built-in name only Python 2
    has (`xrange`) without defining it."""
    try:
        names = [token.string for token in tokenize.generate_tokens(io.StringIO(text).readline)
                 if token.type == tokenize.NAME]
    except (tokenize.TokenError, SyntaxError):
        return False
    return any(name in PYTHON2_NAMES for name in names) and not re.search(
        r"^\s*(def|class)?\s*(" + "|".join(PYTHON2_NAMES) + r")\b\s*[=(:]", text, re.M)


def converted(text, filename):
    """The code converted from Python 2 to Python 3, or None where fissix is missing or
    cannot read it."""
    try:
        from fissix import refactor
    except ImportError:
        return None
    tool = refactor.RefactoringTool(refactor.get_fixers_from_package("fissix.fixes"))
    try:
        return str(tool.refactor_string(text if text.endswith("\n") else text + "\n",
                                        filename))
    except Exception:  # fissix's parse errors have no common base: code it cannot read
        return None


def _decoded(source):
    if isinstance(source, str):
        return source
    encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
    return source.decode(encoding)


def _python2_error(filename, lineno, what, instead):
    message = f"this is Python 2 code ({what}), which Python 3 cannot run. Convert it to " \
              f"Python 3 first: {instead}"
    if filename == CONSOLE:
        return LegacyCodeError(message)
    return LegacyCodeError(f"{filename}, line {lineno}: {message} here, or the whole file with "
                           f"`2to3 -w {filename}` (2to3 comes with Python up to 3.12)")


def python2_syntax(error):
    """The LegacyCodeError for a SyntaxError that Python 2 code causes, else None."""
    line = error.text or ""
    for pattern, what, instead in PYTHON2_SYNTAX:
        if pattern.search(error.msg or ""):
            return _python2_error(error.filename, error.lineno, what, instead)
    if (error.msg or "").startswith("invalid syntax"):
        for pattern, what, instead in PYTHON2_LINES:
            if pattern.search(line):
                return _python2_error(error.filename, error.lineno, what, instead)
    return None


def compile_or_explain(source, filename):
    """The user's code (bytes or text) compiled, with its Python 3 text: (code, text), or
    None after printing why it cannot be. Python 2 code is converted first, saying so in
    one line; code that is neither Python 3 nor Python 2 that can be converted gets
    Python's own message, or one line for Python 2."""
    try:
        code_object = compile(source, filename, "exec", dont_inherit=True)
        error = None
    except SyntaxError as syntax_error:
        code_object, error = None, syntax_error
    legacy = python2_syntax(error) if error else None
    try:
        text = _decoded(source)
    except (SyntaxError, UnicodeDecodeError):
        text = ""
    if error is None and not _uses_python2_names(text):
        return code_object, text
    if error is None or legacy:
        try:
            python3 = converted(text, filename)
            if python3 is not None:
                code_object = compile_python2(python3, filename)
                print(f"tf1.py: {filename} is Python 2 code: running it converted to Python 3 "
                      "(in memory; the file is unchanged)", file=sys.stderr)
                return code_object, python3
        except (SyntaxError, ValueError):
            pass
    if error is None:
        return code_object, text
    if legacy:
        print(f"error: {legacy}", file=sys.stderr)
    else:
        traceback.print_exception(type(error), error, None)
    return None


class _ConvertingLoader(importlib.machinery.SourceFileLoader):
    """Loads a module of the program's own, converted from Python 2 as the program is;
    nothing is cached in __pycache__ (the file on disk is Python 2)."""

    def get_code(self, fullname):
        path = self.get_filename(fullname)
        compiled = compile_or_explain(self.get_data(path), path)
        if compiled is None:  # told in one line: the import stops here
            raise ImportError(f"{path} is neither Python 3 nor Python 2 that can be "
                              "converted", name=fullname, path=path)
        return compiled[0]


class _OwnModulesFinder(importlib.abc.MetaPathFinder):
    """Finds the modules in the program's own folders, to be loaded by _ConvertingLoader."""

    def __init__(self):
        self.folders = []

    def _mine(self, path):
        return any(os.path.realpath(path).startswith(folder) for folder in self.folders)

    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".")[0] in PROJECT_MODULES:
            return None
        where = self.folders if path is None else [p for p in path if self._mine(p)]
        if not where:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, where)
        if spec is None or not (spec.origin or "").endswith(".py"):
            return None
        spec.loader = _ConvertingLoader(fullname, spec.origin)
        return spec


# This project's own modules, which a program at its top folder imports too: Python 3.
PROJECT_MODULES = {"tf1", "tf1_compat", "tutorial_helpers", "mnist_files", "input_data"}
_OWN_MODULES = _OwnModulesFinder()


def convert_imports_from(folder):
    """From now on, modules imported from `folder` (the program's own) that are Python 2
    are converted as the program is, in memory."""
    _OWN_MODULES.folders.append(os.path.realpath(folder) + os.sep)
    if _OWN_MODULES not in sys.meta_path:
        sys.meta_path.insert(0, _OWN_MODULES)


class _Notebook:
    """What the notebook's cells so far showed: Python 2 (later cells divide as it did)."""
    python2 = False
    told = set()


def _converted_cell(lines):
    """IPython's input transformer: a cell of Python 2 code converted to Python 3 (said
    once per cell), other cells as they are."""
    text = "".join(lines)
    try:
        compile(text, "<cell>", "exec", dont_inherit=True)
    except SyntaxError as error:
        if python2_syntax(error) is None:
            return lines  # not Python 2: IPython reports it
    else:
        if not _uses_python2_names(text):
            return lines
    python3 = converted(text, "<cell>")
    if python3 is None:
        return lines
    builtins.__dict__.setdefault(DIVISION, python2_division)
    _Notebook.python2 = True
    if text not in _Notebook.told:
        _Notebook.told.add(text)
        print("tf1: this cell is Python 2 code: running it converted to Python 3 (the cell "
              "is unchanged)", file=sys.stderr)
    return python3.splitlines(keepends=True)


class _DivisionInPython2Notebooks(ast.NodeTransformer):
    """IPython's AST transformer: once a cell was Python 2, Python 2's division."""

    def visit(self, node):
        return _Python2Division().visit(node) if _Notebook.python2 else node


def watch_cells(shell):
    """In IPython: Python 2 cells converted as scripts are (see the module's docstring)."""
    if _converted_cell not in shell.input_transformers_post:
        shell.input_transformers_post.append(_converted_cell)
        shell.ast_transformers.append(_DivisionInPython2Notebooks())

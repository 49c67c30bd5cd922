"""Telling Python 2 code, which Python 3 cannot run, from other errors, for tf1.py.

Older blog posts print Python 2 (`print "x"`, `xrange`); Python 3 stops at them with a
message that does not say why. Needs neither TensorFlow nor the TF1 API, so tf1.py checks
a script before TensorFlow loads.
"""

import re
import sys
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
    """The user's code compiled, or None after printing why it cannot be: one line for
    Python 2 code, Python's own message for other syntax errors."""
    try:
        return compile(source, filename, "exec", dont_inherit=True)
    except SyntaxError as error:
        legacy = python2_syntax(error)
        if legacy:
            print(f"error: {legacy}", file=sys.stderr)
        else:
            traceback.print_exception(type(error), error, None)
        return None

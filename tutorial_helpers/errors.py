"""The errors the scripts raise, and how `cli.run` tells them to the user.

Functions anywhere raise these; only `cli.run` prints `error: ...` and picks the exit
status (1 for an error, 128 + the signal's number for a stop).
"""

import os
import signal

# The lines of a TensorFlow error that locate it in the graph: not what went wrong.
TENSORFLOW_DETAIL = ("Graph execution error", "Detected at node", "File ", "Node:", "[[",
                     "Hint:", "Original stack trace", "Caused by op")


class ScriptError(Exception):
    """An error whose message is all the user needs to see; each line of `lines` is told
    as one `error:` line (several where several inputs failed, say)."""

    def __init__(self, *lines):
        super().__init__("\n".join(lines))
        self.lines = lines

    def _render_traceback_(self):
        """In IPython and Jupyter: the message alone, a line each, with no traceback (their
        protocol for an exception that renders itself)."""
        return [f"{type(self).__name__}: {line}" for line in self.lines]


class DataError(ScriptError, ValueError):
    """A data file or argument that cannot be used; the message names the file and what
    to do. A ValueError too, as the original `input_data` raised for bad files."""


class Stopped(SystemExit):
    """A signal (Ctrl-C, SIGTERM, SIGHUP) stopped the run; exits 128 + its number.

    A SystemExit, so that code that catches `Exception` lets it through and `finally`
    blocks still run (removing partial files), as at any exit.
    """

    def __init__(self, signum):
        super().__init__(128 + signum)
        self.signum = signum

    def __str__(self):
        return signal.Signals(self.signum).name


def damaged_file(path, problem):
    """The DataError for a data file that is broken: what is wrong, and the way out."""
    return DataError(f"{path}: {problem}. Delete it and run again to download it afresh.")


def tensorflow_reason(error, limit=300):
    """What a TensorFlow error says went wrong, in one line, without the graph details.

    Cut at a word boundary, marked with "...", if it is longer than `limit` characters.
    """
    lines = [line.strip() for line in str(getattr(error, "message", error)).splitlines()]
    useful = [line for line in lines if line and not line.startswith(TENSORFLOW_DETAIL)]
    reason = useful[0] if useful else type(error).__name__
    if "; " in reason and os.sep in reason.split("; ")[0]:  # "path; No space left on device"
        reason = reason.split("; ", 1)[1]
    if len(reason) > limit:
        reason = reason[:limit].rsplit(" ", 1)[0] + " ..."
    return reason

"""A --checkpoint_dir as seen without TensorFlow: who uses it, and what it holds.

Read before TensorFlow loads, so that a folder in use by another run, one with no
trained model where one is needed, or a checkpoint list that is damaged or names files
that are gone, is told in seconds. The lock file keeps a second run out of a folder in
use; the operating system releases it when the run ends, however it ends, so a crashed
run never leaves the folder locked.
"""

import fcntl
import os
import re

from tutorial_helpers.errors import ScriptError

LOCK_NAME = ".lock"
LIST_NAME = "checkpoint"  # the checkpoint list tf.train.Saver keeps
_LEFT_ALONE = "It is left untouched: use another --checkpoint_dir, or delete it to start afresh."
# The list is a CheckpointState in protobuf's text format, as tf.train.Saver writes it: a
# field a line, each path a quoted string (UTF-8, where C escapes may stand for bytes).
_FIELD = re.compile(r"""\s*(\w+)\s*:\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([-+\w.]+))"""
                    r"""\s*[,;]?\s*(?:#.*)?""")
_PATHS = ("model_checkpoint_path", "all_model_checkpoint_paths")
_TIMES = ("all_model_checkpoint_timestamps", "last_preserved_timestamp")
_ESCAPE = re.compile(rb"\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))", re.DOTALL)
_ESCAPED = {b"n": b"\n", b"t": b"\t", b"r": b"\r", b"a": b"\a", b"b": b"\b", b"f": b"\f",
            b"v": b"\v", b"\\": b"\\", b"'": b"'", b'"': b'"', b"?": b"?"}


def lock(directory):
    """Locks directory (which must exist) for this process; returns the open lock file
    (closing it unlocks). A folder locked by another process is a ScriptError."""
    path = os.path.join(directory, LOCK_NAME)
    held = open(path, "a+")
    try:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        held.seek(0)
        owner = held.read().strip() or "unknown"
        held.close()
        raise ScriptError(f"{directory} is in use by another run (process {owner}): wait for "
                          "it to end, or choose another --checkpoint_dir.") from None
    held.truncate(0)
    held.write(str(os.getpid()))
    held.flush()
    return held


def check_free(directory):
    """Raises the ScriptError of `lock` if another run holds directory; creates nothing."""
    if os.path.exists(os.path.join(directory, LOCK_NAME)):
        lock(directory).close()


def require_model(directory):
    """Raises a ScriptError unless directory holds a checkpoint list (a trained model)."""
    if not os.path.isfile(os.path.join(directory, LIST_NAME)):
        raise ScriptError(f"no checkpoint in {directory}: train a model first with "
                          f"python mnist_deep.py --checkpoint_dir {directory}")


def _unescaped(text):
    """A string of protobuf's text format as it reads: its C escapes undone, then UTF-8.
    Raises ValueError for an escape or bytes that are not."""
    def byte(found):
        octal, hexadecimal, character = found.groups()
        if octal or hexadecimal:
            return bytes([int(octal, 8) if octal else int(hexadecimal, 16)])
        return _ESCAPED[character]  # an unknown escape (\q): KeyError, told as ValueError
    try:
        return _ESCAPE.sub(byte, text.encode("utf-8")).decode("utf-8")
    except KeyError:
        raise ValueError(text) from None


def _read_list(listing):
    """The newest checkpoint a checkpoint list names, and all it names, as written; None if
    there is no list. Raises ValueError for a file that is not a checkpoint list (as
    TensorFlow reads it: a newest checkpoint named; other fields refused)."""
    try:
        with open(listing, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        return None
    newest, named = "", []
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        found = _FIELD.fullmatch(line)
        if not found:
            raise ValueError(line)
        field, double_quoted, single_quoted, number = found.groups()
        text = double_quoted if double_quoted is not None else single_quoted
        if field in _PATHS and text is not None:
            path = _unescaped(text)
            if field == _PATHS[0]:
                newest = path
            else:
                named.append(path)
        elif field in _TIMES and number is not None:
            float(number)
        else:
            raise ValueError(field)
    if not newest:
        raise ValueError("no newest checkpoint")
    return newest, named


def _in_folder(directory, path):
    """Whether the checkpoint `path` of a checkpoint list (relative to directory, or
    absolute) is in directory itself."""
    folder = os.path.dirname(os.path.join(directory, path))
    return os.path.realpath(folder) == os.path.realpath(directory)


def _inside(directory, path):
    """The checkpoint `path` of a checkpoint list, as a path inside directory, or None.

    A list may name absolute paths (tf.train.Saver writes them by default): a folder
    copied or moved still names the old place. Only the same file names inside directory
    are used, never the files elsewhere.
    """
    path = os.path.join(directory, path if _in_folder(directory, path) else
                        os.path.basename(path))
    return path if os.path.exists(path + ".index") else None


def listed_checkpoints(directory):
    """The checkpoints directory's checkpoint list names, oldest first, as paths inside
    it; [] if it has no list. A list that cannot be read, or whose newest checkpoint is
    not in the folder, is an error, and left untouched."""
    listing = os.path.join(directory, LIST_NAME)
    try:
        state = _read_list(listing)
    except ValueError:  # UnicodeDecodeError too
        raise ScriptError(f"{listing} is damaged: it is not a checkpoint list. "
                          f"{_LEFT_ALONE}") from None
    if state is None:
        return []
    named_newest, named = state
    newest = _inside(directory, named_newest)
    if newest is None and _in_folder(directory, named_newest):
        raise ScriptError(f"{listing} names no checkpoint that can be read: it is damaged or "
                          f"its files are missing. {_LEFT_ALONE}")
    if newest is None:
        raise ScriptError(f"{listing} names {named_newest}, outside {directory}, and no "
                          f"{os.path.basename(named_newest)} is in it: only the files inside "
                          "--checkpoint_dir are used. Copy that checkpoint's files into it, or "
                          "use another --checkpoint_dir.")
    older = [_inside(directory, path) for path in named]
    return [path for path in older if path and path != newest] + [newest]


def latest_checkpoint(directory):
    """The newest checkpoint in directory, or None; a damaged checkpoint list is an error."""
    listed = listed_checkpoints(directory)
    return listed[-1] if listed else None


def newest_step(directory):
    """The step of the newest checkpoint in directory (the number its name ends in), or
    None; a damaged checkpoint list is an error."""
    latest = latest_checkpoint(directory)
    found = latest and re.search(r"-(\d+)$", latest)
    return int(found.group(1)) if found else None

"""A --checkpoint_dir as seen without TensorFlow: who uses it, and what it holds.

Read before TensorFlow loads, so that a folder in use by another run, or one with no
trained model where one is needed, is told in seconds. The lock file keeps a second run
out of a folder in use; the operating system releases it when the run ends, however it
ends, so a crashed run never leaves the folder locked.
"""

import fcntl
import os
import re

from tutorial_helpers.errors import ScriptError

LOCK_NAME = ".lock"
LIST_NAME = "checkpoint"  # the checkpoint list tf.train.Saver keeps
_NEWEST = re.compile(r'^model_checkpoint_path: ".*-(\d+)"$', re.MULTILINE)


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


def newest_step(directory):
    """The step of the newest checkpoint the folder's list names, or None (no list, or one
    this cannot read: TensorFlow's reading of it then says what is wrong)."""
    try:
        with open(os.path.join(directory, LIST_NAME), encoding="utf-8") as listing:
            found = _NEWEST.search(listing.read())
    except (OSError, UnicodeDecodeError):
        return None
    return int(found.group(1)) if found else None

"""The four MNIST files, and where a copy of each already is.

A file counts as there under any of the names people give it: gzip-compressed as
published, decompressed, or with a dot for the dash (`t10k-images.idx3-ubyte`). Where the
folder given lacks it, the folder `$MNIST_DATA_DIR` names is looked in: one copy of MNIST
for every program on an offline machine.
"""

import os
import stat

from tutorial_helpers.errors import DataError

TRAIN_IMAGES = "train-images-idx3-ubyte"
TRAIN_LABELS = "train-labels-idx1-ubyte"
TEST_IMAGES = "t10k-images-idx3-ubyte"
TEST_LABELS = "t10k-labels-idx1-ubyte"
FILES = (TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)
SHARED_DIR_VARIABLE = "MNIST_DATA_DIR"


def _spellings(name):
    return (name + ".gz", name, name.replace("-idx", ".idx"))


def kind_of(path):
    """What is at path, in words: "a file", "a folder", "a special file (...)", "a symbolic
    link that leads nowhere (...)"; None if nothing is there."""
    try:
        mode = os.stat(path).st_mode
    except OSError as e:
        return f"a symbolic link that leads nowhere ({e.strerror})" if os.path.lexists(path) \
            else None
    if stat.S_ISREG(mode):
        return "a file"
    return "a folder" if stat.S_ISDIR(mode) else "a special file (a pipe, socket or device)"


def find_in(directory, name):
    """The path of the file `name` in directory under one of its spellings, or None.

    Something other than a regular file under such a name (a folder, a pipe, a device, a
    link to one, a broken link) is a DataError, never passed over or read.
    """
    for spelling in _spellings(name):
        path = os.path.join(directory, spelling)
        kind = kind_of(path)
        if kind == "a file":
            return path
        if kind:
            raise DataError(f"{path} is {kind}, not a data file: remove or rename it, and "
                            "run again.")
    return None


def shared_dir():
    """The folder $MNIST_DATA_DIR names, or None if it is unset; a value that is not a
    folder is a DataError that says so."""
    directory = os.environ.get(SHARED_DIR_VARIABLE)
    if not directory:
        return None
    if not os.path.isdir(directory):
        problem = "is not a folder" if os.path.exists(directory) else "does not exist"
        raise DataError(f"{SHARED_DIR_VARIABLE} is set to {directory!r}, which {problem}: set "
                        "it to the folder that holds the four MNIST files, or unset it.")
    return directory


def find(train_dir, name):
    """The path of `name` in train_dir or else in $MNIST_DATA_DIR, or None."""
    found = find_in(train_dir, name)
    shared = None if found else shared_dir()
    return find_in(shared, name) if shared else found

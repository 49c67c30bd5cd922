"""Writing files so that a failure never leaves half a file: data, pictures, downloads.

The one atomic writer: the data goes to a temporary file beside the target, which takes
the target's name only once it is complete (and, for a download, checked); on any
failure, or a stop, the temporary file is removed. Files get the permissions any new file
gets (0666 less the umask), not the 0600 of a temporary file.
"""

import contextlib
import errno
import os
import tempfile


def printable(path):
    """A file name as it is on disk, with bytes that are not UTF-8 escaped (\\xe4)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_file(path):
    """Within: a binary file to write, open under a temporary name in path's folder
    (its `.name`); on leaving without an error, it becomes path."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, partial = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(path)}.",
                                   suffix=".part")
    os.close(fd)  # opened again by name, so that f.name is the temporary file's path
    try:
        with open(partial, "wb") as f:
            yield f
        os.chmod(partial, 0o666 & ~_umask())
        os.replace(partial, path)
    finally:
        if os.path.exists(partial):
            os.remove(partial)


def missing_folders(directory):
    """The folders on the way to directory that do not exist yet, deepest first."""
    missing = []
    directory = os.path.abspath(directory)
    while not os.path.lexists(directory):
        missing.append(directory)
        directory = os.path.dirname(directory)
    return missing


def prove_writable(directory):
    """Proves that directory can be written, or created and written, by writing and
    removing a small file in it (in the nearest folder on its way that exists, if it does
    not exist yet), so that an output that cannot be written fails before the work rather
    than after it. Creates nothing; raises OSError."""
    missing = missing_folders(directory)
    existing = os.path.dirname(missing[-1]) if missing else directory
    if not os.path.isdir(existing):
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), existing)
    fd, probe = tempfile.mkstemp(dir=existing, prefix=".write-test-")
    os.close(fd)
    os.remove(probe)


@contextlib.contextmanager
def removed_unless(kept, folders):
    """Within: work that may create `folders` (deepest first, as `missing_folders` gives
    them); on leaving, unless `kept()` says the work made something worth keeping, each
    is removed if it holds nothing but TensorBoard's event files, so that a failed or
    interrupted start leaves no empty folder behind."""
    try:
        yield
    finally:
        if not kept():
            for folder in folders:
                try:
                    for name in os.listdir(folder):
                        if name.startswith("events.out.tfevents."):
                            os.remove(os.path.join(folder, name))
                    os.rmdir(folder)
                except OSError:  # not there, or it holds something else: keep the rest
                    break


def write_atomically(path, data):
    """Writes bytes to path; a failure never leaves half a file."""
    with atomic_file(path) as f:
        f.write(data)


def write_figure(path, figure):
    """Writes a matplotlib figure to path as PNG, at the figure's own size and resolution
    (its canvas draws it: this module imports no matplotlib)."""
    with atomic_file(path) as f:
        figure.savefig(f, format="png")

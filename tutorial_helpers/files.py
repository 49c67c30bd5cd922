"""Writing files so that a failure never leaves half a file: data, pictures, downloads.

The one atomic writer: the data goes to a temporary file beside the target, which takes
the target's name only once it is complete (and, for a download, checked); on any
failure, or a stop, the temporary file is removed. Files get the permissions any new file
gets (0666 less the umask), not the 0600 of a temporary file.
"""

import contextlib
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


def prove_writable(directory):
    """Creates directory if needed and writes and removes a small file in it, so that an
    output that cannot be written fails before the work rather than after it; raises
    OSError."""
    os.makedirs(directory, exist_ok=True)
    fd, probe = tempfile.mkstemp(dir=directory, prefix=".write-test-")
    os.close(fd)
    os.remove(probe)


def write_atomically(path, data):
    """Writes bytes to path; a failure never leaves half a file."""
    with atomic_file(path) as f:
        f.write(data)


def write_png(path, image):
    """Encodes an RGB uint8 array [height, width, 3] as PNG, through TensorFlow, to path."""
    import tensorflow.compat.v1 as tf  # only the pictures need it: files stays light
    with tf.Session(graph=tf.Graph()) as sess:
        png = sess.run(tf.io.encode_png(image))
    write_atomically(path, png)

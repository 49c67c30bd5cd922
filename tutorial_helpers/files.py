"""Writing files so that a failure never leaves half a file: data, and PNG pictures."""

import os
import tempfile

import tensorflow.compat.v1 as tf


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(path, data):
    """Writes bytes to path via a temporary file, so a failure never leaves half a file."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, partial = tempfile.mkstemp(dir=directory, prefix=".partial-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(partial, 0o666 & ~_umask())  # mkstemp's 0600 would hide it from others
        os.replace(partial, path)
    except BaseException:
        os.remove(partial)
        raise


def write_png(path, image):
    """Encodes an RGB uint8 array [height, width, 3] as PNG, through TensorFlow, to path."""
    with tf.Session(graph=tf.Graph()) as sess:
        png = sess.run(tf.io.encode_png(image))
    write_atomically(path, png)

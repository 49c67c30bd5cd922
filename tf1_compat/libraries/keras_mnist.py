"""Keras' MNIST without network: `tf.keras.datasets.mnist.load_data()` for old programs.

Keras downloads `mnist.npz` into ~/.keras/datasets and checks its SHA-256, so a home-made
file does not satisfy it, and offline a book's chapter stops there. Under tf1.py, when
Keras has no copy yet and the four MNIST files are at hand (`$MNIST_DATA_DIR`,
`MNIST_data/`), the same arrays are built from them instead, saying so in one line.
"""

import os
import sys

import numpy

import input_data
from mnist_files import location

KERAS_DATASETS = os.path.join(os.path.expanduser("~"), ".keras", "datasets")


def _local_dir():
    """A folder that holds the four MNIST files, or None."""
    for folder in ("MNIST_data", location.shared_dir()):
        if folder and all(location.find_in(folder, name) for name in location.FILES):
            return folder
    return None


def load_data(path="mnist.npz"):
    """(x_train, y_train), (x_test, y_test) as Keras returns them: uint8 arrays of
    60000 and 10000 images [n, 28, 28] and their digits."""
    folder = None if os.path.exists(os.path.join(KERAS_DATASETS, path)) else _local_dir()
    if folder is None:  # Keras' own: its copy, or a download
        from tf_keras.src.datasets import mnist
        return mnist.load_data(path)
    print(f"tf1.py: Keras has no copy of {path}, so its arrays are built from the MNIST files "
          f"in {folder}", file=sys.stderr)
    data = input_data.read_data_sets(folder, dtype=numpy.uint8, reshape=False,
                                     validation_size=0)
    return ((data.train.images[:, :, :, 0], data.train.labels),
            (data.test.images[:, :, :, 0], data.test.labels))

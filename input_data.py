"""Functions for reading MNIST data: the tutorials' `input_data` module on TensorFlow 2.

A drop-in replacement for `tensorflow.examples.tutorials.mnist.input_data`, which was
removed in TensorFlow 2, so the tutorials' first line works again:

    mnist = input_data.read_data_sets("MNIST_data/", one_hot=True)

This file is where MNIST is read and one-hot encoded: the original API
(`read_data_sets`, `DataSet`, `next_batch`, `extract_images`, `extract_labels`,
`dense_to_one_hot`). Finding, downloading and checking the files is the `mnist_files`
package's job:

- Files already in `train_dir` (gzip, or the uncompressed IDX files) are used as they are,
  with no network access at all; so are files in the folder `$MNIST_DATA_DIR` names, if
  `train_dir` lacks them (one copy of MNIST for every program on an offline machine).
- The original download host answers 403: missing files are fetched from a list of
  mirrors, each checked with SHA-256 before it takes its name.
- Broken files get a `DataError` that names the file, what is wrong and what to do.
- `seed` makes the batch order repeatable without reseeding NumPy's global generator.

Run as a command, `python input_data.py [DIR]` fetches the four files or checks them.
Needs only NumPy and the standard library.
"""

import collections
import operator

import numpy

from mnist_files import command, download
from mnist_files.idx import IMAGES_MAGIC, LABELS_MAGIC, name_of, read_idx
from mnist_files.location import TEST_IMAGES, TEST_LABELS, TRAIN_IMAGES, TRAIN_LABELS
from tutorial_helpers.errors import DataError, damaged_file

# Tried in order, after `source_url` if one is given; setting this list changes them.
MIRRORS = download.MIRRORS
DEFAULT_SOURCE_URL = MIRRORS[0]

NUM_CLASSES = 10
IMAGE_SIZE = 28  # MNIST's images are 28x28: the models' 784 inputs
FAKE_NUM_EXAMPLES = 10000

Datasets = collections.namedtuple("Datasets", ["train", "validation", "test"])


def extract_images(f):
    """Extract the images into a 4D uint8 numpy array [index, y, x, depth].

    Args:
      f: A file object that can be passed into a gzip reader (or an uncompressed IDX file).

    Returns:
      data: A 4D uint8 numpy array [index, y, x, depth].

    Raises:
      DataError: If the bytestream does not start with 2051 or does not hold the data
        its header announces.
    """
    (num_images, rows, cols), data = read_idx(f, IMAGES_MAGIC, ndim=3)
    return data.reshape(num_images, rows, cols, 1)


def dense_to_one_hot(labels_dense, num_classes):
    """Convert class labels from scalars to one-hot vectors."""
    num_labels = labels_dense.shape[0]
    index_offset = numpy.arange(num_labels) * num_classes
    labels_one_hot = numpy.zeros((num_labels, num_classes))
    labels_one_hot.flat[index_offset + labels_dense.ravel()] = 1
    return labels_one_hot


def extract_labels(f, one_hot=False, num_classes=NUM_CLASSES):
    """Extract the labels into a 1D uint8 numpy array [index].

    Args:
      f: A file object that can be passed into a gzip reader (or an uncompressed IDX file).
      one_hot: Does one hot encoding for the result.
      num_classes: Number of classes for the one hot encoding.

    Returns:
      labels: a 1D uint8 numpy array, or a 2D one-hot array [index, num_classes].

    Raises:
      DataError: If the bytestream doesn't start with 2049, is short, or holds a label
        outside 0..num_classes-1.
    """
    _, labels = read_idx(f, LABELS_MAGIC, ndim=1)
    if labels.size and labels.max() >= num_classes:
        index = int(numpy.argmax(labels >= num_classes))
        raise DataError(f"{name_of(f)}: label {labels[index]} at index {index} is outside "
                        f"0..{num_classes - 1}: the file is corrupt or not an MNIST label "
                        "file.")
    if one_hot:
        return dense_to_one_hot(labels, num_classes)
    return labels


def _check_same_count(images, labels, images_from="images", labels_from="labels"):
    if len(images) != len(labels):
        raise DataError(f"{images_from} holds {len(images)} images but {labels_from} holds "
                        f"{len(labels)} labels: they do not belong together. Replace the "
                        "wrong one.")


class DataSet:
    """A set of images and labels, served in shuffled mini-batches by `next_batch`."""

    def __init__(self, images, labels, fake_data=False, one_hot=False,
                 dtype=numpy.float32, reshape=True, seed=None):
        """Construct a DataSet.

        `dtype` can be `uint8` to leave the input as `[0, 255]`, or `float32` to rescale
        into `[0, 1]`. `seed` seeds this data set's own shuffling generator: the same seed
        gives the same batches, and NumPy's global random state is left alone.
        """
        dtype = numpy.dtype(dtype)
        if dtype not in (numpy.uint8, numpy.float32):
            raise TypeError(f"Invalid image dtype {dtype}, expected uint8 or float32")
        self._rng = numpy.random.default_rng(seed)
        self.one_hot = one_hot
        self._fake_data = fake_data
        if fake_data:
            self._num_examples = FAKE_NUM_EXAMPLES
            images = numpy.zeros((0, 784) if reshape else (0, 28, 28, 1), dtype)
            labels = numpy.zeros((0, NUM_CLASSES) if one_hot else (0,))
        else:
            _check_same_count(images, labels)
            self._num_examples = images.shape[0]
            if reshape:
                assert images.shape[3] == 1
                images = images.reshape(images.shape[0], images.shape[1] * images.shape[2])
            if dtype == numpy.float32:
                # Convert from [0, 255] -> [0.0, 1.0], in one pass with no float64 copy.
                images = numpy.multiply(images, numpy.float32(1.0 / 255.0), dtype=numpy.float32)
        self._images = images
        self._labels = labels
        self._epochs_completed = 0
        self._index_in_epoch = 0
        self._order = numpy.arange(self._num_examples)

    @property
    def images(self):
        return self._images

    @property
    def labels(self):
        return self._labels

    @property
    def num_examples(self):
        return self._num_examples

    @property
    def epochs_completed(self):
        return self._epochs_completed

    def _fake_batch(self, batch_size):
        """A batch of all-ones images labelled 0, as the original returned."""
        image_shape = self._images.shape[1:]
        label = [1] + [0] * (NUM_CLASSES - 1) if self.one_hot else 0
        return (numpy.ones((batch_size,) + image_shape, self._images.dtype),
                numpy.array([label] * batch_size))

    def _take(self, start, end):
        """The examples at positions start..end of the current epoch's order."""
        indices = self._order[start:end]
        return self._images[indices], self._labels[indices]

    def next_batch(self, batch_size, fake_data=False, shuffle=True):
        """Return the next `batch_size` examples from this data set.

        Every example is served exactly once per epoch. A batch that crosses the end of an
        epoch takes the rest of the old epoch plus the start of the next, reshuffled one.
        With `shuffle=False`, examples come in file order.
        """
        batch_size = _whole_number(batch_size, "batch_size")
        if fake_data or self._fake_data:
            return self._fake_batch(batch_size)
        if not 0 < batch_size <= self._num_examples:
            raise ValueError(f"batch_size must be in 1..{self._num_examples} "
                             f"(the number of examples), got {batch_size}")
        start = self._index_in_epoch
        # Shuffle for the first epoch
        if self._epochs_completed == 0 and start == 0 and shuffle:
            self._rng.shuffle(self._order)
        if start + batch_size <= self._num_examples:
            self._index_in_epoch += batch_size
            return self._take(start, self._index_in_epoch)
        # Finished epoch: the rest of this epoch, then the start of the next one.
        self._epochs_completed += 1
        images_rest_part, labels_rest_part = self._take(start, self._num_examples)
        if shuffle:
            self._rng.shuffle(self._order)
        self._index_in_epoch = batch_size - (self._num_examples - start)
        images_new_part, labels_new_part = self._take(0, self._index_in_epoch)
        return (numpy.concatenate((images_rest_part, images_new_part), axis=0),
                numpy.concatenate((labels_rest_part, labels_new_part), axis=0))


def _whole_number(value, what):
    """value as an int; a float such as 100.0 (from a division) passes, 100.5 does not."""
    if isinstance(value, (float, numpy.floating)) and float(value).is_integer():
        return int(value)
    try:
        return operator.index(value)
    except TypeError:
        raise ValueError(f"{what} must be a whole number, got {value!r}") from None


def _read_images(path):
    """The MNIST images of the file at path [count, 28, 28, 1]."""
    with open(path, "rb") as f:
        images = extract_images(f)
    if not len(images):
        raise damaged_file(path, "holds no images: it is damaged or not the MNIST file")
    if images.shape[1:3] != (IMAGE_SIZE, IMAGE_SIZE):
        raise damaged_file(path, f"holds {images.shape[1]}x{images.shape[2]} images, not "
                                 f"MNIST's {IMAGE_SIZE}x{IMAGE_SIZE}: it is not the MNIST file")
    return images


def _read_labels(path, one_hot):
    with open(path, "rb") as f:
        return extract_labels(f, one_hot=one_hot)


def read_data_sets(train_dir, fake_data=False, one_hot=False, dtype=numpy.float32,
                   reshape=True, validation_size=5000, seed=None, source_url=None):
    """Reads MNIST from train_dir (or $MNIST_DATA_DIR), downloading what is missing;
    returns a `Datasets`.

    `train`, `validation` and `test` hold 55000, 5000 and 10000 examples with the default
    `validation_size` (the validation set is the first `validation_size` training images).
    `source_url` puts one more mirror (a URL ending in "/") in front of the built-in ones.
    """
    if fake_data:
        def fake():
            return DataSet([], [], fake_data=True, one_hot=one_hot, dtype=dtype,
                           reshape=reshape, seed=seed)
        return Datasets(train=fake(), validation=fake(), test=fake())

    mirrors = MIRRORS if source_url in (None, DEFAULT_SOURCE_URL) else [source_url] + MIRRORS
    paths = download.find_or_download(train_dir, mirrors)
    train_images = _read_images(paths[TRAIN_IMAGES])
    train_labels = _read_labels(paths[TRAIN_LABELS], one_hot)
    test_images = _read_images(paths[TEST_IMAGES])
    test_labels = _read_labels(paths[TEST_LABELS], one_hot)
    _check_same_count(train_images, train_labels, paths[TRAIN_IMAGES], paths[TRAIN_LABELS])
    _check_same_count(test_images, test_labels, paths[TEST_IMAGES], paths[TEST_LABELS])

    if not 0 <= validation_size <= len(train_images):
        raise DataError(f"validation_size must be between 0 and {len(train_images)} "
                        f"(the number of training images), got {validation_size}")

    options = dict(dtype=dtype, reshape=reshape, seed=seed)
    train = DataSet(train_images[validation_size:], train_labels[validation_size:], **options)
    validation = DataSet(train_images[:validation_size], train_labels[:validation_size],
                         **options)
    test = DataSet(test_images, test_labels, **options)
    return Datasets(train=train, validation=validation, test=test)


def load_mnist(train_dir="MNIST-data"):
    """The original's shortcut: read_data_sets(train_dir)."""
    return read_data_sets(train_dir)


if __name__ == "__main__":
    command.run()

"""Functions for downloading and reading MNIST data.

A drop-in replacement for `tensorflow.examples.tutorials.mnist.input_data`, which was
removed in TensorFlow 2, so the tutorials' first line works again:

    mnist = input_data.read_data_sets("MNIST_data/", one_hot=True)

It keeps the original API (`read_data_sets`, `DataSet`, `next_batch`, `extract_images`,
`extract_labels`, `dense_to_one_hot`) and fixes what no longer works or bit users:

- The original download host answers 403: missing files are fetched from a list of
  mirrors, each file checked with SHA-256 and written under a temporary name until it is.
- Files already in `train_dir` (gzip, or the uncompressed IDX files) are used as they are,
  with no network access at all; so are files in the folder `$MNIST_DATA_DIR` names, if
  `train_dir` lacks them (one copy of MNIST for every program on an offline machine).
- Broken files get a `DataError` that names the file, what is wrong and what to do.
- `seed` makes the batch order repeatable without reseeding NumPy's global generator.

Needs only NumPy and the standard library.
"""

import collections
import contextlib
import gzip
import hashlib
import http.client
import io
import math
import operator
import os
import signal
import struct
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zlib

import numpy

# Tried in order; a mirror that fails (HTTP error, timeout, bad checksum) passes to the next.
MIRRORS = [
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
]
DEFAULT_SOURCE_URL = MIRRORS[0]
DOWNLOAD_TIMEOUT_SECONDS = 30  # for the connection and for each read
# A mirror slower than this on average, once a download has run RATE_WINDOW_SECONDS, is
# given up on for the next: MNIST's largest file (9.9 MB) then takes at most 17 minutes.
MIN_BYTES_PER_SECOND = 10_000
RATE_WINDOW_SECONDS = 60

TRAIN_IMAGES = "train-images-idx3-ubyte"
TRAIN_LABELS = "train-labels-idx1-ubyte"
TEST_IMAGES = "t10k-images-idx3-ubyte"
TEST_LABELS = "t10k-labels-idx1-ubyte"

# SHA-256 of the *decompressed* IDX files. Checking the contents rather than the gzip
# bytes accepts every faithful copy, however it was compressed (the gzip files on the CVDF
# mirror and a recompressed copy differ byte for byte but hold the same IDX data).
CONTENT_SHA256 = {
    TRAIN_IMAGES: "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    TRAIN_LABELS: "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    TEST_IMAGES: "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    TEST_LABELS: "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}

IMAGES_MAGIC = 2051  # IDX: unsigned bytes, 3 dimensions (count, rows, columns)
LABELS_MAGIC = 2049  # IDX: unsigned bytes, 1 dimension (count)
NUM_CLASSES = 10
IMAGE_SIZE = 28  # MNIST's images are 28x28: the models' 784 inputs
FAKE_NUM_EXAMPLES = 10000

Datasets = collections.namedtuple("Datasets", ["train", "validation", "test"])


class DataError(ValueError):
    """A data file or argument that cannot be used; the message says what to do."""


MAX_DEFLATE_RATIO = 1032  # deflate never expands data more than this: a bound before reading
READ_CHUNK = 1 << 20


def _name(f):
    return getattr(f, "name", "<stream>")


def _opened_idx(f):
    """The stream of IDX bytes in `f` (decompressed if it is gzip), and how many there can
    be at most: a plain file's size, 1032 times that if it is compressed, or None for a
    stream of unknown size."""
    name = _name(f)
    size = None
    if isinstance(f, (io.BufferedReader, io.FileIO)):
        size = os.fstat(f.fileno()).st_size - f.tell()
    start = f.read(2)
    if start == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=_Prefixed(start, f), mode="rb"), \
            None if size is None else size * MAX_DEFLATE_RATIO
    if str(name).endswith(".gz") and not isinstance(f, gzip.GzipFile):
        raise DataError(f"{name}: not a gzip file, though its name ends in .gz. "
                        "Delete it and run again to download it afresh.")
    return _Prefixed(start, f), size


class _Prefixed:
    """A read-only stream: `prefix` (bytes already read from `f`), then the rest of `f`."""

    def __init__(self, prefix, f):
        self.prefix, self.f = prefix, f

    def read(self, size=-1):
        if not self.prefix:
            return self.f.read(size)
        if size is None or size < 0:
            data, self.prefix = self.prefix + self.f.read(), b""
            return data
        data, self.prefix = self.prefix[:size], self.prefix[size:]
        return data + (self.f.read(size - len(data)) if size > len(data) else b"")

    def readinto(self, buffer):
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def _read_exactly(stream, buffer):
    """Fills buffer from stream; returns how many bytes it could fill."""
    view, filled = memoryview(buffer), 0
    while filled < len(view):
        count = stream.readinto(view[filled:filled + READ_CHUNK])
        if not count:
            break
        filled += count
    return filled


def _read_idx(f, magic, ndim):
    """Returns the dimensions and the uint8 payload of the IDX file `f` (gzip or not).

    The header is checked before the payload is read, and no more is read or decompressed
    than the header announces (plus one byte, to notice a longer file): a file whose
    header lies takes no more memory than the data it claims, and no more than it could
    hold.
    """
    name = _name(f)
    header_size = 4 * (1 + ndim)
    try:
        stream, limit = _opened_idx(f)
        raw = stream.read(header_size)
        if len(raw) < header_size:
            raise DataError(f"{name}: only {len(raw)} bytes, shorter than the {header_size}-byte "
                            "IDX header. Delete it and run again to download it afresh.")
        header = struct.unpack(f">{1 + ndim}I", raw)
        if header[0] != magic:
            raise DataError(f"{name}: invalid magic number {header[0]} (expected {magic}): "
                            "not an MNIST file of this kind. Check the file name and contents.")
        dims = header[1:]
        expected = header_size + math.prod(dims)  # Python integers: no overflow
        if limit is not None and expected > limit:
            raise DataError(f"{name}: its header {dims} announces {expected} bytes, more than "
                            f"the file can hold (at most {limit}). Delete it and run again to "
                            "download it afresh.")
        payload = numpy.empty(expected - header_size, numpy.uint8)
        received = header_size + _read_exactly(stream, payload)
        longer = received == expected and bool(stream.read(1))
    except (OSError, EOFError, zlib.error) as e:
        raise DataError(f"{name}: the data is truncated or corrupt ({e}). "
                        "Delete the file and run again to download it afresh.") from None
    if received != expected or longer:
        what = "longer" if longer else f"{received} bytes, shorter"
        raise DataError(f"{name}: {what} than the {expected} bytes its header {dims} says. "
                        "Delete it and run again to download it afresh.")
    return dims, payload


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
    (num_images, rows, cols), data = _read_idx(f, IMAGES_MAGIC, ndim=3)
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
    _, labels = _read_idx(f, LABELS_MAGIC, ndim=1)
    if labels.size and labels.max() >= num_classes:
        index = int(numpy.argmax(labels >= num_classes))
        raise DataError(f"{getattr(f, 'name', '<stream>')}: label {labels[index]} at index "
                        f"{index} is outside 0..{num_classes - 1}: the file is corrupt or "
                        "not an MNIST label file.")
    if one_hot:
        return dense_to_one_hot(labels, num_classes)
    return labels


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
            if images.shape[0] != labels.shape[0]:
                raise DataError(f"{images.shape[0]} images but {labels.shape[0]} labels: "
                                "the image and label files do not belong together.")
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


def _candidates(train_dir, name):
    """The file names under which `name` may already be in train_dir."""
    return [os.path.join(train_dir, spelling)
            for spelling in (name + ".gz", name, name.replace("-idx", ".idx"))]


def _content_sha256(path):
    """SHA-256 of the IDX contents of the file at `path`, decompressed if it is gzip."""
    digest = hashlib.sha256()
    with open(path, "rb") as raw:
        compressed = raw.read(2) == b"\x1f\x8b"
    with (gzip.open if compressed else open)(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _report(message, end="\n"):
    """Prints a download message on stderr, on the progress line when stderr is a terminal."""
    if sys.stderr.isatty():
        message = "\r\033[K" + message
    print(message, end=end, file=sys.stderr, flush=True)


def _fetch(url, path):
    """Downloads `url` into `path`, showing progress; raises OSError on a short transfer
    or a transfer slower than MIN_BYTES_PER_SECOND."""
    start = time.monotonic()
    with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_SECONDS) as response, \
            open(path, "wb") as out:
        total = int(response.headers.get("Content-Length") or 0)
        received = 0
        # read1 returns what has arrived, so a mirror that dribbles is noticed in time.
        for chunk in iter(lambda: response.read1(1 << 16), b""):
            out.write(chunk)
            received += len(chunk)
            if total and sys.stderr.isatty():
                _report(f"  {received / 1e6:.1f} / {total / 1e6:.1f} MB", end="")
            elapsed = time.monotonic() - start
            if elapsed >= RATE_WINDOW_SECONDS and received < MIN_BYTES_PER_SECOND * elapsed:
                raise OSError(f"too slow: {received / elapsed / 1000:.1f} KB/s over "
                              f"{elapsed:.0f} s (less than {MIN_BYTES_PER_SECOND / 1000:g} KB/s)")
    if total and received != total:
        raise OSError(f"transfer cut short: {received} of {total} bytes")
    return received


@contextlib.contextmanager
def _terminated_as_exit():
    """Within: SIGTERM (a closed terminal, `kill`, a scheduler's time limit) ends the
    program as an exception, so that `finally` blocks still remove partial files.

    Only where SIGTERM has its default action (which would end the program at once), and
    only in the main thread, the one signals are delivered to.
    """
    def exit_now(signum, frame):
        raise SystemExit(128 + signum)

    replace = (threading.current_thread() is threading.main_thread()
               and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL)
    if replace:
        signal.signal(signal.SIGTERM, exit_now)
    try:
        yield
    finally:
        if replace:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _download(name, train_dir, mirrors):
    """Fetches name.gz from the first mirror that gives verified contents; returns its path.

    The file is written under a temporary name and renamed once verified; the temporary
    file is removed whatever happens (failure, Ctrl-C, SIGTERM).
    """
    target = os.path.join(train_dir, name + ".gz")
    try:
        os.makedirs(train_dir, exist_ok=True)
        fd, partial = tempfile.mkstemp(dir=train_dir, prefix=f".{name}.", suffix=".part")
        os.close(fd)
    except OSError as e:
        raise DataError(f"cannot write to the data directory {train_dir!r} ({e.strerror}): "
                        "choose a writable directory (--data_dir), or place the four MNIST "
                        "files there by hand.") from None
    tried = []
    with _terminated_as_exit():
        try:
            for base in mirrors:
                url = base + name + ".gz"
                _report(f"Downloading {url}")
                try:
                    size = _fetch(url, partial)
                    if _content_sha256(partial) != CONTENT_SHA256.get(name):
                        raise OSError("SHA-256 of the contents does not match")
                except (OSError, http.client.HTTPException, EOFError, zlib.error) as e:
                    reason = getattr(e, "reason", None) or e
                    _report(f"  failed: {reason}")
                    tried.append(f"  {url}: {reason}")
                    continue
                os.chmod(partial, 0o644)  # mkstemp's 0600 would hide the data from others
                os.replace(partial, target)
                _report(f"  {size / 1e6:.1f} MB, SHA-256 verified, saved as {target}")
                return target
        finally:
            if os.path.exists(partial):
                os.remove(partial)
    raise DataError(f"could not download {name}.gz; tried:\n" + "\n".join(tried) +
                    f"\nDownload the four MNIST files by other means and put them in "
                    f"{os.path.abspath(train_dir)} (gzip-compressed or not), or point the "
                    "script's --data_dir or MNIST_DATA_DIR at a folder that has them.")


def _locate(train_dir, name, mirrors):
    """The path of `name` in train_dir (or else in $MNIST_DATA_DIR), downloading it into
    train_dir first if it is in neither."""
    for directory in (train_dir, os.environ.get("MNIST_DATA_DIR")):
        for path in _candidates(directory, name) if directory else ():
            if _is_data_file(path):
                return path
    return _download(name, train_dir, mirrors)


def _is_data_file(path):
    """Whether a regular file is at path; something else there (a folder, a pipe, a broken
    link) under a data file's name is an error, not silently passed over."""
    if os.path.isfile(path):
        return True
    if not os.path.lexists(path):
        return False
    if os.path.isdir(path):
        kind = "a folder"
    elif os.path.islink(path):
        try:
            os.stat(path)
        except OSError as e:
            kind = f"a symbolic link that leads nowhere ({e.strerror})"
    else:
        kind = "a special file (a pipe, socket or device)"
    raise DataError(f"{path} is {kind}, not a data file: remove or rename it, and run again.")


def _load(path, extract, **kwargs):
    with open(path, "rb") as f:
        return extract(f, **kwargs)


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
    paths = {name: _locate(train_dir, name, mirrors)
             for name in (TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)}
    train_images = _load(paths[TRAIN_IMAGES], extract_images)
    train_labels = _load(paths[TRAIN_LABELS], extract_labels, one_hot=one_hot)
    test_images = _load(paths[TEST_IMAGES], extract_images)
    test_labels = _load(paths[TEST_LABELS], extract_labels, one_hot=one_hot)
    for name, images in ((TRAIN_IMAGES, train_images), (TEST_IMAGES, test_images)):
        if not len(images):
            raise DataError(f"{paths[name]} holds no images: it is damaged or not the MNIST "
                            "file. Delete it and run again to download it afresh.")
        if images.shape[1:3] != (IMAGE_SIZE, IMAGE_SIZE):
            raise DataError(f"{paths[name]} holds {images.shape[1]}x{images.shape[2]} images, "
                            f"not MNIST's {IMAGE_SIZE}x{IMAGE_SIZE}: it is not the MNIST file. "
                            "Delete it and run again to download it afresh.")
    for images, labels, image_file, label_file in (
            (train_images, train_labels, TRAIN_IMAGES, TRAIN_LABELS),
            (test_images, test_labels, TEST_IMAGES, TEST_LABELS)):
        if len(images) != len(labels):
            raise DataError(f"{paths[image_file]} holds {len(images)} images but "
                            f"{paths[label_file]} holds {len(labels)} labels: the files do "
                            "not belong together. Replace the wrong one.")

    if not 0 <= validation_size <= len(train_images):
        raise DataError(f"validation_size must be between 0 and {len(train_images)} "
                        f"(the number of training images), got {validation_size}")

    options = dict(dtype=dtype, reshape=reshape, seed=seed)
    train = DataSet(train_images[validation_size:], train_labels[validation_size:], **options)
    validation = DataSet(train_images[:validation_size], train_labels[:validation_size],
                         **options)
    test = DataSet(test_images, test_labels, **options)
    return Datasets(train=train, validation=validation, test=test)


# --- Fetching or checking the files from the command line --------------------------------

def fetch_or_check(directory, mirrors=None):
    """Makes sure the four MNIST files are in directory and are MNIST: those there are
    checked (SHA-256 of their contents), those missing downloaded. Returns a line per file;
    raises DataError for the first file that is wrong or cannot be fetched."""
    lines = []
    for name in (TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS):
        present = [path for path in _candidates(directory, name) if _is_data_file(path)]
        if not present:
            lines.append(f"{_download(name, directory, mirrors or MIRRORS)}: downloaded, "
                         "SHA-256 verified")
            continue
        path = present[0]
        try:
            digest = _content_sha256(path)
        except (OSError, EOFError, zlib.error) as e:
            raise DataError(f"{path}: the data is truncated or corrupt ({e}). Delete it and "
                            "run again to download it afresh.") from None
        if digest != CONTENT_SHA256[name]:
            raise DataError(f"{path}: its contents are not MNIST's (SHA-256 {digest[:16]}... "
                            "does not match). Delete it and run again to download it afresh.")
        lines.append(f"{path}: present, SHA-256 verified")
    return lines


def main(argv=None):
    """`python input_data.py [DIR]`: fetches the four MNIST files into DIR, or checks them."""
    import argparse
    parser = argparse.ArgumentParser(
        description="Fetch the four MNIST files into DIR, or check the ones there (present, "
                    "complete, SHA-256 of their contents); for a machine without network, "
                    "run it on one with network and copy DIR over.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("dir", nargs="?", default="MNIST_data", metavar="DIR",
                        help="the folder for the files (the scripts' --data_dir)")
    parser.add_argument("--mirror", action="append", metavar="URL",
                        help="download from this mirror (a URL ending in /) instead of the "
                             "built-in ones; repeat for more, tried in order")
    args = parser.parse_args(argv)
    try:
        for line in fetch_or_check(args.dir, args.mirror):
            print(line, flush=True)
    except DataError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    print(f"The four MNIST files are in {args.dir}: 60000 training and 10000 test images.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""input_data.py: parsing, the original API, next_batch, errors, and the real data."""

import gzip
import io
import os
import shutil
import zlib

import numpy
import pytest

import input_data
from conftest import idx_bytes, run_measuring_peak_memory, write_mnist_like

pytestmark = pytest.mark.usefixtures("no_shared_data_dir")


# --- Parsing ---------------------------------------------------------------------------

def test_extract_images_and_labels_from_gzip_and_raw_streams(tmp_path):
    images = numpy.arange(2 * 28 * 28).reshape(2, 28, 28) % 256
    data = idx_bytes(2051, (2, 28, 28), images)
    (tmp_path / "images.gz").write_bytes(gzip.compress(data))
    for stream in (io.BytesIO(gzip.compress(data)), io.BytesIO(data),
                   open(tmp_path / "images.gz", "rb"), gzip.open(tmp_path / "images.gz")):
        parsed = input_data.extract_images(stream)
        assert parsed.shape == (2, 28, 28, 1) and parsed.dtype == numpy.uint8
        numpy.testing.assert_array_equal(parsed[..., 0], images)
    labels = input_data.extract_labels(io.BytesIO(idx_bytes(2049, (3,), [3, 0, 9])))
    numpy.testing.assert_array_equal(labels, [3, 0, 9])


def test_one_hot():
    one_hot = input_data.dense_to_one_hot(numpy.array([3, 0, 9]), 10)
    assert one_hot.shape == (3, 10)
    numpy.testing.assert_array_equal(one_hot.argmax(axis=1), [3, 0, 9])
    numpy.testing.assert_array_equal(one_hot.sum(axis=1), [1, 1, 1])
    labels = input_data.extract_labels(io.BytesIO(idx_bytes(2049, (2,), [1, 2])), one_hot=True)
    numpy.testing.assert_array_equal(labels, [[0, 1] + [0] * 8, [0, 0, 1] + [0] * 7])


def test_split_sizes_dtypes_and_shapes(tmp_path):
    train_images, train_labels = write_mnist_like(tmp_path, num_train=30, num_test=10)
    data = input_data.read_data_sets(str(tmp_path), one_hot=True, validation_size=12)
    assert (data.train.num_examples, data.validation.num_examples,
            data.test.num_examples) == (18, 12, 10)
    assert data.train.images.shape == (18, 784) and data.train.images.dtype == numpy.float32
    assert data.train.labels.shape == (18, 10)
    # The validation set is the first validation_size training images, in file order.
    numpy.testing.assert_allclose(data.validation.images,
                                  train_images[:12].reshape(12, 784) / 255.0, rtol=1e-6)
    numpy.testing.assert_array_equal(data.train.labels.argmax(axis=1), train_labels[12:])
    assert 0.0 <= data.train.images.min() and data.train.images.max() <= 1.0

    raw = input_data.read_data_sets(str(tmp_path), dtype=numpy.uint8, reshape=False,
                                    validation_size=0)
    assert raw.train.images.shape == (30, 28, 28, 1) and raw.train.images.dtype == numpy.uint8
    numpy.testing.assert_array_equal(raw.train.images[..., 0], train_images)
    numpy.testing.assert_array_equal(raw.train.labels, train_labels)


@pytest.mark.parametrize("spelling", ["{}-idx{}-ubyte", "{}.idx{}-ubyte"])
def test_uncompressed_files_in_both_spellings(tmp_path, spelling, monkeypatch):
    monkeypatch.setattr(input_data, "MIRRORS", ["http://127.0.0.1:9/never-asked/"])
    write_mnist_like(tmp_path, compress=False)
    for path in tmp_path.iterdir():
        stem, kind = path.name.split("-idx")
        path.rename(tmp_path / spelling.format(stem, kind[0]))
    data = input_data.read_data_sets(str(tmp_path), validation_size=5)
    assert data.train.num_examples == 25 and data.test.num_examples == 10


# --- next_batch ------------------------------------------------------------------------

def small_dataset(n=10, seed=None):
    images = numpy.arange(n, dtype=numpy.uint8).reshape(n, 1, 1, 1).repeat(28, 1).repeat(28, 2)
    return input_data.DataSet(images, numpy.arange(n), dtype=numpy.uint8, seed=seed)


def test_next_batch_serves_each_example_once_per_epoch():
    dataset = small_dataset(10, seed=3)
    seen = numpy.concatenate([dataset.next_batch(5)[1] for _ in range(2)])
    assert sorted(seen) == list(range(10))
    assert dataset.epochs_completed == 0
    # Images and labels stay paired through the shuffle.
    images, labels = dataset.next_batch(5)
    numpy.testing.assert_array_equal(images[:, 0], labels)


def test_batch_crossing_an_epoch_takes_the_rest_then_the_new_epoch():
    dataset = small_dataset(10, seed=0)
    first = numpy.concatenate([dataset.next_batch(4)[1] for _ in range(2)])
    _, crossing = dataset.next_batch(4)
    assert dataset.epochs_completed == 1
    rest_of_epoch_one = set(range(10)) - set(first)
    assert set(crossing[:2]) == rest_of_epoch_one
    following = numpy.concatenate([dataset.next_batch(4)[1] for _ in range(2)])
    # Epoch two: the two taken by the crossing batch plus these eight, each once.
    assert sorted(numpy.concatenate([crossing[2:], following])) == list(range(10))


def test_shuffle_false_keeps_file_order_across_epochs():
    dataset = small_dataset(10)
    labels = numpy.concatenate([dataset.next_batch(3, shuffle=False)[1] for _ in range(5)])
    numpy.testing.assert_array_equal(labels, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4])
    assert dataset.epochs_completed == 1
    numpy.testing.assert_array_equal(dataset.labels, numpy.arange(10))


def test_seed_repeats_batches_and_leaves_numpy_global_state_alone():
    numpy.random.seed(42)
    expected_global = numpy.random.random()
    numpy.random.seed(42)
    batches = [small_dataset(10, seed=7).next_batch(10)[1] for _ in range(2)]
    numpy.testing.assert_array_equal(batches[0], batches[1])
    assert numpy.random.random() == expected_global
    others = [small_dataset(10, seed=s).next_batch(10)[1] for s in range(5)]
    assert any((o != batches[0]).any() for o in others)


def test_batch_size_may_be_a_whole_float_but_not_a_fraction():
    data = input_data.DataSet(numpy.zeros((10, 28, 28, 1), numpy.uint8), numpy.arange(10))
    assert len(data.next_batch(4.0)[0]) == 4
    assert len(data.next_batch(numpy.int64(4))[0]) == 4  # the position stays a whole number
    with pytest.raises(ValueError, match="batch_size must be a whole number, got 2.5"):
        data.next_batch(2.5)


def test_batch_size_larger_than_the_data_set_is_refused():
    with pytest.raises(ValueError, match="batch_size"):
        small_dataset(10).next_batch(11)


def test_fake_data_needs_no_files():
    data = input_data.read_data_sets("/nonexistent/dir", fake_data=True, one_hot=True)
    images, labels = data.train.next_batch(7)
    assert images.shape == (7, 784) and labels.shape == (7, 10)
    assert (images == 1).all() and (labels.argmax(axis=1) == 0).all()
    assert data.train.num_examples == data.test.num_examples == 10000
    assert not os.path.exists("/nonexistent/dir")


# --- Bad input -------------------------------------------------------------------------

def replace_file(directory, name, data):
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


@pytest.mark.parametrize("name, data, message", [
    ("train-images-idx3-ubyte.gz", gzip.compress(idx_bytes(2049, (30, 28, 28), [0] * 23520)),
     "invalid magic number 2049"),
    ("train-images-idx3-ubyte.gz", gzip.compress(idx_bytes(2051, (30, 28, 28), [0] * 100)),
     "116 bytes, shorter than the 23536 bytes its header"),
    ("train-images-idx3-ubyte.gz", gzip.compress(idx_bytes(2051, (30, 28, 28), [0] * 23521)),
     "longer than the 23536 bytes its header"),
    ("train-images-idx3-ubyte", idx_bytes(2051, (30, 28, 28), [0] * 100),
     "announces 23536 bytes, more than the file can hold .at most 116."),
    # Headers whose sizes overflow 64 bits, plain and compressed.
    ("train-images-idx3-ubyte", idx_bytes(2051, (2**31, 2**31, 4), []),
     r"announces 18446744073709551632 bytes, more than the file can hold"),
    ("train-images-idx3-ubyte.gz", gzip.compress(idx_bytes(2051, (2**31, 2**31, 3), [])),
     r"announces 13835058055282163728 bytes, more than the file can hold"),
    ("train-images-idx3-ubyte.gz", gzip.compress(idx_bytes(2051, (0, 28, 28), [])),
     "holds no images"),
    ("train-images-idx3-ubyte.gz", gzip.compress(idx_bytes(2051, (30, 29, 29), [0] * 30 * 841)),
     "holds 29x29 images, not MNIST's 28x28"),
    ("t10k-labels-idx1-ubyte.gz", gzip.compress(idx_bytes(2049, (10,), [1] * 9 + [10])),
     "label 10 at index 9 is outside 0..9"),
    ("t10k-labels-idx1-ubyte.gz", b"this is not gzip data", "not a gzip file"),
    ("t10k-labels-idx1-ubyte.gz", gzip.compress(idx_bytes(2049, (10,), [1] * 10))[:-12],
     "truncated or corrupt"),
    ("t10k-labels-idx1-ubyte.gz", gzip.compress(idx_bytes(2049, (9,), [1] * 9)),
     "10 images but .* 9 labels"),
], ids=lambda value: value if isinstance(value, str) else "data")  # gzip's bytes hold the time
def test_bad_file_gives_an_error_naming_the_file(tmp_path, name, data, message):
    write_mnist_like(tmp_path, compress=name.endswith(".gz"))
    replace_file(tmp_path, name, data)
    with pytest.raises(input_data.DataError, match=message) as error:
        input_data.read_data_sets(str(tmp_path), validation_size=5)
    assert name.split("-")[0] in str(error.value)


SPECIAL = "a special file .a pipe, socket or device."
LOOP = "a symbolic link that leads nowhere .Too many levels of symbolic links."


@pytest.mark.parametrize("make, kind", [
    (os.mkdir, "a folder"),
    (os.mkfifo, SPECIAL),
    (lambda path: os.symlink(path, path), LOOP),
    (lambda path: os.symlink("/dev/zero", path), SPECIAL),
    (lambda path: os.symlink("/no/such/file", path),
     "a symbolic link that leads nowhere .No such file or directory."),
])
def test_something_not_a_file_under_a_data_file_name_is_named(tmp_path, make, kind):
    write_mnist_like(tmp_path)
    path = tmp_path / "t10k-labels-idx1-ubyte.gz"
    path.unlink()
    make(str(path))
    with pytest.raises(input_data.DataError, match=f"{path} is {kind}, not a data file"):
        input_data.read_data_sets(str(tmp_path))


@pytest.mark.parametrize("make, kind", [
    (os.mkfifo, SPECIAL),
    (lambda path: os.symlink(path, path), LOOP),
    (lambda path: open(path, "w").close(), "a file"),
])
def test_a_data_dir_that_is_not_a_folder_is_named(tmp_path, make, kind):
    path = tmp_path / "MNIST_data"
    make(str(path))
    with pytest.raises(input_data.DataError,
                       match=f"the data directory {path} is {kind}, not a folder: choose"):
        input_data.read_data_sets(str(path))


@pytest.mark.parametrize("make, problem", [(lambda path: None, "does not exist"),
                                           (lambda path: open(path, "w").close(),
                                            "is not a folder")])
def test_mnist_data_dir_that_is_not_a_folder_is_named(tmp_path, monkeypatch, make, problem):
    shared = tmp_path / "shared"
    make(shared)
    monkeypatch.setenv("MNIST_DATA_DIR", str(shared))
    with pytest.raises(input_data.DataError,
                       match=f"MNIST_DATA_DIR is set to '{shared}', which {problem}: set it"):
        input_data.read_data_sets(str(tmp_path / "empty"))


READ_DATA_SETS = """
import sys, input_data
try:
    input_data.read_data_sets(sys.argv[1])
except input_data.DataError as e:
    print(e)
"""


def peak_megabytes_reading(directory):
    """Reads the data sets in directory in a fresh Python; returns (the error, peak MB)."""
    status, (error,), peak = run_measuring_peak_memory("-c", READ_DATA_SETS, str(directory))
    assert status == 0
    return error, peak


def test_a_lying_file_takes_no_more_memory_than_its_header_claims(tmp_path):
    write_mnist_like(tmp_path)
    # A gzip bomb: 0.5 MB that expand to 512 MB behind a header of 30 images.
    bomb = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(1 << 24)
    with open(tmp_path / "train-images-idx3-ubyte.gz", "wb") as f:
        f.write(bomb.compress(idx_bytes(2051, (30, 28, 28), [])))
        for _ in range(32):
            f.write(bomb.compress(zeros))
        f.write(bomb.flush())
    # A 3 GB file (sparse: it takes no disk) named like an image file, with no IDX header.
    with open(tmp_path / "t10k-images-idx3-ubyte", "wb") as f:
        f.truncate(3 << 30)
    os.remove(tmp_path / "t10k-images-idx3-ubyte.gz")
    error, peak = peak_megabytes_reading(tmp_path)
    assert "longer than the 23536 bytes its header (30, 28, 28) says" in error
    assert peak < 300  # Python, NumPy and the small files: about 40 MB
    os.remove(tmp_path / "train-images-idx3-ubyte.gz")
    write_mnist_like(tmp_path, num_test=0)  # only the images of the train set are used
    os.remove(tmp_path / "t10k-images-idx3-ubyte.gz")
    error, peak = peak_megabytes_reading(tmp_path)
    assert "invalid magic number 0" in error
    assert peak < 300


@pytest.mark.parametrize("validation_size", [-1, 31])
def test_validation_size_out_of_range(tmp_path, validation_size):
    write_mnist_like(tmp_path, num_train=30)
    with pytest.raises(input_data.DataError, match=r"validation_size must be between 0 and 30"):
        input_data.read_data_sets(str(tmp_path), validation_size=validation_size)


def test_unwritable_train_dir_is_reported_before_any_download(tmp_path, monkeypatch):
    monkeypatch.setattr(input_data, "MIRRORS", ["http://127.0.0.1:9/never-asked/"])
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(input_data.DataError, match="cannot write to the data directory") as e:
        input_data.read_data_sets(str(blocker / "MNIST_data"))
    assert "a-file" in str(e.value) and "--data_dir" in str(e.value)


# --- The real data ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def mnist(mnist_dir):
    return input_data.read_data_sets(mnist_dir, one_hot=True)


def test_real_data_split_and_shapes(mnist):
    assert (mnist.train.num_examples, mnist.validation.num_examples,
            mnist.test.num_examples) == (55000, 5000, 10000)
    assert mnist.train.images.shape == (55000, 784) and mnist.test.labels.shape == (10000, 10)
    assert mnist.train.images.dtype == numpy.float32
    assert mnist.train.images.min() == 0.0 and mnist.train.images.max() == 1.0


def test_real_test_labels(mnist):
    labels = mnist.test.labels.argmax(axis=1)
    numpy.testing.assert_array_equal(labels[:10], [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
    numpy.testing.assert_array_equal(numpy.bincount(labels),
                                     [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])


def test_files_already_present_need_no_network(mnist_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(input_data, "MIRRORS", ["http://127.0.0.1:9/never-asked/"])
    for name in os.listdir(mnist_dir):
        shutil.copy(os.path.join(mnist_dir, name), tmp_path)
    data = input_data.read_data_sets(str(tmp_path), validation_size=0)
    assert data.train.num_examples == 60000
    assert sorted(os.listdir(tmp_path)) == sorted(os.listdir(mnist_dir))


def test_files_missing_from_train_dir_come_from_mnist_data_dir(mnist_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(input_data, "MIRRORS", ["http://127.0.0.1:9/never-asked/"])
    monkeypatch.setenv("MNIST_DATA_DIR", mnist_dir)
    data = input_data.read_data_sets(str(tmp_path / "MNIST_data"), validation_size=0)
    assert data.train.num_examples == 60000 and data.test.num_examples == 10000
    assert not os.path.exists(tmp_path / "MNIST_data")  # nothing downloaded or copied

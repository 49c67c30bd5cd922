"""Whether a file holds MNIST's own data: the SHA-256 of its decompressed contents.

Checking the contents rather than the gzip bytes accepts every faithful copy, however it
was compressed (the gzip files on the CVDF mirror and a recompressed copy differ byte for
byte but hold the same IDX data).
"""

import gzip
import hashlib
import zlib

from mnist_files.idx import GZIP_START, READ_CHUNK
from mnist_files.location import TEST_IMAGES, TEST_LABELS, TRAIN_IMAGES, TRAIN_LABELS
from tutorial_helpers.errors import damaged_file

CONTENT_SHA256 = {
    TRAIN_IMAGES: "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    TRAIN_LABELS: "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    TEST_IMAGES: "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    TEST_LABELS: "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}


def content_sha256(path):
    """SHA-256 of the IDX contents of the file at `path`, decompressed if it is gzip."""
    digest = hashlib.sha256()
    with open(path, "rb") as raw:
        compressed = raw.read(2) == GZIP_START
    with (gzip.open if compressed else open)(path, "rb") as f:
        for chunk in iter(lambda: f.read(READ_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _readable_digest(path):
    try:
        return content_sha256(path)
    except (OSError, EOFError, zlib.error) as e:
        raise damaged_file(path, f"the data is truncated or corrupt ({e})") from None


def check(path, name):
    """Raises a DataError unless the file at path holds MNIST's file `name`."""
    digest = _readable_digest(path)
    if digest != CONTENT_SHA256[name]:
        raise damaged_file(path, f"its contents are not MNIST's (SHA-256 {digest[:16]}... "
                                 "does not match)")

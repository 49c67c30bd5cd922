"""Fetching a missing MNIST file from the first mirror that gives MNIST's own contents.

The original download host answers 403, so each file is tried from a list of mirrors in
turn: one that fails (an HTTP error, a timeout, a transfer cut short, too slow, larger
than the file can be, contents whose SHA-256 is not MNIST's) passes to the next. A file
takes its name only once verified; a failure or a stop (Ctrl-C, SIGTERM, a closed
terminal) leaves nothing behind (`files.atomic_file`, `signals.stop_at_once`).
"""

import contextlib
import fcntl
import glob
import http.client
import os
import sys
import time
import urllib.request
import zlib

from mnist_files import checksum, location
from mnist_files.location import TEST_IMAGES, TEST_LABELS, TRAIN_IMAGES, TRAIN_LABELS
from tutorial_helpers.errors import DataError
from tutorial_helpers.files import atomic_file, prove_writable
from tutorial_helpers.progress import CLEAR_LINE
from tutorial_helpers.signals import stop_at_once

# Tried in order; a mirror that fails passes to the next.
MIRRORS = [
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
]
TIMEOUT_SECONDS = 30  # for the connection and for each read
# A mirror slower than this on average, once a download has run RATE_WINDOW_SECONDS, is
# given up on for the next: MNIST's largest file (9.9 MB) then takes at most 17 minutes.
MIN_BYTES_PER_SECOND = 10_000
RATE_WINDOW_SECONDS = 60
# The decompressed size of each file: its gzip file is never larger (but for a few bytes
# of header), so a mirror that sends more is sending something else, or without end.
IDX_BYTES = {TRAIN_IMAGES: 47_040_016, TRAIN_LABELS: 60_008, TEST_IMAGES: 7_840_016,
             TEST_LABELS: 10_008}
GZIP_OVERHEAD = 1 << 16
READ_BYTES = 1 << 16
ABANDONED_SECONDS = 60


def report(message, end="\n"):
    """Prints a download message on stderr, on the progress line when stderr is a terminal."""
    if sys.stderr.isatty():
        message = CLEAR_LINE + message
    print(message, end=end, file=sys.stderr, flush=True)


def _fetch(url, out, most):
    """Copies what `url` sends into the file `out`, showing progress; returns the byte
    count. Raises OSError for a transfer cut short, longer than `most` bytes or slower
    than MIN_BYTES_PER_SECOND."""
    start = time.monotonic()
    with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:
        total = int(response.headers.get("Content-Length") or 0)
        if total > most:
            raise OSError(f"the mirror announces {total} bytes, more than the file can be "
                          f"({most})")
        limit, received = total or most, 0
        # read1 returns what has arrived, so a mirror that dribbles is noticed in time.
        for chunk in iter(lambda: response.read1(READ_BYTES), b""):
            out.write(chunk)
            received += len(chunk)
            if received > limit:
                raise OSError(f"the mirror sent more than {limit} bytes")
            if total and sys.stderr.isatty():
                report(f"  {received / 1e6:.1f} / {total / 1e6:.1f} MB", end="")
            elapsed = time.monotonic() - start
            if elapsed >= RATE_WINDOW_SECONDS and received < MIN_BYTES_PER_SECOND * elapsed:
                raise OSError(f"too slow: {received / elapsed / 1000:.1f} KB/s over "
                              f"{elapsed:.0f} s (less than {MIN_BYTES_PER_SECOND / 1000:g} KB/s)")
    if total and received != total:
        raise OSError(f"transfer cut short: {received} of {total} bytes")
    return received


def _fetch_verified(url, target, name):
    """Downloads url as target, if its contents are MNIST's `name`; returns the size."""
    with atomic_file(target) as out:
        fcntl.flock(out, fcntl.LOCK_EX)  # in use: see _remove_abandoned
        size = _fetch(url, out, IDX_BYTES[name] + GZIP_OVERHEAD)
        out.flush()
        if not checksum.is_mnist(out.name, name):
            raise OSError("SHA-256 of the contents does not match")
    return size


def _remove_abandoned(target):
    """Removes the temporary files of downloads of target that a SIGKILL or a power cut
    left: those no running download holds locked, untouched for a minute."""
    folder, base = os.path.split(target)
    for path in glob.glob(os.path.join(glob.escape(folder), f".{glob.escape(base)}.*.part")):
        try:
            with open(path, "rb") as part:
                fcntl.flock(part, fcntl.LOCK_EX | fcntl.LOCK_NB)
                if time.time() - os.fstat(part.fileno()).st_mtime > ABANDONED_SECONDS:
                    os.remove(path)
        except OSError:  # locked by a download under way, or gone already
            pass


def download(name, train_dir, mirrors):
    """Fetches name.gz into train_dir from the first mirror that gives verified contents;
    returns its path. Raises DataError if train_dir cannot be written or no mirror gives
    the file."""
    target = os.path.join(train_dir, name + ".gz")
    kind = location.kind_of(train_dir)
    if kind not in (None, "a folder"):
        raise DataError(f"the data directory {train_dir} is {kind}, not a folder: choose "
                        "another --data_dir, or remove it.")
    created = _missing_folders(train_dir)
    try:
        prove_writable(train_dir)  # before any request
    except OSError as e:
        raise DataError(f"cannot write to the data directory {train_dir!r} ({e.strerror}): "
                        "choose a writable directory (--data_dir), or place the four MNIST "
                        "files there by hand.") from None
    _remove_abandoned(target)
    tried = []
    with stop_at_once(), _removed_unless_filled(created):
        for base in mirrors:
            url = base + name + ".gz"
            report(f"Downloading {url}")
            try:
                size = _fetch_verified(url, target, name)
            except (OSError, http.client.HTTPException, EOFError, zlib.error, DataError) as e:
                reason = getattr(e, "reason", None) or e
                report(f"  failed: {reason}")
                tried.append(f"  {url}: {reason}")
                continue
            report(f"  {size / 1e6:.1f} MB, SHA-256 verified, saved as {target}")
            return target
        raise DataError(
            f"could not download {name}.gz; tried:\n" + "\n".join(tried) + "\nWithout "
            "network: on a machine that has it, `python input_data.py MNIST_data` fetches the "
            f"four MNIST files; copy that folder here as {os.path.abspath(train_dir)}, or set "
            "MNIST_DATA_DIR to the folder that holds them (or pass the script's --data_dir).")


def _missing_folders(directory):
    """The folders on the way to directory that do not exist yet, deepest first."""
    missing = []
    directory = os.path.abspath(directory)
    while not os.path.lexists(directory):
        missing.append(directory)
        directory = os.path.dirname(directory)
    return missing


@contextlib.contextmanager
def _removed_unless_filled(folders):
    """Within: a download into folders it made; if it fails, the ones left empty go."""
    try:
        yield
    except BaseException:
        for folder in folders:
            try:
                os.rmdir(folder)
            except OSError:  # not empty: another file arrived there
                break
        raise


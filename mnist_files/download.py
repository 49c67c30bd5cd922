"""Fetching a missing MNIST file from the first mirror that gives MNIST's own contents.

The original download host answers 403, so each file is tried from a list of mirrors in
turn: one that fails (an HTTP error, a timeout, a transfer cut short, too slow, larger
than the file can be, contents whose SHA-256 is not MNIST's) passes to the next. A file
takes its name only once verified; a failure or a stop (Ctrl-C, SIGTERM, a closed
terminal) leaves nothing behind (`files.atomic_file`, `signals.stop_at_once`).
"""

import fcntl
import glob
import gzip
import http.client
import os
import sys
import time
import urllib.request
import zlib

from mnist_files import checksum, location
from mnist_files.location import TEST_IMAGES, TEST_LABELS, TRAIN_IMAGES, TRAIN_LABELS
from tutorial_helpers.errors import DataError
from tutorial_helpers.files import atomic_file, missing_folders, prove_writable, removed_unless
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


def _fetch(url, out, most, connected):
    """Copies what `url` sends into the file `out`, showing progress; returns the byte
    count, calling `connected()` once the mirror answers. Raises OSError for a transfer
    cut short, longer than `most` bytes or slower than MIN_BYTES_PER_SECOND."""
    start = time.monotonic()
    with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:
        connected()
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


def _fetch_verified(url, target, name, connected):
    """Downloads url as target, if its contents are MNIST's `name`; returns the size."""
    with atomic_file(target) as out:
        fcntl.flock(out, fcntl.LOCK_EX)  # in use: see _remove_abandoned
        size = _fetch(url, out, IDX_BYTES[name] + GZIP_OVERHEAD, connected)
        out.flush()
        try:
            digest = checksum.content_sha256(out.name)
        except (EOFError, zlib.error, gzip.BadGzipFile) as e:
            raise OSError(f"the data is corrupt ({e})") from None
        if digest != checksum.CONTENT_SHA256[name]:
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


class _Attempts:
    """The mirrors tried for one file: the (url, reason) of each that failed, and how many
    of the tries are told on stderr (one that never answered is told only once a later
    mirror answers, so that offline the error is the one line)."""

    def __init__(self):
        self.failures, self.told = [], 0

    def answered(self, url):
        for earlier, reason in self.failures[self.told:]:
            report(f"{earlier}: {reason}")
        report(f"Downloading {url}")
        self.told = len(self.failures) + 1

    def failed(self, url, reason):
        if self.told > len(self.failures):  # it answered: "Downloading" was told
            report(f"  failed: {reason}")
        self.failures.append((url, reason))


def download(name, train_dir, mirrors, folder_flag="--data_dir"):
    """Fetches name.gz into train_dir from the first mirror that gives verified contents;
    returns its path. Raises DataError if train_dir cannot be written or no mirror gives
    the file; its message names `folder_flag`, the flag that chooses train_dir, if any.

    A mirror is named on stderr once it answers (with those before it that did not):
    offline, a run says one line, the error.
    """
    target = os.path.join(train_dir, name + ".gz")
    kind = location.kind_of(train_dir)
    if kind not in (None, "a folder"):
        raise DataError(f"the data directory {train_dir} is {kind}, not a folder: choose "
                        f"another {folder_flag or 'folder'}, or remove it.")
    created = missing_folders(train_dir)
    try:
        prove_writable(train_dir)  # before any request
    except OSError as e:
        raise DataError(f"cannot write to the data directory {train_dir!r} ({e.strerror}): "
                        f"choose a writable directory{f' ({folder_flag})' if folder_flag else ''}"
                        ", or place the four MNIST files there by hand.") from None
    _remove_abandoned(target)
    attempts = _Attempts()
    with stop_at_once(), removed_unless(lambda: os.path.exists(target), created):
        os.makedirs(train_dir, exist_ok=True)
        for base in mirrors:
            url = base + name + ".gz"
            try:
                size = _fetch_verified(url, target, name, lambda: attempts.answered(url))
            except (OSError, http.client.HTTPException, EOFError, zlib.error, DataError) as e:
                attempts.failed(url, str(getattr(e, "reason", None) or e))
                continue
            report(f"  {size / 1e6:.1f} MB, SHA-256 verified, saved as {target}")
            return target
        raise DataError(_not_downloaded(name, train_dir, attempts.failures, folder_flag))


def _not_downloaded(name, train_dir, failures, folder_flag):
    """The one line that says a file is neither here nor to be had, and what to do."""
    reasons = {reason for _, reason in failures}
    why = reasons.pop() if len(reasons) == 1 else "; ".join(
        f"{url}: {reason}" for url, reason in failures)
    shared = os.environ.get(location.SHARED_DIR_VARIABLE)
    looked = (f"{train_dir} nor in {shared} ($MNIST_DATA_DIR)" if shared else
              f"{train_dir} ($MNIST_DATA_DIR is not set)")
    other = f" (or pass another {folder_flag})" if folder_flag else ""
    return (f"{name}.gz is not in {looked}, and no mirror gave it ({len(failures)} tried: "
            f"{why}). Without network: run `python input_data.py {train_dir}` on a machine "
            f"that has it and copy that folder here as {os.path.abspath(train_dir)}, or set "
            f"MNIST_DATA_DIR to a folder that holds the four MNIST files{other}.")


def find_or_download(train_dir, mirrors, folder_flag="--data_dir"):
    """The paths of the four MNIST files: in train_dir, else in $MNIST_DATA_DIR, else
    downloaded into train_dir (see `download`)."""
    return {name: location.find(train_dir, name) or
            download(name, train_dir, mirrors, folder_flag) for name in location.FILES}

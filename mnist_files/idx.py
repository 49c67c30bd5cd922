"""Reading IDX files, MNIST's format: a header of 32-bit dimensions, then unsigned bytes.

The header is checked before the payload is read, and no more is read or decompressed
than the header announces (plus one byte, to notice a longer file): a file whose header
lies takes no more memory than the data it claims, and no more than it could hold.
"""

import gzip
import io
import math
import os
import struct
import zlib

import numpy

from tutorial_helpers.errors import DataError, damaged_file

IMAGES_MAGIC = 2051  # unsigned bytes, 3 dimensions (count, rows, columns)
LABELS_MAGIC = 2049  # unsigned bytes, 1 dimension (count)
MAX_DEFLATE_RATIO = 1032  # deflate never expands data more than this: a bound before reading
READ_CHUNK = 1 << 20
GZIP_START = b"\x1f\x8b"


def name_of(f):
    """How messages name a file object."""
    return getattr(f, "name", "<stream>")


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


def _opened(f):
    """The stream of IDX bytes in `f` (decompressed if it is gzip), and how many there can
    be at most: a plain file's size, 1032 times that if it is compressed, or None for a
    stream of unknown size."""
    size = None
    if isinstance(f, (io.BufferedReader, io.FileIO)):
        size = os.fstat(f.fileno()).st_size - f.tell()
    start = f.read(2)
    if start == GZIP_START:
        return gzip.GzipFile(fileobj=_Prefixed(start, f), mode="rb"), \
            None if size is None else size * MAX_DEFLATE_RATIO
    if str(name_of(f)).endswith(".gz") and not isinstance(f, gzip.GzipFile):
        raise damaged_file(name_of(f), "not a gzip file, though its name ends in .gz")
    return _Prefixed(start, f), size


def _read_exactly(stream, buffer):
    """Fills buffer from stream; returns how many bytes it could fill."""
    view, filled = memoryview(buffer), 0
    while filled < len(view):
        count = stream.readinto(view[filled:filled + READ_CHUNK])
        if not count:
            break
        filled += count
    return filled


def read_idx(f, magic, ndim):
    """The dimensions and the uint8 payload of the IDX file `f` (gzip or not)."""
    name = name_of(f)
    header_size = 4 * (1 + ndim)
    try:
        stream, limit = _opened(f)
        raw = stream.read(header_size)
        if len(raw) < header_size:
            raise damaged_file(name, f"only {len(raw)} bytes, shorter than the "
                                     f"{header_size}-byte IDX header")
        header = struct.unpack(f">{1 + ndim}I", raw)
        if header[0] != magic:
            raise DataError(f"{name}: invalid magic number {header[0]} (expected {magic}): "
                            "not an MNIST file of this kind. Check the file name and contents.")
        dims = header[1:]
        expected = header_size + math.prod(dims)  # Python integers: no overflow
        if limit is not None and expected > limit:
            raise damaged_file(name, f"its header {dims} announces {expected} bytes, more "
                                     f"than the file can hold (at most {limit})")
        payload = numpy.empty(expected - header_size, numpy.uint8)
        received = header_size + _read_exactly(stream, payload)
        longer = received == expected and bool(stream.read(1))
    except (OSError, EOFError, zlib.error) as e:
        raise damaged_file(name, f"the data is truncated or corrupt ({e})") from None
    if received != expected or longer:
        what = "longer" if longer else f"{received} bytes, shorter"
        raise damaged_file(name, f"{what} than the {expected} bytes its header {dims} says")
    return dims, payload

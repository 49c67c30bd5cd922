"""The NumPy names that old programs use and NumPy has since removed.

`np.float`, `np.int` and friends were aliases of Python's types, removed in NumPy 1.24;
NumPy 2.0 removed about sixty more names (`np.float_`, `np.NaN`, `np.infty`, ...), the
list its own `numpy/_expired_attrs_2_0.py` keeps, which a test checks this table against.
tf1.py puts back each name that has a faithful counterpart (the rows of tables/numpy.tsv,
with the stand-ins here) while it runs old code (`uninstall` takes them out again); the
rest are NumPy internals whose own error message already names what to use
(`LEFT_TO_NUMPY`).
"""

import numpy

from tf1_compat import records


def reshape(a, *args, newshape=None, **kwargs):
    """numpy.reshape that also takes the old `newshape=` keyword."""
    if newshape is not None:
        kwargs["shape"] = newshape
    return _real_reshape(a, *args, **kwargs)


_real_reshape = numpy.reshape


def asscalar(a):
    """The one value of a size-1 array, as a Python scalar (a.item())."""
    return numpy.asarray(a).item()


def asfarray(a, dtype=numpy.float64):
    """The array as floating point: float64 unless it or `dtype` is already inexact."""
    dtype = numpy.dtype(dtype)
    return numpy.asarray(a, dtype if numpy.issubdtype(dtype, numpy.inexact) else numpy.float64)


def issctype(rep):
    """Whether rep is a NumPy scalar type."""
    return isinstance(rep, type) and issubclass(rep, numpy.generic)


def obj2sctype(rep, default=None):
    """The NumPy scalar type of rep (a type, dtype or array), or default."""
    try:
        return numpy.dtype(getattr(rep, "dtype", rep)).type
    except TypeError:
        return default


def sctype2char(sctype):
    """The one-character code of a scalar type."""
    return numpy.dtype(sctype).char


def issubclass_(arg1, arg2):
    """issubclass that answers False where issubclass would raise."""
    try:
        return issubclass(arg1, arg2)
    except TypeError:
        return False


def fastCopyAndTranspose(a):  # noqa: N802  (NumPy's own name)
    """A transposed copy of the array."""
    return numpy.asarray(a).T.copy()


def msort(a):
    """A copy of the array sorted along its first axis."""
    return numpy.sort(a, axis=0)


class _Cast(dict):
    """np.cast: np.cast[dtype] is a function that converts an array to that dtype."""

    def __missing__(self, dtype):
        return lambda x: numpy.asarray(x).astype(dtype)


NAMES = records.load("numpy.tsv")

# Names NumPy 2.0 removed that old programs do not use: internals and printing hooks,
# whose AttributeError already says what to use instead.
LEFT_TO_NUMPY = ("geterrobj", "seterrobj", "source", "lookfor", "who", "set_numeric_ops",
                 "add_newdoc_ufunc", "maximum_sctype", "sctypes", "set_string_function",
                 "recfromcsv", "recfromtxt", "deprecate", "deprecate_with_doc",
                 "find_common_type", "get_array_wrap", "nbytes")

NEGATIVE_INFINITY = -numpy.inf
POSITIVE_ZERO = 0.0
NEGATIVE_ZERO = -0.0
cast = _Cast()
_added = []


def install():
    """Puts the old names back into numpy, where NumPy no longer has them."""
    for name, value in records.names(NAMES).items():
        attribute = name[len("np."):]
        if attribute not in numpy.__dict__ or attribute == "reshape":
            _added.append((attribute, numpy.__dict__.get(attribute)))
            setattr(numpy, attribute, value)


def uninstall():
    """Takes them out again."""
    while _added:
        attribute, previous = _added.pop()
        if previous is None:
            delattr(numpy, attribute)
        else:
            setattr(numpy, attribute, previous)

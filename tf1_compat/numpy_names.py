"""The NumPy names that old programs use and NumPy has since removed.

`np.float`, `np.int` and friends were aliases of Python's types, removed in NumPy 1.24;
NumPy 2.0 removed more (`np.float_`, `np.NaN`, ...) and `np.reshape(a, newshape=...)`.
tf1.py puts them back while it runs old code; `uninstall` takes them out again.
"""

import numpy


def reshape(a, *args, newshape=None, **kwargs):
    """numpy.reshape that also takes the old `newshape=` keyword."""
    if newshape is not None:
        kwargs["shape"] = newshape
    return _real_reshape(a, *args, **kwargs)


_real_reshape = numpy.reshape


def asscalar(a):
    """The one value of a size-1 array, as a Python scalar (a.item())."""
    return numpy.asarray(a).item()

# Old name: what it was (an alias, then removed).
NAMES = {
    "np.float": float,
    "np.int": int,
    "np.bool": bool,
    "np.object": object,
    "np.str": str,
    "np.unicode": str,
    "np.complex": complex,
    "np.float_": numpy.float64,
    "np.complex_": numpy.complex128,
    "np.string_": numpy.bytes_,
    "np.unicode_": numpy.str_,
    "np.NaN": numpy.nan,
    "np.Inf": numpy.inf,
    "np.product": numpy.prod,
    "np.cumproduct": numpy.cumprod,
    "np.alltrue": numpy.all,
    "np.sometrue": numpy.any,
    "np.round_": numpy.round,
    "np.asscalar": asscalar,
    "np.reshape": reshape,
}
_added = []


def install():
    """Puts the old names back into numpy, where NumPy no longer has them."""
    for name, value in NAMES.items():
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

"""What SciPy and scikit-learn removed that old TensorFlow programs call.

GAN and VAE posts read and write images with `scipy.misc.imread`, `imsave`, `imresize` and
`toimage` (removed in SciPy 1.2 and 1.3), a popular CNN tutorial plots t-SNE with
`TSNE(n_iter=...)` (scikit-learn 1.7 renamed it `max_iter`), and books load MNIST with
`fetch_mldata("MNIST original")` (scikit-learn 0.22 removed it with mldata.org). These are
the same functions over Pillow (which matplotlib brings), today's scikit-learn and the
MNIST files. Two calls that worked and now fail work again, unchanged where they already
worked: NumPy's `np.array` of ragged lists (an object array, with NumPy 1.19-1.23's
warning, where 1.24 raises) in the program's own code, and `scipy.ndimage.rotate` with the
angle as a one-element array (a random angle drawn with `np.random.uniform(-15, 15, 1)`).
"""

import sys
import warnings

import numpy
from PIL import Image


def _bytescale(data, cmin=None, cmax=None, high=255, low=0):
    """An array scaled to uint8 from its range (or cmin..cmax), as SciPy's toimage did."""
    data = numpy.asarray(data)
    if data.dtype == numpy.uint8:
        return data
    cmin = data.min() if cmin is None else cmin
    cmax = data.max() if cmax is None else cmax
    scale = (high - low) / ((cmax - cmin) or 1)
    return ((numpy.clip(data, cmin, cmax) - cmin) * scale + low).round().astype(numpy.uint8)


def toimage(arr, high=255, low=0, cmin=None, cmax=None, pal=None, mode=None,
            channel_axis=None):
    """A PIL image of an array, scaled to 0..255 from its own range."""
    data = numpy.asarray(arr)
    if channel_axis is not None:
        data = numpy.moveaxis(data, channel_axis, -1)
    image = Image.fromarray(_bytescale(data, cmin, cmax, high, low))
    if pal is not None:
        image.putpalette(numpy.asarray(pal, numpy.uint8).ravel().tolist())
    return image.convert(mode) if mode else image


def imread(name, flatten=False, mode=None):
    """An image file as an array; `flatten` gives one grey level per pixel, as floats."""
    image = Image.open(name)
    if flatten:
        return numpy.asarray(image.convert("F"))
    return numpy.asarray(image.convert(mode) if mode else image)


def imsave(name, arr, format=None):
    """Saves an array as an image file, scaled to 0..255 from its own range."""
    toimage(arr).save(name, format=format)


def imresize(arr, size, interp="bilinear", mode=None):
    """The array as an image resized to `size`: (height, width), a percentage (an int),
    or a fraction (a float); uint8, as SciPy returned it."""
    image = toimage(arr, mode=mode)
    if isinstance(size, (int, numpy.integer)):
        size = size / 100.0
    if isinstance(size, (float, numpy.floating)):
        size = (round(image.size[1] * size), round(image.size[0] * size))
    filters = {"nearest": Image.NEAREST, "lanczos": Image.LANCZOS, "bilinear": Image.BILINEAR,
               "bicubic": Image.BICUBIC, "cubic": Image.BICUBIC}
    return numpy.asarray(image.resize((size[1], size[0]), filters[interp]))


def TSNE(*args, n_iter=None, **kwargs):  # noqa: N802  (scikit-learn's own name)
    """sklearn.manifold.TSNE that also takes its old `n_iter=` (now `max_iter=`)."""
    from sklearn.manifold._t_sne import TSNE as today
    if n_iter is not None:
        kwargs.setdefault("max_iter", n_iter)
    return today(*args, **kwargs)


def fetch_mldata(dataname, target_name="label", data_name="data", transpose_data=True,
                 data_home=None):
    """sklearn.datasets.fetch_mldata("MNIST original"): mldata.org's MNIST, 70000 images
    [70000, 784] uint8 (the training images, then the test images) and their digits as
    floats, built from the MNIST files input_data finds (mldata.org is gone)."""
    from sklearn.utils import Bunch

    import input_data
    if "mnist" not in dataname.lower():
        raise ValueError(f"mldata.org is gone, and tf1.py has only its MNIST, not {dataname!r}: "
                         "use sklearn.datasets.fetch_openml")
    data = input_data.read_data_sets("MNIST_data", dtype=numpy.uint8, validation_size=0)
    return Bunch(data=numpy.concatenate([data.train.images, data.test.images]),
                 target=numpy.concatenate([data.train.labels, data.test.labels]).astype(
                     numpy.float64),
                 DESCR="mldata.org dataset: mnist-original, from the MNIST files")


_real_array = numpy.array


def array(*args, **kwargs):
    """numpy.array; for the program's own ragged lists (np.array([a, b]) of unequal
    shapes), an object array with a warning, as NumPy 1.19-1.23 made."""
    try:
        return _real_array(*args, **kwargs)
    except ValueError as error:
        from tf1_compat.programs import imports
        if ("inhomogeneous" not in str(error) or len(args) != 1 or
                kwargs.get("dtype") is not None or
                not imports.is_user_code(sys._getframe(1).f_globals)):
            raise
    warnings.warn("Creating an ndarray from ragged nested sequences (which is a list-or-tuple "
                  "of lists-or-tuples-or ndarrays with different lengths or shapes) is "
                  "deprecated; tf1.py made an object array, as NumPy 1.19-1.23 did",
                  numpy.exceptions.VisibleDeprecationWarning, stacklevel=2)
    return _real_array(*args, dtype=object, **kwargs)


def rotate(input, angle, axes=(1, 0), reshape=True, output=None, order=3,  # noqa: A002
           mode="constant", cval=0.0, prefilter=True):
    """scipy.ndimage.rotate, with the angle also as a one-element array."""
    from scipy.ndimage import _interpolation  # SciPy's own rotate, under the stand-in
    if numpy.ndim(angle) and numpy.size(angle) == 1:
        angle = float(numpy.asarray(angle).ravel()[0])
    return _interpolation.rotate(input, angle, axes, reshape, output, order, mode, cval,
                                 prefilter)

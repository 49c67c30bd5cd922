"""mnist_deep.py --predict: your own digit images, prepared the way MNIST's digits were and
classified by a trained model restored from its checkpoint."""

import os
import stat
import struct

import numpy
import tensorflow.compat.v1 as tf

from tutorial_helpers import checkpoint_folder, evaluation, files
from tutorial_helpers.checkpoint_folder import latest_checkpoint
from tutorial_helpers.checkpoints import restore
from tutorial_helpers.errors import ScriptError

INK_THRESHOLD = 0.2  # pixels brighter than this, on a 0..1 scale, count as the digit
# Larger images are refused before they are decoded (JPEGs are decoded at 1/2, 1/4 or 1/8
# of their size to fit): they would take gigabytes, and a digit needs a few hundred pixels.
MAX_PIXELS = 4096 * 4096
MAX_FILE_BYTES = 256 << 20


class ImageOps:
    """The TensorFlow ops --predict runs on each image (decoding, scaling), built once in a
    graph of their own and run in one session: building a graph and a session for each step
    of each image took about 20 ms of CPU per image, more than classifying it. A context
    manager; the session closes with it."""

    JPEG_RATIOS = (1, 2, 4, 8)

    def __init__(self):
        self.graph = tf.Graph()
        with self.graph.as_default():
            self.contents = tf.placeholder(tf.string, [])
            self.jpeg_shape = tf.io.extract_jpeg_shape(self.contents)
            self.jpeg_at_ratio = {ratio: tf.io.decode_jpeg(self.contents, ratio=ratio)
                                  for ratio in self.JPEG_RATIOS}
            self.image = tf.io.decode_image(self.contents, expand_animations=False)
            self.grey = tf.placeholder(tf.float32, [None, None])
            self.size = tf.placeholder(tf.int32, [2])
            self.resized = tf.compat.v2.image.resize(self.grey[:, :, None], self.size,
                                                     antialias=True)[:, :, 0]
        self.session = tf.Session(graph=self.graph)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.session.close()

    def decode(self, contents, path):
        """The pixels of an image file's contents [height, width, channels], decoded at a
        size of at most MAX_PIXELS."""
        run = self.session.run
        if contents.startswith(b"\xff\xd8\xff"):  # JPEG: decoded at a fraction of its size
            height, width, _ = run(self.jpeg_shape, {self.contents: contents})
            ratio = next((r for r in self.JPEG_RATIOS if width * height / r**2 <= MAX_PIXELS),
                         None)
            if ratio is not None:
                return run(self.jpeg_at_ratio[ratio], {self.contents: contents})
        else:
            width, height = _size_in_header(contents) or (0, 0)
            if width * height <= MAX_PIXELS:
                return run(self.image, {self.contents: contents})
        raise ScriptError(f"{path}: {width}x{height} pixels, more than --predict reads "
                          f"({MAX_PIXELS // 10**6} megapixels): scale it down first; a few "
                          "hundred pixels a side is plenty for a digit")

    def resize(self, grey, height, width):
        """grey [h, w] scaled to [height, width], antialiased."""
        return self.session.run(self.resized, {self.grey: grey, self.size: [height, width]})


def _size_in_header(contents):
    """(width, height) from a PNG, GIF or BMP header, or None for other formats."""
    if contents.startswith(b"\x89PNG\r\n\x1a\n") and len(contents) >= 24:
        return struct.unpack(">II", contents[16:24])
    if contents[:6] in (b"GIF87a", b"GIF89a") and len(contents) >= 10:
        return struct.unpack("<HH", contents[6:10])
    if contents.startswith(b"BM") and len(contents) >= 26:
        width, height = struct.unpack("<ii", contents[18:26])
        return abs(width), abs(height)  # a negative height means rows stored top down
    return None


def read_grey_image(path, ops):
    """The image at path as a 2D float array of grey levels in [0, 1], decoded by `ops`
    (an ImageOps).

    Transparent parts count as white paper, as an image viewer shows them.
    """
    mode = os.stat(path).st_mode
    if stat.S_ISDIR(mode):
        raise ScriptError(f"{path}: a folder, not an image file")
    if not stat.S_ISREG(mode):  # a pipe or a device has no size to check, and may not end
        raise ScriptError(f"{path}: a pipe or device, not an image file: save the image to "
                          "a file first")
    if os.path.getsize(path) > MAX_FILE_BYTES:
        raise ScriptError(f"{path}: {os.path.getsize(path) / 2**20:.0f} MB, larger than "
                          f"--predict reads ({MAX_FILE_BYTES >> 20} MB): scale it down first")
    with open(path, "rb") as f:
        contents = f.read(MAX_FILE_BYTES + 1)  # a file that grew since: still bounded
    try:
        pixels = ops.decode(contents, path)
    except tf.errors.OpError:
        raise ScriptError(f"{path}: not an image that can be read "
                          "(PNG, JPEG, GIF or BMP expected)") from None
    channels = pixels.shape[2]
    colour = range(3) if channels >= 3 else range(1)  # RGB(A): the luma of the colour
    luma = [0.299, 0.587, 0.114] if channels >= 3 else [1.0]
    grey = sum(pixels[:, :, c].astype(numpy.float32) * (w / 255.0) for c, w in zip(colour, luma))
    if channels in (2, 4):  # with an alpha channel
        alpha = pixels[:, :, -1].astype(numpy.float32) / 255.0
        grey = alpha * grey + (1.0 - alpha)
    return grey


def mnist_style(grey, ops, name="image"):
    """Prepares a grey image the way MNIST's digits were: a [784] float32 vector (scaled by
    `ops`, an ImageOps).

    The digit is made light on dark (as in MNIST) if it is dark on light, cropped to its
    ink, scaled to fit in 20x20 keeping its aspect ratio, and placed in a 28x28 image with
    its centre of mass in the centre.
    """
    border = numpy.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    if border.mean() > 0.5:  # dark ink on light paper
        grey, border = 1.0 - grey, 1.0 - border
    ink = numpy.clip(grey - numpy.median(border), 0.0, None)
    if ink.max() <= 0:
        raise ScriptError(f"{name}: no digit found: the image is blank")
    ink /= ink.max()
    rows, columns = numpy.nonzero(ink > INK_THRESHOLD)
    crop = ink[rows.min():rows.max() + 1, columns.min():columns.max() + 1]
    scale = 20.0 / max(crop.shape)
    height, width = (max(1, round(side * scale)) for side in crop.shape)
    fitted = ops.resize(crop, height, width).clip(0.0, 1.0)

    total = fitted.sum()
    centre_row = (fitted.sum(axis=1) * numpy.arange(height)).sum() / total
    centre_column = (fitted.sum(axis=0) * numpy.arange(width)).sum() / total
    top = min(max(int(round(13.5 - centre_row)), 0), 28 - height)
    left = min(max(int(round(13.5 - centre_column)), 0), 28 - width)
    digit = numpy.zeros((28, 28), numpy.float32)
    digit[top:top + height, left:left + width] = fitted
    return digit.reshape(784)


def classify(paths, checkpoint_dir, deepnn):
    """Prints the predicted digit of each image, with its probability and the runner-up.

    An image that cannot be used does not stop the others: each is named in the
    ScriptError raised after the others are classified.
    """
    checkpoint_folder.require_model(checkpoint_dir)
    latest = latest_checkpoint(checkpoint_dir)
    readable, images, problems = [], [], []
    with ImageOps() as ops:
        for path in paths:
            try:
                images.append(mnist_style(read_grey_image(path, ops), ops, path))
                readable.append(path)
            except ScriptError as e:
                problems.append(str(e))
            except OSError as e:
                problems.append(f"{path}: {e.strerror}")
    if readable:
        _print_predictions(readable, numpy.stack(images), latest, checkpoint_dir, deepnn)
    if problems:
        raise ScriptError(*problems)


def _print_predictions(paths, images, latest, checkpoint_dir, deepnn):
    """The predicted digit of each image, with its probability and the runner-up, printed
    as each batch of images is classified."""
    x = tf.placeholder(tf.float32, [None, 784])
    y_conv, keep_prob = deepnn(x)
    probabilities = tf.nn.softmax(y_conv)
    with tf.Session() as sess:
        restore(tf.train.Saver(tf.trainable_variables()), sess, latest, checkpoint_dir)
        batches = evaluation.in_batches(sess, probabilities, {x: images}, {keep_prob: 1.0})
        for start, results in zip(range(0, len(paths), evaluation.BATCH_SIZE), batches):
            if not numpy.isfinite(results).all():
                raise ScriptError(f"the model {latest} gives no probabilities (NaN): its "
                                  "training diverged. Train it again with a lower "
                                  "--learning_rate.")
            for path, p in zip(paths[start:], results):
                best, second = numpy.argsort(p)[::-1][:2]
                print(f"{files.printable(path)}: {best} (probability {p[best]:.3f}; "
                      f"next best {second}, {p[second]:.3f})")

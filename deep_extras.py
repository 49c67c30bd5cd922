"""What mnist_deep.py does beyond the tutorial: TensorBoard, checkpoints and --predict.

- `Training`: around the training loop, writes the graph and the learning curves for
  TensorBoard, saves checkpoints (every N steps, at the end, and on Ctrl-C) and resumes
  from one, step count and Adam's state included.
- `predict`: restores a trained model and classifies the user's own digit images,
  prepared the way MNIST's digits were.
"""

import os

import numpy
import tensorflow.compat.v1 as tf

import script_support
from script_support import ScriptError

CHECKPOINT_NAME = "model.ckpt"
INK_THRESHOLD = 0.2  # pixels brighter than this, on a 0..1 scale, count as the digit


def add_flags(parser):
    """Adds the flags for TensorBoard, checkpoints and --predict."""
    parser.add_argument("--log_dir", default=os.path.join("logs", "mnist_deep"),
                        help="where to write the graph and learning curves for TensorBoard")
    parser.add_argument("--checkpoint_dir", default=None,
                        help="save checkpoints here, and resume from the latest one found")
    parser.add_argument("--checkpoint_every", type=script_support.positive_int, default=1000,
                        help="with --checkpoint_dir, save a checkpoint every this many steps")
    parser.add_argument("--validate_every", type=script_support.positive_int, default=1000,
                        help="log the validation accuracy to TensorBoard every this many steps")
    parser.add_argument("--predict", nargs="+", metavar="IMAGE",
                        help="classify these images (PNG, JPEG, GIF, BMP) with the model in "
                             "--checkpoint_dir, without training")


def _scalars(**values):
    return tf.Summary(value=[tf.Summary.Value(tag=tag, simple_value=float(value))
                             for tag, value in values.items()])


def _restore(saver, sess, path, directory):
    """Restores a checkpoint; one that does not fit this graph or is damaged is an error."""
    try:
        saver.restore(sess, path)
    except (tf.errors.OpError, ValueError) as e:
        reason = str(e).strip().splitlines()[0][:200]
        raise ScriptError(
            f"the checkpoint in {directory} cannot be restored into this network "
            f"({reason}). It is left untouched: use another --checkpoint_dir, or delete "
            "it to start afresh.") from None


def _latest_checkpoint(directory):
    """The newest checkpoint in directory, or None; a damaged checkpoint list is an error."""
    listing = os.path.join(directory, "checkpoint")
    if not os.path.exists(listing):
        return None
    state = tf.train.get_checkpoint_state(directory)
    if state is None or not os.path.exists(state.model_checkpoint_path + ".index"):
        raise ScriptError(f"{listing} names no checkpoint that can be read: it is damaged or "
                          "its files are missing. It is left untouched: use another "
                          "--checkpoint_dir, or delete it to start afresh.")
    return state.model_checkpoint_path


class Training:
    """A context around the training loop for TensorBoard and checkpoints.

    On entry it restores the latest checkpoint in --checkpoint_dir, if there is one, and
    writes the graph for TensorBoard; `first_step` is where training goes on from.
    On exit it saves a final checkpoint, also when Ctrl-C stopped the loop.
    """

    def __init__(self, sess, args, validation_accuracy):
        self.sess = sess
        self.args = args
        self.validation_accuracy = validation_accuracy
        self.first_step = 0
        self.completed_steps = 0
        self.saved_step = None

    def __enter__(self):
        args, sess = self.args, self.sess
        if args.checkpoint_dir:
            os.makedirs(args.checkpoint_dir, exist_ok=True)  # fail now, not after training
            self.global_step = tf.Variable(0, trainable=False, name="global_step")
            sess.run(self.global_step.initializer)
            self.saver = tf.train.Saver(max_to_keep=3, save_relative_paths=True)
            self.checkpoint_prefix = os.path.join(args.checkpoint_dir, CHECKPOINT_NAME)
            latest = _latest_checkpoint(args.checkpoint_dir)
            if latest:
                _restore(self.saver, sess, latest, args.checkpoint_dir)
                self.saver.recover_last_checkpoints(
                    tf.train.get_checkpoint_state(args.checkpoint_dir).all_model_checkpoint_paths)
                self.first_step = self.completed_steps = int(sess.run(self.global_step))
                self.saved_step = self.first_step
                print(f"Resuming from {latest} at step {self.first_step}")
        try:
            self.writer = tf.summary.FileWriter(args.log_dir, sess.graph)
        except tf.errors.OpError as e:
            raise ScriptError(f"cannot write the TensorBoard logs to {args.log_dir}: "
                              f"{e.message}. Choose another --log_dir.") from None
        print("Saving graph to: %s" % args.log_dir)
        return self

    def log(self, step, train_accuracy, loss):
        """Adds the training accuracy and loss of a log step to the TensorBoard curves."""
        self.writer.add_summary(_scalars(**{"train/accuracy": train_accuracy,
                                            "train/loss": loss}), step)

    def step_done(self, step):
        """Called after each training step: validates and saves when it is time to."""
        self.completed_steps = step
        if step % self.args.validate_every == 0:
            self.writer.add_summary(
                _scalars(**{"validation/accuracy": self.validation_accuracy(self.sess)}), step)
        if self.args.checkpoint_dir and step % self.args.checkpoint_every == 0:
            self._save()

    def _save(self):
        """Saves a checkpoint of the completed steps, unless one was saved at this step."""
        if self.saved_step != self.completed_steps:
            self.global_step.load(self.completed_steps, self.sess)
            self.saver.save(self.sess, self.checkpoint_prefix, global_step=self.completed_steps)
            self.saved_step = self.completed_steps
        return f"{self.checkpoint_prefix}-{self.saved_step}"

    def __exit__(self, kind, error, traceback):
        self.writer.close()
        interrupted = kind is KeyboardInterrupt
        if kind is not None and not interrupted:
            return False
        if not self.args.checkpoint_dir:
            if interrupted:
                print(f"\nStopped at step {self.completed_steps}; nothing saved "
                      "(with --checkpoint_dir, a run can be resumed).")
            return False
        path = self._save()
        if interrupted:
            print(f"\nStopped at step {self.completed_steps}; checkpoint saved to {path}. "
                  "Run the same command again to resume.")
        else:
            print(f"Checkpoint saved to {path}")
        return False


# Your own digits

def _run_in_own_graph(build, *inputs):
    """Runs the ops that build(*inputs) makes, in a graph of their own."""
    with tf.Graph().as_default(), tf.Session() as sess:
        return sess.run(build(*inputs))


def read_grey_image(path):
    """The image at path as a 2D float array of grey levels in [0, 1].

    Transparent parts count as white paper, as an image viewer shows them.
    """
    with open(path, "rb") as f:
        contents = f.read()
    try:
        pixels = _run_in_own_graph(
            lambda data: tf.io.decode_image(data, expand_animations=False), contents)
    except tf.errors.OpError:
        raise ScriptError(f"{path}: not an image that can be read "
                          "(PNG, JPEG, GIF or BMP expected)") from None
    pixels = pixels.astype(numpy.float32) / 255.0
    channels = pixels.shape[2]
    if channels >= 3:  # RGB or RGBA: the luma of the colour
        grey = pixels[:, :, :3] @ numpy.array([0.299, 0.587, 0.114], numpy.float32)
    else:
        grey = pixels[:, :, 0]
    if channels in (2, 4):  # with an alpha channel
        alpha = pixels[:, :, -1]
        grey = alpha * grey + (1.0 - alpha)
    return grey


def mnist_style(grey, name="image"):
    """Prepares a grey image the way MNIST's digits were: a [784] float32 vector.

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
    fitted = _run_in_own_graph(
        lambda image: tf.compat.v2.image.resize(image[:, :, None], [height, width], antialias=True),
        crop)[:, :, 0].clip(0.0, 1.0)

    total = fitted.sum()
    centre_row = (fitted.sum(axis=1) * numpy.arange(height)).sum() / total
    centre_column = (fitted.sum(axis=0) * numpy.arange(width)).sum() / total
    top = min(max(int(round(13.5 - centre_row)), 0), 28 - height)
    left = min(max(int(round(13.5 - centre_column)), 0), 28 - width)
    digit = numpy.zeros((28, 28), numpy.float32)
    digit[top:top + height, left:left + width] = fitted
    return digit.reshape(784)


def predict(paths, checkpoint_dir, deepnn):
    """Prints the predicted digit of each image, with its probability and the runner-up."""
    if not checkpoint_dir:
        raise ScriptError("--predict needs --checkpoint_dir, the directory of a trained model")
    latest = _latest_checkpoint(checkpoint_dir)
    if not latest:
        raise ScriptError(f"no checkpoint in {checkpoint_dir}: train a model first with "
                          f"python mnist_deep.py --checkpoint_dir {checkpoint_dir}")
    images = numpy.stack([mnist_style(read_grey_image(path), path) for path in paths])
    x = tf.placeholder(tf.float32, [None, 784])
    y_conv, keep_prob = deepnn(x)
    probabilities = tf.nn.softmax(y_conv)
    with tf.Session() as sess:
        _restore(tf.train.Saver(tf.trainable_variables()), sess, latest, checkpoint_dir)
        results = sess.run(probabilities, feed_dict={x: images, keep_prob: 1.0})
    for path, p in zip(paths, results):
        best, second = numpy.argsort(p)[::-1][:2]
        print(f"{path}: {best} (probability {p[best]:.3f}; next best {second}, {p[second]:.3f})")

"""A look inside mnist_softmax.py's model: `--inspect` and `--weights_png`.

Prints what the tutorial's text explains in words (the shapes of x, W and y; the logits
and softmax probabilities of one image; the weights of single pixels; the cross-entropy
and the gradients before and after training) and draws the classic figure of the ten
learned weight maps.
"""

import math

import numpy
import tensorflow.compat.v1 as tf

from tutorial_helpers import files

PIXEL_NEAR_CENTRE = 380  # row 13, column 16 of the 28 x 28 image: ink for most digits


def format_numbers(values, fmt="{:+.3f}"):
    return " ".join(fmt.format(v) for v in values)


def softmax(logits):
    exp = numpy.exp(logits - logits.max())
    return exp / exp.sum()


class Inspection:
    """Collects the numbers before training and prints them all after it."""

    def __init__(self, sess, x, y_, W, b, y, cross_entropy, mnist):
        self.sess, self.x, self.y_, self.W, self.b, self.y = sess, x, y_, W, b, y
        self.cross_entropy = cross_entropy
        self.mnist = mnist
        self.matmul = y.op.inputs[0]  # y = tf.matmul(x, W) + b: the product, before b
        grads_and_vars = tf.train.GradientDescentOptimizer(1.0).compute_gradients(
            cross_entropy, var_list=[W, b])
        self.gradients = [grad for grad, _ in grads_and_vars]

    def _summed_test_cross_entropy(self):
        test = self.mnist.test
        mean = self.sess.run(self.cross_entropy,
                             {self.x: test.images, self.y_: test.labels})
        return mean * test.num_examples

    def _gradients(self, batch):
        grad_W, grad_b = self.sess.run(self.gradients, {self.x: batch[0], self.y_: batch[1]})
        return grad_W[PIXEL_NEAR_CENTRE], grad_b

    def before_training(self, first_batch):
        """Records the cross-entropy and the gradients at the untrained weights."""
        self.cross_entropy_before = self._summed_test_cross_entropy()
        self.gradients_first = self._gradients(first_batch)

    def after_training(self, last_batch):
        """Prints everything, using the trained weights and the last training batch."""
        sess, test = self.sess, self.mnist.test
        batch_xs, batch_ys = last_batch
        print("\n=== Inside the model (--inspect) ===")
        shapes = sess.run([tf.shape(t) for t in (self.x, self.W, self.matmul, self.y)],
                          {self.x: batch_xs})
        n = len(batch_xs)
        meanings = [
            f"{n} images x 784 pixels (each 28 x 28 image flattened into one row)",
            "784 pixels x 10 classes: one weight per pixel and digit",
            f"{n} images x 10 classes: evidence for each digit, summed over the pixels",
            f"{n} images x 10 classes: the logits, the evidence plus b (shape [10])",
        ]
        print(f"\nShapes for one batch of {n} training images:")
        for name, shape, meaning in zip(("x", "W", "tf.matmul(x, W)", "y"), shapes, meanings):
            print(f"  {name:<16}{str([int(d) for d in shape]):<12}{meaning}")

        logits = sess.run(self.y, {self.x: test.images[:10]})
        labels = test.labels[:10].argmax(axis=1)
        predictions = logits.argmax(axis=1)
        probabilities = softmax(logits[0])
        print("\nFirst test image, one column per digit 0..9:")
        print(f"  logits y     {format_numbers(logits[0], '{:+7.2f}')}")
        print(f"  softmax(y)   {format_numbers(probabilities, '{:7.4f}')}")
        print(f"  predicted digit {predictions[0]} (probability {probabilities.max():.4f}), "
              f"true label {labels[0]}")
        print("\nFirst ten test images:")
        print(f"  predicted    {format_numbers(predictions, '{:d}')}")
        print(f"  true label   {format_numbers(labels, '{:d}')}")

        weights = sess.run(self.W)
        row, column = divmod(PIXEL_NEAR_CENTRE, 28)
        print("\nWeights of two pixels, one column per digit 0..9:")
        print(f"  W[0]   (top-left corner)     {format_numbers(weights[0], '{:+.2f}')}")
        print(f"  W[{PIXEL_NEAR_CENTRE}] (row {row}, column {column})   "
              f"{format_numbers(weights[PIXEL_NEAR_CENTRE], '{:+.2f}')}")
        print("  Ink on a pixel with a positive weight is evidence for that digit, with a negative")
        print("  weight evidence against it. No digit ever marks the corner, so W[0] stays 0.")

        print(f"\nCross-entropy summed over the {test.num_examples} test images:")
        print(f"  before training  {self.cross_entropy_before:9.2f}   "
              f"(W = 0 gives each digit 1/10: {test.num_examples} x ln 10 = "
              f"{test.num_examples * math.log(10):.2f})")
        print(f"  after training   {self._summed_test_cross_entropy():9.2f}")

        print(f"\nGradients of a batch's mean cross-entropy (compute_gradients) for "
              f"W[{PIXEL_NEAR_CENTRE}] and b,\non the first batch before training and on the "
              "last batch after it:")
        for when, (grad_pixel, grad_b) in (("first batch", self.gradients_first),
                                           ("last batch", self._gradients(last_batch))):
            print(f"  {when:<12}dW[{PIXEL_NEAR_CENTRE}] {format_numbers(grad_pixel)}   "
                  f"norm {numpy.linalg.norm(grad_pixel):.4f}")
            print(f"  {'':<12}db      {format_numbers(grad_b)}   "
                  f"norm {numpy.linalg.norm(grad_b):.4f}")
        print("  They shrink as training converges: the weights are near a minimum of the loss.")


def write_weights_png(weights, path):
    """Writes the ten learned weight maps (a [784, 10] array) to a PNG file."""
    from tutorial_helpers import pictures  # matplotlib, only when a picture is asked for
    files.write_figure(path, pictures.weights_figure(weights))

"""A very simple MNIST classifier: the "MNIST for ML Beginners" tutorial on TensorFlow 2.

A softmax regression, y = softmax(x W + b), trained with gradient descent on mini-batches
of MNIST digits. It reaches about 92% test accuracy in 1000 steps of 100 images, in about
a second of training. The code follows the original tutorial script line for line, through
`tf.compat.v1` (placeholders, Variables and a session). Run `python mnist_softmax.py`.

Beyond the tutorial, behind flags: `--inspect` prints what the numbers inside the model
mean, `--weights_png` draws the weights it learned (see `tutorial_helpers/softmax_inspect.py`).

See the tutorial text at
https://github.com/tensorflow/docs/blob/master/site/en/r1/tutorials/mnist/beginners/index.md
"""

import copy

from tutorial_helpers import flags, preflight, startup
if __name__ == "__main__":  # flags and data checked before TensorFlow loads: see --help
    FLAGS = preflight.softmax(flags.softmax(__doc__))
startup.silence_tensorflow_startup()  # before TensorFlow loads: see --verbose
import tensorflow.compat.v1 as tf  # noqa: E402

import input_data  # noqa: E402
from tutorial_helpers import cli, softmax_inspect  # noqa: E402


def main(args):
    tf.disable_v2_behavior()

    # The MNIST Data
    mnist = input_data.read_data_sets(args.data_dir, one_hot=True, seed=args.seed)

    # Implementing the Regression
    x = tf.placeholder(tf.float32, [None, 784])
    W = tf.Variable(tf.zeros([784, 10]))
    b = tf.Variable(tf.zeros([10]))
    y = tf.matmul(x, W) + b

    # Training
    y_ = tf.placeholder(tf.float32, [None, 10])

    # The raw formulation of cross-entropy,
    #
    #   tf.reduce_mean(-tf.reduce_sum(y_ * tf.log(tf.nn.softmax(y)),
    #                                 reduction_indices=[1]))
    #
    # can be numerically unstable: a softmax output that rounds to 0 gives log(0) = -inf.
    #
    # So here we use tf.nn.softmax_cross_entropy_with_logits on the raw
    # outputs of 'y', and then average across the batch.
    cross_entropy = tf.reduce_mean(
        tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=y))
    train_step = tf.train.GradientDescentOptimizer(args.learning_rate).minimize(cross_entropy)

    sess = tf.InteractiveSession()
    tf.global_variables_initializer().run()
    if args.inspect:
        inspection = softmax_inspect.Inspection(sess, x, y_, W, b, y, cross_entropy, mnist)
        # The batch the first step will train on, drawn from a copy so training is unchanged.
        inspection.before_training(copy.deepcopy(mnist.train).next_batch(args.batch_size))

    # Train
    for _ in range(args.max_steps):
        batch_xs, batch_ys = mnist.train.next_batch(args.batch_size)
        sess.run(train_step, feed_dict={x: batch_xs, y_: batch_ys})

    # Evaluating Our Model
    correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1))
    accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
    print(sess.run(accuracy, feed_dict={x: mnist.test.images,
                                        y_: mnist.test.labels}))

    if args.inspect:
        inspection.after_training((batch_xs, batch_ys))
    if args.weights_png:
        softmax_inspect.write_weights_png(sess.run(W), args.weights_png)
        print(f"weights written to {args.weights_png}")


if __name__ == "__main__":
    cli.run(main, FLAGS)

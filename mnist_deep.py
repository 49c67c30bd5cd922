"""A deep MNIST classifier using convolutional layers: "Deep MNIST for Experts" on TensorFlow 2.

Two convolutional layers with max pooling, a fully connected layer of 1024 units with
dropout, and a softmax readout, trained with Adam. The tutorial's 20000 steps of 50 images
reach about 99.2% test accuracy. The code follows the original tutorial script line for
line, through `tf.compat.v1` (placeholders, Variables and a session), and runs on a GPU when
TensorFlow sees one, on the CPU otherwise. Run `python mnist_deep.py`.

Beyond the tutorial, behind flags (see `tutorial_helpers/`): TensorBoard learning curves
(`--log_dir`), checkpoints that survive Ctrl-C, a kill or a full disk and resume
(`--checkpoint_dir`), a look inside the trained network (`--inspect`, `--filters_png`,
`--mistakes_png`), 16-bit arithmetic where the hardware is fast at it
(`--mixed_precision`), and `--predict` to classify your own digit images with a trained
model.

See the tutorial text at
https://github.com/tensorflow/docs/blob/master/site/en/r1/tutorials/mnist/pros.ipynb
"""

import collections

from tutorial_helpers import flags, preflight, speed, startup
if __name__ == '__main__':  # flags and data checked before TensorFlow loads: see --help
    FLAGS = preflight.deep(flags.deep(__doc__))
speed.use_fast_cpu_settings()  # before TensorFlow loads: see docs/speed.md
startup.silence_tensorflow_startup()  # before TensorFlow loads: see --verbose
import tensorflow.compat.v1 as tf  # noqa: E402

import input_data  # noqa: E402
from tutorial_helpers import cli, deep_inspect, memory, predict, training  # noqa: E402
from tutorial_helpers.evaluation import batched_accuracy  # noqa: E402


# Build a Multilayer Convolutional Network

def deepnn(x):
    """deepnn builds the graph for a deep net for classifying digits.

    Args:
      x: an input tensor with the dimensions (N_examples, 784), where 784 is the
      number of pixels in a standard MNIST image.

    Returns:
      A tuple (y, keep_prob). y is a tensor of shape (N_examples, 10), with values
      equal to the logits of classifying the digit into one of 10 classes (the
      digits 0-9). keep_prob is a scalar placeholder for the probability of
      dropout.
    """
    # Reshape to use within a convolutional neural net.
    # Last dimension is for "features" - there is only one here, since images are
    # grayscale -- it would be 3 for an RGB image, 4 for RGBA, etc.
    with tf.name_scope('reshape'):
        x_image = tf.reshape(x, [-1, 28, 28, 1])

    # First Convolutional Layer - maps one grayscale image to 32 feature maps.
    with tf.name_scope('conv1'):
        W_conv1 = weight_variable([5, 5, 1, 32])
        b_conv1 = bias_variable([32])
        h_conv1 = tf.nn.relu(conv2d(x_image, W_conv1) + b_conv1)

    # Pooling layer - downsamples by 2X.
    with tf.name_scope('pool1'):
        h_pool1 = max_pool_2x2(h_conv1)

    # Second Convolutional Layer -- maps 32 feature maps to 64.
    with tf.name_scope('conv2'):
        W_conv2 = weight_variable([5, 5, 32, 64])
        b_conv2 = bias_variable([64])
        h_conv2 = tf.nn.relu(conv2d(h_pool1, W_conv2) + b_conv2)

    # Second pooling layer.
    with tf.name_scope('pool2'):
        h_pool2 = max_pool_2x2(h_conv2)

    # Densely Connected Layer -- after 2 round of downsampling, our 28x28 image
    # is down to 7x7x64 feature maps -- maps this to 1024 features.
    with tf.name_scope('fc1'):
        W_fc1 = weight_variable([7 * 7 * 64, 1024])
        b_fc1 = bias_variable([1024])

        h_pool2_flat = tf.reshape(h_pool2, [-1, 7 * 7 * 64])
        h_fc1 = tf.nn.relu(tf.matmul(h_pool2_flat, W_fc1) + b_fc1)

    # Dropout - controls the complexity of the model, prevents co-adaptation of
    # features. keep_prob is fed: 0.5 while training, 1.0 when evaluating. (TF 2's
    # dropout takes the rate of units to drop, 1 - keep_prob.)
    with tf.name_scope('dropout'):
        keep_prob = tf.placeholder(tf.float32)
        h_fc1_drop = tf.nn.dropout(h_fc1, rate=1 - keep_prob)

    # Readout Layer - map the 1024 features to 10 classes, one for each digit
    with tf.name_scope('fc2'):
        W_fc2 = weight_variable([1024, 10])
        b_fc2 = bias_variable([10])

        y_conv = tf.matmul(h_fc1_drop, W_fc2) + b_fc2
    return y_conv, keep_prob


# Weight Initialization

def weight_variable(shape):
    """weight_variable generates a weight variable of a given shape.

    A little noise breaks the symmetry between units and prevents 0 gradients.
    """
    initial = tf.truncated_normal(shape, stddev=0.1)
    return tf.Variable(initial)


def bias_variable(shape):
    """bias_variable generates a bias variable of a given shape.

    Slightly positive, to avoid "dead neurons" with ReLU.
    """
    initial = tf.constant(0.1, shape=shape)
    return tf.Variable(initial)


# Convolution and Pooling

def conv2d(x, W):
    """conv2d returns a 2d convolution layer with full stride."""
    return tf.nn.conv2d(x, W, strides=[1, 1, 1, 1], padding='SAME')


def max_pool_2x2(x):
    """max_pool_2x2 downsamples a feature map by 2X."""
    return tf.nn.max_pool(x, ksize=[1, 2, 2, 1],
                          strides=[1, 2, 2, 1], padding='SAME')


# The tutorial's graph: what the script trains, and what bench/benchmark.py times.
Graph = collections.namedtuple("Graph", ["x", "y_", "keep_prob", "y_conv", "cross_entropy",
                                         "train_step", "correct_prediction", "accuracy"])


def build_graph(learning_rate, precision=None):
    """build_graph builds the model, its loss and optimizer, and its accuracy.

    `precision` ("float16" on a GPU, else None) adds the loss scaling float16 needs.
    """
    # Create the model
    x = tf.placeholder(tf.float32, [None, 784])

    # Define loss and optimizer
    y_ = tf.placeholder(tf.float32, [None, 10])

    # Build the graph for the deep net
    y_conv, keep_prob = deepnn(x)

    with tf.name_scope('loss'):
        cross_entropy = tf.nn.softmax_cross_entropy_with_logits(labels=y_,
                                                                logits=y_conv)
    cross_entropy = tf.reduce_mean(cross_entropy)

    with tf.name_scope('adam_optimizer'):
        optimizer = tf.train.AdamOptimizer(learning_rate)
        train_step = speed.loss_scaled(optimizer, precision).minimize(cross_entropy)

    with tf.name_scope('accuracy'):
        correct_prediction = tf.equal(tf.argmax(y_conv, 1), tf.argmax(y_, 1))
        correct_prediction = tf.cast(correct_prediction, tf.float32)
    accuracy = tf.reduce_mean(correct_prediction)
    return Graph(x, y_, keep_prob, y_conv, cross_entropy, train_step, correct_prediction,
                 accuracy)


def main(args):
    tf.disable_v2_behavior()
    tf.set_random_seed(args.seed)
    precision = speed.half_precision() if args.mixed_precision else None  # docs/speed.md
    if args.predict:  # classify the user's own images with a trained model; no training
        return predict.classify(args.predict, args.checkpoint_dir, deepnn)
    memory.check_batch_fits(args.batch_size)

    # Import data
    mnist = input_data.read_data_sets(args.data_dir, one_hot=True, seed=args.seed)

    x, y_, keep_prob, y_conv, cross_entropy, train_step, correct_prediction, accuracy = \
        build_graph(args.learning_rate, precision)
    feeds = (x, y_, keep_prob)
    if args.trained:  # --checkpoint_dir holds a model trained to --max_steps: look inside it
        return deep_inspect.trained_model(args, feeds, y_conv, correct_prediction, mnist.test)

    print('Saving graph to: %s' % args.log_dir)
    train_writer = tf.summary.FileWriter(args.log_dir)
    train_writer.add_graph(tf.get_default_graph())

    # Train and Evaluate the Model
    with tf.Session(config=speed.session_config(precision)) as sess:
        sess.run(tf.global_variables_initializer())
        with training.managed_loop(sess, args, train_writer, lambda: batched_accuracy(
                sess, correct_prediction, feeds, mnist.validation)) as loop:
            for i in range(loop.first_step, args.max_steps):
                batch = mnist.train.next_batch(args.batch_size)
                if i % args.log_every == 0:
                    train_accuracy, loss = sess.run([accuracy, cross_entropy], feed_dict={
                        x: batch[0], y_: batch[1], keep_prob: 1.0})
                    print('step %d, training accuracy %g' % (i, train_accuracy))
                    loop.log(i, train_accuracy, loss)
                train_step.run(feed_dict={x: batch[0], y_: batch[1], keep_prob: args.keep_prob})
                loop.step_done(i + 1)

        test_accuracy = batched_accuracy(sess, correct_prediction, feeds, mnist.test)
        print('test accuracy %g' % test_accuracy)
        deep_inspect.after_training(sess, args, x, keep_prob, y_conv, mnist.test)


if __name__ == '__main__':
    cli.run(main, FLAGS)

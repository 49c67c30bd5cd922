"""The same softmax regression as mnist_softmax.py, written the TensorFlow 2 way.

No placeholders and no session: tensors are computed as the lines run (eager execution),
tf.GradientTape records the forward pass to get the gradients, and tf.function compiles
the training step into a graph for speed. Same data, model, loss, optimizer and flags; it
also reaches about 92%. Read it side by side with mnist_softmax.py.
"""

from tutorial_helpers import flags, preflight, startup
if __name__ == "__main__":  # flags and data checked before TensorFlow loads: see --help
    FLAGS = preflight.softmax(flags.softmax(__doc__, extras=False))
startup.silence_tensorflow_startup()  # before TensorFlow loads: see --verbose
import tensorflow as tf  # noqa: E402

import input_data  # noqa: E402
from tutorial_helpers import cli  # noqa: E402


def main(args):
    # The MNIST Data
    mnist = input_data.read_data_sets(args.data_dir, one_hot=True, seed=args.seed)

    # Implementing the Regression
    W = tf.Variable(tf.zeros([784, 10]))
    b = tf.Variable(tf.zeros([10]))

    def model(x):
        return tf.matmul(x, W) + b

    # Training: gradient descent by hand, W <- W - learning_rate * dW.
    @tf.function
    def train_step(x, y_):
        with tf.GradientTape() as tape:
            cross_entropy = tf.reduce_mean(
                tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=model(x)))
        grad_W, grad_b = tape.gradient(cross_entropy, [W, b])
        W.assign_sub(args.learning_rate * grad_W)
        b.assign_sub(args.learning_rate * grad_b)

    for _ in range(args.max_steps):
        batch_xs, batch_ys = mnist.train.next_batch(args.batch_size)
        train_step(batch_xs, tf.cast(batch_ys, tf.float32))

    # Evaluating Our Model
    y_ = mnist.test.labels
    correct_prediction = tf.equal(tf.argmax(model(mnist.test.images), 1), tf.argmax(y_, 1))
    accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
    print(accuracy.numpy())


if __name__ == "__main__":
    cli.run(main, FLAGS)

"""A look inside mnist_deep.py's CNN: `--inspect`, `--filters_png` and `--mistakes_png`.

After training (or after restoring a model trained to --max_steps), prints the shape of
the data after each layer with the parameters of each, the test accuracy per digit, the
confusion matrix and the most frequent confusions, and the logits and probabilities of
one test image; draws conv1's filters with the feature maps of one digit, and the test
digits the model gets wrong. The layers are found among the ops that make `y_conv`, by the
tutorial's name scopes (conv1, pool1, ...), so `deepnn` stays as the tutorial wrote it; a
notebook that builds the model twice in one graph (conv1, then conv1_1) gets the layers of
the `y_conv` it passes.
"""

import re

import numpy
import tensorflow.compat.v1 as tf

from tutorial_helpers import checkpoint_folder, checkpoints, evaluation, files
from tutorial_helpers.flags import MAX_MISTAKES_DRAWN
from tutorial_helpers.softmax_inspect import format_numbers, softmax

# The tensors after each layer: name in deepnn, op in the graph, scope of its variables.
LAYERS = [
    ("x_image", "reshape/Reshape", None),
    ("h_conv1", "conv1/Relu", "conv1"),
    ("h_pool1", "pool1/MaxPool", None),
    ("h_conv2", "conv2/Relu", "conv2"),
    ("h_pool2", "pool2/MaxPool", None),
    ("h_pool2_flat", "fc1/Reshape", None),
    ("h_fc1", "fc1/Relu", "fc1"),
]


def _ancestors(tensor):
    """The ops that `tensor` is computed from, itself included."""
    seen, waiting = set(), [tensor.op]
    while waiting:
        op = waiting.pop()
        if op not in seen:
            seen.add(op)
            waiting += [t.op for t in op.inputs]
    return seen


def _in_scope(name, scope):
    """Whether an op's name is in `scope`, or in the copy TensorFlow names scope_1, ..."""
    return re.match(re.escape(scope) + r"(_\d+)?/", name) is not None


def _tensor(y_conv, name):
    """The tensor of y_conv's model named "scope/op" (as LAYERS names them)."""
    scope, op = name.split("/")
    [found] = [o.outputs[0] for o in _ancestors(y_conv) if _in_scope(o.name, scope)
               and o.name.endswith("/" + op) and o.name.count("/") == 1]
    return found


def _variables(y_conv, scope):
    """The trainable variables of y_conv's model in a layer's name scope."""
    ops = {o.name for o in _ancestors(y_conv)}
    return [v for v in tf.trainable_variables()
            if v.op.name in ops and _in_scope(v.op.name, scope)]


def _parameters(y_conv, scope):
    """The weights and biases of a layer's name scope: (count, a description of their shapes)."""
    variables = _variables(y_conv, scope)
    shapes = [v.shape.as_list() for v in variables]
    count = sum(int(numpy.prod(shape)) for shape in shapes)
    weights, biases = ("x".join(str(d) for d in shape) for shape in shapes)
    return count, f"weights {weights} + biases {biases}"


def predictions(sess, x, keep_prob, y_conv, dataset):
    """The predicted digit of every image of a data set, computed 1000 images at a time."""
    return numpy.concatenate(list(evaluation.in_batches(
        sess, tf.argmax(y_conv, 1), {x: dataset.images}, {keep_prob: 1.0})))


def confusion_matrix(true_digits, predicted_digits):
    """A 10x10 matrix of counts: true digit by row, predicted digit by column."""
    matrix = numpy.zeros((10, 10), numpy.int64)
    numpy.add.at(matrix, (true_digits, predicted_digits), 1)
    return matrix


def print_layers(sess, x, keep_prob, y_conv, image):
    """The shape after each layer for one image, and the parameters of each layer."""
    names = ["x"] + [name for name, _, _ in LAYERS] + ["y_conv"]
    tensors = [x] + [_tensor(y_conv, op) for _, op, _ in LAYERS] + [y_conv]
    shapes = sess.run([tf.shape(t) for t in tensors], {x: image[None], keep_prob: 1.0})
    scopes = [None] + [scope for _, _, scope in LAYERS] + ["fc2"]
    print("\nThe data after each layer, for one test image, and each layer's parameters:")
    print(f"  {'tensor':<14}{'shape':<17}{'parameters':>11}")
    counts = {}
    for name, shape, scope in zip(names, shapes, scopes):
        line = f"  {name:<14}{str([int(d) for d in shape]):<17}"
        if scope:
            counts[scope], description = _parameters(y_conv, scope)
            line += f"{counts[scope]:>11,}   {scope}: {description}"
        print(line.rstrip())
    total = sum(counts.values())
    print(f"  {'total':<31}{total:>11,}")
    largest = max(counts, key=counts.get)
    print(f"  {counts[largest] / total:.1%} of them are in {largest}: each of its 1024 units "
          "is connected to\n  every one of the 7x7x64 = 3136 features that pool2 leaves.")


def print_confusions(true_digits, predicted_digits):
    """Accuracy per digit, the confusion matrix, and the three most frequent confusions."""
    matrix = confusion_matrix(true_digits, predicted_digits)
    print(f"\nTest accuracy per digit ({len(true_digits)} test images, "
          f"{evaluation.BATCH_SIZE} at a time):")
    print("  digit    " + "".join(f"{d:>7}" for d in range(10)))
    print("  accuracy " + "".join(f"{matrix[d, d] / matrix[d].sum():>7.4f}" for d in range(10)))
    print("\nConfusion matrix (rows: the true digit, columns: the predicted digit):")
    print("       " + "".join(f"{d:>6}" for d in range(10)))
    for digit in range(10):
        print(f"  {digit:>3}  " + "".join(f"{n:>6}" for n in matrix[digit]))
    print(f"  correct: the diagonal, {numpy.trace(matrix)} of {matrix.sum()} = "
          f"{numpy.trace(matrix) / matrix.sum():g}")
    off_diagonal = matrix * (1 - numpy.eye(10, dtype=numpy.int64))
    print("\nThe most frequent confusions:")
    for index in numpy.argsort(off_diagonal, axis=None, kind="stable")[::-1][:3]:
        true, predicted = divmod(int(index), 10)
        if off_diagonal[true, predicted]:
            print(f"  {true} taken for {predicted}: {off_diagonal[true, predicted]} times")


def print_first_image(sess, x, keep_prob, y_conv, dataset):
    """The logits, probabilities and prediction for the first test image."""
    logits = sess.run(y_conv, {x: dataset.images[:1], keep_prob: 1.0})[0]
    probabilities = softmax(logits)
    print("\nFirst test image, one column per digit 0..9:")
    print(f"  logits y_conv  {format_numbers(logits, '{:+7.2f}')}")
    print(f"  softmax        {format_numbers(probabilities, '{:7.4f}')}")
    print(f"  predicted digit {probabilities.argmax()} (probability {probabilities.max():.4f}), "
          f"true label {dataset.labels[0].argmax()}")


def filters_picture(sess, x, keep_prob, y_conv, image):
    """conv1's filters and the feature maps of one image after conv1 and conv2, each
    drawn as the difference the digit makes: what the layer gives for the digit less what
    it gives for blank paper (where the biases alone light a map)."""
    filters = sess.run([v for v in _variables(y_conv, "conv1") if v.shape.ndims == 4][0])
    conv1_maps, conv2_maps = sess.run([_tensor(y_conv, "conv1/Relu"),
                                       _tensor(y_conv, "conv2/Relu")],
                                      {x: numpy.stack([image, numpy.zeros_like(image)]),
                                       keep_prob: 1.0})
    from tutorial_helpers import pictures  # matplotlib, only when a picture is asked for
    return pictures.filters_figure(filters, image, conv1_maps[0] - conv1_maps[1],
                                  conv2_maps[0] - conv2_maps[1])


def write_filters_png(sess, x, keep_prob, y_conv, image, path):
    """Draws filters_picture() to a PNG file."""
    files.write_figure(path, filters_picture(sess, x, keep_prob, y_conv, image))
    print(f"filters and feature maps written to {path}")


def sample_across_digits(true_digits, wrong, most):
    """Up to `most` of the indices `wrong`, taken in turn from each true digit (so that
    every digit the model misreads is shown), sorted by true digit."""
    by_digit = [list(wrong[true_digits[wrong] == digit]) for digit in range(10)]
    chosen = []
    while len(chosen) < most and any(by_digit):
        for indices in by_digit:
            if indices and len(chosen) < most:
                chosen.append(indices.pop(0))
    chosen = numpy.array(chosen, numpy.int64)
    return chosen[numpy.argsort(true_digits[chosen], kind="stable")]


def mistakes_picture(dataset, true_digits, predicted_digits):
    """The misclassified test digits, sorted by true digit: all of them, or a sample of
    MAX_MISTAKES_DRAWN across the true digits if there are more. Returns (the picture,
    how many it shows, how many there are), or None if there are none."""
    wrong = numpy.flatnonzero(true_digits != predicted_digits)
    if not len(wrong):
        return None
    drawn = sample_across_digits(true_digits, wrong, MAX_MISTAKES_DRAWN)
    from tutorial_helpers import pictures  # matplotlib, only when a picture is asked for
    picture = pictures.mistakes_figure(dataset.images[drawn], true_digits[drawn],
                                      predicted_digits[drawn], total=len(wrong))
    return picture, len(drawn), len(wrong)


def write_mistakes_png(dataset, true_digits, predicted_digits, path):
    """Draws mistakes_picture() to a PNG file."""
    mistakes = mistakes_picture(dataset, true_digits, predicted_digits)
    if mistakes is None:
        print(f"no mistakes on the test set: {path} not written")
        return
    picture, drawn, wrong = mistakes
    files.write_figure(path, picture)
    sample = " (a sample across the true digits)" if drawn < wrong else ""
    print(f"{drawn} of the {wrong} mistakes drawn to {path}{sample}")


def after_training(sess, args, x, keep_prob, y_conv, test):
    """Does what --inspect, --filters_png and --mistakes_png ask for, on the test set."""
    if not (args.inspect or args.filters_png or args.mistakes_png):
        return
    true_digits = test.labels.argmax(axis=1)
    predicted_digits = predictions(sess, x, keep_prob, y_conv, test)
    if args.inspect:
        print("\n=== Inside the network (--inspect) ===")
        print_layers(sess, x, keep_prob, y_conv, test.images[0])
        print_confusions(true_digits, predicted_digits)
        print_first_image(sess, x, keep_prob, y_conv, test)
    if args.filters_png:
        write_filters_png(sess, x, keep_prob, y_conv, test.images[0], args.filters_png)
    if args.mistakes_png:
        write_mistakes_png(test, true_digits, predicted_digits, args.mistakes_png)


def trained_model(args, feeds, y_conv, correct_prediction, test):
    """For a --checkpoint_dir whose model is trained to --max_steps already: its test
    accuracy, and what the look-inside flags ask for. Trains nothing and logs nothing."""
    x, _, keep_prob = feeds
    latest = checkpoint_folder.latest_checkpoint(args.checkpoint_dir)
    with tf.Session() as sess:
        checkpoints.restore(tf.train.Saver(tf.trainable_variables()), sess, latest,
                            args.checkpoint_dir)
        print(f"Reading the model in {latest}, trained for "
              f"{checkpoint_folder.newest_step(args.checkpoint_dir)} steps (--max_steps is "
              f"{args.max_steps}: nothing more to train)")
        print("test accuracy %g" % evaluation.batched_accuracy(sess, correct_prediction, feeds,
                                                               test))
        after_training(sess, args, x, keep_prob, y_conv, test)

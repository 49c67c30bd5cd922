"""Evaluating a trained network 1000 images at a time, whatever the number of images.

The original expert script fed all 10000 test images to one `sess.run`, which runs out of
memory on small GPUs (and takes gigabytes on a CPU). Everything here that evaluates a
data set or the user's images goes through `in_batches`, so memory stays flat.
"""

import numpy

BATCH_SIZE = 1000


def in_batches(sess, fetch, inputs, feed_dict=None, batch_size=BATCH_SIZE):
    """sess.run(fetch) on `inputs` ({placeholder: array}, arrays of one length) fed
    batch_size rows at a time, with `feed_dict` in every run; yields each batch's result."""
    count = len(next(iter(inputs.values())))
    for start in range(0, count, batch_size):
        feeds = {placeholder: rows[start:start + batch_size] for placeholder, rows in
                 inputs.items()}
        yield sess.run(fetch, {**feeds, **(feed_dict or {})})


def batched_accuracy(sess, correct_prediction, feeds, dataset, batch_size=BATCH_SIZE):
    """The accuracy over a whole data set, evaluated 1000 images at a time.

    Counting the correct predictions batch by batch gives exactly the number one full
    batch would: the count is a whole number, and the mean is count / N in float32.
    `feeds` is (x, y_, keep_prob).
    """
    x, y_, keep_prob = feeds
    correct = sum(float(batch.sum()) for batch in in_batches(
        sess, correct_prediction, {x: dataset.images, y_: dataset.labels}, {keep_prob: 1.0},
        batch_size))
    return numpy.float32(correct) / numpy.float32(dataset.num_examples)

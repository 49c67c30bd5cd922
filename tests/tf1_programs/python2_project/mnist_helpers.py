# The helper module of a 2016 Python 2 project: print statements, xrange, a whole-number /.
import numpy as np


def batches(images, labels, size):
    print "batches of", size, "in", len(images) / size, "steps an epoch"
    for start in xrange(0, len(images) - size + 1, size):
        yield images[start:start + size], labels[start:start + size]


def accuracy(predicted, labels):
    right = (np.argmax(predicted, 1) == np.argmax(labels, 1)).sum()
    return float(right) / len(labels)

"""What old code asks for that cannot run on TensorFlow 2, and what does the job today.

Using one of these names ends the program in one line (tf1.py prints it) that says why
and names a replacement that works on this install. The errors are also AttributeError
and ImportError, so code that probes (`hasattr(tf.contrib, "factorization")`,
`try: from tensorflow.contrib import ... except ImportError:`) takes its fallback.
"""

# Old name: (why it cannot run, what to use instead). Each replacement is a name that
# tests/test_tf1_removed.py checks on this install.
REMOVED = {
    "tf.estimator": ("removed in TensorFlow 2.16",
                     "tf.keras (tf.keras.Sequential, then compile and fit)"),
    "tf.contrib.learn": ("removed in TensorFlow 2.0 with tf.contrib",
                         "tf.keras (tf.keras.Sequential, then compile and fit)"),
    "tf.contrib.factorization": ("removed in TensorFlow 2.0 with tf.contrib",
                                 "scikit-learn's sklearn.cluster.KMeans"),
    "tf.contrib.tensor_forest": ("removed in TensorFlow 2.0 with tf.contrib",
                                 "scikit-learn's sklearn.ensemble.RandomForestClassifier"),
    "tf.contrib.boosted_trees": ("removed in TensorFlow 2.0 with tf.contrib",
                                 "scikit-learn's sklearn.ensemble.GradientBoostingClassifier"),
}
# Replacements as importable names, for the test that checks each one works.
REPLACEMENT_NAMES = {
    "tf.keras (tf.keras.Sequential, then compile and fit)": "tensorflow.keras.Sequential",
    "scikit-learn's sklearn.cluster.KMeans": "sklearn.cluster.KMeans",
    "scikit-learn's sklearn.ensemble.RandomForestClassifier":
        "sklearn.ensemble.RandomForestClassifier",
    "scikit-learn's sklearn.ensemble.GradientBoostingClassifier":
        "sklearn.ensemble.GradientBoostingClassifier",
}


class Removed(Exception):
    """Old code used something that cannot run; the message is one line saying why."""

    def __init__(self, name):
        self.old_name = name  # not .name, which Python sets on an AttributeError
        known = next((old for old in REMOVED if name == old or name.startswith(old + ".")),
                     None)
        if known:
            why, instead = REMOVED[known]
            message = f"{known} was {why}, so this code cannot run as it is; use {instead} " \
                      "instead"
            if name != known:
                message = f"{name}: {message}"
        else:
            message = f"{name}: tf.contrib was removed in TensorFlow 2.0 and tf1.py has no " \
                      "stand-in for this part of it, so this code cannot run as it is " \
                      "(python tf1.py --list shows what it has)"
        super().__init__(message)


class RemovedAttributeError(Removed, AttributeError):
    """`tf.contrib.x.y` or `tf.estimator` in the user's code."""


class RemovedImportError(Removed, ModuleNotFoundError):
    """`import tensorflow.contrib.x` or `from tensorflow.contrib import x`."""

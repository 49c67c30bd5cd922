"""tf.contrib.learn's canned models as TF 1.x books used them: fit(x, y), predict(x).

`tf.contrib.learn.DNNClassifier(hidden_units, feature_columns, n_classes)` with
`fit(x=X, y=y, batch_size, steps)`, the columns from `infer_real_valued_columns_from_input`
and `SKCompat` for scikit-learn's style of predictions: each a thin wrapper over
tf.estimator's model of the same name (tf1_compat.tensorflow1.estimator), fed NumPy arrays through
`numpy_input_fn`, as contrib.learn fed them.
"""

import numpy
import tensorflow.compat.v1 as tf

from tf1_compat.tensorflow1.estimator import ESTIMATOR

FEATURE = "x"  # the one feature contrib.learn made of an array


def infer_real_valued_columns_from_input(x):
    """One real-valued feature column of x's shape, as contrib.learn inferred it."""
    return [tf.feature_column.numeric_column(FEATURE, shape=numpy.asarray(x).shape[1:])]


def _input(x, y=None, batch_size=None, repeat=False):
    labels = None if y is None else numpy.asarray(y).astype(numpy.int32)
    return ESTIMATOR.inputs.numpy_input_fn({FEATURE: numpy.asarray(x, numpy.float32)}, labels,
                                           batch_size=batch_size or 128,
                                           num_epochs=None if repeat else 1, shuffle=repeat)


class _Model:
    """contrib.learn's interface over a tf.estimator model."""

    def __init__(self, estimator):
        self.estimator = estimator

    def fit(self, x=None, y=None, input_fn=None, steps=None, batch_size=None, monitors=None,
            max_steps=None):
        """Trains on x, y (or input_fn) for `steps` steps, or one pass if none is given."""
        repeat = steps is not None or max_steps is not None
        self.estimator.train(input_fn or _input(x, y, batch_size, repeat), steps=steps,
                             max_steps=max_steps, hooks=monitors)
        return self

    def evaluate(self, x=None, y=None, input_fn=None, batch_size=None, steps=None):
        return self.estimator.evaluate(input_fn or _input(x, y, batch_size), steps=steps)

    def predict(self, x=None, input_fn=None, batch_size=None, as_iterable=True):
        """The predicted class of each example, as contrib.learn's predict gave them."""
        classes = (int(p["class_ids"][0]) for p in self.estimator.predict(
            input_fn or _input(x, batch_size=batch_size)))
        return classes if as_iterable else numpy.array(list(classes))


def DNNClassifier(hidden_units, feature_columns, model_dir=None, n_classes=2,  # noqa: N802
                  optimizer=None, activation_fn=tf.nn.relu, dropout=None, config=None):
    """tf.contrib.learn.DNNClassifier: tf.estimator.DNNClassifier with fit(x, y)."""
    return _Model(ESTIMATOR.DNNClassifier(hidden_units, feature_columns, model_dir, n_classes,
                                          optimizer=optimizer or "Adagrad",
                                          activation_fn=activation_fn, dropout=dropout,
                                          config=config))


def LinearClassifier(feature_columns, model_dir=None, n_classes=2,  # noqa: N802
                     optimizer=None, config=None):
    """tf.contrib.learn.LinearClassifier: tf.estimator.LinearClassifier with fit(x, y)."""
    return _Model(ESTIMATOR.LinearClassifier(feature_columns, model_dir, n_classes,
                                             optimizer=optimizer or "Ftrl", config=config))


class SKCompat:
    """A contrib.learn model with scikit-learn's style: predict(x) gives a dict of arrays,
    {"classes": ..., "probabilities": ...}."""

    def __init__(self, model):
        self.model = model

    def fit(self, x, y, batch_size=128, steps=None, max_steps=None, monitors=None):
        self.model.fit(x, y, batch_size=batch_size, steps=steps, max_steps=max_steps,
                       monitors=monitors)
        return self

    def score(self, x, y, batch_size=128, steps=None):
        return self.model.evaluate(x, y, batch_size=batch_size, steps=steps)

    def predict(self, x, batch_size=128):
        predictions = list(self.model.estimator.predict(_input(x, batch_size=batch_size)))
        return {"classes": numpy.array([int(p["class_ids"][0]) for p in predictions]),
                "probabilities": numpy.array([p["probabilities"] for p in predictions])}


def real_valued_column(column_name, dimension=1, default_value=None, dtype=tf.float32,
                       normalizer=None):
    """tf.contrib.layers.real_valued_column: a numeric column of `dimension` values; the
    unnamed one ("") is the array that fit(x) feeds, as contrib.learn matched them."""
    return tf.feature_column.numeric_column(column_name or FEATURE, shape=(dimension,),
                                            default_value=default_value, dtype=dtype,
                                            normalizer_fn=normalizer)

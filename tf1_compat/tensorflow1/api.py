"""`tensorflow` as the user's code sees it under tf1.py.

tf.compat.v1 (the TF 1.x API, v2 behaviour disabled), plus the names that TensorFlow 2
no longer has, from its tables (`tables/*.tsv`): the 2016 names (stand-ins in `renamed`),
the thin parts of tf.contrib (stand-ins in `contrib_layers`, `contrib_eager`), tf.estimator
(`estimator`), sessions that run ops pinned to missing GPUs (`devices`) and LSTM cells
that take a 2016 state (`rnn_cells`). What cannot run at all raises one line (`removed`).
"""

import tensorflow.compat.v1 as v1

from tf1_compat import records
from tf1_compat.tensorflow1 import modules

# The tables of old names the TF1 namespace adds (tables/*.tsv); `python tf1.py --list`
# prints them.
TABLES = tuple(records.load(name) for name in ("renamed.tsv", "contrib.tsv", "estimator.tsv",
                                                "behaviour.tsv"))
TF1 = modules.build("tf", v1, {old: value for table in TABLES
                                 for old, value in records.names(table).items()})
TF1.__name__ = "tensorflow"
# `tf.compat.v1.X` in TF 1.13-1.15 code (TensorFlow's last layers tutorial): the same TF1
# namespace, tf.estimator and all, not the bare tf.compat.v1 of TensorFlow 2.
TF1.compat = modules.Namespace("tf.compat", v1.compat, {"v1": TF1})

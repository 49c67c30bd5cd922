"""`tensorflow` as the user's code sees it under tf1.py.

tf.compat.v1 (the TF 1.x API, v2 behaviour disabled), plus the names that TensorFlow 2
no longer has, from the tables of the modules below: the 2016 names (`renamed`), the thin
parts of tf.contrib (`contrib`), and sessions that run ops pinned to missing GPUs
(`devices`). What cannot run at all raises one line (`removed`).
"""

import tensorflow.compat.v1 as v1

from tf1_compat import contrib, devices, namespace, renamed

# Every old name the TF1 namespace adds, with what it is now; `python tf1.py --list`
# prints them.
TABLES = {
    "TensorFlow 0.x (2016) names": renamed.NAMES,
    "tf.contrib": contrib.NAMES,
    "Devices": devices.NAMES,
}
TF1 = namespace.build("tf", v1, {k: v for table in TABLES.values() for k, v in table.items()})
TF1.__name__ = "tensorflow"

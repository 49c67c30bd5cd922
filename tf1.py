"""Runs TensorFlow code of any era unchanged on TensorFlow 2: the tutorials' own lines, and
the blog posts' and translations' MNIST programs.

    python tf1.py SCRIPT [ARGS...]   run a script as `python SCRIPT ARGS...` would
    python tf1.py                    a console for the tutorial's lines, typed or pasted
    python tf1.py < lines.py         the same lines from a pipe (or `python tf1.py -`)
    import tf1, or %load_ext tf1     in a notebook's first cell: each cell gets its era's API
    tf1 SCRIPT [ARGS...]             the same as the first, once installed (`pip install .`)

Each program is read before TensorFlow loads (`tf1_compat/programs/eras.py`). TF 0.x/1.x
code gets the TF1 API as `import tensorflow as tf`: `tf.compat.v1` with v2 behaviour
disabled, plus what TF 1.x code still asks for: the 2016 names (`tf.mul`), the thin parts
of `tf.contrib`, `tf.estimator` (from the tensorflow-estimator package), `tf.layers` and
TF1-era `tf.keras` (through the tf_keras package), and
`from tensorflow.examples.tutorials.mnist import input_data` (or `import input_data`) gives
this project's `input_data`. TensorFlow 2 and Keras code gets plain TensorFlow 2, as
`python` gives it. Python 2 code is converted to Python 3 in memory first. Every program
gets the few names old programs use from NumPy, SciPy and scikit-learn back, Keras' MNIST
without network, and, with no display, figures shown saved as PNG files. What cannot run
(the rest of `tf.contrib`, PrettyTensor) and a package that is not installed get one line
saying why and what to do. `python tf1.py --list` shows every old name it knows.
`tf1.uninstall()` takes it all out again, before any TF1 graph was built. How it works:
the tf1_compat package (`tf1_compat/programs/command.py` for what this file does).
"""

import sys

from tf1_compat.programs.command import (  # noqa: F401  (tf1.install, tf1.uninstall,
    install, install_on_import, load_ipython_extension, main, uninstall)  # %load_ext tf1)

if __name__ == "__main__":
    sys.exit(main())
else:
    install_on_import()

"""What tf1.py needs to run TF 0.x/1.x code unchanged on TensorFlow 2, one concern a module.

- `records`: the rows every table is made of (`Alias`, `Gone`, `Package`, `Table`), read
  from `tables/*.tsv`, and how a row's dotted names become objects.
- `imports`: the import hook that gives the user's `import tensorflow` the TF1 namespace,
  and `tensorflow.examples.tutorials.mnist` (this project's `input_data`, `mnist_model`).
- `api`: the TF1 namespace: tf.compat.v1 plus the old names of the tables below, built
  as modules over the real ones by `namespace`.
- `renamed`: the TF 0.x (2016) names and argument orders.
- `contrib_layers`, `contrib_losses`, `contrib_eager`: the thin parts of tf.contrib.
- `estimator`: tf.estimator, from the tensorflow-estimator package, with what it imports;
  `contrib_learn`: tf.contrib.learn's fit(x, y) models over it.
- `devices`: ops pinned to GPUs the machine lacks run where they can.
- `rnn_cells`: LSTM cells that take TF 0.11's one state tensor.
- `libraries`, `after_import`: names put back into other libraries' modules (`science`:
  SciPy's and scikit-learn's; `keras_mnist`: Keras' MNIST without network) as the
  program imports them.
- `packages`: one line for a package that is missing or cannot run today.
- `removed`: what cannot run, in one line naming what does the job today.
- `numpy_names`: the NumPy names old programs use and NumPy removed.
- `figures`: with no display, figures shown are saved as PNG files.
- `running`, `python2`: running a script, piped lines or a console as `python` would, with
  one-line errors for what cannot run and for Python 2 code.
- `listing`: the tables as Markdown (`python tf1.py --list`, docs/tf1.md).
- `mnist_model`: the model module of TensorFlow's fully_connected_feed.py.
"""

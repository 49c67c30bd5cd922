"""What tf1.py needs to run TF 0.x/1.x code unchanged on TensorFlow 2, one concern a module.

- `records`: the rows every table below is made of (`Alias`, `Gone`, `Table`), and how a
  row's dotted names become objects.
- `imports`: the import hook that gives the user's `import tensorflow` the TF1 namespace,
  and `tensorflow.examples.tutorials.mnist` (this project's `input_data`, `mnist_model`).
- `api`: the TF1 namespace: tf.compat.v1 plus the old names of the tables below, built
  as modules over the real ones by `namespace`.
- `renamed`: the TF 0.x (2016) names and argument orders.
- `contrib`, `contrib_layers`, `contrib_eager`: the thin parts of tf.contrib.
- `devices`: ops pinned to GPUs the machine lacks run where they can.
- `removed`: what cannot run, in one line naming what does the job today.
- `numpy_names`: the NumPy names old programs use and NumPy removed.
- `figures`: with no display, figures shown are saved as PNG files.
- `running`, `python2`: running a script, piped lines or a console as `python` would, with
  one-line errors for what cannot run and for Python 2 code.
- `listing`: the tables as Markdown (`python tf1.py --list`, docs/tf1.md).
- `mnist_model`: the model module of TensorFlow's fully_connected_feed.py.
"""

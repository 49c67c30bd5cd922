"""Running an old program, piped lines, a console or a notebook's cells as `python` would.

- `imports`: the import hook that gives the user's `import tensorflow` the TF1 namespace,
  and `tensorflow.examples.tutorials.mnist` (this project's `input_data`, `mnist_model`).
- `running`: a script, lines from a pipe, or a console, with one-line errors for what
  cannot run.
- `eras`: telling TF1 code from TensorFlow 2 code by its source; `modes`: which API the
  user's code gets, switched to TF1 at the first TF1 program, cell or console block.
- `python2`: Python 2 code converted to Python 3 in memory, or told in one line.
"""

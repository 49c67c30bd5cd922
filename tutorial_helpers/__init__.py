"""Helpers for the tutorial scripts: what they do beyond the tutorials, kept out of their way.

The tutorial scripts at the top level (`mnist_softmax.py`, `mnist_deep.py`,
`mnist_softmax_eager.py`) are what a reader runs and reads beside the tutorials; this
package holds the rest, one concern a module (`input_data`'s file machinery is the
`mnist_files` package; `tf1.py` has its own, `tf1_compat`, and borrows `startup`, `speed`,
`files` and `errors` from here):

- `flags`: each script's flags, read before TensorFlow loads (`--help` answers at once).
- `startup`: a quiet TensorFlow import (no start-up or deprecation noise without --verbose),
  with the lighter Keras while it loads.
- `speed`: the CPU settings and the mixed precision of `mnist_deep.py`.
- `memory`: whether a training step of `mnist_deep.py` fits in the memory available.
- `errors`: the errors the helpers raise (a bad input, a stop by a signal).
- `cli`: the flags every script shares, their checks, and `run`, the one place errors are
  told to the user (one line, not a traceback) and exit statuses chosen.
- `files`: the one atomic writer (data, PNG pictures, downloads): never half a file.
- `signals`: Ctrl-C, SIGTERM and SIGHUP as a `Stopped` exception, at once or between steps.
- `evaluation`: running a network over many images 1000 at a time.
- `progress`: the in-place progress line of a long training run on a terminal.
- `training`: the pieces around `mnist_deep.py`'s training loop (TensorBoard curves,
  checkpoints, progress, signals, NaN), composed.
- `checkpoints`: checkpoints saved whole or not at all, restored, and locked to one run.
- `predict`: `mnist_deep.py --predict`, your own digit images prepared the way MNIST's were.
- `softmax_inspect`: `mnist_softmax.py --inspect` and `--weights_png`.
- `deep_inspect`: `mnist_deep.py --inspect`, `--filters_png` and `--mistakes_png`.
- `pictures`: the images those flags draw, as NumPy arrays.
- `notebook`: what the notebooks in notebooks/ add: those pictures inline, a progress bar,
  learning curves, and the line that names the machine.
"""

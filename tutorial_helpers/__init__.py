"""Helpers for the tutorial scripts: what they do beyond the tutorials, kept out of their way.

The tutorial scripts at the top level (`mnist_softmax.py`, `mnist_deep.py`,
`mnist_softmax_eager.py`) are what a reader runs and reads beside the tutorials; this
package holds the rest, one concern a module (`tf1.py` has its own package, `tf1_compat`,
and borrows only `startup` and `speed` from here):

- `startup`: a quiet TensorFlow import (no start-up or deprecation noise without --verbose).
- `speed`: the CPU settings and the mixed precision of `mnist_deep.py`.
- `memory`: whether a training step of `mnist_deep.py` fits in the memory available.
- `cli`: the shared flags, their checks, and one-line errors instead of tracebacks.
- `files`: writing files (PNG pictures too) so that a failure never leaves half a file.
- `progress`: the in-place progress line of a long training run on a terminal.
- `training`: TensorBoard logs, signals and NaN around `mnist_deep.py`'s training loop.
- `checkpoints`: checkpoints saved whole or not at all, restored, and locked to one run.
- `predict`: `mnist_deep.py --predict`, your own digit images prepared the way MNIST's were.
- `softmax_inspect`: `mnist_softmax.py --inspect` and `--weights_png`.
- `deep_inspect`: `mnist_deep.py --inspect`, `--filters_png` and `--mistakes_png`.
- `pictures`: the images those flags draw, as NumPy arrays.
"""

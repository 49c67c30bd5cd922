"""What the notebooks in notebooks/ show beyond the tutorials' lines, inline in the notebook.

The same pictures as the scripts' flags (`pictures`, `deep_inspect`: matplotlib figures),
shown under the cell rather than written to a file; a progress bar for the CNN's long
training loop, which also keeps the training accuracy and loss the tutorial prints, for
the learning curves drawn after it; a line naming the machine, so a notebook's saved
outputs say where they ran; and what lets the session cell run again
(`close_interactive_session`). A model cell run again builds a second copy beside the
first (conv1_1, ...); the look-inside helpers take the tensors of the copy they are given.
"""

import numbers
import os
import time

from IPython import display

from tutorial_helpers import errors, pictures, progress, speed

REFRESH_SECONDS = 1.0


class ParameterError(errors.ScriptError, ValueError):
    """A notebook parameter that cannot be used, told in one line under the cell."""


def close_interactive_session():
    """Closes the InteractiveSession a cell opened before, if one is open: a cell that opens
    one, run again, replaces it (rather than TensorFlow's "An interactive session is
    already active" and two sessions holding memory)."""
    import tensorflow.compat.v1 as tf
    session = tf.get_default_session()
    if isinstance(session, tf.InteractiveSession):
        session.close()


def machine():
    """"TensorFlow 2.x, NumPy 2.x, Python 3.x on <CPU model>, N cores" (or "on N GPU(s)"):
    where a run ran."""
    import platform

    import numpy
    import tensorflow as tf
    gpus = tf.config.list_physical_devices("GPU")
    where = (f"{len(gpus)} GPU(s)" if gpus else
             f"{speed.cpu_description()[0]}, {os.cpu_count()} cores")
    return (f"TensorFlow {tf.__version__}, NumPy {numpy.__version__}, "
            f"Python {platform.python_version()} on {where}")


def show(figure):
    """Shows a figure from `pictures` under the cell, as the PNG the scripts write."""
    display.display(display.Image(data=pictures.png_bytes(figure), format="png"))


def _steps(max_steps):
    """max_steps as a number of steps, or a ParameterError naming it."""
    if isinstance(max_steps, str) and max_steps.strip().isdigit():
        raise ParameterError(f"max_steps: {max_steps!r} is text; write the number without "
                             f"quotes (max_steps = {max_steps.strip()})")
    if isinstance(max_steps, bool) or not isinstance(max_steps, numbers.Integral):
        raise ParameterError(f"max_steps: {max_steps!r} is not a whole number")
    if max_steps < 1:
        raise ParameterError(f"max_steps: must be at least 1, got {max_steps}")
    return int(max_steps)


class Progress:
    """The steps of a training loop (`for i in Progress(20000):`), with a progress bar under
    the cell: steps done, elapsed time, rate and time left. `log` keeps the numbers the
    loop prints, for plot_learning_curves."""

    def __init__(self, max_steps, clock=time.monotonic):
        self.steps, self.clock = _steps(max_steps), clock
        self.logged = []  # (step, training accuracy, cross-entropy)

    def log(self, step, train_accuracy, loss):
        self.logged.append((step, float(train_accuracy), float(loss)))

    def _bundle(self, step):
        line = progress.progress_line(step, 0, self.steps, self.clock() - self.start)
        return {"text/plain": line,
                "text/html": f'<progress value="{step}" max="{self.steps}" '
                             f'style="width: 40em"></progress> <code>{line}</code>'}

    def __iter__(self):
        self.start = last_shown = self.clock()
        handle = display.display(self._bundle(0), raw=True, display_id=True)
        for step in range(self.steps):
            yield step
            if self.clock() - last_shown >= REFRESH_SECONDS:
                handle.update(self._bundle(step + 1), raw=True)
                last_shown = self.clock()
        handle.update(self._bundle(self.steps), raw=True)


def plot_learning_curves(progress_kept, test_accuracy):
    """Shows the learning curves of what a `Progress` loop logged (`pictures`)."""
    show(pictures.learning_curves_figure(progress_kept.logged, test_accuracy))

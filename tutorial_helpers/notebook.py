"""What the notebooks in notebooks/ show beyond the tutorials' lines, inline in the notebook.

The same pictures as the scripts' flags (`pictures`, `deep_inspect`), shown under the cell
rather than written to a file; a progress bar for the CNN's long training loop, which also
keeps the training accuracy and loss the tutorial prints, for the learning curves drawn
after it; and a line naming the machine, so a notebook's saved outputs say where they ran.
"""

import os
import time

from IPython import display

from tutorial_helpers import files, progress, speed

REFRESH_SECONDS = 1.0


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


def show(picture):
    """Shows a picture (an RGB uint8 array from `pictures`) under the cell, as a PNG."""
    display.display(display.Image(data=files.png_bytes(picture), format="png"))


class Progress:
    """The steps of a training loop (`for i in Progress(20000):`), with a progress bar under
    the cell: steps done, elapsed time, rate and time left. `log` keeps the numbers the
    loop prints, for plot_learning_curves."""

    def __init__(self, steps, clock=time.monotonic):
        self.steps, self.clock = steps, clock
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
    """The training accuracy and cross-entropy the loop logged, each on the batch of that
    step (so they are noisy), with the final test accuracy for comparison."""
    import matplotlib.pyplot as plt
    steps, accuracies, losses = zip(*progress_kept.logged)
    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 3.6))
    left.plot(steps, accuracies, ".", markersize=3, label="training accuracy (one batch)")
    left.axhline(test_accuracy, color="tab:green", label=f"test accuracy {test_accuracy:.4f}")
    # The scale fits the last nine tenths of training: the first steps' accuracies, far
    # below, would flatten the part worth seeing.
    bottom = max(0.0, min(accuracies[len(accuracies) // 10:]) - 0.01)
    below = sum(accuracy < bottom for accuracy in accuracies)
    left.set(title="Accuracy" + (f" ({below} early points below the scale)" if below else ""),
             xlabel="training step", ylabel="fraction correct", ylim=(bottom, 1.002))
    left.legend(loc="lower right")
    right.plot(steps, losses, ".", markersize=3, color="tab:red")
    right.set(title="Cross-entropy (one batch)", xlabel="training step", ylabel="loss",
              yscale="log")
    for axes in (left, right):
        axes.grid(alpha=0.3)
    figure.tight_layout()
    plt.show()

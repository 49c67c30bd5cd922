"""What mnist_deep.py's training loop does beyond the tutorial, in small pieces composed.

- `Curves`: the training accuracy and loss of each log step, and the validation accuracy
  every --validate_every steps, for TensorBoard; a loss that is no longer a number stops
  the run.
- `checkpoints.Checkpoints`: one run at a time in --checkpoint_dir, resumed from its
  newest checkpoint, saved every --checkpoint_every steps and at the end.
- `progress.Progress`: how far the run is, on a terminal.
- `signals.stop_between_steps`: Ctrl-C, SIGTERM or a closed terminal stop the loop
  between two steps (never inside TensorFlow's code), and the last checkpoint is saved.

`managed_loop` enters them in turn on one `contextlib.ExitStack`: if entering one fails, the
ones before are left again (the folder unlocked, the log closed), and on the way out each
is left in the reverse order. A log folder the run made is removed again if the run ends
before its first step: a failed or interrupted start leaves nothing behind.
"""

import contextlib

import numpy
import tensorflow.compat.v1 as tf

from tutorial_helpers import files, signals
from tutorial_helpers.checkpoints import Checkpoints
from tutorial_helpers.errors import ScriptError, Stopped
from tutorial_helpers.progress import Progress


def _scalars(**values):
    return tf.Summary(value=[tf.Summary.Value(tag=tag, simple_value=float(value))
                             for tag, value in values.items()])


class Curves:
    """The learning curves in TensorBoard's log, and the check that the loss is a number."""

    def __init__(self, writer, validation_accuracy, validate_every, learning_rate, kept):
        self.writer = writer
        self.validation_accuracy = validation_accuracy
        self.validate_every = validate_every
        self.learning_rate = learning_rate
        self.kept = kept  # returns a sentence naming the checkpoint a stop keeps, or ""

    def log(self, step, train_accuracy, loss):
        """Adds a log step's training accuracy and loss; stops a run whose loss is no
        longer a number."""
        if not numpy.isfinite(loss):
            raise ScriptError(f"the loss became {'NaN' if numpy.isnan(loss) else 'infinite'} "
                              f"at step {step}; lower --learning_rate (it is "
                              f"{self.learning_rate:g}).{self.kept()}")
        self.writer.add_summary(_scalars(**{"train/accuracy": train_accuracy,
                                            "train/loss": loss}), step)

    def step_done(self, step):
        """Adds the validation accuracy when it is due."""
        if step % self.validate_every == 0:
            self.writer.add_summary(
                _scalars(**{"validation/accuracy": self.validation_accuracy()}), step)


class Loop:
    """What the training loop calls: where it starts, at each log step, after each step."""

    def __init__(self, first_step, stop, progress, curves, checkpoints):
        self.first_step = self.completed_steps = first_step
        self.stop, self.progress, self.curves = stop, progress, curves
        self.checkpoints = checkpoints

    def log(self, step, train_accuracy, loss):
        self.curves.log(step, train_accuracy, loss)

    def step_done(self, step):
        """Stops if a signal asked to; shows progress, validates and saves when due."""
        self.completed_steps = step
        self.stop.check()
        self.progress.update(step)
        self.curves.step_done(step)
        if self.checkpoints:
            self.checkpoints.save_if_due(step)


@contextlib.contextmanager
def _told_when_stopped(loop):
    """Says where a run stopped by a signal got to, when it has no checkpoints."""
    try:
        yield
    except (Stopped, KeyboardInterrupt):
        print(f"\nStopped at step {loop.completed_steps}; nothing saved (with "
              "--checkpoint_dir, a run can be resumed).")
        raise


@contextlib.contextmanager
def managed_loop(sess, args, writer, validation_accuracy):
    """The context of mnist_deep.py's training loop (see the docstring); yields its Loop.

    Enter it after the variables are initialised: it restores a checkpoint over them.
    """
    with contextlib.ExitStack() as stack:
        loop = None
        stack.enter_context(files.removed_unless(
            lambda: loop is not None and loop.completed_steps > loop.first_step,
            args.new_log_folders))
        stack.callback(writer.close)
        stop = stack.enter_context(signals.stop_between_steps())
        checkpoints = None
        if args.checkpoint_dir:
            checkpoints = stack.enter_context(
                Checkpoints(args.checkpoint_dir, sess, args.checkpoint_every))
        first_step = checkpoints.resume() if checkpoints else 0
        curves = Curves(writer, validation_accuracy, args.validate_every, args.learning_rate,
                        checkpoints.kept if checkpoints else lambda: "")
        progress = stack.enter_context(Progress(first_step, args.max_steps))
        loop = Loop(first_step, stop, progress, curves, checkpoints)
        if checkpoints:
            stack.enter_context(checkpoints.saved_at_the_end(loop))
        else:
            stack.enter_context(_told_when_stopped(loop))
        yield loop

"""TensorBoard and checkpoints around mnist_deep.py's training loop.

`Training` writes the graph and the learning curves for TensorBoard, saves checkpoints
(every N steps, at the end, and when Ctrl-C or SIGTERM stops the run) and resumes from
one, step count and Adam's state included (`checkpoints`). It stops a run whose loss is no
longer a number. On a terminal it also shows how far the run is (`progress`).
"""

import os
import signal
import threading

import numpy
import tensorflow.compat.v1 as tf

from tutorial_helpers.checkpoints import Checkpoints
from tutorial_helpers.cli import ScriptError, Stopped, positive_int, prove_writable
from tutorial_helpers.memory import check_batch_fits
from tutorial_helpers.progress import Progress

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)  # Ctrl-C; kill, a closed terminal, a time limit


def add_flags(parser):
    """Adds the flags for TensorBoard and checkpoints."""
    parser.add_argument("--log_dir", default=os.path.join("logs", "mnist_deep"),
                        help="where to write the graph and learning curves for TensorBoard")
    parser.add_argument("--checkpoint_dir", default=None,
                        help="save checkpoints here, and resume from the latest one found")
    parser.add_argument("--checkpoint_every", type=positive_int, default=1000,
                        help="with --checkpoint_dir, save a checkpoint every this many steps")
    parser.add_argument("--validate_every", type=positive_int, default=1000,
                        help="log the validation accuracy to TensorBoard every this many steps")


def _scalars(**values):
    return tf.Summary(value=[tf.Summary.Value(tag=tag, simple_value=float(value))
                             for tag, value in values.items()])


class Training:
    """A context around the training loop for TensorBoard, checkpoints and progress.

    On entry it checks that a training step fits in memory, proves that the logs and
    checkpoints can be written, locks --checkpoint_dir, restores the latest checkpoint
    there if there is one, and writes the graph for TensorBoard; `first_step` is where
    training goes on from. On exit it saves a
    final checkpoint, also when Ctrl-C or SIGTERM stopped the loop: they stop it between
    two steps, never inside TensorFlow's code (a second one stops at once).
    """

    def __init__(self, sess, args, validation_accuracy):
        self.sess = sess
        self.args = args
        self.validation_accuracy = validation_accuracy
        self.first_step = 0
        self.completed_steps = 0
        self.checkpoints = None
        self.stop_signal = None
        self.previous_handlers = {}

    def _stop(self, signum, frame):
        if self.stop_signal is not None:  # the second one: stop now
            raise KeyboardInterrupt
        self.stop_signal = signum

    def __enter__(self):
        args, sess = self.args, self.sess
        check_batch_fits(args.batch_size, gpu=bool(tf.config.list_physical_devices("GPU")))
        prove_writable(args.log_dir, "--log_dir")
        if args.checkpoint_dir:
            self.checkpoints = Checkpoints(args.checkpoint_dir).__enter__()
            self.first_step = self.completed_steps = self.checkpoints.resume(sess)
        try:
            self.writer = tf.summary.FileWriter(args.log_dir, sess.graph)
        except tf.errors.OpError as e:
            raise ScriptError(f"cannot write the TensorBoard logs to {args.log_dir}: "
                              f"{e.message}. Choose another --log_dir.") from None
        print("Saving graph to: %s" % args.log_dir)
        self.progress = Progress(self.first_step, args.max_steps).__enter__()
        if threading.current_thread() is threading.main_thread():
            self.previous_handlers = {signum: signal.signal(signum, self._stop)
                                      for signum in STOP_SIGNALS}
        return self

    def log(self, step, train_accuracy, loss):
        """Adds the training accuracy and loss of a log step to the TensorBoard curves;
        stops a run whose loss is no longer a number."""
        if not numpy.isfinite(loss):
            kept = f" {self.checkpoints.newest()}." if self.checkpoints else ""
            raise ScriptError(f"the loss became {'NaN' if numpy.isnan(loss) else 'infinite'} "
                              f"at step {step}; lower --learning_rate (it is "
                              f"{self.args.learning_rate:g}).{kept}")
        self.writer.add_summary(_scalars(**{"train/accuracy": train_accuracy,
                                            "train/loss": loss}), step)

    def step_done(self, step):
        """Called after each training step: validates and saves when it is time to."""
        self.completed_steps = step
        if self.stop_signal is not None:
            raise Stopped(self.stop_signal)
        self.progress.update(step)
        if step % self.args.validate_every == 0:
            self.writer.add_summary(
                _scalars(**{"validation/accuracy": self.validation_accuracy(self.sess)}), step)
        if self.checkpoints and step % self.args.checkpoint_every == 0:
            self.checkpoints.save(self.sess, step)

    def __exit__(self, kind, error, traceback):
        for signum, handler in self.previous_handlers.items():
            signal.signal(signum, handler)
        self.progress.__exit__(kind, error, traceback)
        self.writer.close()
        try:
            self._finish(kind)
        finally:
            if self.checkpoints:
                self.checkpoints.__exit__(kind, error, traceback)
        return False

    def _finish(self, kind):
        """Saves the final checkpoint and says where it is, unless the run failed."""
        stopped = kind is not None and issubclass(kind, (Stopped, KeyboardInterrupt))
        if kind is not None and not stopped:
            return
        if not self.checkpoints:
            if stopped:
                print(f"\nStopped at step {self.completed_steps}; nothing saved "
                      "(with --checkpoint_dir, a run can be resumed).")
            return
        saved_before = self.checkpoints.saved_step
        path = self.checkpoints.save(self.sess, self.completed_steps)
        if stopped:
            print(f"\nStopped at step {self.completed_steps}; checkpoint saved to {path}. "
                  "Run the same command again to resume.")
        elif self.completed_steps != saved_before or self.completed_steps > self.first_step:
            print(f"Checkpoint saved to {path}")

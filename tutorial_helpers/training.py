"""TensorBoard and checkpoints around mnist_deep.py's training loop.

`Training` writes the graph and the learning curves for TensorBoard, saves checkpoints
(every N steps, at the end, and on Ctrl-C) and resumes from one, step count and Adam's
state included. On a terminal it also shows how far the run is (`progress`).
"""

import os
import signal
import threading

import tensorflow.compat.v1 as tf

from tutorial_helpers.cli import ScriptError, positive_int
from tutorial_helpers.progress import Progress

CHECKPOINT_NAME = "model.ckpt"


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


def restore(saver, sess, path, directory):
    """Restores a checkpoint; one that does not fit this graph or is damaged is an error."""
    try:
        saver.restore(sess, path)
    except (tf.errors.OpError, ValueError) as e:
        reason = str(e).strip().splitlines()[0][:200]
        raise ScriptError(
            f"the checkpoint in {directory} cannot be restored into this network "
            f"({reason}). It is left untouched: use another --checkpoint_dir, or delete "
            "it to start afresh.") from None


def latest_checkpoint(directory):
    """The newest checkpoint in directory, or None; a damaged checkpoint list is an error."""
    listing = os.path.join(directory, "checkpoint")
    if not os.path.exists(listing):
        return None
    state = tf.train.get_checkpoint_state(directory)
    if state is None or not os.path.exists(state.model_checkpoint_path + ".index"):
        raise ScriptError(f"{listing} names no checkpoint that can be read: it is damaged or "
                          "its files are missing. It is left untouched: use another "
                          "--checkpoint_dir, or delete it to start afresh.")
    return state.model_checkpoint_path


class Training:
    """A context around the training loop for TensorBoard, checkpoints and progress.

    On entry it restores the latest checkpoint in --checkpoint_dir, if there is one, and
    writes the graph for TensorBoard; `first_step` is where training goes on from.
    On exit it saves a final checkpoint, also when Ctrl-C stopped the loop. Ctrl-C stops
    the loop between two steps, never inside TensorFlow's code (a second Ctrl-C at once).
    """

    def __init__(self, sess, args, validation_accuracy):
        self.sess = sess
        self.args = args
        self.validation_accuracy = validation_accuracy
        self.first_step = 0
        self.completed_steps = 0
        self.saved_step = None
        self.interrupted = False
        self.previous_handler = None

    def _interrupt(self, signum, frame):
        if self.interrupted:  # pressed twice: stop now
            raise KeyboardInterrupt
        self.interrupted = True

    def __enter__(self):
        args, sess = self.args, self.sess
        if args.checkpoint_dir:
            os.makedirs(args.checkpoint_dir, exist_ok=True)  # fail now, not after training
            self.global_step = tf.Variable(0, trainable=False, name="global_step")
            sess.run(self.global_step.initializer)
            self.saver = tf.train.Saver(max_to_keep=3, save_relative_paths=True)
            self.checkpoint_prefix = os.path.join(args.checkpoint_dir, CHECKPOINT_NAME)
            latest = latest_checkpoint(args.checkpoint_dir)
            if latest:
                restore(self.saver, sess, latest, args.checkpoint_dir)
                self.saver.recover_last_checkpoints(
                    tf.train.get_checkpoint_state(args.checkpoint_dir).all_model_checkpoint_paths)
                self.first_step = self.completed_steps = int(sess.run(self.global_step))
                self.saved_step = self.first_step
                print(f"Resuming from {latest} at step {self.first_step}")
        try:
            self.writer = tf.summary.FileWriter(args.log_dir, sess.graph)
        except tf.errors.OpError as e:
            raise ScriptError(f"cannot write the TensorBoard logs to {args.log_dir}: "
                              f"{e.message}. Choose another --log_dir.") from None
        print("Saving graph to: %s" % args.log_dir)
        self.progress = Progress(self.first_step, args.max_steps).__enter__()
        if threading.current_thread() is threading.main_thread():
            self.previous_handler = signal.signal(signal.SIGINT, self._interrupt)
        return self

    def log(self, step, train_accuracy, loss):
        """Adds the training accuracy and loss of a log step to the TensorBoard curves."""
        self.writer.add_summary(_scalars(**{"train/accuracy": train_accuracy,
                                            "train/loss": loss}), step)

    def step_done(self, step):
        """Called after each training step: validates and saves when it is time to."""
        self.completed_steps = step
        if self.interrupted:
            raise KeyboardInterrupt
        self.progress.update(step)
        if step % self.args.validate_every == 0:
            self.writer.add_summary(
                _scalars(**{"validation/accuracy": self.validation_accuracy(self.sess)}), step)
        if self.args.checkpoint_dir and step % self.args.checkpoint_every == 0:
            self._save()

    def _save(self):
        """Saves a checkpoint of the completed steps, unless one was saved at this step."""
        if self.saved_step != self.completed_steps:
            self.global_step.load(self.completed_steps, self.sess)
            self.saver.save(self.sess, self.checkpoint_prefix, global_step=self.completed_steps)
            self.saved_step = self.completed_steps
        return f"{self.checkpoint_prefix}-{self.saved_step}"

    def __exit__(self, kind, error, traceback):
        if self.previous_handler is not None:
            signal.signal(signal.SIGINT, self.previous_handler)
        self.progress.__exit__(kind, error, traceback)
        self.writer.close()
        interrupted = kind is KeyboardInterrupt
        if kind is not None and not interrupted:
            return False
        if not self.args.checkpoint_dir:
            if interrupted:
                print(f"\nStopped at step {self.completed_steps}; nothing saved "
                      "(with --checkpoint_dir, a run can be resumed).")
            return False
        path = self._save()
        if interrupted:
            print(f"\nStopped at step {self.completed_steps}; checkpoint saved to {path}. "
                  "Run the same command again to resume.")
        elif self.completed_steps > self.first_step:
            print(f"Checkpoint saved to {path}")
        return False

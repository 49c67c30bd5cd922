"""mnist_deep.py's checkpoints: saved whole or not at all, restored with a clear error, and
one run at a time in a --checkpoint_dir.

A save that fails (a full disk, say) leaves no partial file and keeps the newest complete
checkpoint; weights that are no longer numbers (a diverged run) are never saved. The
folder's lock (`checkpoint_folder`) keeps a second run out while this one uses it.
"""

import contextlib
import glob
import os

import tensorflow.compat.v1 as tf

from tutorial_helpers import checkpoint_folder
from tutorial_helpers.checkpoint_folder import latest_checkpoint, listed_checkpoints
from tutorial_helpers.cli import prove_writable
from tutorial_helpers.errors import ScriptError, Stopped, tensorflow_reason

CHECKPOINT_NAME = "model.ckpt"
KEEP = 3  # the newest checkpoints kept; older ones are deleted as new ones are saved


def restore(saver, sess, path, directory):
    """Restores a checkpoint; one that does not fit this graph or is damaged is an error."""
    try:
        saver.restore(sess, path)
    except (tf.errors.OpError, ValueError) as e:
        raise ScriptError(
            f"the checkpoint {path} cannot be restored: it is damaged or holds another "
            f"network ({tensorflow_reason(e)}). It is left untouched: use another "
            "--checkpoint_dir, or delete it to start afresh.") from None


def _temporary_files(directory):
    """The files TensorFlow writes while it saves a checkpoint, before renaming them."""
    return glob.glob(os.path.join(glob.escape(directory), "*.tempstate*"))


class Checkpoints:
    """The checkpoints of one run of `sess` in `directory`, saved every `every` steps,
    with the step count as a variable.

    Create it once the session's variables are initialised. As a context it holds the
    folder's lock; `saved_at_the_end` saves the last step when the loop ends or is
    stopped by a signal.
    """

    def __init__(self, directory, sess, every):
        self.directory, self.sess, self.every = directory, sess, every
        self.prefix = os.path.join(directory, CHECKPOINT_NAME)
        self.global_step = tf.Variable(0, trainable=False, name="global_step")
        self.saver = tf.train.Saver(max_to_keep=KEEP, save_relative_paths=True)
        with tf.name_scope("checks"):
            self.weights_are_numbers = tf.reduce_all(
                [tf.reduce_all(tf.is_finite(v)) for v in tf.trainable_variables()])
        self.saved_step = None
        self.lock = None

    def __enter__(self):
        prove_writable(self.directory, "--checkpoint_dir")  # fail now, not after training
        os.makedirs(self.directory, exist_ok=True)
        self.lock = checkpoint_folder.lock(self.directory)
        for path in _temporary_files(self.directory):  # of saves cut short by a kill: no
            os.remove(path)                           # other run can be writing them now
        return self

    def __exit__(self, *exc):
        self.lock.close()
        return False

    def resume(self):
        """Restores the latest checkpoint, if any; returns the step to go on from (or 0)."""
        self.sess.run(self.global_step.initializer)
        latest = latest_checkpoint(self.directory)
        if not latest:
            return 0
        restore(self.saver, self.sess, latest, self.directory)
        # Only these are pruned as new ones are saved: never files outside the folder.
        self.saver.recover_last_checkpoints(listed_checkpoints(self.directory))
        self.saved_step = int(self.sess.run(self.global_step))
        print(f"Resuming from {latest} at step {self.saved_step}")
        return self.saved_step

    def kept(self):
        """A sentence naming the newest complete checkpoint, after a space."""
        latest = latest_checkpoint(self.directory)
        return f" The newest complete checkpoint, {latest}, is kept." if latest else \
            " No checkpoint was saved before."

    def save_if_due(self, step):
        if step % self.every == 0:
            self.save(step)

    @contextlib.contextmanager
    def saved_at_the_end(self, loop):
        """Within: the training loop; after it (ended, or stopped by a signal), the model
        at `loop.completed_steps` is saved, and where said. Not after another error."""
        try:
            yield
        except (Stopped, KeyboardInterrupt):
            path = self.save(loop.completed_steps)
            print(f"\nStopped at step {loop.completed_steps}; checkpoint saved to {path}. "
                  "Run the same command again to resume.")
            raise
        saved_before = self.saved_step
        path = self.save(loop.completed_steps)
        if loop.completed_steps != saved_before or loop.completed_steps > loop.first_step:
            print(f"Checkpoint saved to {path}")

    def save(self, step):
        """Saves the model after `step` steps (unless saved there already); returns its path.

        Weights that are not numbers are refused; a failed save leaves no partial file.
        """
        path = f"{self.prefix}-{step}"
        if self.saved_step == step:
            return path
        if not self.sess.run(self.weights_are_numbers):
            raise ScriptError(f"the weights are no longer numbers (NaN or infinite) at step "
                              f"{step}: the training diverged; lower --learning_rate."
                              f"{self.kept()}")
        try:
            self.global_step.load(step, self.sess)
            self.saver.save(self.sess, self.prefix, global_step=step)
        except tf.errors.OpError as e:
            self._remove_partial_files(step)
            raise ScriptError(f"cannot save the checkpoint of step {step} in {self.directory}: "
                              f"{tensorflow_reason(e)}.{self.kept()[:-1]}; make room and run "
                              "the same command again to resume from it.") from None
        except BaseException:  # a second Ctrl-C during the save
            self._remove_partial_files(step)
            raise
        self.saved_step = step
        return path

    def _remove_partial_files(self, step):
        """Removes what a failed save of `step` left: temporary files, and the checkpoint's
        own files unless the checkpoint list already names it (it is then complete)."""
        latest = latest_checkpoint(self.directory)
        partial = _temporary_files(self.directory)
        if not latest or os.path.abspath(latest) != os.path.abspath(f"{self.prefix}-{step}"):
            partial += glob.glob(glob.escape(f"{self.prefix}-{step}.") + "*")
        for path in partial:
            if os.path.exists(path):
                os.remove(path)

"""The shape of the code (issue: one job per module): the training loop's pieces compose,
errors are told in one place, and tf1_compat's tables are records that match what they
stand in for."""

import argparse
import inspect
import os
import re
import signal

import pytest

from conftest import ROOT
from tf1_compat import records


def tf_v1():
    import tensorflow.compat.v1 as tf
    tf.disable_eager_execution()
    return tf


class Writer:
    """Stands in for the FileWriter: records that it was closed."""
    closed = False

    def close(self):
        self.closed = True


def test_a_piece_failing_on_entry_leaves_what_the_earlier_ones_took(tmp_path, monkeypatch):
    tf = tf_v1()
    from tutorial_helpers import checkpoint_folder, progress, training

    def broken_terminal(self):
        raise OSError("the terminal went away")
    monkeypatch.setattr(progress.Progress, "__enter__", broken_terminal)
    folder = str(tmp_path / "checkpoints")
    args = argparse.Namespace(checkpoint_dir=folder, checkpoint_every=10, validate_every=10,
                              learning_rate=0.1, max_steps=20, new_log_folders=[])
    writer, before = Writer(), signal.getsignal(signal.SIGTERM)
    with tf.Graph().as_default(), tf.Session() as sess:
        tf.Variable(1.0)
        sess.run(tf.global_variables_initializer())
        with pytest.raises(OSError, match="the terminal went away"):
            with training.managed_loop(sess, args, writer, lambda: 0.5):
                pass
    assert writer.closed
    assert signal.getsignal(signal.SIGTERM) == before
    with checkpoint_folder.lock(folder) as lock:  # the folder was unlocked again
        assert open(lock.name).read() == str(os.getpid())


PRINTS_ERROR = re.compile(r"""print\(f?["']error:|sys\.exit\(""")


def test_only_cli_run_tells_errors_and_picks_exit_statuses():
    places = []
    for folder in ("tutorial_helpers", "mnist_files"):
        for name in sorted(os.listdir(os.path.join(ROOT, folder))):
            if name.endswith(".py") and name != "cli.py":
                with open(os.path.join(ROOT, folder, name)) as f:
                    places += [f"{folder}/{name}" for line in f if PRINTS_ERROR.search(line)]
    for name in ("input_data.py", "mnist_softmax.py", "mnist_deep.py"):
        with open(os.path.join(ROOT, name)) as f:
            places += [name for line in f if PRINTS_ERROR.search(line)]
    assert places == []


def stand_in_rows():
    tables = [records.load(name) for name in sorted(os.listdir(records.TABLES_DIR))
              if name.endswith(".tsv")]
    return [row for table in tables for row in table.rows
            if isinstance(row, records.Alias) and row.original is not None]


def test_each_stand_in_takes_exactly_the_arguments_of_its_original():
    rows = stand_in_rows()
    assert len(rows) >= 28  # tf.contrib.layers' and tf.contrib.slim's layer functions
    for row in rows:
        parameters = list(inspect.signature(records.resolve(row.new)).parameters)
        assert parameters == list(row.original), row.old
        assert set(row.ignores) <= set(row.original), row.old


def test_the_numpy_table_covers_every_name_numpy_removed():
    """The authoritative list: NumPy's own table of the names 2.0 removed, and of the
    aliases of Python's types 1.24 removed."""
    import numpy
    from numpy import _expired_attrs_2_0
    from tf1_compat.libraries import numpy_names
    removed = set(_expired_attrs_2_0.__expired_attributes__) | set(numpy.__former_attrs__)
    covered = {row.old[len("np."):] for row in numpy_names.NAMES.rows}
    assert removed - covered - set(numpy_names.LEFT_TO_NUMPY) == set()
    assert not covered & set(numpy_names.LEFT_TO_NUMPY)
    for name in numpy_names.LEFT_TO_NUMPY:  # NumPy's own message says what to use
        with pytest.raises(AttributeError):
            getattr(numpy, name)

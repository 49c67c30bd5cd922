"""RNN cells as TensorFlow 0.x and 1.0 code uses them.

Until TensorFlow 0.12, `BasicLSTMCell` and `LSTMCell` defaulted to `state_is_tuple=False`:
their state was one [batch, 2 * units] tensor, c and h side by side, and 2016 notebooks
feed such a placeholder as the initial state. Today's default is a (c, h) tuple, on which
that code ends in "Iterating over a symbolic tf.Tensor is not allowed". These cells take
the 2016 default when the state they are given is one tensor.

Until TensorFlow 1.0, `MultiRNNCell([cell] * 2)` stacked two layers from one cell object,
each with weights of its own; today one object is one layer, whose weights cannot fit the
second layer's inputs ("Dimensions must be equal"). `MultiRNNCell` makes each repeat of a
cell a new cell of the same configuration.
"""

import tensorflow.compat.v1 as tf


def _taking_one_state_tensor(cell_class):
    class Cell(cell_class):
        def __call__(self, inputs, state, *args, **kwargs):
            if self._state_is_tuple and not isinstance(state, (tuple, list)):
                self._state_is_tuple = False  # the TF <= 0.11 default, as the state shows
            return super().__call__(inputs, state, *args, **kwargs)
    Cell.__name__ = Cell.__qualname__ = cell_class.__name__
    Cell.__doc__ = (f"tf.nn.rnn_cell.{cell_class.__name__}, which also takes the one "
                    "[batch, 2 * units] state tensor of TF 0.11 (state_is_tuple=False).")
    return Cell


def __getattr__(name):
    """BasicLSTMCell and LSTMCell, made on first use: Keras 2's cells exist only where
    tf.keras is Keras 2 (TF1 code), and this module is read elsewhere too (its tests)."""
    if name not in ("BasicLSTMCell", "LSTMCell"):
        raise AttributeError(name)
    cell = _taking_one_state_tensor(getattr(tf.nn.rnn_cell, name))
    globals()[name] = cell
    return cell


def _fresh(cell):
    """A new cell of the same class and configuration as `cell`, with weights of its own."""
    config = dict(cell.get_config())
    config.pop("name", None)
    return type(cell).from_config(config)


def MultiRNNCell(cells, state_is_tuple=True):  # noqa: N802  (TensorFlow's own name)
    """tf.nn.rnn_cell.MultiRNNCell, with each repeat of one cell object (TF 1.0's
    `[cell] * n`) made a layer of its own."""
    seen, layers = set(), []
    for cell in cells:
        layers.append(_fresh(cell) if id(cell) in seen else cell)
        seen.add(id(cell))
    return tf.nn.rnn_cell.MultiRNNCell(layers, state_is_tuple=state_is_tuple)

"""LSTM cells that also take the state of TensorFlow 0.11 and before: one tensor.

Until TensorFlow 0.12, `BasicLSTMCell` and `LSTMCell` defaulted to `state_is_tuple=False`:
their state was one [batch, 2 * units] tensor, c and h side by side, and 2016 notebooks
feed such a placeholder as the initial state. Today's default is a (c, h) tuple, on which
that code ends in "Iterating over a symbolic tf.Tensor is not allowed". These cells take
the 2016 default when the state they are given is one tensor.
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


BasicLSTMCell = _taking_one_state_tensor(tf.nn.rnn_cell.BasicLSTMCell)
LSTMCell = _taking_one_state_tensor(tf.nn.rnn_cell.LSTMCell)

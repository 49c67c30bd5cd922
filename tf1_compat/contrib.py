"""The thin parts of tf.contrib (removed in TensorFlow 2.0) that old MNIST programs use.

Each entry maps an old name to what TensorFlow 2 (with tf_keras) still has, or to a small
wrapper in contrib_layers or contrib_eager where contrib's defaults differ. The rest of
tf.contrib raises `removed.Removed` with one line; `removed.REMOVED` names replacements.
"""

import tensorflow.compat.v1 as tf

import input_data
from tf1_compat import contrib_eager, contrib_layers as layers

# The layer functions of tf.contrib.layers, also found under tf.contrib.slim.
LAYERS = {
    "xavier_initializer": layers.xavier_initializer,
    "xavier_initializer_conv2d": layers.xavier_initializer,
    "variance_scaling_initializer": layers.variance_scaling_initializer,
    "l1_regularizer": layers.l1_regularizer,
    "l2_regularizer": layers.l2_regularizer,
    "fully_connected": layers.fully_connected,
    "linear": layers.linear,
    "conv2d": layers.conv2d,
    "max_pool2d": layers.max_pool2d,
    "avg_pool2d": layers.avg_pool2d,
    "flatten": layers.flatten,
    "dropout": layers.dropout,
    "batch_norm": layers.batch_norm,
    "one_hot_encoding": layers.one_hot_encoding,
}

# Old name: what it is on TensorFlow 2 under tf1.py.
NAMES = {
    **{f"tf.contrib.layers.{name}": value for name, value in LAYERS.items()},
    **{f"tf.contrib.slim.{name}": value for name, value in LAYERS.items()},
    "tf.contrib.slim.arg_scope": layers.arg_scope,
    "tf.contrib.framework.arg_scope": layers.arg_scope,
    "tf.contrib.framework.add_arg_scope": layers.add_arg_scope,
    "tf.contrib.framework.current_arg_scope": layers.current_arg_scope,
    "tf.contrib.framework.get_or_create_global_step": tf.train.get_or_create_global_step,
    "tf.contrib.framework.get_global_step": tf.train.get_global_step,
    "tf.contrib.rnn.RNNCell": tf.nn.rnn_cell.RNNCell,
    "tf.contrib.rnn.BasicRNNCell": tf.nn.rnn_cell.BasicRNNCell,
    "tf.contrib.rnn.BasicLSTMCell": tf.nn.rnn_cell.BasicLSTMCell,
    "tf.contrib.rnn.LSTMCell": tf.nn.rnn_cell.LSTMCell,
    "tf.contrib.rnn.GRUCell": tf.nn.rnn_cell.GRUCell,
    "tf.contrib.rnn.MultiRNNCell": tf.nn.rnn_cell.MultiRNNCell,
    "tf.contrib.rnn.DropoutWrapper": tf.nn.rnn_cell.DropoutWrapper,
    "tf.contrib.rnn.ResidualWrapper": tf.nn.rnn_cell.ResidualWrapper,
    "tf.contrib.rnn.LSTMStateTuple": tf.nn.rnn_cell.LSTMStateTuple,
    "tf.contrib.rnn.static_rnn": tf.nn.static_rnn,
    "tf.contrib.rnn.static_bidirectional_rnn": tf.nn.static_bidirectional_rnn,
    "tf.contrib.eager.enable_eager_execution": tf.enable_eager_execution,
    "tf.contrib.eager.executing_eagerly": tf.executing_eagerly,
    "tf.contrib.eager.Variable": tf.Variable,
    "tf.contrib.eager.Iterator": iter,
    "tf.contrib.eager.implicit_gradients": contrib_eager.implicit_gradients,
    "tf.contrib.eager.implicit_value_and_gradients": contrib_eager.implicit_value_and_gradients,
    "tf.contrib.eager.Network": contrib_eager.Network,
    "tf.contrib.eager.num_gpus": contrib_eager.num_gpus,
    "tf.contrib.learn.datasets.mnist": input_data,
    "tf.contrib.learn.python.learn.datasets.mnist": input_data,
}

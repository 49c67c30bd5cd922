"""The TF1 namespace old code gets as `tensorflow`: tf.compat.v1 and the old names.

- `api`: the namespace itself, built by `modules` from the tables in `../tables/`.
- `renamed`: the TF 0.x (2016) names and argument orders.
- `contrib_layers`, `contrib_losses`, `contrib_eager`: the thin parts of tf.contrib.
- `estimator`: tf.estimator, from the tensorflow-estimator package, with what it imports;
  `contrib_learn`: tf.contrib.learn's fit(x, y) models over it.
- `devices`: ops pinned to GPUs the machine lacks run where they can.
- `rnn_cells`: LSTM cells that take TF 0.11's one state tensor.
- `removed`: what cannot run, in one line naming what does the job today.
- `mnist_model`: the model module of TensorFlow's fully_connected_feed.py.
"""

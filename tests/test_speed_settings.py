"""mnist_deep.py's speed settings: in effect, can be turned off, and learn as the plain graph."""

import os

import pytest

from conftest import run_script

SETTINGS = ("import os, mnist_deep; from tensorflow.python.util import _pywrap_util_port; "
            "print(_pywrap_util_port.IsMklEnabled(), os.environ['TF_NUM_INTEROP_THREADS'])")
TURNED_OFF = {"TF_ENABLE_ONEDNN_OPTS": "0", "TF_NUM_INTEROP_THREADS": "0"}

# The tutorial's graph and optimizer, trained 50 seeded steps; prints the test-set loss.
LOSS_AFTER_50_STEPS = """
import input_data, mnist_deep
tf = mnist_deep.tf
tf.disable_v2_behavior()
tf.set_random_seed(0)
mnist = input_data.read_data_sets({data_dir!r}, one_hot=True, seed=0)
x = tf.placeholder(tf.float32, [None, 784])
y_ = tf.placeholder(tf.float32, [None, 10])
y_conv, keep_prob = mnist_deep.deepnn(x)
cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=y_conv))
train_step = tf.train.AdamOptimizer(1e-4).minimize(cross_entropy)
test = {{x: mnist.test.images[:2000], y_: mnist.test.labels[:2000], keep_prob: 1.0}}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(cross_entropy, test))
    for _ in range(50):
        batch = mnist.train.next_batch(50)
        sess.run(train_step, {{x: batch[0], y_: batch[1], keep_prob: 0.5}})
    print(sess.run(cross_entropy, test))
"""


def run_with(settings, *args):
    """Runs python with the tuning variables set to `settings` alone."""
    env = {k: v for k, v in os.environ.items() if k not in TURNED_OFF}
    return run_script(*args, env=dict(env, **settings))


def test_settings_are_in_effect_by_default_and_can_be_turned_off():
    assert run_with({}, "-c", SETTINGS).stdout.split() == ["True", "1"]
    assert run_with(TURNED_OFF, "-c", SETTINGS).stdout.split() == ["False", "0"]


def test_tuned_graph_learns_as_the_plain_graph(mnist_dir):
    code = LOSS_AFTER_50_STEPS.format(data_dir=mnist_dir)
    tuned = [float(v) for v in run_with({}, "-c", code).stdout.split()]
    plain = [float(v) for v in run_with(TURNED_OFF, "-c", code).stdout.split()]
    assert tuned[0] == pytest.approx(plain[0], rel=1e-4)  # the same initial weights
    assert tuned[1] < tuned[0] / 2  # it learns
    assert tuned[1] == pytest.approx(plain[1], rel=1e-2)  # as the plain graph does

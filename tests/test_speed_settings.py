"""mnist_deep.py's speed settings and --mixed_precision: in effect, can be turned off, and
learn as the plain float32 graph does."""

import os

import pytest

from conftest import run_script, run_scripts
from tutorial_helpers import speed

TURNED_OFF = {"TF_ENABLE_ONEDNN_OPTS": "0", "TF_NUM_INTEROP_THREADS": "0"}

# The tutorial's graph and optimizer, trained 50 seeded steps in each precision given:
# prints whether oneDNN is on, the inter-op thread setting, whether TensorFlow's Keras
# brought scikit-learn along (Keras 3 does) and what is left of the Keras setting, then
# for each precision the test-set loss before and after.
LOSS_AFTER_50_STEPS = """
import copy, os, sys, input_data, mnist_deep
from tutorial_helpers import speed
print(speed.onednn_enabled(), os.environ.get('TF_NUM_INTEROP_THREADS', "TensorFlow's"),
      "sklearn" in sys.modules, os.environ.get("TF_USE_LEGACY_KERAS", "unset"))
tf = mnist_deep.tf
tf.disable_v2_behavior()
tf.set_random_seed(0)
mnist = input_data.read_data_sets({data_dir!r}, one_hot=True, seed=0)
x, y_, keep_prob, _, cross_entropy, train_step, _, _ = mnist_deep.build_graph(1e-4)
test = {{x: mnist.test.images[:2000], y_: mnist.test.labels[:2000], keep_prob: 1.0}}
for precision in {precisions!r}:
    train = copy.deepcopy(mnist.train)  # the same batches in each precision
    with tf.Session(config=speed.session_config(precision)) as sess:
        sess.run(tf.global_variables_initializer())  # the same seeded initial weights
        before = sess.run(cross_entropy, test)
        for _ in range(50):
            batch = train.next_batch(50)
            sess.run(train_step, {{x: batch[0], y_: batch[1], keep_prob: 0.5}})
        print(before, sess.run(cross_entropy, test))
"""
# oneDNN runs bfloat16 on CPUs with AVX-512; without AVX512_BF16 or AMX it emulates it.
BFLOAT16_RUNS = bool(({"avx512f"} | set(speed.BFLOAT16_CPU_FLAGS)) & speed.cpu_description()[1])


def environment(settings):
    """This environment with the tuning variables set to `settings` alone (and no Keras
    setting: the scripts choose)."""
    env = {k: v for k, v in os.environ.items()
           if k not in TURNED_OFF and k != "TF_USE_LEGACY_KERAS"}
    return dict(env, **settings)


@pytest.fixture(scope="module")
def loss_runs(mnist_dir):
    """{"tuned": ..., "plain": ...}: (the settings in effect, {precision: [loss before, loss
    after]}) with mnist_deep.py's settings (float32 and, where it runs, bfloat16) and with
    them turned off (float32)."""
    runs = {"tuned": ({}, [None, "bfloat16"] if BFLOAT16_RUNS else [None]),
            "plain": (TURNED_OFF, [None])}
    results = run_scripts(
        *(["-c", LOSS_AFTER_50_STEPS.format(data_dir=mnist_dir, precisions=precisions)]
          for _, precisions in runs.values()),
        envs=[environment(settings) for settings, _ in runs.values()])
    parsed = {}
    for name, result, (_, precisions) in zip(runs, results, runs.values()):
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        parsed[name] = (tuple(lines[0].split()), {
            precision: [float(v) for v in line.split()]
            for precision, line in zip(precisions, lines[1:])})
    return parsed


def test_settings_are_in_effect_by_default_and_can_be_turned_off(loss_runs):
    settings = speed.fast_cpu_settings()  # none where TensorFlow is fastest by itself
    assert set(settings) in ({"TF_ENABLE_ONEDNN_OPTS", "TF_NUM_INTEROP_THREADS"}, set())
    assert loss_runs["tuned"][0][:2] == ("True", settings.get("TF_NUM_INTEROP_THREADS",
                                                            "TensorFlow's"))
    assert loss_runs["plain"][0][:2] == ("False", "0")


def test_the_scripts_load_keras_2_and_leave_the_environment_as_it_was(loss_runs):
    """The lighter Keras while TensorFlow loads (the scripts use none), and nothing left
    for the programs they start."""
    assert loss_runs["tuned"][0][2:] == loss_runs["plain"][0][2:] == ("False", "unset")


def test_tuned_graph_learns_as_the_plain_graph(loss_runs):
    tuned, plain = loss_runs["tuned"][1][None], loss_runs["plain"][1][None]
    assert tuned[0] == pytest.approx(plain[0], rel=1e-4)  # the same initial weights
    assert tuned[1] < tuned[0] / 2  # it learns
    assert tuned[1] == pytest.approx(plain[1], rel=1e-2)  # as the plain graph does


def fast_half_precision():
    try:
        return speed.half_precision()
    except speed.ScriptError:
        return None


@pytest.mark.skipif(not BFLOAT16_RUNS, reason="oneDNN runs bfloat16 only on CPUs with AVX-512")
def test_bfloat16_graph_learns_as_the_float32_one(loss_runs):
    """The rewrite --mixed_precision uses on a CPU. On one without AVX512_BF16 or AMX,
    oneDNN emulates bfloat16 (slowly), so the arithmetic is checked here too."""
    float32, bfloat16 = loss_runs["tuned"][1][None], loss_runs["tuned"][1]["bfloat16"]
    assert bfloat16[0] == pytest.approx(float32[0], rel=1e-2)
    assert bfloat16[1] < bfloat16[0] / 2  # it learns
    assert bfloat16[1] == pytest.approx(float32[1], rel=3e-2)  # as float32 does


def test_mixed_precision_config_turns_on_the_right_rewrite():
    from tensorflow.core.protobuf import rewriter_config_pb2
    on = rewriter_config_pb2.RewriterConfig.ON
    assert speed.session_config(None) is None
    cpu = speed.session_config("bfloat16").graph_options.rewrite_options
    assert cpu.auto_mixed_precision_onednn_bfloat16 == on and cpu.auto_mixed_precision != on
    gpu = speed.session_config("float16").graph_options.rewrite_options
    assert gpu.auto_mixed_precision == on and gpu.auto_mixed_precision_onednn_bfloat16 != on


def test_float16_gets_loss_scaling_and_bfloat16_does_not():
    import tensorflow.compat.v1 as tf
    adam = tf.train.AdamOptimizer(1e-4)
    assert speed.loss_scaled(adam, "bfloat16") is adam and speed.loss_scaled(adam, None) is adam
    scaled = speed.loss_scaled(adam, "float16")
    assert isinstance(scaled, tf.train.experimental.MixedPrecisionLossScaleOptimizer)


@pytest.mark.skipif(fast_half_precision() is not None,
                    reason="this machine has fast half-precision arithmetic")
def test_mixed_precision_without_fast_hardware_stops_with_one_line(mnist_dir):
    result = run_script("mnist_deep.py", "--data_dir", mnist_dir, "--mixed_precision")
    assert result.returncode == 1 and result.stdout == ""  # stopped before training
    assert result.stderr.startswith("error: --mixed_precision: this machine has no fast "
                                    "half-precision arithmetic")
    assert result.stderr.count("\n") == 1


@pytest.mark.skipif(fast_half_precision() is None,
                    reason="this machine has no fast half-precision arithmetic")
def test_mixed_precision_run_learns(mnist_dir, tmp_path):
    result = run_script("mnist_deep.py", "--data_dir", mnist_dir, "--mixed_precision",
                        "--max_steps", "300", "--seed", "0", "--log_dir", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert float(result.stdout.splitlines()[-1].split()[-1]) > 0.90


@pytest.mark.parametrize("flags, settings", [
    ({"avx2", "fma"}, {"TF_ENABLE_ONEDNN_OPTS": "1", "TF_NUM_INTEROP_THREADS": "1"}),
    ({"avx512f", "avx512bw"}, {"TF_ENABLE_ONEDNN_OPTS": "1", "TF_NUM_INTEROP_THREADS": "1"}),
    ({"avx512f", "avx512_vnni", "avx512_bf16"}, {}),  # an AMD EPYC Zen 4 or 5
    ({"avx512f", "amx_bf16", "amx_tile"}, {}),  # an Intel Xeon with AMX
])
def test_settings_only_where_tensorflow_alone_is_slower(monkeypatch, flags, settings):
    monkeypatch.setattr(speed, "cpu_description", lambda: ("a CPU", flags))
    assert speed.fast_cpu_settings() == settings

"""Measures the figures in the README's "Speed" section, in one run. Run it by hand:

    python bench/benchmark.py --data_dir ../shared/mnist

- `read_data_sets(dir, one_hot=True)`: wall time (best of 5) and peak memory (tracemalloc)
  against the size of the arrays it returns.
- `mnist_softmax.py` with its defaults: graph building, 1000 training steps and the test
  evaluation (after the data is loaded).
- The CNN: steady-state ms per training step and images per second (between the
  "step 100" and "step 600" lines) of (a) `mnist_deep.py` exactly as it runs by default and
  (b) the same tutorial graph with TensorFlow's default settings (TF_ENABLE_ONEDNN_OPTS=0,
  the default on CPUs where TensorFlow does not turn oneDNN on by itself, and
  TF_NUM_INTEROP_THREADS=0, TensorFlow's own thread count), run in turns
  a b a b a b so both see the same machine, and the ratio (b)/(a) of each round.
- The GFLOP/s that (a) achieves, against a large float32 matrix product run by TensorFlow
  with (a)'s settings in the same run.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import input_data  # noqa: E402

# FLOPs of one training image: the forward pass, then backward twice that (gradients of
# the inputs and of the weights) but for the first convolution's input gradient.
CONV1 = 28 * 28 * 32 * 5 * 5 * 1 * 2
CONV2 = 14 * 14 * 64 * 5 * 5 * 32 * 2
FC1 = 7 * 7 * 64 * 1024 * 2
FC2 = 1024 * 10 * 2
TRAIN_FLOP_PER_IMAGE = 3 * (CONV1 + CONV2 + FC1 + FC2) - CONV1
BATCH = 50
FIRST_TIMED_STEP, LAST_TIMED_STEP = 100, 600
MATMUL_SIZE = 4096


def bench_read_data_sets(data_dir):
    times = []
    for _ in range(5):
        start = time.perf_counter()
        input_data.read_data_sets(data_dir, one_hot=True)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    data = input_data.read_data_sets(data_dir, one_hot=True)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    returned = sum(d.images.nbytes + d.labels.nbytes for d in data)
    print(f"read_data_sets: {min(times):.2f} s (best of 5, median {statistics.median(times):.2f}"
          f" s); peak memory {peak / 2**20:.0f} MiB = {peak / returned:.2f}x the "
          f"{returned / 2**20:.0f} MiB it returns")


def worker_softmax(data_dir):
    """Times mnist_softmax.main with the data already loaded."""
    import mnist_softmax
    mnist = input_data.read_data_sets(data_dir, one_hot=True, seed=0)
    input_data.read_data_sets = lambda *args, **kwargs: mnist
    sys.argv = ["mnist_softmax.py", "--data_dir", data_dir, "--seed", "0"]  # its defaults
    args = mnist_softmax.parse_args()
    start = time.perf_counter()
    mnist_softmax.main(args)
    print(f"seconds {time.perf_counter() - start:.3f}")


def worker_matmul():
    """GFLOP/s of a large float32 matrix product, with mnist_deep.py's settings."""
    import mnist_deep
    tf = mnist_deep.tf
    tf.disable_v2_behavior()
    a = tf.Variable(tf.random_normal([MATMUL_SIZE, MATMUL_SIZE]))
    product = tf.reduce_sum(tf.matmul(a, a))
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(product)
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            sess.run(product)
            runs.append(time.perf_counter() - start)
    print(f"gflops {2 * MATMUL_SIZE ** 3 / min(runs) / 1e9:.1f}")


def worker_onednn_default():
    """Whether TensorFlow turns oneDNN on by itself on this machine."""
    from tensorflow.python.util import _pywrap_util_port
    print(f"onednn {_pywrap_util_port.IsMklEnabled()}")


def run_worker(name, *args, env=None):
    """Runs a worker in a fresh process; returns the number on its last line."""
    result = subprocess.run([sys.executable, __file__, "--worker", name, *args],
                            capture_output=True, text=True, check=True, cwd=ROOT, env=env)
    return result.stdout.split()[-1]


# (b): TensorFlow's own choices, in place of what mnist_deep.py sets (tutorial_helpers/speed.py).
PLAIN_SETTINGS = {"TF_ENABLE_ONEDNN_OPTS": "0", "TF_NUM_INTEROP_THREADS": "0"}


def time_cnn(data_dir, log_dir, settings):
    """ms per step of mnist_deep.py, from the times its step lines are printed."""
    env = {k: v for k, v in os.environ.items() if k not in PLAIN_SETTINGS}
    env.update(settings, PYTHONUNBUFFERED="1")
    process = subprocess.Popen(
        [sys.executable, "mnist_deep.py", "--data_dir", data_dir, "--log_dir", log_dir,
         "--max_steps", str(LAST_TIMED_STEP + 1)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    stamps = {}
    for line in process.stdout:
        if line.startswith("step "):
            stamps[int(line.split()[1].rstrip(","))] = time.perf_counter()
    if process.wait() != 0:
        sys.exit("mnist_deep.py failed")
    seconds = stamps[LAST_TIMED_STEP] - stamps[FIRST_TIMED_STEP]
    return 1000 * seconds / (LAST_TIMED_STEP - FIRST_TIMED_STEP)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--data_dir", default="MNIST_data", help="the four MNIST files")
    parser.add_argument("--rounds", type=int, default=3, help="turns of (a) and (b)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    data_dir = os.path.abspath(args.data_dir)
    if args.worker:
        workers = {"softmax": lambda: worker_softmax(data_dir), "matmul": worker_matmul,
                   "onednn-default": worker_onednn_default}
        return workers[args.worker]()

    bench_read_data_sets(data_dir)
    print(f"mnist_softmax.py, default flags: {float(run_worker('softmax', '--data_dir', data_dir)):.2f} s "
          "for graph building, 1000 steps and the test evaluation")
    untuned = {k: v for k, v in os.environ.items() if k not in PLAIN_SETTINGS}
    print(f"TensorFlow turns oneDNN on by itself here: "
          f"{run_worker('onednn-default', env=untuned)}")
    tuned, plain = [], []
    with tempfile.TemporaryDirectory() as log_dir:
        for round_number in range(args.rounds):
            tuned.append(time_cnn(data_dir, log_dir, {}))
            plain.append(time_cnn(data_dir, log_dir, PLAIN_SETTINGS))
            print(f"  round {round_number + 1}: (a) {tuned[-1]:.1f} ms/step, "
                  f"(b) {plain[-1]:.1f} ms/step", flush=True)
    a, b = statistics.median(tuned), statistics.median(plain)
    print(f"(a) mnist_deep.py as it runs by default: {a:.1f} ms/step, {1000 * BATCH / a:.0f} images/s")
    print(f"(b) plain tutorial graph, TensorFlow defaults: {b:.1f} ms/step, {1000 * BATCH / b:.0f} images/s")
    ratios = sorted(p / t for p, t in zip(plain, tuned))
    print(f"speed-up (b)/(a): {statistics.median(ratios):.2f}x (median of the rounds; "
          f"{ratios[0]:.2f}x to {ratios[-1]:.2f}x)")
    achieved = TRAIN_FLOP_PER_IMAGE * BATCH / (a / 1000) / 1e9
    peak = float(run_worker("matmul"))
    print(f"(a) achieves {achieved:.0f} GFLOP/s ({TRAIN_FLOP_PER_IMAGE * BATCH / 1e9:.2f} GFLOP per "
          f"step) = {achieved / peak:.0%} of a {MATMUL_SIZE}x{MATMUL_SIZE} float32 matmul "
          f"({peak:.0f} GFLOP/s)")


if __name__ == "__main__":
    main()

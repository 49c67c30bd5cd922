"""Measures the figures of docs/speed.md, in one run, on whatever machine it
runs (about 5 minutes on 2 cores); run it by hand, never as a test.

    python bench/benchmark.py --data_dir MNIST_data

- The machine: CPU model, cores, whether TensorFlow turns oneDNN on by itself here, whether
  the CPU does bfloat16 in hardware (AVX512_BF16 or AMX).
- `read_data_sets(dir, one_hot=True)`: wall time (best of 5) and peak memory (tracemalloc)
  against the size of the arrays it returns.
- `mnist_softmax.py` with its defaults: graph building, 1000 training steps and the test
  evaluation (after the data is loaded).
- The machine's limits: the speed of a large float32 matrix product run by TensorFlow with
  (a)'s settings (GFLOP/s), and its memory bandwidth, from a STREAM-like triad in NumPy on
  every core (GB/s).
- Where one CNN training step's time goes: the op types of (a) by time, from traced steps
  (`RunMetadata`), the cost of a validation pass, and the limit a step's FLOPs set; then
  each big op (a node of the graph) with the GFLOP/s it achieves against the matmul's (a
  convolution or matrix product) or the GB/s it moves against the triad's (everything
  else: Adam's updates, ReLU, pooling, dropout), so a reader sees which part is near its
  limit and which is not.
- The CNN: steady-state ms per training step (between the "step 100" and "step 600" lines)
  of (a) `mnist_deep.py` as it runs by default, (b) the same script with TensorFlow's own
  defaults on this machine (oneDNN as TensorFlow chooses here, TensorFlow's own inter-op
  thread count), and (c) `mnist_deep.py --mixed_precision` where the machine supports it;
  run in turns a b c a b c ... so all see the same machine, with the ratios of each round.

With `--lever VAR=VALUE`, it only times (a) against (a) with those environment variables:
how the levers in docs/speed.md were tried.
"""

import argparse
import collections
import math
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
from tutorial_helpers import flags, speed  # noqa: E402
from tutorial_helpers.errors import ScriptError  # noqa: E402
from tutorial_helpers.evaluation import batched_accuracy  # noqa: E402

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
TRACED_STEPS = 5
TOP_OPS = 10
TOP_NODES = 12
TRIAD_ELEMENTS = 2**24  # float64: 128 MiB an array, far beyond any cache
# Op types that compute (FLOPs against the matmul's speed); the rest move memory.
COMPUTING = {"Conv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter", "MatMul",
             "_MklConv2D", "_MklNativeConv2D", "_MklNativeConv2DBackpropInput",
             "_MklNativeConv2DBackpropFilter", "_MklMatMul", "_MklNativeMatMul",
             "_FusedConv2D", "_MklNativeFusedConv2D", "_MklFusedConv2D", "_FusedMatMul",
             "_MklNativeFusedMatMul", "_MklFusedMatMul"}
SETTINGS = ("TF_ENABLE_ONEDNN_OPTS", "TF_NUM_INTEROP_THREADS")


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
    args = flags.softmax(mnist_softmax.__doc__, argv=["--data_dir", data_dir, "--seed", "0"])
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


def worker_triad():
    """GB/s of a STREAM-like triad, a = b + 3 * c, over float64 arrays, a thread per core
    (NumPy lets go of the GIL in its loops), best of 5. Done in two passes (a = 3 * c,
    a += b) so that no temporary array is made; counted as the bytes those move, 40 an
    element (STREAM's one pass would move 24)."""
    import threading

    import numpy
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    a, b, c = (numpy.full(TRIAD_ELEMENTS, value) for value in (0.0, 1.0, 2.0))
    parts = numpy.array_split(numpy.arange(TRIAD_ELEMENTS), cores)

    def triad(part):
        start, stop = part[0], part[-1] + 1
        numpy.multiply(c[start:stop], 3.0, out=a[start:stop])
        numpy.add(a[start:stop], b[start:stop], out=a[start:stop])
    runs = []
    for _ in range(5):
        threads = [threading.Thread(target=triad, args=(part,)) for part in parts]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        runs.append(time.perf_counter() - start)
    assert (a == 7.0).all()
    print(f"gbs {40 * TRIAD_ELEMENTS / min(runs) / 1e9:.1f}")


def size(shape):
    """The number of elements of a shape (0 if it is not known)."""
    return math.prod(shape) if shape is not None else 0


def _shape(tensor, traced):
    """A tensor's shape in the traced step; else its static one, the batch as BATCH."""
    shape = traced.get((tensor.op.name, tensor.value_index))
    if shape is None and tensor.shape.rank is not None:
        shape = [BATCH if d is None else d for d in tensor.shape.as_list()]
    return shape


def _computing_op(op):
    """The convolution or matrix product an op computes: itself, or for one that oneDNN
    fused with it (conv1/Relu runs as a fused Conv2D + BiasAdd + Relu), the one a
    step or two up its inputs."""
    waiting = [(op, 0)]
    while waiting:
        candidate, depth = waiting.pop(0)
        if candidate.type in ("Conv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter",
                              "MatMul"):
            return candidate
        if depth < 2:
            waiting += [(t.op, depth + 1) for t in candidate.inputs]
    return None


def node_work(op, kind, traced):
    """(FLOPs, bytes) of one run of `op`, which ran as `kind`: the multiply-adds of a
    convolution or matrix product (counted twice, as FLOPs are); for the rest, the bytes
    of its inputs and outputs (Adam's update reads the variable, its two moments and the
    gradient, and writes the first three: 28 bytes a float32 parameter)."""
    computing = _computing_op(op) if kind in COMPUTING or op.type in COMPUTING else None
    if computing is not None:
        inputs = [_shape(t, traced) for t in computing.inputs]
        output = _shape(computing.outputs[0], traced)
        if computing.type == "Conv2D":  # input [n, h, w, c_in], filter [kh, kw, c_in, c_out]
            return 2 * size(output) * size(inputs[1][:3]), 0
        if computing.type == "Conv2DBackpropInput":  # the input's gradient: as a convolution
            return 2 * size(output) * size(inputs[1][:2]) * inputs[1][3], 0
        if computing.type == "Conv2DBackpropFilter":  # filter [kh, kw, c_in, c_out]; input
            return 2 * size(output) * size(inputs[0][:3]), 0
        inner = inputs[0][0] if computing.get_attr("transpose_a") else inputs[0][1]
        return 2 * size(output) * inner, 0
    shapes = [_shape(t, traced) for t in list(op.inputs) + list(op.outputs)]
    if op.type in ("ApplyAdam", "ResourceApplyAdam"):
        return 0, 28 * size(_shape(op.inputs[-1], traced))
    return 0, 4 * sum(size(shape) for shape in shapes)


def worker_profile(data_dir, precision):
    """Per op type, the ms of a training step of mnist_deep.py's graph, from traced steps;
    then the ms of one validation pass (5000 images, 1000 at a time)."""
    import mnist_deep
    tf = mnist_deep.tf
    tf.disable_v2_behavior()
    mnist = input_data.read_data_sets(data_dir, one_hot=True, seed=0)
    precision = None if precision == "float32" else precision
    graph = mnist_deep.build_graph(1e-4, precision)
    x, y_, keep_prob = graph.x, graph.y_, graph.keep_prob
    with tf.Session(config=speed.session_config(precision)) as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(50):  # warm up
            batch = mnist.train.next_batch(BATCH)
            sess.run(graph.train_step, {x: batch[0], y_: batch[1], keep_prob: 0.5})
        per_op, per_node, kinds = collections.Counter(), collections.Counter(), {}
        traced = {}  # (node, output) -> shape, as the traced steps ran them
        options = tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE)
        for _ in range(TRACED_STEPS):
            batch = mnist.train.next_batch(BATCH)
            metadata = tf.RunMetadata()
            sess.run(graph.train_step, {x: batch[0], y_: batch[1], keep_prob: 0.5},
                     options=options, run_metadata=metadata)
            for device in metadata.step_stats.dev_stats:
                for node in device.node_stats:
                    op = node.timeline_label.split(" = ")[-1].split("(")[0] or node.node_name
                    ms = (node.op_end_rel_micros - node.op_start_rel_micros) / 1000
                    per_op[op] += ms
                    per_node[node.node_name] += ms
                    kinds[node.node_name] = op
                    for output in node.output:
                        dims = [d.size for d in output.tensor_description.shape.dim]
                        traced[(node.node_name, output.slot)] = dims
        for op, ms in per_op.most_common():
            print(f"op {op} {ms / TRACED_STEPS:.3f}")
        operations = {op.name: op for op in sess.graph.get_operations()}
        for name, ms in per_node.most_common(TOP_NODES):
            if name in operations:
                flops, moved = node_work(operations[name], kinds[name], traced)
                print(f"node {name} {kinds[name]} {ms / TRACED_STEPS:.4f} {flops} {moved}")
        start = time.perf_counter()
        batched_accuracy(sess, graph.correct_prediction, (x, y_, keep_prob), mnist.validation)
        print(f"validation {1000 * (time.perf_counter() - start):.1f}")


def worker_machine():
    """Whether TensorFlow turns oneDNN on by itself, and whether --mixed_precision runs."""
    try:
        precision = speed.half_precision()
    except ScriptError:
        precision = "none"
    print(f"onednn {speed.onednn_enabled()} precision {precision}")


def run_worker(name, *args, env=None):
    """Runs a worker in a fresh process; returns its stdout."""
    result = subprocess.run([sys.executable, __file__, "--worker", name, *args],
                            capture_output=True, text=True, check=True, cwd=ROOT, env=env)
    return result.stdout


def environment(**settings):
    """The environment without our speed variables, plus `settings`."""
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS}
    env.update(settings, PYTHONUNBUFFERED="1")
    return env


def time_cnn(data_dir, log_dir, env, *flags):
    """ms per step of mnist_deep.py, from the times its step lines are printed."""
    process = subprocess.Popen(
        [sys.executable, "mnist_deep.py", "--data_dir", data_dir, "--log_dir", log_dir,
         "--max_steps", str(LAST_TIMED_STEP + 1), *flags],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    stamps = {}
    for line in process.stdout:
        if line.startswith("step "):
            stamps[int(line.split()[1].rstrip(","))] = time.perf_counter()
    if process.wait() != 0:
        sys.exit("mnist_deep.py failed")
    seconds = stamps[LAST_TIMED_STEP] - stamps[FIRST_TIMED_STEP]
    return 1000 * seconds / (LAST_TIMED_STEP - FIRST_TIMED_STEP)


def run_rounds(runs, data_dir, rounds):
    """ms per step of each run {name: (flags, environment)}, in turns, `rounds` times."""
    times = {name: [] for name in runs}
    with tempfile.TemporaryDirectory() as log_dir:
        for round_number in range(rounds):
            for name, (script_flags, env) in runs.items():
                times[name].append(time_cnn(data_dir, log_dir, env, *script_flags))
            print(f"  round {round_number + 1}: " + ", ".join(
                f"({name}) {times[name][-1]:.1f} ms/step" for name in runs), flush=True)
    return times


def print_ratio(times, slower, faster):
    ratios = sorted(s / f for s, f in zip(times[slower], times[faster]))
    print(f"speed-up ({slower})/({faster}): {statistics.median(ratios):.2f}x (median of "
          f"the rounds; {ratios[0]:.2f}x to {ratios[-1]:.2f}x)")


def compare_levers(data_dir, levers, rounds):
    """(a) against (a) with other environment variables: a lever tried on this machine."""
    runs = {"a": ((), environment())}
    for number, lever in enumerate(levers, 1):
        settings = dict(setting.split("=", 1) for setting in lever.split(","))
        runs[f"a{number}"] = ((), environment(**settings))
        print(f"(a{number}) = (a) with {lever}")
    times = run_rounds(runs, data_dir, rounds)
    for name in runs:
        if name != "a":
            print_ratio(times, name, "a")


def print_nodes(lines, peak_gflops, bandwidth):
    """Each big op of the traced step against its limit: a computing op's GFLOP/s against
    the matmul's, the others' GB/s against the triad's."""
    print(f"  The {TOP_NODES} slowest ops (graph nodes, adam_optimizer/ left off their "
          f"names), each against its limit ({peak_gflops:.0f} GFLOP/s, {bandwidth:.1f} GB/s):")
    for line in lines:
        _, name, kind, ms, flops, moved = line.split()
        ms, flops, moved = float(ms), int(flops), int(moved)
        if flops:
            achieved = flops / (ms / 1000) / 1e9
            against = f"{achieved:6.1f} GFLOP/s = {achieved / peak_gflops:4.0%} of the matmul's"
        elif moved:
            achieved = moved / (ms / 1000) / 1e9
            against = f"{achieved:6.1f} GB/s    = {achieved / bandwidth:4.0%} of the triad's"
        else:
            against = "(no size known)"
        name = name.removeprefix("adam_optimizer/")
        print(f"    {name[-50:]:<50} {kind[:30]:<30} {ms:6.2f} ms  {against}")


def print_profile(data_dir, precision, peak_gflops, bandwidth):
    """The traced step's top op types, the validation pass, the FLOP limit and the big
    ops against their limits."""
    lines = run_worker("profile", "--data_dir", data_dir, "--precision", precision,
                       env=environment()).splitlines()
    per_op = [(line.split()[1], float(line.split()[2])) for line in lines if line.startswith("op ")]
    total = sum(ms for _, ms in per_op)
    print(f"One traced training step of (a), {precision}, by op type (mean of {TRACED_STEPS} "
          f"steps; tracing adds its own cost): {total:.1f} ms of op time")
    for op, ms in per_op[:TOP_OPS]:
        print(f"  {op:<40}{ms:7.2f} ms  {ms / total:5.1%}")
    others = sum(ms for _, ms in per_op[TOP_OPS:])
    print(f"  {'all other op types':<40}{others:7.2f} ms  {others / total:5.1%}")
    validation = float(lines[-1].split()[-1])
    print(f"  a validation pass (5000 images, every 1000 steps): {validation:.0f} ms")
    limit = TRAIN_FLOP_PER_IMAGE * BATCH / (peak_gflops * 1e9) * 1000
    print(f"  FLOP limit: {TRAIN_FLOP_PER_IMAGE * BATCH / 1e9:.2f} GFLOP per step at "
          f"{peak_gflops:.0f} GFLOP/s (a {MATMUL_SIZE}x{MATMUL_SIZE} float32 matmul) = "
          f"{limit:.1f} ms per step")
    print_nodes([line for line in lines if line.startswith("node ")], peak_gflops, bandwidth)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--data_dir", default="MNIST_data", help="the four MNIST files")
    parser.add_argument("--rounds", type=int, default=3, help="turns of (a), (b) and (c)")
    parser.add_argument("--lever", action="append", metavar="VAR=VALUE[,VAR=VALUE]",
                        help="instead of the whole benchmark, time (a) against (a) with these "
                             "environment variables, in turns (repeat for more)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--precision", default="float32", help=argparse.SUPPRESS)
    args = parser.parse_args()
    data_dir = os.path.abspath(args.data_dir)
    if args.worker:
        workers = {"softmax": lambda: worker_softmax(data_dir), "matmul": worker_matmul,
                   "machine": worker_machine, "triad": worker_triad,
                   "profile": lambda: worker_profile(data_dir, args.precision)}
        return workers[args.worker]()
    if args.lever:
        return compare_levers(data_dir, args.lever, args.rounds)

    model, _ = speed.cpu_description()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    machine = run_worker("machine", env=environment()).split()
    onednn_default, precision = machine[1] == "True", machine[-1]
    print(f"CPU: {model}, {cores} cores; bfloat16 in hardware: {speed.cpu_has_bfloat16()}; "
          f"TensorFlow turns oneDNN on by itself here: {onednn_default}; "
          f"--mixed_precision: {precision}")
    bench_read_data_sets(data_dir)
    print(f"mnist_softmax.py, default flags: "
          f"{float(run_worker('softmax', '--data_dir', data_dir).split()[-1]):.2f} s "
          "for graph building, 1000 steps and the test evaluation")
    peak = float(run_worker("matmul", env=environment()).split()[-1])
    bandwidth = float(run_worker("triad").split()[-1])
    print(f"Limits: {peak:.0f} GFLOP/s (a {MATMUL_SIZE}x{MATMUL_SIZE} float32 matmul), "
          f"{bandwidth:.1f} GB/s of memory bandwidth (a triad in NumPy on {cores} cores)")
    print_profile(data_dir, "float32", peak, bandwidth)
    if precision != "none":
        print_profile(data_dir, precision, peak, bandwidth)

    runs = {"a": ((), environment()),
            "b": ((), environment(TF_ENABLE_ONEDNN_OPTS=str(int(onednn_default)),
                                  TF_NUM_INTEROP_THREADS="0"))}
    if precision != "none":
        runs["c"] = (("--mixed_precision",), environment())
    times = run_rounds(runs, data_dir, args.rounds)
    labels = {"a": "mnist_deep.py as it runs by default",
              "b": "the same, TensorFlow's own defaults here",
              "c": f"mnist_deep.py --mixed_precision ({precision})"}
    for name in runs:
        ms = statistics.median(times[name])
        print(f"({name}) {labels[name]}: {ms:.1f} ms/step, {1000 * BATCH / ms:.0f} images/s")
    for slower, faster in (("b", "a"), ("a", "c")):
        if slower in runs and faster in runs:
            print_ratio(times, slower, faster)
    achieved = TRAIN_FLOP_PER_IMAGE * BATCH / (statistics.median(times["a"]) / 1000) / 1e9
    print(f"(a) achieves {achieved:.0f} GFLOP/s = {achieved / peak:.0%} of the {MATMUL_SIZE}x"
          f"{MATMUL_SIZE} float32 matmul ({peak:.0f} GFLOP/s)")


if __name__ == "__main__":
    main()

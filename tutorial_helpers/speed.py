"""Speed for mnist_deep.py: CPU settings that train the CNN faster, and --mixed_precision.

The CPU settings are environment defaults, set before TensorFlow loads, and only on CPUs
where TensorFlow's own defaults are slower. Mixed precision is
opt-in: it does the arithmetic inside the layers in 16 bits where the machine has fast
hardware for it (bfloat16 on CPUs with AVX512_BF16 or AMX, through oneDNN; float16 on
NVIDIA GPUs with tensor cores), through one of TensorFlow's Grappler graph rewrites. The
variables, the loss and Adam's state stay float32.
"""

import os
import platform

from tutorial_helpers.errors import ScriptError

BFLOAT16_CPU_FLAGS = ("avx512_bf16", "amx_bf16")  # as /proc/cpuinfo names them
# With any of these, TensorFlow turns its oneDNN kernels on by itself.
ONEDNN_CPU_FLAGS = {"avx512_vnni", "avx512_bf16", "avx_vnni", "amx_bf16", "amx_int8",
                    "amx_tile"}
TENSOR_CORES = (7, 0)  # the first NVIDIA compute capability with float16 tensor cores


def fast_cpu_settings():
    """The TensorFlow settings that train the CNN faster on this CPU, as environment
    variables: none where TensorFlow already runs its fastest by itself.

    TensorFlow decides by the CPU's features, whatever its vendor: it turns its oneDNN
    kernels on by itself where the CPU has AVX512_VNNI, AVX512_BF16, AVX_VNNI or AMX (an
    AMD EPYC Zen 4 or 5, an Intel Xeon from Cascade Lake on), and leaves them off
    elsewhere (an Intel Xeon Skylake, an older AMD EPYC with AVX2), where convolutions and
    matrix products then run on slower generic kernels. There two settings win 1.6x to
    1.9x (docs/speed.md):

    - TF_ENABLE_ONEDNN_OPTS=1: the oneDNN kernels (also what runs bfloat16 on a CPU).
    - TF_NUM_INTEROP_THREADS=1: one op at a time, each using every core, rather than two
      ops fighting over the same cores (5-10% more there).

    Where TensorFlow turns oneDNN on by itself, its own defaults were as fast (AMD EPYC
    Zen 4 and 5, within the noise) or faster (an Intel Xeon with AMX: one op at a time lost
    9% there), so nothing is set.
    """
    if ONEDNN_CPU_FLAGS & cpu_description()[1]:
        return {}
    return {"TF_ENABLE_ONEDNN_OPTS": "1", "TF_NUM_INTEROP_THREADS": "1"}


def use_fast_cpu_settings():
    """Sets fast_cpu_settings() before TensorFlow loads (it reads them once, as it loads).

    A value already in the environment wins, so `TF_ENABLE_ONEDNN_OPTS=0` turns oneDNN off
    and `TF_NUM_INTEROP_THREADS=0` leaves the thread count to TensorFlow. On a GPU the
    kernels are the GPU's and the thread setting only orders the launches.
    """
    for name, value in fast_cpu_settings().items():
        os.environ.setdefault(name, value)


def cpu_description():
    """(the CPU's model name with its family and model numbers, the set of its feature
    flags), from /proc/cpuinfo on Linux."""
    model, flags = platform.processor() or platform.machine(), set()
    try:
        with open("/proc/cpuinfo") as f:
            lines = [line.partition(":") for line in f]
    except OSError:
        return model, flags
    first = {}  # the first processor's fields
    for key, _, value in lines:
        first.setdefault(key.strip(), value.strip())
    if "model name" in first:  # "AMD EPYC" names no generation: its family and model do
        model = first["model name"]
        if "cpu family" in first and "model" in first:
            model += f" (family {first['cpu family']}, model {first['model']})"
    return model, set(first.get("flags", "").split())


def cpu_has_bfloat16():
    """Whether the CPU does bfloat16 arithmetic in hardware (AVX512_BF16 or AMX)."""
    return bool(set(BFLOAT16_CPU_FLAGS) & cpu_description()[1])


def _gpu_with_tensor_cores():
    import tensorflow as tf
    for gpu in tf.config.list_physical_devices("GPU"):
        capability = tf.config.experimental.get_device_details(gpu).get("compute_capability")
        if capability and tuple(capability) >= TENSOR_CORES:
            return True
    return False


def onednn_enabled():
    """Whether TensorFlow runs its oneDNN kernels in this process."""
    from tensorflow.python.util import _pywrap_util_port
    return _pywrap_util_port.IsMklEnabled()


def half_precision():
    """The 16-bit type this machine computes fast, "float16" (GPU) or "bfloat16" (CPU).

    Raises ScriptError, with what is missing, where there is none.
    """
    if _gpu_with_tensor_cores():
        return "float16"
    model, _ = cpu_description()
    if not cpu_has_bfloat16():
        raise ScriptError(
            f"--mixed_precision: this machine has no fast half-precision arithmetic: its CPU "
            f"({model}) lacks AVX512_BF16 and AMX, and there is no NVIDIA GPU with tensor "
            "cores. Run without --mixed_precision (float32, as the tutorial).")
    if not onednn_enabled():
        raise ScriptError("--mixed_precision: bfloat16 on a CPU runs through oneDNN, which "
                          "TF_ENABLE_ONEDNN_OPTS=0 turns off. Unset it, or run without "
                          "--mixed_precision.")
    return "bfloat16"


def session_config(precision):
    """A session ConfigProto whose Grappler rewrite computes the layers in `precision`
    ("bfloat16" or "float16"), or None for float32."""
    if precision is None:
        return None
    import tensorflow.compat.v1 as tf
    from tensorflow.core.protobuf import rewriter_config_pb2
    config = tf.ConfigProto()
    rewrites = config.graph_options.rewrite_options
    if precision == "bfloat16":
        rewrites.auto_mixed_precision_onednn_bfloat16 = rewriter_config_pb2.RewriterConfig.ON
    else:
        rewrites.auto_mixed_precision = rewriter_config_pb2.RewriterConfig.ON
    return config


def loss_scaled(optimizer, precision):
    """The optimizer, with dynamic loss scaling where float16's small range needs it.

    bfloat16 has float32's range, so only float16 (on a GPU) scales the loss up before the
    gradients and the gradients down after them, skipping steps whose gradients overflow.
    """
    if precision != "float16":
        return optimizer
    import tensorflow.compat.v1 as tf
    return tf.train.experimental.MixedPrecisionLossScaleOptimizer(optimizer, "dynamic")

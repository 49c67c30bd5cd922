"""Speed settings for mnist_deep.py: TensorFlow defaults that train the CNN faster on a CPU."""

import os


def use_fast_cpu_settings():
    """Sets two TensorFlow defaults that speed up training on a CPU; call before the import.

    - TF_ENABLE_ONEDNN_OPTS=1: TensorFlow's oneDNN kernels. TensorFlow turns them on by
      itself only on some Intel CPUs; elsewhere (this AMD machine, say) convolutions and
      matrix products fall back to slower generic kernels.
    - TF_NUM_INTEROP_THREADS=1: one op at a time, each using every core. By default two
      ops run at once and fight over the same cores.

    A value already in the environment wins, so `TF_ENABLE_ONEDNN_OPTS=0` and
    `TF_NUM_INTEROP_THREADS=0` (TensorFlow's own choice) turn them off. On a GPU the
    kernels are the GPU's and the thread setting only orders the launches.
    """
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")
    os.environ.setdefault("TF_NUM_INTEROP_THREADS", "1")


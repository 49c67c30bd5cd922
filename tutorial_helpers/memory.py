"""Whether a training step of mnist_deep.py fits in memory, checked before training.

A step holds every layer's activations and gradients for the whole batch: 0.3 MB per
image, so the largest batch `--batch_size` allows (55000, the training images) needs about
17 GB. Measured on a CPU with `/usr/bin/time -v` (peak resident set size) over one step at
batch sizes 5000, 20000 and 55000 (2.5, 7.1 and 16.9 GB), TensorFlow 2.21; docs/speed.md
has the figures. A batch that would not fit is refused with one line, not swapped or
killed after minutes.
"""

from tutorial_helpers.errors import ScriptError

BASE_MB = 1100  # TensorFlow, the data set, the model and Adam's state
MB_PER_IMAGE = 0.3  # a step's activations and gradients, per image of the batch


def available_mb():
    """The memory the system can give without swapping (MemAvailable), in MB, or None where
    it cannot be read (not Linux)."""
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return None


def check_batch_fits(batch_size, gpu=None):
    """Refuses a batch whose training step needs more memory than is available (on the CPU;
    a GPU's memory is its own, and TensorFlow names what it could not allocate). `gpu`:
    whether TensorFlow trains on a GPU (None: ask TensorFlow)."""
    if gpu is None:
        import tensorflow as tf
        gpu = bool(tf.config.list_physical_devices("GPU"))
    available = available_mb()
    needed = BASE_MB + MB_PER_IMAGE * batch_size
    if gpu or available is None or needed <= available:
        return
    largest = max(1, int((available - BASE_MB) / MB_PER_IMAGE))
    raise ScriptError(f"--batch_size {batch_size} needs about {needed / 1024:.1f} GB of memory "
                      f"for a training step, and {available / 1024:.1f} GB is available: use "
                      f"--batch_size {largest} or less (the tutorial's is 50).")

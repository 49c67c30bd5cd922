"""The tutorial scripts' flags, read before TensorFlow loads.

TensorFlow takes seconds to import (up to 20 on a busy machine), so `--help`, a mistyped
flag (with the closest one suggested) and a value out of range are answered first: each
script reads its flags on its first lines, with this module, which needs only the
standard library. Defaults are the tutorial's values; `--help` shows each.
"""

import argparse
import os
import time

from tutorial_helpers import cli, files

MAX_MISTAKES_DRAWN = 100
RUNS_DIR = os.path.join("logs", "mnist_deep")  # one subfolder per run, for TensorBoard


def softmax(docstring, extras=True, argv=None):
    """mnist_softmax.py's flags (and, without `extras`, mnist_softmax_eager.py's)."""
    parser = cli.parser(docstring, max_steps=1000, batch_size=100, learning_rate=0.5,
                        optimizer="gradient descent")
    if extras:
        parser.add_argument("--inspect", action="store_true",
                            help="after training, print the shapes and numbers inside the model")
        parser.add_argument("--weights_png", metavar="PATH", type=cli.writable_file,
                            help="write the ten learned weight maps to this PNG file")
    return parser.parse_args(argv)


def deep(docstring, argv=None):
    """mnist_deep.py's flags. Without --log_dir, each run logs to a subfolder of its own
    (logs/mnist_deep/<date>-<time>), so TensorBoard shows one curve per run; none is made
    here."""
    parser = cli.parser(docstring, max_steps=20000, batch_size=50, learning_rate=1e-4,
                        optimizer="Adam")
    training = parser.add_argument_group("training")
    training.add_argument("--keep_prob", type=cli.probability, default=0.5,
                          help="probability of keeping a unit in dropout while training")
    training.add_argument("--log_every", type=cli.positive_int, default=100,
                          help="print the training accuracy every this many steps")
    training.add_argument("--mixed_precision", action="store_true",
                          help="compute the layers in 16 bits where the machine does so fast: "
                               "bfloat16 on a CPU with AVX512_BF16 or AMX, float16 on an "
                               "NVIDIA GPU with tensor cores (the variables stay float32)")
    saved = parser.add_argument_group("TensorBoard and checkpoints")
    saved.add_argument("--log_dir", type=cli.writable_dir,
                       help="where to write the graph and learning curves for TensorBoard "
                            f"(default: a new subfolder of {RUNS_DIR} for each run)")
    saved.add_argument("--validate_every", type=cli.positive_int, default=1000,
                       help="log the validation accuracy to TensorBoard every this many steps")
    saved.add_argument("--checkpoint_dir", default=None, type=cli.tensorflow_path,
                       help="save checkpoints here, and resume from the latest one found")
    saved.add_argument("--checkpoint_every", type=cli.positive_int, default=1000,
                       help="with --checkpoint_dir, save a checkpoint every this many steps")
    inside = parser.add_argument_group("a look inside the trained network")
    inside.add_argument("--inspect", action="store_true",
                        help="print the layers' shapes and parameters, the accuracy per digit "
                             "and the confusion matrix of the test set")
    inside.add_argument("--filters_png", metavar="PATH", type=cli.writable_file,
                        help="draw conv1's 32 filters and the feature maps of one test digit "
                             "after conv1 and conv2 to this PNG file")
    inside.add_argument("--mistakes_png", metavar="PATH", type=cli.writable_file,
                        help="draw the test digits the model gets wrong, with their true and "
                             f"predicted digits (if more than {MAX_MISTAKES_DRAWN}, a sample of "
                             f"{MAX_MISTAKES_DRAWN} across the true digits)")
    parser.add_argument_group("your own digits").add_argument(
        "--predict", nargs="+", metavar="IMAGE",
        help="classify these images (PNG, JPEG, GIF, BMP) with the model in --checkpoint_dir, "
             "without training")
    args = parser.parse_args(argv)
    if args.predict and not args.checkpoint_dir:
        parser.error("--predict needs --checkpoint_dir, the directory of a trained model")
    if args.log_dir is None and not args.predict:
        try:
            args.log_dir = cli.writable_dir(_new_run_dir())
        except argparse.ArgumentTypeError as e:
            parser.error(f"argument --log_dir: {e}")
    # Made when training starts; removed again if the run ends before its first step.
    args.new_log_folders = files.missing_folders(args.log_dir) if args.log_dir else []
    return args


def _new_run_dir():
    """logs/mnist_deep/<date>-<time>, with a number after it if two runs start in the same
    second."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path, number = os.path.join(RUNS_DIR, stamp), 1
    while os.path.exists(path):
        number += 1
        path = os.path.join(RUNS_DIR, f"{stamp}-{number}")
    return path

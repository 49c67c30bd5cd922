"""What the tutorial scripts check, and fetch, before TensorFlow loads.

TensorFlow takes seconds to import (8 on a quiet machine, over a minute on a busy one),
so everything that can be told without it is told first, in one line: the data (found in
--data_dir or $MNIST_DATA_DIR, else downloaded now, or which folders were looked in and
the one command that fixes it), the checkpoint folder another run holds, the trained
model --predict needs, a checkpoint list that is damaged or names files that are gone.
Needs only the standard library and NumPy.
"""

from mnist_files import download
from tutorial_helpers import checkpoint_folder, cli


def _data(args):
    download.find_or_download(args.data_dir, download.MIRRORS)


def _deep(args):
    if args.predict:
        checkpoint_folder.require_model(args.checkpoint_dir)
        checkpoint_folder.listed_checkpoints(args.checkpoint_dir)  # its errors, told now
        return
    _data(args)
    if args.checkpoint_dir:
        cli.prove_writable(args.checkpoint_dir, "--checkpoint_dir")
        checkpoint_folder.check_free(args.checkpoint_dir)
        newest = checkpoint_folder.newest_step(args.checkpoint_dir)
        args.trained = newest is not None and newest >= args.max_steps


def softmax(args):
    """mnist_softmax.py's checks (and mnist_softmax_eager.py's); returns args. A failure is
    told by `cli.run`, in one line, and ends the program."""
    cli.run(_data, args)
    return args


def deep(args):
    """mnist_deep.py's checks; returns args, with `args.trained` set: whether
    --checkpoint_dir holds a model trained to --max_steps already, which the run only
    looks inside. A failure is told by `cli.run`, in one line, and ends the program."""
    args.trained = False
    cli.run(_deep, args)
    return args

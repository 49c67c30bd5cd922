"""The scripts' command line: shared flags whose bad values are usage errors, and `run`,
the one place that tells an error to the user (one line on stderr, not a traceback) and
picks the exit status."""

import argparse
import difflib
import os
import signal
import sys

from tutorial_helpers import files
from tutorial_helpers.errors import ScriptError, Stopped, tensorflow_reason

TRAINING_IMAGES = 55000  # MNIST's 60000 training images less the 5000 held out to validate
MAX_SEED = 2**31 - 1  # the largest seed NumPy and TensorFlow both take on every platform


def whole_number(low, high=None, why=""):
    """An argparse type: a whole number from low to high (no upper bound if high is None).

    `why` explains the bounds in the error message.
    """
    def parse(text):
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if high is None and value < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}, got {value}")
        if high is not None and not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}{why}, got {value}")
        return value
    return parse


positive_int = whole_number(1)


def positive_float(text):
    """An argparse type: a finite number > 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text}")
    return value


def probability(text):
    """An argparse type: a number in (0, 1]."""
    value = positive_float(text)
    if value > 1:
        raise argparse.ArgumentTypeError(f"must be in (0, 1], got {text}")
    return value


def prove_writable(directory, flag):
    """Proves that directory can be written (creating it if needed), so that an output
    that cannot be written fails before training rather than after it."""
    try:
        files.prove_writable(directory)
    except OSError as e:
        raise ScriptError(f"cannot write to {directory} ({e.strerror}): choose another "
                          f"{flag}.") from None


def tensorflow_path(text):
    """An argparse type: a path TensorFlow can take, whose name is UTF-8 (TensorFlow's
    file functions refuse others, but only when they first write, after training)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise argparse.ArgumentTypeError(
            f"{files.printable(text)} is not a UTF-8 name, which TensorFlow cannot write to: "
            "choose a name in UTF-8 (or rename the folder)") from None
    return text


def writable_dir(text):
    """An argparse type: a folder TensorFlow can write, or create and write, checked when
    the flags are read (creating nothing), so a typo fails at once and not after
    training."""
    tensorflow_path(text)
    try:
        files.prove_writable(text)
    except OSError as e:
        raise argparse.ArgumentTypeError(f"cannot write to {text} ({e.strerror})") from None
    return text


def writable_file(text):
    """An argparse type: the path of a file to write, in a folder that exists and can be
    written to (proven by writing a small file there).

    Checked when the flags are read, so a typo fails at once and not after training.
    """
    if not text:
        raise argparse.ArgumentTypeError("an empty file name")
    if os.path.isdir(text):
        raise argparse.ArgumentTypeError(f"{text} is a folder: give a file name, such as "
                                         f"{os.path.join(text, 'picture.png')}")
    directory = os.path.dirname(os.path.abspath(text))
    if not os.path.isdir(directory):
        raise argparse.ArgumentTypeError(f"directory {directory} does not exist")
    try:
        prove_writable(directory, "file name")
    except ScriptError:
        raise argparse.ArgumentTypeError(f"directory {directory} is not writable") from None
    return text


class _DefaultsShown(argparse.ArgumentDefaultsHelpFormatter):
    """--help shows each flag's default, but not a default of None (nothing given)."""

    def _get_help_string(self, action):
        if action.default is None:
            return action.help
        return super()._get_help_string(action)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that takes no abbreviation of a flag (`--max_step 10` is an error,
    not --max_steps) and suggests the closest flag for one it does not know."""

    def __init__(self, **kwargs):
        super().__init__(allow_abbrev=False, **kwargs)

    def error(self, message):
        if message.startswith("unrecognized arguments: "):
            flags = [option for action in self._actions for option in action.option_strings]
            for word in message.split(": ", 1)[1].split():
                close = difflib.get_close_matches(word.split("=")[0], flags, n=1, cutoff=0.6)
                if word.startswith("-") and close:
                    message += f" (did you mean {close[0]}?)"
                    break
        super().error(message)


def parser(docstring, max_steps, batch_size, learning_rate, optimizer):
    """A Parser with the flags every script shares; defaults are the tutorial's.

    Described by the docstring's first paragraph; --help shows each flag's default.
    """
    result = Parser(description=docstring.strip().split("\n\n")[0],
                    formatter_class=_DefaultsShown)
    result.add_argument("--data_dir", default="MNIST_data",
                        help="directory for the MNIST files (downloaded if missing)")
    result.add_argument("--max_steps", type=positive_int, default=max_steps,
                        help="number of training steps")
    result.add_argument("--batch_size", default=batch_size, help="images per training step",
                        type=whole_number(1, TRAINING_IMAGES, " (the training images)"))
    result.add_argument("--learning_rate", type=positive_float, default=learning_rate,
                        help=f"{optimizer} learning rate")
    result.add_argument("--seed", type=whole_number(0, MAX_SEED), default=None,
                        help="random seed: batch order (and initial weights and dropout, "
                             "where the model has them) repeat with the same seed")
    result.add_argument("--verbose", action="store_true",
                        help="show TensorFlow's own log and deprecation messages")
    return result


def _tensorflow_reason(error):
    """What a TensorFlow error says, in one line, or None for an error of another kind."""
    tensorflow_errors = sys.modules.get("tensorflow.python.framework.errors_impl")
    if tensorflow_errors is None or not isinstance(error, tensorflow_errors.OpError):
        return None
    return tensorflow_reason(error)


def run(main, args):
    """Calls main(args) and returns what it returns; an error of the kinds users meet (a bad data file, path or
    argument; a file system's; TensorFlow's) becomes one line each and exit status 1.

    A run stopped by a signal exits with the status a shell expects (128 + the signal's
    number), and one whose reader has gone (`| head`) stops quietly. A file name that is
    not UTF-8 is printed escaped, never a UnicodeEncodeError.
    """
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(errors="backslashreplace")
    try:
        result = main(args)
        sys.stdout.flush()  # where a closed pipe shows when the output was buffered
        return result
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to flush
        sys.exit(128 + signal.SIGPIPE)
    except ScriptError as e:
        for line in e.lines:
            print(f"error: {line}", file=sys.stderr)
        sys.exit(1)
    except OSError as e:
        print(f"error: {f'{e.filename}: {e.strerror}' if e.filename else e}", file=sys.stderr)
        sys.exit(1)
    except Stopped as e:
        print("interrupted" if e.signum == signal.SIGINT else f"stopped by {e}",
              file=sys.stderr)
        sys.exit(e.code)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(128 + signal.SIGINT)
    except Exception as e:
        reason = _tensorflow_reason(e)
        if reason is None:
            raise
        print(f"error: {reason}", file=sys.stderr)
        sys.exit(1)

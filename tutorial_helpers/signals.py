"""Signals that stop a run (Ctrl-C, `kill`, a closed terminal) as a `Stopped` exception.

The one way every long piece of work here is stopped: by an exception raised in the main
thread, so that `with` blocks and `finally` still save what must be saved and remove what
was half written. `stop_at_once` raises at the signal (a download: nothing to finish);
`stop_between_steps` only records the first signal, for the training loop to stop after
its current step (never inside TensorFlow's code), and raises at a second one.

A signal the parent process set to be ignored stays ignored: `nohup` ignores SIGHUP, and a
shell ignores Ctrl-C's SIGINT for a job it starts in the background, so that the run goes
on when the terminal closes.
"""

import contextlib
import signal
import threading

from tutorial_helpers.errors import Stopped

# Ctrl-C; `kill` and a scheduler's time limit; a closed terminal or a dropped ssh session.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class StopRequest:
    """The signal that asked the run to stop, if one did."""

    def __init__(self):
        self.signum = None

    def check(self):
        """Raises Stopped if a stop signal came."""
        if self.signum is not None:
            raise Stopped(self.signum)


def _takes_over(current, only_default):
    """Whether a signal whose handler is `current` gets ours: never one that is ignored;
    with `only_default`, only one at the default action (which would end the program)."""
    if current == signal.SIG_IGN:
        return False
    return current == signal.SIG_DFL or not only_default


@contextlib.contextmanager
def _handled(handler, only_default):
    """Within: `handler` for each stop signal that is not ignored (only those at their
    default action if `only_default`); outside the main thread, which gets the signals,
    nothing changes."""
    previous = {}
    if threading.current_thread() is threading.main_thread():
        for signum in STOP_SIGNALS:
            if _takes_over(signal.getsignal(signum), only_default):
                previous[signum] = signal.signal(signum, handler)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def stop_at_once():
    """Within: a stop signal raises Stopped where the program is. Only signals at their
    default action, which would end the program at once: Ctrl-C raises
    KeyboardInterrupt as ever, and a program that handles a signal keeps its handler."""
    def stop(signum, frame):
        raise Stopped(signum)
    with _handled(stop, only_default=True):
        yield


@contextlib.contextmanager
def stop_between_steps():
    """Within: the first stop signal is recorded in the StopRequest yielded (check it
    between steps); a second one raises Stopped at once."""
    request = StopRequest()

    def record(signum, frame):
        if request.signum is not None:
            raise Stopped(signum)
        request.signum = signum
    with _handled(record, only_default=False):
        yield request

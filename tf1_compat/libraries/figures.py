"""An old program's matplotlib figures, kept as PNG files when there is no display.

Programs show digits, reconstructions and GAN samples with `plt.show()`, and wait with
`plt.waitforbuttonpress()` or `plt.pause()`. On a machine with no display (a server, a
container, CI) show() would do nothing and waitforbuttonpress() would block forever.
Under tf1.py each figure shown is saved instead, as `<program>_figure<N>.png` in the
working folder, with one line saying where; the waiting calls return at once. At a
desktop nothing changes: windows open as they did.
"""

import os
import sys
import tempfile

from tf1_compat.libraries import after_import
from tutorial_helpers.files import atomic_file


def has_display():
    """Whether windows can open: always on Windows and macOS, with X11 or Wayland on Linux."""
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


class _Saver:
    """Saves figures as <stem>_figure<N>.png in the working folder, one line each."""

    def __init__(self, stem):
        self.stem = stem
        self.count = 0
        self.waiting = set()  # figures shown by pause(): saved as they are at exit

    def save(self, figure):
        self.waiting.discard(figure)
        self.count += 1
        name = f"{self.stem}_figure{self.count}.png"
        folder = os.getcwd() if os.access(os.getcwd(), os.W_OK) else tempfile.gettempdir()
        path = os.path.join(folder, name)
        with atomic_file(path) as f:
            figure.savefig(f, format="png")
        print(f"tf1.py: no display, so figure {self.count} was saved as {path}",
              file=sys.stderr, flush=True)

    def save_open_figures(self, pyplot):
        for number in pyplot.get_fignums():
            self.save(pyplot.figure(number))

    def save_waiting(self, pyplot):
        for figure in list(self.waiting):
            if figure.number in pyplot.get_fignums():
                self.save(figure)


def _patch(pyplot, saver):
    """Makes pyplot show figures by saving them, and wait for nothing."""
    import atexit
    from matplotlib import figure

    def show(*args, **kwargs):
        saver.save_open_figures(pyplot)

    def show_figure(self, warn=True):
        saver.save(self)

    def waitforbuttonpress(*args, **kwargs):
        saver.save_waiting(pyplot)
        return True  # as if a key was pressed, so `while not waitforbuttonpress()` ends

    def pause(interval):
        if pyplot.get_fignums():
            saver.waiting.add(pyplot.gcf())

    pyplot.show = show
    figure.Figure.show = show_figure
    pyplot.waitforbuttonpress = waitforbuttonpress
    figure.Figure.waitforbuttonpress = lambda self, timeout=-1: waitforbuttonpress()
    pyplot.pause = pause
    atexit.register(saver.save_waiting, pyplot)


def save_when_headless(program_name):
    """With no display, makes figures shown by the program PNG files (see the docstring);
    program_name (a path, or None) names them."""
    if has_display():
        return
    os.environ.setdefault("MPLBACKEND", "Agg")
    stem = os.path.splitext(os.path.basename(program_name))[0] if program_name else "tf1"
    saver = _Saver(stem)
    after_import.when_imported("matplotlib.pyplot", lambda pyplot: _patch(pyplot, saver))

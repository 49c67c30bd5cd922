"""How far a long training run is, on one line of the terminal refreshed in place.

Shown on stderr, and only when stderr is a terminal: a run whose output goes to a file or
a pipe prints exactly the tutorial's lines. While the line is shown, whatever the script
prints on stdout is written above it, so the tutorial's lines are never cut.
"""

import sys
import time

REFRESH_SECONDS = 0.5
CLEAR_LINE = "\r\033[K"


def _clock(seconds):
    minutes, seconds = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class _PrintAbove:
    """Stands in for sys.stdout: clears the progress line before each write."""

    def __init__(self, progress, stdout):
        self._progress, self._stdout = progress, stdout

    def write(self, text):
        self._progress.clear()
        self._stdout.write(text)
        self._stdout.flush()
        return len(text)

    def __getattr__(self, name):
        return getattr(self._stdout, name)


class Progress:
    """A context that shows "step N/M, elapsed, steps per second, time left" on a terminal."""

    def __init__(self, first_step, last_step, stream=None):
        self.first_step, self.last_step = first_step, last_step
        self.stream = stream or sys.stderr
        self.active = self.stream.isatty() and last_step > first_step
        self.shown = False
        self.last_refresh = 0.0

    def __enter__(self):
        if self.active:
            self.start = time.monotonic()
            self.saved_stdout = sys.stdout
            sys.stdout = _PrintAbove(self, sys.stdout)
        return self

    def line(self, step, now):
        """The progress line after `step` steps, `now` seconds on the monotonic clock."""
        elapsed = now - self.start
        done = step - self.first_step
        text = (f"step {step}/{self.last_step} ({step / self.last_step:.0%}), "
                f"elapsed {_clock(elapsed)}")
        if done > 0 and elapsed > 0:
            rate = done / elapsed
            text += (f", {rate:.1f} steps/s, about {_clock((self.last_step - step) / rate)} "
                     "left")
        return text

    def update(self, step):
        """Refreshes the line after a step, at most every REFRESH_SECONDS."""
        now = time.monotonic()
        if self.active and now - self.last_refresh >= REFRESH_SECONDS:
            self.stream.write(CLEAR_LINE + self.line(step, now))
            self.stream.flush()
            self.shown, self.last_refresh = True, now

    def clear(self):
        """Removes the line (it comes back at the next refresh)."""
        if self.shown:
            self.stream.write(CLEAR_LINE)
            self.stream.flush()
            self.shown, self.last_refresh = False, 0.0

    def __exit__(self, *exc):
        if self.active:
            self.clear()
            sys.stdout = self.saved_stdout
        return False

"""How far a long training run is: steps done, elapsed time, rate and time left.

Shown on stderr, so stdout holds exactly the tutorial's lines. On a terminal, one line
refreshed in place; while it is shown, whatever the script prints on stdout is written
above it, so the tutorial's lines are never cut. Off a terminal (`nohup`, a cluster job's
log, a notebook's `!python`), where a refreshed line cannot be, a line of its own every
OFF_TERMINAL_SECONDS, so a long run never looks frozen and its log stays short.
"""

import sys
import time

REFRESH_SECONDS = 0.5
OFF_TERMINAL_SECONDS = 60
CLEAR_LINE = "\r\033[K"


def _clock(seconds):
    minutes, seconds = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def progress_line(step, first_step, last_step, elapsed):
    """"step N/M (P%), elapsed, steps per second, time left" after `step` steps of a run
    from first_step to last_step, `elapsed` seconds after first_step."""
    done = step - first_step
    text = f"step {step}/{last_step} ({step / last_step:.0%}), elapsed {_clock(elapsed)}"
    if done > 0 and elapsed > 0:
        rate = done / elapsed
        text += f", {rate:.1f} steps/s"
        if step < last_step:
            text += f", about {_clock((last_step - step) / rate)} left"
    return text


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
    """A context that shows "step N/M, elapsed, steps per second, time left" as it goes."""

    def __init__(self, first_step, last_step, stream=None, clock=time.monotonic):
        self.first_step, self.last_step = first_step, last_step
        self.stream = stream or sys.stderr
        self.clock = clock
        self.active = last_step > first_step
        self.on_terminal = self.stream.isatty()
        self.every = REFRESH_SECONDS if self.on_terminal else OFF_TERMINAL_SECONDS
        self.shown = False

    def __enter__(self):
        if self.active:
            self.start = self.last_refresh = self.clock()
            if self.on_terminal:
                self.saved_stdout = sys.stdout
                sys.stdout = _PrintAbove(self, sys.stdout)
        return self

    def line(self, step, now):
        """The progress line after `step` steps, `now` seconds on the monotonic clock."""
        return progress_line(step, self.first_step, self.last_step, now - self.start)

    def update(self, step):
        """Shows the line after a step: refreshed at most every REFRESH_SECONDS on a
        terminal, a new line every OFF_TERMINAL_SECONDS elsewhere."""
        if not self.active:
            return
        now = self.clock()
        if now - self.last_refresh < self.every:
            return
        if self.on_terminal:
            self.stream.write(CLEAR_LINE + self.line(step, now))
            self.shown = True
        else:
            self.stream.write(f"progress: {self.line(step, now)}\n")
        self.stream.flush()
        self.last_refresh = now

    def clear(self):
        """Removes the line from the terminal (it comes back at the next refresh)."""
        if self.shown:
            self.stream.write(CLEAR_LINE)
            self.stream.flush()
            self.shown, self.last_refresh = False, 0.0

    def __exit__(self, *exc):
        if self.active and self.on_terminal:
            self.clear()
            sys.stdout = self.saved_stdout
        return False

"""A distributed program waiting for its cluster says so, as TensorFlow itself says it.

A worker whose parameter server is not started yet, or has died, waits in `tf.Session`
(or `MonitoredTrainingSession`) for as long as it takes, and TensorFlow's only word of it
is a C++ INFO line every ten seconds, "CreateSession still waiting for response from
worker: /job:ps/replica:0/task:0", which tf1.py's quiet start (TF_CPP_MIN_LOG_LEVEL=2)
hides: the program looks hung. For a program that builds a cluster (`tf.train.Server`,
`ClusterSpec`), TensorFlow's INFO lines are kept and read from stderr instead: that line
passes, once for each task waited for and then once a minute; the other INFO and WARNING
lines are dropped as the quiet start drops them (and the ERROR lines of a port that
cannot be had, which tf1.py tells in one line), and everything else passes unchanged.
"""

import atexit
import os
import re
import sys
import threading
import time

CLUSTER_NAMES = re.compile(r"\b(train\.Server|ClusterSpec)\b")
WAITING = re.compile(rb"CreateSession still waiting for response from worker: (\S+)")
QUIET_LEVELS = re.compile(rb"^([IW]\d{4} [\d:.]+\s+\d+ [\w.-]+:\d+\] |WARNING: All log messages "
                          rb"before absl::InitializeLog)")
# A port that cannot be had: TensorFlow's two ERROR lines, which tf1.py's one line says.
TOLD_BY_TF1 = re.compile(rb"^E\d{4} .*\] (Failed to add port to server|UNKNOWN: Could not "
                         rb"start gRPC server)")
REPEAT_SECONDS = 60


def builds_a_cluster(source):
    """Whether the program's source makes a tf.train.Server or a ClusterSpec."""
    return bool(CLUSTER_NAMES.search(source))


def _forward(pipe, stderr):
    """Copies the lines written to stderr (`pipe`) to the real one, as the docstring says."""
    told = {}  # task waited for: when it was last told
    with os.fdopen(pipe, "rb") as lines:
        for line in lines:
            waiting = WAITING.search(line)
            if waiting:
                task, now = waiting.group(1), time.monotonic()
                if now - told.get(task, -REPEAT_SECONDS) < REPEAT_SECONDS:
                    continue
                told[task] = now
            elif QUIET_LEVELS.match(line) or TOLD_BY_TF1.match(line):
                continue
            os.write(stderr, line)


def show_cluster_waits():
    """Before TensorFlow loads: its INFO lines kept, and stderr read through `_forward`
    until the program ends (every line is written out before it exits)."""
    os.environ["TF_CPP_MIN_LOG_LEVEL"] = "0"
    sys.stderr.flush()
    stderr = os.dup(2)
    pipe, writer = os.pipe()
    os.dup2(writer, 2)
    os.close(writer)
    forwarder = threading.Thread(target=_forward, args=(pipe, stderr), daemon=True)
    forwarder.start()

    def finish():
        sys.stderr.flush()
        os.dup2(stderr, 2)  # the pipe's last writer closed: the forwarder reads to its end
        forwarder.join(timeout=5)
    atexit.register(finish)

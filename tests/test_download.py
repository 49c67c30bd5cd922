"""The real download code, against mirrors served on 127.0.0.1."""

import gzip
import http.server
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest

import input_data
from mnist_files import download
from conftest import ROOT

pytestmark = pytest.mark.usefixtures("no_shared_data_dir")

MISSING = "t10k-labels-idx1-ubyte"


class Mirror(http.server.BaseHTTPRequestHandler):
    """Serves the real file under /good/, and broken variants of it under other paths."""

    good_bytes = b""
    files = {}  # under /files/: every MNIST file by name
    requests = []

    def do_GET(self):
        Mirror.requests.append(self.path)
        behaviour = self.path.split("/")[1]
        data = self.good_bytes
        if behaviour == "files":
            data = self.files[self.path.split("/")[-1]]
        if behaviour == "missing":
            self.send_error(404)
            return
        if behaviour == "slow":
            time.sleep(1.5)
        if behaviour == "corrupt":
            data = data[:100] + bytes(b ^ 0xFF for b in data[100:200]) + data[200:]
        self.send_response(200)
        if behaviour != "endless":
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if behaviour == "dribble":  # one byte at a time, never quite timing out
            self.dribble(data)
            return
        if behaviour == "endless":  # a 2 GB Content-Length, or chunks without end
            self.endless()
            return
        if behaviour == "truncated":
            data = data[: len(data) // 2]
        self.wfile.write(data)

    def dribble(self, data):
        try:
            for byte in data:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.05)
        except OSError:  # the client gave up
            pass

    def endless(self):
        """Sends at full speed until the client stops reading, or 50 MB at most (a bound for
        the test: the download must stop long before)."""
        try:
            for _ in range(50 * 16):
                self.wfile.write(bytes(1 << 16))
                Mirror.endless_bytes += 1 << 16
        except OSError:
            pass

    endless_bytes = 0

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(mnist_dir):
    for name in os.listdir(mnist_dir):
        with open(os.path.join(mnist_dir, name), "rb") as f:
            Mirror.files[name] = f.read()
    Mirror.good_bytes = Mirror.files[MISSING + ".gz"]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Mirror)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture
def train_dir(mnist_dir, tmp_path, monkeypatch):
    """A data directory holding every MNIST file but one, so read_data_sets must fetch it."""
    monkeypatch.setattr(download, "TIMEOUT_SECONDS", 0.5)
    Mirror.requests = []
    for name in os.listdir(mnist_dir):
        if not name.startswith(MISSING):
            shutil.copy(os.path.join(mnist_dir, name), tmp_path)
    return tmp_path


def use_mirrors(monkeypatch, server, *behaviours):
    monkeypatch.setattr(input_data, "MIRRORS", [f"{server}/{b}/" for b in behaviours])


def test_failing_mirrors_are_skipped_until_one_works(server, train_dir, mnist_dir, monkeypatch,
                                                     capsys):
    use_mirrors(monkeypatch, server, "missing", "slow", "corrupt", "truncated", "good")
    data = input_data.read_data_sets(str(train_dir), validation_size=0)
    assert data.test.labels[:3].tolist() == [7, 2, 1]
    assert [p.split("/")[1] for p in Mirror.requests] == [
        "missing", "slow", "corrupt", "truncated", "good"]
    log = capsys.readouterr().err
    assert "Not Found" in log and "timed out" in log and "SHA-256" in log
    assert "cut short" in log and "SHA-256 verified" in log
    assert sorted(os.listdir(train_dir)) == sorted(os.listdir(mnist_dir))  # no temporary files
    assert os.stat(train_dir / f"{MISSING}.gz").st_mode & 0o777 == 0o644


def test_no_network_once_the_file_is_there(server, train_dir, monkeypatch):
    use_mirrors(monkeypatch, server, "good")
    input_data.read_data_sets(str(train_dir))
    input_data.read_data_sets(str(train_dir))
    assert len(Mirror.requests) == 1


def test_all_mirrors_failing_leaves_nothing_behind(server, train_dir, monkeypatch):
    use_mirrors(monkeypatch, server, "missing", "corrupt", "truncated")
    before = sorted(os.listdir(train_dir))
    with pytest.raises(input_data.DataError) as error:
        input_data.read_data_sets(str(train_dir))
    message = str(error.value)
    assert "\n" not in message  # one line, the reason of each mirror in it
    assert message.startswith(f"{MISSING}.gz is not in {train_dir} ($MNIST_DATA_DIR is not "
                              "set), and no mirror gave it (3 tried: ")
    for behaviour, reason in (("missing", "Not Found"), ("corrupt", "the data is corrupt"), ("truncated", "transfer cut short")):
        assert f"{server}/{behaviour}/{MISSING}.gz: {reason}" in message
    assert f"`python input_data.py {train_dir}`" in message
    assert message.endswith("(or pass another --data_dir).")
    assert "MNIST_DATA_DIR" in message and "--data_dir" in message
    assert sorted(os.listdir(train_dir)) == before


def test_source_url_is_tried_first(server, train_dir, monkeypatch):
    use_mirrors(monkeypatch, server, "missing")
    input_data.read_data_sets(str(train_dir), source_url=f"{server}/good/")
    assert [p.split("/")[1] for p in Mirror.requests] == ["good"]


def test_a_mirror_slower_than_the_floor_is_given_up_for_the_next(server, train_dir,
                                                                  monkeypatch, capsys):
    monkeypatch.setattr(download, "RATE_WINDOW_SECONDS", 1.0)  # 60 s outside the tests
    use_mirrors(monkeypatch, server, "dribble", "good")
    data = input_data.read_data_sets(str(train_dir), validation_size=0)
    assert data.test.labels[:3].tolist() == [7, 2, 1]
    assert "too slow" in capsys.readouterr().err
    assert not [name for name in os.listdir(train_dir) if name.endswith(".part")]


def partial_files(folder):
    return [name for name in os.listdir(folder) if name.endswith(".part")]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL])
def test_a_download_killed_leaves_no_partial_file_behind(server, train_dir, signum):
    program = ("import sys, input_data\n"
               f"input_data.MIRRORS = ['{server}/dribble/']\n"
               "input_data.read_data_sets(sys.argv[1])\n")
    process = subprocess.Popen([sys.executable, "-c", program, str(train_dir)], cwd=ROOT,
                               stderr=subprocess.PIPE, text=True)
    assert process.stderr.readline().startswith("Downloading ")
    time.sleep(0.3)
    assert partial_files(train_dir)
    process.send_signal(signum)
    process.communicate(timeout=30)
    assert process.returncode == (128 + signum if signum != signal.SIGKILL else -signum)
    if signum == signal.SIGKILL:  # nothing can run at a SIGKILL: the next download cleans up
        (left,) = partial_files(train_dir)
        os.utime(train_dir / left, (time.time() - 120,) * 2)
        input_data.read_data_sets(str(train_dir), source_url=f"{server}/good/")
    assert not partial_files(train_dir)


@pytest.mark.parametrize("kind", ["a 2 GB Content-Length", "chunks without end"])
def test_a_mirror_that_never_stops_sending_is_given_up(server, train_dir, monkeypatch, capsys,
                                                       kind):
    monkeypatch.setattr(Mirror, "endless_bytes", 0)
    if kind == "a 2 GB Content-Length":
        monkeypatch.setattr(Mirror, "endless", lambda self: self.wfile.write(b""))
        original = Mirror.send_response

        def announce(self, code, message=None):
            original(self, code, message)
            if self.path.startswith("/endless/"):
                self.send_header("Content-Length", "2000000000")
        monkeypatch.setattr(Mirror, "send_response", announce)
    use_mirrors(monkeypatch, server, "endless", "good")
    data = input_data.read_data_sets(str(train_dir), validation_size=0)
    assert data.test.labels[:3].tolist() == [7, 2, 1]
    log = capsys.readouterr().err
    assert ("the mirror announces 2000000000 bytes, more than the file can be" in log
            if kind == "a 2 GB Content-Length" else "the mirror sent more than" in log)
    assert Mirror.endless_bytes < 5 << 20  # stopped at once, not at the server's bound
    assert not partial_files(train_dir)


@pytest.mark.parametrize("mirror", ["host/path/", "http://[::1/"])
def test_a_mirror_that_is_not_a_url_is_a_usage_error(tmp_path, mirror):
    result = fetch_or_check(tmp_path / "data", mirror)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"argument --mirror: '{mirror}' is not" in result.stderr
    assert not os.path.exists(tmp_path / "data")


def fetch_or_check(directory, *mirrors):
    """Runs `python input_data.py directory` as a user would."""
    return subprocess.run([sys.executable, "input_data.py", str(directory),
                           *(f"--mirror={m}" for m in mirrors)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_the_command_line_fetches_the_four_files_then_checks_them(server, tmp_path):
    Mirror.requests = []
    fetched = fetch_or_check(tmp_path / "data", f"{server}/missing/", f"{server}/files/")
    checked = fetch_or_check(tmp_path / "data", f"{server}/missing/")
    assert fetched.returncode == 0, fetched.stderr
    names = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
             "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
    assert fetched.stdout.splitlines()[:4] == [
        f"{tmp_path}/data/{name}: downloaded, SHA-256 verified" for name in names]
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.splitlines() == [
        f"{tmp_path}/data/{name}: present, SHA-256 verified" for name in names] + [
        f"The four MNIST files are in {tmp_path}/data: 60000 training and 10000 test images."]
    assert len(Mirror.requests) == 8  # each file: the failing mirror, then the good one
    assert sorted(os.listdir(tmp_path / "data")) == sorted(names)


def test_the_command_line_names_a_file_that_is_not_mnist(server, mnist_dir, tmp_path):
    for name in os.listdir(mnist_dir):
        shutil.copy(os.path.join(mnist_dir, name), tmp_path)
    labels = tmp_path / f"{MISSING}.gz"
    labels.write_bytes(gzip.compress(gzip.decompress(labels.read_bytes())[:-1] + b"\x09"))
    result = fetch_or_check(tmp_path, f"{server}/missing/")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"error: {labels}: its contents are not MNIST's (SHA-256 ")
    assert result.stderr.endswith("Delete it and run again to download it afresh.\n")
    labels.write_bytes(labels.read_bytes()[:-100])  # cut short
    result = fetch_or_check(tmp_path, f"{server}/missing/")
    assert result.stderr.startswith(f"error: {labels}: the data is truncated or corrupt")


def test_a_failed_first_download_leaves_no_empty_folder(server, tmp_path, monkeypatch):
    use_mirrors(monkeypatch, server, "missing")
    with pytest.raises(input_data.DataError, match="no mirror gave it"):
        input_data.read_data_sets(str(tmp_path / "new" / "MNIST_data"))
    assert os.listdir(tmp_path) == []  # neither MNIST_data nor the folder above it

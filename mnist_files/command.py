"""`python input_data.py [DIR]`: fetches the four MNIST files into DIR, or checks them.

For a machine without network: run it on one with network and copy DIR over. Those
there are checked (complete, SHA-256 of their contents), those missing downloaded.
"""

import argparse
import urllib.parse

from mnist_files import checksum, download, location
from tutorial_helpers import cli


def fetch_or_check(directory, mirrors=None):
    """Makes sure the four MNIST files are in directory and are MNIST's; returns a line
    per file. Raises DataError for the first file that is wrong or cannot be fetched."""
    lines = []
    for name in location.FILES:
        path = location.find_in(directory, name)
        if path is None:
            path = download.download(name, directory, mirrors or download.MIRRORS,
                                     folder_flag=None)
            lines.append(f"{path}: downloaded, SHA-256 verified")
        else:
            checksum.check(path, name)
            lines.append(f"{path}: present, SHA-256 verified")
    return lines


def mirror_url(text):
    """An argparse type: an http(s) URL of a folder, ending in / (one is added if not)."""
    try:
        parts = urllib.parse.urlsplit(text)
        parts.port  # noqa: B018  (a malformed port raises here)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"{text!r} is not a URL ({e})") from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an http:// or https:// URL, such as "
            "https://storage.googleapis.com/cvdf-datasets/mnist/")
    return text if text.endswith("/") else text + "/"


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="input_data.py",
        description="Fetch the four MNIST files into DIR, or check the ones there (present, "
                    "complete, SHA-256 of their contents); for a machine without network, "
                    "run it on one with network and copy DIR over.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter, allow_abbrev=False)
    parser.add_argument("dir", nargs="?", default="MNIST_data", metavar="DIR",
                        help="the folder for the files (the scripts' --data_dir)")
    parser.add_argument("--mirror", action="append", metavar="URL", type=mirror_url,
                        help="download from this mirror (a URL ending in /) instead of the "
                             "built-in ones; repeat for more, tried in order")
    return parser.parse_args(argv)


def main(args):
    for line in fetch_or_check(args.dir, args.mirror):
        print(line, flush=True)
    print(f"The four MNIST files are in {args.dir}: 60000 training and 10000 test images.")


def run(argv=None):
    """The command, with its errors told in one line by `cli.run`."""
    cli.run(main, parse_args(argv))

"""The pictures (tutorial_helpers/pictures.py), drawn by matplotlib: each a PNG of the
expected size with its colour bars, in the tutorial's colours; and the scripts load no
matplotlib unless a picture is asked for."""

import io
import struct

import numpy
import pytest

from conftest import run_scripts
from tutorial_helpers import files, pictures

# RdBu's ends, as the colour bars show them: the most negative and the most positive.
DARKEST_RED, DARKEST_BLUE = (103, 0, 31), (5, 48, 97)


def png_size(data):
    """(width, height) from a PNG's header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def pixels(data):
    """A PNG's pixels as RGB uint8 [height, width, 3]."""
    import matplotlib.image
    return (matplotlib.image.imread(io.BytesIO(data), format="png")[:, :, :3] * 255).round()


def colour_bars(data):
    """How many rows of the picture hold a colour bar's whole range, dark red to dark blue
    (a horizontal bar is several rows tall)."""
    image = pixels(data)
    near = [(numpy.abs(image - colour).sum(axis=-1) < 12) for colour in (DARKEST_RED,
                                                                        DARKEST_BLUE)]
    return int((near[0].any(axis=1) & near[1].any(axis=1)).sum())


def bars_of(figure):
    return [ax for ax in figure.axes if ax.get_label() == "<colorbar>"]


def test_the_weights_picture_is_ten_maps_on_one_numbered_scale():
    weights = numpy.zeros((784, 10), numpy.float32)
    weights[0, 3], weights[1, 3] = 0.5, -0.5
    figure = pictures.weights_figure(weights)
    data = pictures.png_bytes(figure)
    assert png_size(data) == (1200, 260)
    assert len(bars_of(figure)) == 1 and colour_bars(data) > 5
    bar = bars_of(figure)[0]
    assert bar.get_xlim() == (-0.5, 0.5)  # symmetric, to the largest weight
    assert len([t for t in bar.get_xticks() if -0.5 <= t <= 0.5]) >= 3  # numbered
    maps = [ax for ax in figure.axes if ax.images and ax not in bars_of(figure)]
    assert [ax.get_title() for ax in maps] == [str(d) for d in range(10)]
    three = maps[3].images[0]
    blue, red, white = (three.to_rgba(three.get_array()[0, k]) for k in (0, 1, 2))
    assert blue[2] > 0.3 > blue[0]  # positive: blue, the tutorial's "for"
    assert red[0] > 0.3 > red[2]  # negative: red, "against"
    assert min(white[:3]) > 0.95  # zero: white


def test_the_filters_picture_holds_the_filters_and_a_scale_for_each_part():
    rng = numpy.random.default_rng(0)
    filters = rng.normal(size=(5, 5, 1, 32)).astype(numpy.float32)
    digit = numpy.zeros(784, numpy.float32)
    conv1 = rng.normal(size=(28, 28, 32))
    conv2 = rng.normal(size=(14, 14, 64))
    conv2[:, :, 5] = 0  # a map the digit does not change: white
    figure = pictures.filters_figure(filters, digit, conv1, conv2)
    data = pictures.png_bytes(figure)
    assert png_size(data) == (1500, 950)
    assert len(bars_of(figure)) == 3 and colour_bars(data) > 15
    tiles = [ax.images[0].get_array() for ax in figure.axes
             if ax.images and ax not in bars_of(figure)]
    assert len(tiles) == 1 + 32 + 32 + 64  # the digit, filters, conv1's maps, conv2's
    assert all((tiles[1 + k] == filters[:, :, 0, k]).all() for k in range(32))
    assert all(numpy.abs(tile).max() == pytest.approx(1) for tile in tiles[33:65])  # own scale
    blank = tiles[65 + 5]
    assert (blank == 0).all()


def test_the_mistakes_picture_labels_each_digit_true_and_predicted():
    images = numpy.zeros((13, 784), numpy.float32)
    figure = pictures.mistakes_figure(images, numpy.full(13, 4), numpy.full(13, 9), total=130)
    data = pictures.png_bytes(figure)
    assert png_size(data) == (1040, 330)  # 10 columns, 2 rows, the title
    digits = [ax for ax in figure.axes if ax.images]
    assert len(digits) == 13
    labels = [[(text.get_text(), text.get_color()) for text in ax.texts] for ax in digits]
    assert all(label == [("4 →", "black"), ("9", pictures.WRONG)] for label in labels)
    assert "13 of the 130" in figure.get_suptitle() and "a sample" in figure.get_suptitle()
    red = numpy.abs(pixels(data) - (208, 0, 0)).sum(axis=-1) < 60
    assert red.sum() > 13 * 10  # the predicted digits, in red


def test_the_learning_curves_picture():
    logged = [(step, min(1, 0.1 + step / 1000), 2.3 / (1 + step / 100))
              for step in range(0, 2000, 100)]
    figure = pictures.learning_curves_figure(logged, 0.98)
    assert png_size(pictures.png_bytes(figure)) == (1100, 380)
    accuracy, loss = figure.axes
    assert "test accuracy 0.9800" in [t.get_text() for t in accuracy.get_legend().get_texts()]
    assert loss.get_yscale() == "log"


def test_a_picture_is_written_whole_or_not_at_all(tmp_path):
    figure = pictures.weights_figure(numpy.ones((784, 10)))
    path = tmp_path / "weights.png"
    files.write_figure(str(path), figure)
    assert png_size(path.read_bytes()) == (1200, 260)
    with pytest.raises(OSError):
        files.write_figure(str(tmp_path / "missing" / "w.png"), figure)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["weights.png"]


LOADED = ("import sys, runpy; sys.argv = {argv!r}; "
          "runpy.run_path({script!r}, run_name='__main__'); "
          "print('matplotlib' in sys.modules, file=sys.stderr)")


def test_the_scripts_load_matplotlib_only_for_a_picture(mnist_dir, tmp_path):
    common = ["--data_dir", mnist_dir]
    argvs = [["mnist_softmax.py", *common, "--max_steps", "20"],
             ["mnist_softmax.py", *common, "--max_steps", "20", "--inspect"],
             ["mnist_softmax.py", *common, "--max_steps", "20",
              "--weights_png", str(tmp_path / "w.png")]]
    results = run_scripts(*(["-c", LOADED.format(argv=argv, script=argv[0])] for argv in argvs))
    loaded = [result.stderr.strip().splitlines()[-1] for result in results]
    assert loaded == ["False", "False", "True"], [r.stderr for r in results]
    assert png_size((tmp_path / "w.png").read_bytes()) == (1200, 260)

"""The pictures of both models, drawn with matplotlib: one function a picture, each returning
a `matplotlib.figure.Figure` on an Agg canvas, which the scripts' flags write to a PNG file
(`files.write_figure`, the atomic writer) and the notebooks show under the cell
(`notebook.show`).

One colour scheme throughout, the tutorial's: weights and filters are blue where positive
(evidence for), red where negative (against) and white at zero, one scale for all of a
layer, with a colour bar that numbers it; feature maps show the difference a digit makes
(blue: more than blank paper gives, red: less, white: the same), each map at its own
scale; digits are dark ink on white paper.

matplotlib's object API with the Agg canvas: no pyplot, so no global figure state and no
window, wherever it runs. The scripts import this module only when a picture is asked
for, so a run without picture flags never loads matplotlib.
"""

import io
import math

import numpy
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

WEIGHT_COLOURS = "RdBu"  # red for negative, white at zero, blue for positive
INK_COLOURS = "gray_r"  # 0 (paper) white, 1 (ink) black
WRONG = "#d00000"  # the predicted digit of a mistake
DPI = 100


def _figure(width, height):
    """An empty figure of width x height inches (DPI pixels each) on an Agg canvas."""
    figure = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def png_bytes(figure):
    """A figure drawn as PNG bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _tiles(figure, images, columns, **imshow):
    """images in a grid of `columns`, one axes each, no ticks; the last image drawn (for a
    colour bar) and the axes."""
    rows = math.ceil(len(images) / columns)
    axes = figure.subplots(rows, columns, squeeze=False).ravel()
    drawn = None
    for ax, image in zip(axes, images):
        drawn = ax.imshow(image, **imshow)
    for ax in axes:
        ax.set_axis_off()
    return drawn, axes[:len(images)]


def _weight_scale(values):
    """The symmetric colour range of a layer's weights: its largest magnitude."""
    return float(numpy.abs(values).max()) or 1.0


def weights_figure(weights):
    """The ten weight maps of a [784, 10] array, digits 0..9 left to right, one colour
    scale for all ten."""
    figure = _figure(12, 2.6)
    scale = _weight_scale(weights)
    drawn, axes = _tiles(figure, [weights[:, d].reshape(28, 28) for d in range(10)], 10,
                         cmap=WEIGHT_COLOURS, vmin=-scale, vmax=scale)
    for digit, ax in enumerate(axes):
        ax.set_title(str(digit), fontsize=14)
    figure.suptitle("The weights W of each pixel for the digits 0 to 9", fontsize=13)
    figure.colorbar(drawn, ax=list(axes), orientation="horizontal", shrink=0.4, aspect=40,
                    label="weight: blue is evidence for the digit, red against")
    return figure


def _responses(maps):
    """Feature maps [height, width, n] as n images, each divided by its own largest
    magnitude (so in -1..1): a map that does not respond to the digit at all stays 0."""
    return [maps[:, :, k] / (numpy.abs(maps[:, :, k]).max() or 1.0)
            for k in range(maps.shape[2])]


def _response_scale(figure, drawn, axes):
    bar = figure.colorbar(drawn, ax=list(axes), orientation="horizontal", shrink=0.6,
                          aspect=40, ticks=[-1, 0, 1])
    bar.ax.set_xticklabels(["less (its −max)", "as blank paper", "more (its +max)"])
    bar.set_label("each map against blank paper, to its own largest change")


def filters_figure(filters, digit, conv1_maps, conv2_maps):
    """conv1's filters, and what conv1 and conv2 make of one digit.

    Top row: the digit (784 pixels); conv1's 32 5x5 filters [5, 5, 1, 32] in 4 rows of 8,
    on one scale; the 32 feature maps conv1 makes of the digit [28, 28, 32] after its
    ReLU, in the filters' order. Below: the 64 feature maps of conv2 [14, 14, 64]. Each map
    is the digit's less blank paper's (the caller's difference), so the digit's strokes
    show where the map responds, on white.
    """
    figure = _figure(15, 9.5)
    top, bottom = figure.subfigures(2, 1, height_ratios=[1, 1.05])
    digit_part, filter_part, conv1_part = top.subfigures(1, 3, width_ratios=[1, 2, 2])

    ax = digit_part.subplots()
    ax.imshow(digit.reshape(28, 28), cmap=INK_COLOURS, vmin=0, vmax=1)
    ax.set_axis_off()
    digit_part.suptitle("Test digit")

    scale = _weight_scale(filters)
    drawn, axes = _tiles(filter_part, [filters[:, :, 0, k] for k in range(filters.shape[3])],
                         8, cmap=WEIGHT_COLOURS, vmin=-scale, vmax=scale)
    filter_part.suptitle(f"conv1: {filters.shape[3]} filters, 5x5")
    filter_part.colorbar(drawn, ax=list(axes), orientation="horizontal", shrink=0.8, aspect=30,
                         label="filter weight: ink on blue raises the response, on red "
                               "lowers it")

    drawn, axes = _tiles(conv1_part, _responses(conv1_maps), 8, cmap=WEIGHT_COLOURS,
                         vmin=-1, vmax=1)
    conv1_part.suptitle(f"conv1: {conv1_maps.shape[2]} feature maps of the digit, "
                        f"{conv1_maps.shape[0]}x{conv1_maps.shape[1]}")
    _response_scale(conv1_part, drawn, axes)

    drawn, axes = _tiles(bottom, _responses(conv2_maps), 16, cmap=WEIGHT_COLOURS,
                         vmin=-1, vmax=1)
    bottom.suptitle(f"conv2: {conv2_maps.shape[2]} feature maps, "
                    f"{conv2_maps.shape[0]}x{conv2_maps.shape[1]}, after pool1 "
                    "(a white map: no response to this digit)")
    _response_scale(bottom, drawn, axes)
    return figure


def mistakes_figure(images, true_digits, predicted_digits, columns=10, total=None):
    """Misclassified digits [n, 784] in rows of `columns`, each labelled "true → predicted",
    the true digit in black and the model's answer in red, under a title counting them (of
    `total` mistakes, a sample across the true digits, if more were made)."""
    columns = min(columns, len(images))
    rows = math.ceil(len(images) / columns)
    figure = _figure(1.0 * columns + 0.4, 1.2 * rows + 0.9)
    _, axes = _tiles(figure, [image.reshape(28, 28) for image in images], columns,
                     cmap=INK_COLOURS, vmin=0, vmax=1)
    for ax, true, predicted in zip(axes, true_digits, predicted_digits):
        ax.text(0.47, -0.04, f"{true} →", transform=ax.transAxes, ha="right", va="top",
                fontsize=11)
        ax.text(0.53, -0.04, f"{predicted}", transform=ax.transAxes, ha="left", va="top",
                fontsize=11, color=WRONG, fontweight="bold")
    sampled = total and total > len(images)
    count = f"{len(images)} of the {total}" if sampled else f"{len(images)}"
    how = ", a sample taken in turn across the true digits" if sampled else ""
    figure.suptitle(f"{count} test digits the model gets wrong{how}\n"
                    "true digit → predicted (in red)", fontsize=12)
    return figure


def learning_curves_figure(logged, test_accuracy):
    """The (step, training accuracy, cross-entropy) a training loop logged, each on the
    batch of that step (so they are noisy), with the final test accuracy for comparison."""
    steps, accuracies, losses = zip(*logged)
    figure = _figure(11, 3.8)
    left, right = figure.subplots(1, 2)
    left.plot(steps, accuracies, ".", markersize=3, label="training accuracy (one batch)")
    left.axhline(test_accuracy, color="tab:green", label=f"test accuracy {test_accuracy:.4f}")
    # The scale fits the last nine tenths of training: the first steps' accuracies, far
    # below, would flatten the part worth seeing.
    bottom = max(0.0, min(accuracies[len(accuracies) // 10:]) - 0.01)
    below = sum(accuracy < bottom for accuracy in accuracies)
    left.set(title="Accuracy" + (f" ({below} early points below the scale)" if below else ""),
             xlabel="training step", ylabel="fraction correct", ylim=(bottom, 1.002))
    left.legend(loc="lower right")
    right.plot(steps, losses, ".", markersize=3, color="tab:red")
    right.set(title="Cross-entropy (one batch)", xlabel="training step", ylabel="loss",
              yscale="log")
    for axes in (left, right):
        axes.grid(alpha=0.3)
    return figure

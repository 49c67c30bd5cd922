"""The pictures the inspection flags draw, as RGB uint8 NumPy arrays (`files.write_png`).

One colour scheme throughout: weights and filters are blue where positive, red where
negative and white at zero, one scale for all of a layer; activations (never negative
after a ReLU) are blue on white, each feature map at its own scale;
digits are dark ink on white paper. Tiles are laid out in grids on a grey background.
TensorFlow draws no text, so the digits in labels come from a small pixel font.
"""

import math

import numpy

BACKGROUND = 128  # grey between and around the tiles

# A 3x5 pixel font for the labels of the mistakes picture: the ten digits and an arrow.
GLYPHS = {
    "0": ["###", "#.#", "#.#", "#.#", "###"],
    "1": [".#.", "##.", ".#.", ".#.", "###"],
    "2": ["###", "..#", "###", "#..", "###"],
    "3": ["###", "..#", "###", "..#", "###"],
    "4": ["#.#", "#.#", "###", "..#", "..#"],
    "5": ["###", "#..", "###", "..#", "###"],
    "6": ["###", "#..", "###", "#.#", "###"],
    "7": ["###", "..#", ".#.", ".#.", ".#."],
    "8": ["###", "#.#", "###", "#.#", "###"],
    "9": ["###", "#.#", "###", "..#", "###"],
    ">": ["..#..", "...#.", "#####", "...#.", "..#.."],
}
INK = (0, 0, 0)
WRONG = (220, 0, 0)  # the predicted digit of a mistake


def two_colour(strength):
    """Values in [-1, 1] as RGB: blue for positive, red for negative, white at 0."""
    fade = (255 * (1 - numpy.abs(strength))).astype(numpy.uint8)
    white = numpy.full_like(fade, 255)
    positive = strength > 0
    return numpy.stack([numpy.where(positive, fade, white), fade,
                        numpy.where(positive, white, fade)], axis=-1)


def ink(values):
    """Values in [0, 1] (MNIST's light-on-dark digits) as dark ink on white paper."""
    level = (255 * (1 - numpy.clip(values, 0, 1))).astype(numpy.uint8)
    return numpy.stack([level] * 3, axis=-1)


def enlarge(image, factor):
    """Each pixel becomes a factor x factor block."""
    return image.repeat(factor, axis=0).repeat(factor, axis=1)


def grid(tiles, columns, gap):
    """Tiles of one size in rows of `columns`, with `gap` grey pixels between and around."""
    height, width = tiles[0].shape[:2]
    rows = math.ceil(len(tiles) / columns)
    image = numpy.full((gap + rows * (height + gap), gap + columns * (width + gap), 3),
                       BACKGROUND, numpy.uint8)
    for index, tile in enumerate(tiles):
        row, column = divmod(index, columns)
        top, left = gap + row * (height + gap), gap + column * (width + gap)
        image[top:top + height, left:left + width] = tile
    return image


def _pad(image, height, width):
    padded = numpy.full((height, width, 3), BACKGROUND, numpy.uint8)
    padded[:image.shape[0], :image.shape[1]] = image
    return padded


def side_by_side(*images):
    """Images in a row, top-aligned."""
    height = max(image.shape[0] for image in images)
    return numpy.concatenate([_pad(image, height, image.shape[1]) for image in images], axis=1)


def one_above_another(*images):
    """Images in a column, left-aligned."""
    width = max(image.shape[1] for image in images)
    return numpy.concatenate([_pad(image, image.shape[0], width) for image in images], axis=0)


def weights_image(weights):
    """The ten weight maps of a [784, 10] array side by side, digits 0..9 left to right.

    One colour scale for all ten; each weight is a 4x4 block.
    """
    scale = numpy.abs(weights).max() or 1.0
    maps = [enlarge(two_colour(weights[:, digit].reshape(28, 28) / scale), 4)
            for digit in range(10)]
    return grid(maps, columns=10, gap=4)


def _activation_tiles(maps, factor):
    """Feature maps [height, width, n] as n blue-on-white tiles, each at its own scale.

    Each map's strongest response is full blue, so even a weakly responding map shows
    where in the image it responds.
    """
    return [enlarge(two_colour(maps[:, :, k] / (maps[:, :, k].max() or 1.0)), factor)
            for k in range(maps.shape[2])]


def filters_image(filters, digit, conv1_maps, conv2_maps):
    """conv1's filters, and what conv1 and conv2 make of one digit.

    Top row: the digit (28x28, enlarged 4x); conv1's 32 5x5 filters [5, 5, 1, 32]
    (enlarged 11x, in 4 rows of 8); the 32 feature maps conv1 makes of the digit
    [28, 28, 32] after its ReLU (enlarged 2x, in the same order as the filters). Below:
    the 64 feature maps of conv2 [14, 14, 64] (enlarged 4x, in 4 rows of 16).
    """
    gap = 3
    scale = numpy.abs(filters).max() or 1.0
    filter_tiles = [enlarge(two_colour(filters[:, :, 0, k] / scale), 11)
                    for k in range(filters.shape[3])]
    digit_tile = grid([enlarge(ink(digit.reshape(28, 28)), 4)], columns=1, gap=gap)
    top = side_by_side(digit_tile, grid(filter_tiles, columns=8, gap=gap),
                       grid(_activation_tiles(conv1_maps, 2), columns=8, gap=gap))
    bottom = grid(_activation_tiles(conv2_maps, 4), columns=16, gap=gap)
    return one_above_another(top, bottom)


def text(characters, colours, scale):
    """Characters of GLYPHS in the given colours on white, each pixel a scale x scale block."""
    pieces = []
    for character, colour in zip(characters, colours):
        mask = numpy.array([[c == "#" for c in row] for row in GLYPHS[character]])
        glyph = numpy.where(mask[:, :, None], numpy.array(colour, numpy.uint8), 255)
        pieces += [glyph.astype(numpy.uint8), numpy.full((5, 1, 3), 255, numpy.uint8)]
    return enlarge(numpy.concatenate(pieces[:-1], axis=1), scale)


def mistakes_image(images, true_digits, predicted_digits, columns=10):
    """Misclassified digits [n, 784] in rows of `columns`, each labelled "true > predicted".

    The true digit is drawn in black, the model's answer in red, under the image.
    """
    tiles = []
    for image, true, predicted in zip(images, true_digits, predicted_digits):
        digit = enlarge(ink(image.reshape(28, 28)), 2)
        label = text(f"{true}>{predicted}", [INK, INK, WRONG], scale=3)
        strip = numpy.full((label.shape[0] + 6, digit.shape[1], 3), 255, numpy.uint8)
        left = (digit.shape[1] - label.shape[1]) // 2
        strip[3:3 + label.shape[0], left:left + label.shape[1]] = label
        tiles.append(numpy.concatenate([digit, strip], axis=0))
    return grid(tiles, columns=min(columns, len(tiles)), gap=4)

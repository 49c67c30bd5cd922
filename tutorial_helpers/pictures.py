"""The pictures the inspection flags draw, as RGB uint8 NumPy arrays (`files.write_png`).

One colour scheme throughout: weights and filters are blue where positive, red where
negative and white at zero, one scale for all of a layer; feature maps show the
difference a digit makes (blue: more than blank paper gives, red: less, white: the same),
each map at its own scale; digits are dark ink on white paper. Tiles are laid out in grids on a grey background.
Each picture names its parts in a caption above them and shows its colour scales below.
TensorFlow draws no text, so the words come from a small pixel font (capital letters).
"""

import math

import numpy

BACKGROUND = 128  # grey between and around the tiles

# A 3x5 pixel font: the ten digits, capital letters, a few signs, and an arrow.
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
    "A": [".#.", "#.#", "###", "#.#", "#.#"],
    "B": ["##.", "#.#", "##.", "#.#", "##."],
    "C": [".##", "#..", "#..", "#..", ".##"],
    "D": ["##.", "#.#", "#.#", "#.#", "##."],
    "E": ["###", "#..", "##.", "#..", "###"],
    "F": ["###", "#..", "##.", "#..", "#.."],
    "G": [".##", "#..", "#.#", "#.#", ".##"],
    "H": ["#.#", "#.#", "###", "#.#", "#.#"],
    "I": ["###", ".#.", ".#.", ".#.", "###"],
    "J": ["..#", "..#", "..#", "#.#", ".#."],
    "K": ["#.#", "#.#", "##.", "#.#", "#.#"],
    "L": ["#..", "#..", "#..", "#..", "###"],
    "M": ["#.#", "###", "###", "#.#", "#.#"],
    "N": ["##.", "#.#", "#.#", "#.#", "#.#"],
    "O": [".#.", "#.#", "#.#", "#.#", ".#."],
    "P": ["##.", "#.#", "##.", "#..", "#.."],
    "Q": [".#.", "#.#", "#.#", "##.", ".##"],
    "R": ["##.", "#.#", "##.", "#.#", "#.#"],
    "S": [".##", "#..", ".#.", "..#", "##."],
    "T": ["###", ".#.", ".#.", ".#.", ".#."],
    "U": ["#.#", "#.#", "#.#", "#.#", "###"],
    "V": ["#.#", "#.#", "#.#", "#.#", ".#."],
    "W": ["#.#", "#.#", "###", "###", "#.#"],
    "X": ["#.#", "#.#", ".#.", "#.#", "#.#"],
    "Y": ["#.#", "#.#", ".#.", ".#.", ".#."],
    "Z": ["###", "..#", ".#.", "#..", "###"],
    " ": ["...", "...", "...", "...", "..."],
    "-": ["...", "...", "###", "...", "..."],
    "+": ["...", ".#.", "###", ".#.", "..."],
    ".": ["...", "...", "...", "...", ".#."],
    ",": ["...", "...", "...", ".#.", "#.."],
    ":": ["...", ".#.", "...", ".#.", "..."],
    "(": [".#.", "#..", "#..", "#..", ".#."],
    ")": [".#.", "..#", "..#", "..#", ".#."],
    "/": ["..#", "..#", ".#.", "#..", "#.."],
    "'": [".#.", ".#.", "...", "...", "..."],
}
INK = (0, 0, 0)
WRONG = (220, 0, 0)  # the predicted digit of a mistake
TEXT_SCALE = 2  # each pixel of the font a 2x2 block: letters 6x10 pixels
CAPTION_HEIGHT = 5 * TEXT_SCALE + 8


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
    labels = grid([_on_white(text(str(digit)), CAPTION_HEIGHT, 112, left=53)
                   for digit in range(10)], columns=10, gap=4)
    return one_above_another(
        captioned("THE WEIGHTS W OF EACH PIXEL FOR THE DIGITS 0 TO 9: BLUE IS EVIDENCE FOR "
                  "THE DIGIT, RED AGAINST", grid(maps, columns=10, gap=4)),
        labels[4:], weight_scale(scale))


def _response_tiles(maps, factor):
    """Feature maps [height, width, n], each the difference a digit makes to a layer's
    output, as n tiles on white, each at its own scale: blue where the digit makes the
    map respond more than blank paper does, red where less. A map that does not respond
    to the digit at all stays white."""
    return [enlarge(two_colour(maps[:, :, k] / (numpy.abs(maps[:, :, k]).max() or 1.0)),
                    factor) for k in range(maps.shape[2])]


def _on_white(image, height, width, left=0):
    """image on a white strip of height x width, vertically centred, `left` pixels in."""
    strip = numpy.full((height, width, 3), 255, numpy.uint8)
    top = (height - image.shape[0]) // 2
    strip[top:top + image.shape[0], left:left + image.shape[1]] = image
    return strip


def captioned(caption, image):
    """image with a caption above it (a line each for the caption's lines), on white, as
    wide as the image."""
    lines = [text(line) for line in caption.split("\n")]
    width = max([image.shape[1]] + [words.shape[1] + 8 for words in lines])
    return one_above_another(*(_on_white(words, CAPTION_HEIGHT, width, left=4)
                               for words in lines), image)


def colour_scale(title, colours, low, high):
    """A legend: `title`, then a bar of `colours` (a function of values from -1 to 1, or
    0 to 1) from `low` to `high`, the values at its ends written beside it."""
    values = numpy.linspace(-1 if low.startswith("-") else 0, 1, 160)
    bar = numpy.repeat(colours(values)[None], 5 * TEXT_SCALE, axis=0)
    pieces = [text(title + "  " + low + " "), bar, text(" " + high)]
    row = side_by_side(*(_on_white(piece, CAPTION_HEIGHT, piece.shape[1]) for piece in pieces))
    return _on_white(row, CAPTION_HEIGHT, row.shape[1] + 40, left=4)


def weight_scale(largest):
    """The legend of blue/red weights, whose largest magnitude is `largest`."""
    return colour_scale("WEIGHT", two_colour, f"-{largest:.2f}", f"+{largest:.2f}")


def filters_image(filters, digit, conv1_maps, conv2_maps):
    """conv1's filters, and what conv1 and conv2 make of one digit.

    Top row: the digit (28x28, enlarged 4x); conv1's 32 5x5 filters [5, 5, 1, 32]
    (enlarged 11x, in 4 rows of 8); the 32 feature maps conv1 makes of the digit
    [28, 28, 32] after its ReLU (enlarged 2x, in the same order as the filters). Below:
    the 64 feature maps of conv2 [14, 14, 64] (enlarged 4x, in 4 rows of 16). Each map is
    the digit's less blank paper's (see `_response_tiles`), so the digit's strokes show
    where the map responds, on white.
    """
    gap = 3
    scale = numpy.abs(filters).max() or 1.0
    filter_tiles = [enlarge(two_colour(filters[:, :, 0, k] / scale), 11)
                    for k in range(filters.shape[3])]
    digit_tile = grid([enlarge(ink(digit.reshape(28, 28)), 4)], columns=1, gap=gap)
    top = side_by_side(
        captioned("TEST DIGIT", digit_tile),
        captioned(f"CONV1: {filters.shape[3]} FILTERS, 5X5", grid(filter_tiles, 8, gap)),
        captioned(f"CONV1: {conv1_maps.shape[2]} FEATURE MAPS OF THE DIGIT, 28X28",
                  grid(_response_tiles(conv1_maps, 2), 8, gap)))
    bottom = captioned(f"CONV2: {conv2_maps.shape[2]} FEATURE MAPS, 14X14, AFTER POOL1. "
                       "A WHITE MAP: NO RESPONSE TO THIS DIGIT",
                       grid(_response_tiles(conv2_maps, 4), 16, gap))
    legend = side_by_side(weight_scale(scale), colour_scale(
        "FEATURE MAPS, AGAINST BLANK PAPER", two_colour, "-MAX", "+MAX, EACH MAP'S OWN"))
    return one_above_another(top, bottom, legend)


def text(characters, colours=None, scale=TEXT_SCALE):
    """Characters of GLYPHS in the given colours (black by default) on white, each pixel a
    scale x scale block."""
    pieces = []
    for character, colour in zip(characters.upper(), colours or [INK] * len(characters)):
        mask = numpy.array([[c == "#" for c in row] for row in GLYPHS[character]])
        glyph = numpy.where(mask[:, :, None], numpy.array(colour, numpy.uint8), 255)
        pieces += [glyph.astype(numpy.uint8), numpy.full((5, 1, 3), 255, numpy.uint8)]
    return enlarge(numpy.concatenate(pieces[:-1], axis=1), scale)


def mistakes_image(images, true_digits, predicted_digits, columns=10, total=None):
    """Misclassified digits [n, 784] in rows of `columns`, each labelled "true > predicted"
    (the sign drawn as an arrow, 4→9), under a caption counting them (of `total` mistakes,
    a sample across the true digits, if more were made).

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
    sampled = total and total > len(tiles)
    count = f"{len(tiles)} OF THE {total}" if sampled else f"{len(tiles)}"
    how = "\nA SAMPLE ACROSS THE TRUE DIGITS, IN TURN" if sampled else ""
    return captioned(f"{count} TEST DIGITS THE MODEL GETS WRONG, TRUE > PREDICTED (IN RED){how}",
                     grid(tiles, columns=min(columns, len(tiles)), gap=4))

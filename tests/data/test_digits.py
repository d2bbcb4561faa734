"""preprocess_digit follows MNIST's recipe (crop, 20-px box, centre of mass at (14, 14)) whatever the
position, size, stroke width and polarity of the input; render_strokes draws the test digits."""

import numpy as np
import pytest

from nnviz.data import center_of_mass, ink_bounding_box, preprocess_digit, read_idx, render_strokes
from nnviz.data.digits import MIN_CONTRAST, NoDigitError, box_resample, find_digit
from nnviz.data.mnist_files import find_file

# Stroke paths on a 280x280 canvas, (x, y) = (column, row).
_t = np.linspace(0, 2 * np.pi, 61)
DIGITS = {
    "1": [np.array([[140.0, 40.0], [140.0, 240.0]])],
    "7": [np.array([[60.0, 50.0], [180.0, 50.0], [110.0, 230.0]])],
    "0": [np.stack([140 + 50 * np.cos(_t), 140 + 80 * np.sin(_t)], axis=1)],
    "4": [
        np.array([[150.0, 40.0], [70.0, 170.0], [200.0, 170.0]]),
        np.array([[160.0, 100.0], [160.0, 240.0]]),
    ],
}


def _transform(strokes, shift=(0.0, 0.0), scale=1.0):
    return [np.asarray(s) * scale + np.asarray(shift) for s in strokes]


def _max_side(image):
    top, bottom, left, right = ink_bounding_box(image > 0)
    return max(bottom - top, right - left)


@pytest.mark.parametrize("digit", sorted(DIGITS))
def test_same_digit_shifted_and_scaled_gives_same_image(digit):
    a = preprocess_digit(render_strokes(DIGITS[digit], size=280, width=20.0))
    moved = _transform(DIGITS[digit], shift=(50.0, 50.0), scale=1.5)
    b = preprocess_digit(render_strokes(moved, size=560, width=30.0))
    assert np.abs(a - b).max() < 0.05
    assert np.abs(a - b).mean() < 0.005


@pytest.mark.parametrize("digit", sorted(DIGITS))
def test_output_is_mnist_shaped(digit):
    out = preprocess_digit(render_strokes(_transform(DIGITS[digit], shift=(-30.0, 20.0)), width=12.0))
    assert out.shape == (28, 28) and out.dtype == np.float32
    assert out.min() == 0.0 and 0.9 < out.max() <= 1.0
    assert _max_side(out) == 20
    cy, cx = center_of_mass(out)
    # Whole-pixel shifts put the centre of mass within half a pixel (plus the 1/1000 tie rounding).
    assert abs(cy - 14.0) <= 0.501 and abs(cx - 14.0) <= 0.501


def test_aspect_ratio_is_kept():
    # A 200-px-tall, 20-px-wide "1" becomes 20 px tall and about 2 px wide.
    out = preprocess_digit(render_strokes(DIGITS["1"], width=20.0))
    top, bottom, left, right = ink_bounding_box(out > 0)
    assert bottom - top == 20
    assert 2 <= right - left <= 3


@pytest.mark.parametrize("digit", ["7", "0"])
def test_polarity_dark_on_light_equals_light_on_dark(digit):
    ink = render_strokes(DIGITS[digit], width=18.0)
    light_on_dark = preprocess_digit(ink)
    dark_on_light = preprocess_digit(np.round(255 * (1 - ink)).astype(np.uint8))
    assert np.abs(light_on_dark - dark_on_light).max() < 0.01


def test_rgb_and_rgba_inputs():
    ink = render_strokes(DIGITS["7"], width=18.0)
    expected = preprocess_digit(ink)
    paper = np.round(255 * (1 - ink)).astype(np.uint8)
    rgb = np.stack([paper, paper, paper], axis=-1)
    np.testing.assert_allclose(preprocess_digit(rgb), expected, atol=0.01)
    # Black ink whose alpha is the coverage, on a transparent sheet: composited over white.
    rgba = np.zeros((280, 280, 4))
    rgba[..., 3] = ink
    np.testing.assert_allclose(preprocess_digit(rgba), expected, atol=0.01)


def test_grey_background_and_faint_ink_are_normalised():
    ink = render_strokes(DIGITS["0"], width=16.0)
    photo = 0.7 - 0.4 * ink  # grey ink on grey paper
    np.testing.assert_allclose(preprocess_digit(photo), preprocess_digit(ink), atol=0.01)


def test_small_images_are_upscaled():
    small = np.zeros((10, 12), np.uint8)
    small[2:8, 5:7] = 255  # a 6x2 bar
    out = preprocess_digit(small)
    top, bottom, left, right = ink_bounding_box(out > 0.5)
    assert (bottom - top, right - left) == (20, 7)


@pytest.mark.parametrize(
    "blank", [np.zeros((50, 40)), np.full((30, 30), 255, np.uint8), np.full((5, 5), 0.5)]
)
def test_blank_images_give_zeros(blank):
    out = preprocess_digit(blank)
    assert out.shape == (28, 28) and out.dtype == np.float32 and not out.any()


_rng = np.random.default_rng(5)


@pytest.mark.parametrize(
    ("image", "why"),
    [
        (np.full((30, 40), 255, np.uint8), r"blank \(all one shade\)"),
        (np.zeros((30, 40), np.uint8), r"blank \(all one shade\)"),
        (np.zeros((1, 1), np.uint8), "1x1 pixels, too small"),
        (np.array([[0, 255], [255, 0]], np.uint8), "2x2 pixels, too small"),
        (np.tile(np.array([0, 255], np.uint8), (3, 50)), "100x3 pixels, too small"),
        # A photo of a blank sheet: paper 240 with sensor noise, nothing 25 levels away from it.
        (np.clip(240 + _rng.normal(0, 4, (120, 90)), 0, 255).astype(np.uint8), "nothing stands out"),
    ],
    ids=["white", "black", "1x1", "2x2", "3-rows", "noisy-paper"],
)
def test_an_image_without_a_digit_is_refused_and_preprocesses_to_zeros(image, why):
    with pytest.raises(NoDigitError, match=why):
        find_digit(image)
    assert not preprocess_digit(image).any()


def test_find_digit_takes_every_real_digit():
    ink = render_strokes(DIGITS["4"], width=18.0)
    np.testing.assert_array_equal(find_digit(ink), preprocess_digit(ink))
    # Faint pencil on grey paper still counts, just above the contrast a blank photo's noise has.
    faint = 0.8 - (MIN_CONTRAST + 0.02) * ink
    np.testing.assert_allclose(find_digit(faint), preprocess_digit(ink), atol=0.02)
    # The smallest legible digit, a 5x7 dot-matrix "1" with no margin, is still a digit.
    one = np.zeros((7, 5))
    one[:, 2] = 1.0
    one[1, 1] = one[6, 1] = one[6, 3] = 1.0
    assert find_digit(one).max() == pytest.approx(1.0)


def test_rejects_non_images():
    with pytest.raises(ValueError, match=r"got shape \(5, 5, 2\)"):
        preprocess_digit(np.zeros((5, 5, 2)))


def _min_shifted_diff(a, b):
    """Smallest mean |a - b| over whole-pixel shifts of b by up to one pixel each way."""
    return min(
        np.abs(a - np.roll(b, (dy, dx), axis=(0, 1))).mean() for dy in (-1, 0, 1) for dx in (-1, 0, 1)
    )


def test_real_mnist_digits_come_back_almost_unchanged(mnist_dir):
    images = read_idx(find_file(mnist_dir, "t10k-images-idx3-ubyte"))[:300] / 255.0
    unshifted = 0
    for image in images:
        out = preprocess_digit(image)
        assert abs(_max_side(out) - _max_side(image)) <= 1
        # A centre of mass near a half pixel may round the other way once faint edge pixels are
        # cropped: allow a one-pixel shift, but require that to be rare.
        assert _min_shifted_diff(image, out) < 0.005
        unshifted += np.abs(out - image).mean() < 0.005
    assert unshifted >= 0.97 * len(images)


def test_box_resample_averages_areas():
    rng = np.random.default_rng(3)
    image = rng.random((40, 60))
    half = box_resample(image, 20, 30)
    np.testing.assert_allclose(half, image.reshape(20, 2, 30, 2).mean(axis=(1, 3)))
    odd = box_resample(image, 17, 23)
    assert odd.mean() == pytest.approx(image.mean())  # every input area is counted once
    np.testing.assert_allclose(box_resample(np.full((7, 9), 0.3), 20, 13), 0.3)
    np.testing.assert_allclose(box_resample(np.eye(2), 4, 4), np.kron(np.eye(2), np.ones((2, 2))))


def test_center_of_mass_uses_index_coordinates():
    image = np.zeros((5, 7))
    image[1, 2] = 1.0
    image[3, 2] = 3.0
    assert center_of_mass(image) == (2.5, 2.0)
    assert center_of_mass(np.zeros((5, 7))) == (2.0, 3.0)
    assert ink_bounding_box(image > 0) == (1, 4, 2, 3)
    assert ink_bounding_box(np.zeros((3, 3), bool)) is None


def test_render_dot_and_line_geometry():
    dot = render_strokes([np.array([[30.0, 10.0]])], size=64, width=8.0)
    assert dot.shape == (64, 64) and dot.dtype == np.float32
    assert dot[10, 30] == 1.0  # row = y, column = x
    assert dot[10, 34] == pytest.approx(0.5)  # the edge at radius 4 is half covered
    assert dot[10, 35] == 0.0 and dot[15, 30] == 0.0
    line = render_strokes([np.array([[10.0, 20.0], [50.0, 20.0]])], size=64, width=6.0)
    assert (line[:, 30] == 1.0).sum() == 5  # rows 18..22 fully inside radius 3
    assert line[20, 10] == 1.0 and line[20, 50] == 1.0 and line[20, 56] == 0.0
    assert not render_strokes([], size=16).any()


def test_render_clips_strokes_leaving_the_canvas():
    out = render_strokes([np.array([[-100.0, 5.0], [300.0, 5.0]])], size=32, width=4.0)
    assert out[5].min() == 1.0
    assert not out[10:].any()
    assert not render_strokes([np.array([[500.0, 500.0]])], size=32).any()

"""Random affine augmentation: exact where the math is exact (identity, integer shifts, quarter turns),
mass-preserving for small transforms, reproducible, and never touching its input."""

import numpy as np
import pytest

from nnviz.data.augment import augment_images, random_affines, warp_affine
from nnviz.data.digits import render_strokes

SHAPE = (28, 28)
NO_CHANGE = dict(max_shift=0.0, max_rotation_deg=0.0, scale_range=(1.0, 1.0), max_shear=0.0, fraction=1.0)


def digits(n: int, dtype=np.float32) -> np.ndarray:
    """n digit-like images, shape (n, 784): a "7", a "1" and an "0", repeated, ink 1 on 0."""
    strokes = [
        [[(8, 7), (20, 7), (12, 21)]],
        [[(14, 6), (14, 22)]],
        [[(14, 6), (19, 10), (19, 18), (14, 22), (9, 18), (9, 10), (14, 6)]],
    ]
    images = [render_strokes(s, size=28, width=2.5).ravel() for s in strokes]
    return np.stack([images[i % len(images)] for i in range(n)]).astype(dtype)


def one_pixel(r: int, c: int, value: float = 0.75) -> np.ndarray:
    image = np.zeros(SHAPE, dtype=np.float32)
    image[r, c] = value
    return image.ravel()


def test_all_ranges_zero_returns_the_images_exactly():
    # 130 images: more than one internal chunk, so the chunk seams are covered too.
    x = np.random.default_rng(0).random((130, 784), dtype=np.float32)
    out = augment_images(x, SHAPE, np.random.default_rng(1), **NO_CHANGE)
    np.testing.assert_array_equal(out, x)


def test_integer_shift_moves_a_pixel_exactly():
    x = np.stack([one_pixel(10, 12), one_pixel(27, 1)])
    A = np.broadcast_to(np.eye(2), (2, 2, 2))
    out = warp_affine(x, SHAPE, A, t=[(2, -3), (2, -3)]).reshape(2, 28, 28)
    expected = np.zeros((28, 28), dtype=np.float32)
    expected[12, 9] = 0.75
    np.testing.assert_array_equal(out[0], expected)
    # Moved past the bottom-left corner: the pixel leaves and only background comes in.
    np.testing.assert_array_equal(out[1], np.zeros((28, 28)))


def test_quarter_turn_follows_the_documented_map():
    # p -> A (p - centre) + centre with centre (13.5, 13.5): a quarter turn maps pixel centres onto
    # pixel centres, so the pixel arrives whole at the predicted place.
    A = np.array([[[0.0, -1.0], [1.0, 0.0]]])
    r, c = 5, 20
    out = warp_affine(one_pixel(r, c)[None], SHAPE, A, t=np.zeros((1, 2))).reshape(28, 28)
    r2, c2 = A[0] @ (np.array([r, c]) - 13.5) + 13.5
    assert (r2, c2) == (7, 5)
    assert out[7, 5] == pytest.approx(0.75, abs=1e-6)
    assert out.sum() == pytest.approx(0.75, abs=1e-6)


def test_sources_outside_the_image_read_as_background():
    x = digits(4)
    A = np.broadcast_to(np.eye(2), (4, 2, 2))
    out = warp_affine(x, SHAPE, A, t=[(40, 0), (0, -40), (-28.5, 3), (0.5, 30)])
    np.testing.assert_array_equal(out, 0)


def test_small_transforms_roughly_preserve_ink_mass():
    # Rotation, shear (det 1) and shifts that keep the digit inside preserve area, so the ink sum
    # changes only by interpolation error.
    x = digits(300)
    out = augment_images(x, SHAPE, np.random.default_rng(3), max_shift=2.0, max_rotation_deg=15.0,
                         scale_range=(1.0, 1.0), max_shear=0.2, fraction=1.0)
    ratio = out.sum(axis=1) / x.sum(axis=1)
    assert np.all(np.abs(ratio - 1) < 0.05), ratio.min()
    assert abs(ratio.mean() - 1) < 0.01


def test_scaling_scales_ink_mass_by_the_area():
    x = digits(3)
    A = np.broadcast_to(1.2 * np.eye(2), (3, 2, 2))
    out = warp_affine(x, SHAPE, A, t=np.zeros((3, 2)))
    np.testing.assert_allclose(out.sum(axis=1) / x.sum(axis=1), 1.2**2, rtol=0.03)


def test_default_transforms_move_every_image_differently():
    x = digits(64)
    out = augment_images(x, SHAPE, np.random.default_rng(4), fraction=1.0)
    changed = np.abs(out - x).sum(axis=1)
    assert np.all(changed > 0.5)
    # Same input image, different draws: the 22 copies of the "7" come out pairwise different.
    sevens = out[::3]
    assert len(np.unique(sevens.round(4), axis=0)) == len(sevens)


def test_fraction_chooses_which_images_are_distorted():
    x = digits(300)
    rng = np.random.default_rng(8)
    np.testing.assert_array_equal(augment_images(x, SHAPE, rng, fraction=0.0), x)
    out = augment_images(x, SHAPE, rng, fraction=0.5)
    kept = np.all(out == x, axis=1)
    assert 0.4 < kept.mean() < 0.6  # each image is distorted with probability 1/2
    assert np.all(np.abs(out[~kept] - x[~kept]).sum(axis=1) > 0.5)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("batch", [1, 64, 65, 128])
def test_shape_and_dtype_are_kept(dtype, batch):
    x = digits(batch, dtype)
    out = augment_images(x, SHAPE, np.random.default_rng(5))
    assert out.shape == (batch, 784)
    assert out.dtype == dtype
    assert np.isfinite(out).all()
    assert out.min() >= 0 and out.max() <= 1 + 1e-6  # bilinear weights are convex


def test_same_seed_same_result_other_seed_other_result():
    # With the default fraction, so the choice of images is reproducible too.
    x = digits(50)
    a = augment_images(x, SHAPE, np.random.default_rng(42))
    b = augment_images(x, SHAPE, np.random.default_rng(42))
    c = augment_images(x, SHAPE, np.random.default_rng(43))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


def test_input_is_not_modified_and_may_be_read_only():
    x = digits(70)
    before = x.copy()
    x.setflags(write=False)  # dataset arrays are read-only
    out = augment_images(x, SHAPE, np.random.default_rng(6))
    np.testing.assert_array_equal(x, before)
    assert not np.shares_memory(out, x)


def test_random_affines_stay_within_their_ranges():
    A, t = random_affines(1000, np.random.default_rng(7), max_shift=1.5, max_rotation_deg=10.0,
                          scale_range=(0.9, 1.1), max_shear=0.0)
    assert A.shape == (1000, 2, 2) and t.shape == (1000, 2)
    assert np.abs(t).max() <= 1.5
    det = np.linalg.det(A)  # scale**2 without shear
    assert det.min() >= 0.9**2 - 1e-9 and det.max() <= 1.1**2 + 1e-9
    angle = np.degrees(np.arctan2(A[:, 1, 0], A[:, 1, 1]))
    assert np.abs(angle).max() <= 10.0 + 1e-9


@pytest.mark.parametrize("bad", [dict(scale_range=(0.0, 1.0)), dict(scale_range=(1.2, 1.1)), dict(fraction=1.5)])
def test_bad_ranges_are_rejected(bad):
    with pytest.raises(ValueError, match=next(iter(bad))):
        augment_images(digits(2), SHAPE, np.random.default_rng(0), **bad)


def test_wrong_image_shape_is_rejected():
    with pytest.raises(ValueError, match="image_shape"):
        augment_images(digits(2), (28, 27), np.random.default_rng(0))

"""`nnviz predict` and the Qt image reader behind it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nnviz.cli.images import ImageReadError, read_grayscale
from nnviz.data.digits import render_strokes
from nnviz.data.mnist import load_mnist
from nnviz.engine.model_file import load_model, save_model
from nnviz.engine.network import Network

BUNDLED = Path(__file__).resolve().parents[2] / "resources" / "models" / "mnist.npz"


def write_image(path, pixels: np.ndarray) -> None:
    """Save a (H, W) uint8 array as grayscale, or a (H, W, 4) one as RGBA, in the format of path's suffix."""
    from PySide6.QtGui import QImage

    pixels = np.ascontiguousarray(pixels, dtype=np.uint8)
    h, w = pixels.shape[:2]
    if pixels.ndim == 2:
        image = QImage(pixels.data, w, h, w, QImage.Format.Format_Grayscale8)
    else:
        image = QImage(pixels.data, w, h, 4 * w, QImage.Format.Format_RGBA8888)
    assert image.save(str(path)), path


def test_reads_grayscale_with_odd_widths_exactly(tmp_path):
    pixels = np.random.default_rng(0).integers(0, 256, (7, 13), dtype=np.uint8)  # rows padded to 16 bytes
    write_image(tmp_path / "odd.png", pixels)
    np.testing.assert_array_equal(read_grayscale(tmp_path / "odd.png"), pixels)


def test_transparency_reads_as_white_paper(tmp_path):
    rgba = np.zeros((10, 12, 4), dtype=np.uint8)  # transparent black everywhere...
    rgba[3:6, 4:8] = (0, 0, 0, 255)  # ...but an opaque black stroke
    rgba[7, 1] = (0, 0, 0, 128)  # and a half-transparent black pixel
    write_image(tmp_path / "ink.png", rgba)
    gray = read_grayscale(tmp_path / "ink.png")
    assert gray.shape == (10, 12)
    assert gray[0, 0] == 255 and gray[4, 5] == 0
    assert 120 <= gray[7, 1] <= 135


def test_unreadable_images_name_the_file(tmp_path):
    with pytest.raises(ImageReadError, match="nothing.png: no such image file"):
        read_grayscale(tmp_path / "nothing.png")
    (tmp_path / "text.png").write_text("not a PNG")
    with pytest.raises(ImageReadError, match="text.png: cannot read the image"):
        read_grayscale(tmp_path / "text.png")


def test_reads_without_a_qapplication_or_a_display(tmp_path, child_env):
    write_image(tmp_path / "d.jpg", np.tile(np.arange(0, 256, 8, dtype=np.uint8), (20, 1)))
    env = {k: v for k, v in child_env().items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    code = (
        "import sys; from nnviz.cli.images import read_grayscale; from PySide6.QtCore import QCoreApplication; "
        f"a = read_grayscale({str(tmp_path / 'd.jpg')!r}); "
        "assert QCoreApplication.instance() is None; print(a.shape, a[0, 0] < 20, a[0, -1] > 230)"
    )
    completed = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "(20, 32) True True"


@pytest.fixture(scope="module")
def mnist_test_digits(mnist_dir):
    """The first 24 MNIST test digits as uint8 (n, 28, 28) arrays and their labels."""
    dataset = load_mnist(mnist_dir, scaling="raw")
    images = dataset.x_test[:24].reshape(-1, 28, 28).astype(np.uint8)
    return images, dataset.labels_test[:24]


def test_predicts_upscaled_mnist_digits_in_both_polarities(cli, digit_model, mnist_test_digits, tmp_path):
    images, labels = mnist_test_digits
    files = {"light-on-dark": [], "dark-on-light": []}
    for k, image in enumerate(images):
        big = np.kron(image, np.ones((10, 10), dtype=np.uint8))  # 280 x 280
        write_image(tmp_path / f"{k}-light.png", big)
        write_image(tmp_path / f"{k}-dark.png", 255 - big)
        files["light-on-dark"].append(tmp_path / f"{k}-light.png")
        files["dark-on-light"].append(tmp_path / f"{k}-dark.png")

    labels_by_polarity = {}
    for polarity, paths in files.items():
        result = cli("predict", "--model", digit_model, *paths, "--json")
        assert result.code == 0, result.err
        predictions = result.json["predictions"]
        assert [p["file"] for p in predictions] == [str(path) for path in paths]
        for p in predictions:
            assert len(p["probabilities"]) == 10
            assert sum(p["probabilities"]) == pytest.approx(1.0)
            assert p["confidence"] == max(p["probabilities"])
            assert p["label"] == str(p["class"])
        labels_by_polarity[polarity] = [p["class"] for p in predictions]

    assert labels_by_polarity["light-on-dark"] == labels_by_polarity["dark-on-light"]
    # The model gets about 77% of the MNIST test set right; these digits went through upscaling and
    # preprocess_digit's crop-scale-centre on top.
    assert np.mean(np.array(labels_by_polarity["dark-on-light"]) == labels) >= 0.7

    # Predictions agree with the network on the original 28x28 digits almost everywhere.
    model = load_model(digit_model)
    direct = model.network.predict(images.reshape(len(images), -1) / 255 * 0.99 + 0.01).argmax(axis=1)
    assert np.mean(direct == np.array(labels_by_polarity["dark-on-light"])) >= 0.9


def test_predict_prints_a_label_confidence_and_bars_per_file(cli, digit_model, mnist_test_digits, tmp_path):
    images, labels = mnist_test_digits
    path = tmp_path / "seven.jpg"
    write_image(path, 255 - np.kron(images[0], np.ones((8, 8), dtype=np.uint8)))
    result = cli("predict", "--model", digit_model, path)
    assert result.code == 0, result.err
    first, bars = result.out.splitlines()
    assert first.startswith(f"{path}: ") and first.endswith("%)")
    assert bars.split()[0][0] == "0" and len(bars.split()) == 10


def drawn_seven(path) -> Path:
    """A 7 drawn dark on white, 140x140, saved at path."""
    ink = render_strokes([np.array([[30.0, 25.0], [110.0, 25.0], [60.0, 118.0]])], size=140, width=10.0)
    write_image(path, np.round(255 * (1 - ink)).astype(np.uint8))
    return path


@pytest.mark.parametrize(
    ("pixels", "why"),
    [
        (np.full((64, 48), 255, np.uint8), "the image is blank (all one shade)"),
        (np.zeros((64, 48), np.uint8), "the image is blank (all one shade)"),
        (np.zeros((1, 1), np.uint8), "the image is 1x1 pixels, too small to hold a digit"),
    ],
    ids=["white", "black", "1x1"],
)
def test_predict_finds_no_digit_in_a_blank_image(cli, tmp_path, pixels, why):
    path = tmp_path / "blank.png"
    write_image(path, pixels)
    result = cli("predict", "--model", BUNDLED, path)
    assert result.code == 2 and result.out == ""
    assert result.err == f"nnviz: error: no digit found in {path}: {why}\n"


def test_predict_reports_each_bad_file_and_classifies_the_others(cli, tmp_path):
    good = [drawn_seven(tmp_path / "seven.png"), drawn_seven(tmp_path / "seven-again.jpg")]
    blank = tmp_path / "white.png"
    write_image(blank, np.full((40, 40), 255, np.uint8))
    text = tmp_path / "notes.png"
    text.write_text("not a PNG")
    missing = tmp_path / "missing.png"
    files = [good[0], blank, missing, text, good[1]]

    result = cli("predict", "--model", BUNDLED, *files)
    assert result.code == 2
    lines = result.out.splitlines()
    assert [line.split(": ")[0] for line in lines[::2]] == [str(path) for path in good]
    assert all(line.startswith(f"{path}: 7 (") for line, path in zip(lines[::2], good))
    assert result.err.splitlines() == [
        f"nnviz: error: no digit found in {blank}: the image is blank (all one shade)",
        f"nnviz: error: {missing}: no such image file",
        f"nnviz: error: {text}: cannot read the image (Unsupported image format)",
    ]

    result = cli("predict", "--model", BUNDLED, *files, "--json")
    assert result.code == 2 and result.err.count("\n") == 3
    assert [(p["file"], p["class"]) for p in result.json["predictions"]] == [(str(path), 7) for path in good]
    assert [e["file"] for e in result.json["errors"]] == [str(blank), str(missing), str(text)]
    assert result.json["errors"][0]["error"].startswith(f"no digit found in {blank}")


def test_predict_with_only_good_files_lists_no_errors(cli, tmp_path):
    result = cli("predict", "--model", BUNDLED, drawn_seven(tmp_path / "seven.png"), "--json")
    assert result.code == 0 and result.err == ""
    assert result.json["errors"] == [] and result.json["predictions"][0]["class"] == 7


def test_predict_refuses_a_model_that_is_not_for_images(cli, tmp_path):
    model = tmp_path / "xor.npz"
    save_model(model, Network([2, 3, 1], seed=0), dataset="xor", preprocessing={"scaling": "unit", "targets": [0, 1], "image_shape": None})
    image = tmp_path / "x.png"
    write_image(image, np.zeros((5, 5), dtype=np.uint8))
    result = cli("predict", "--model", model, image)
    assert result.code == 2 and "trained on xor" in result.err and result.err.count("\n") == 1

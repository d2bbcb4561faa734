"""Read an image file as a grayscale NumPy array, using Qt's image decoders (PNG, JPEG, BMP, GIF, ...).

Only QtGui's QImage classes are used, which need no QApplication and no display, so this works on a
headless machine with QT_QPA_PLATFORM unset. The CLI's only Qt code lives here.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QImageReader, QPainter


class ImageReadError(ValueError):
    """An image file that is missing or cannot be decoded; the message names the file."""


def read_grayscale(path: str | Path) -> np.ndarray:
    """The image at `path` as a (height, width) uint8 array; transparency is composited over white."""
    path = Path(path)
    if not path.is_file():
        raise ImageReadError(f"{path}: no such image file")
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)  # honour a photo's EXIF orientation
    image = reader.read()
    if image.isNull():
        raise ImageReadError(f"{path}: cannot read the image ({reader.errorString()})")
    if image.hasAlphaChannel():
        image = _over_white(image)
    return qimage_to_gray(image)


def _over_white(image: QImage) -> QImage:
    """Composite `image` over white paper, so a transparent background reads as paper, not as black."""
    paper = QImage(image.size(), QImage.Format.Format_RGB32)
    paper.fill(Qt.GlobalColor.white)
    painter = QPainter(paper)
    try:
        painter.drawImage(0, 0, image)
    finally:
        painter.end()
    return paper


def qimage_to_gray(image: QImage) -> np.ndarray:
    """A QImage as a (height, width) uint8 array of luminance, copied out of Qt's buffer."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    h, w, stride = gray.height(), gray.width(), gray.bytesPerLine()
    # Qt pads every scan line to a multiple of 4 bytes: read whole lines, then drop the padding.
    rows = np.frombuffer(gray.constBits(), dtype=np.uint8, count=h * stride).reshape(h, stride)
    return rows[:, :w].copy()


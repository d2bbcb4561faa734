"""The window opens at 1440×900 where the screen has room, and within a smaller laptop screen."""

import pytest
from PySide6.QtCore import QRect, QSize

from nnviz.gui.window import main_window
from nnviz.gui.window.main_window import opening_size


class Screen:
    def __init__(self, width: int, height: int):
        self.area = QRect(0, 0, width, height)

    def availableGeometry(self) -> QRect:  # noqa: N802 (Qt's name)
        return self.area


@pytest.mark.parametrize(("screen", "size"), [
    ((1920, 1080), (1440, 900)),
    ((1280, 800), (1264, 752)),  # room left for the frame and title bar
    ((1366, 728), (1350, 680)),  # a 1366×768 laptop less its panel
])
def test_the_window_fits_the_screen_it_opens_on(qapp, monkeypatch, screen, size):
    monkeypatch.setattr(main_window.QGuiApplication, "platformName", staticmethod(lambda: "xcb"))
    assert opening_size(Screen(*screen)) == QSize(*size)


def test_screenless_platforms_open_at_the_full_size(qapp):
    # offscreen's nominal screen is 800×800: scripted runs and screenshots keep one size everywhere.
    assert opening_size(qapp.primaryScreen()) == QSize(1440, 900)
    assert opening_size(None) == QSize(1440, 900)

"""The caption line at the top of a diagram (laid out once and reused while it does not change) is
worded again at once when the language changes, and back in English after switching back."""

from __future__ import annotations

import numpy as np

from nnviz.gui.diagram.circles import CircleDiagram
from nnviz.gui.diagram.grids import GridDiagram
from nnviz.training.phases import step_phases

from diagram_helpers import diagram_of, random_session
from language_helpers import switch


def _caption_pixels(view) -> np.ndarray:
    image = view.grab().toImage()
    rows = [[image.pixel(x, y) for x in range(0, view.width(), 2)] for y in range(4, 30)]
    return np.array(rows)


def test_the_caption_changes_with_the_language_and_back(qtbot):
    session = random_session((2, 3, 2), steps=3)
    for cls in (CircleDiagram, GridDiagram):
        view = diagram_of(qtbot, cls, session)
        view.show()
        view.show_snapshot(session.snapshot())
        phases = step_phases(len(session.snapshot().weights))
        try:
            for phase in (None, phases[1]):  # the idle hint, and a phase's caption in slow motion
                view.show_snapshot(session.snapshot(), phase)
                english = _caption_pixels(view)
                assert english.min() != english.max(), "a caption is drawn"
                switch("zh_CN")
                assert (_caption_pixels(view) != english).any(), f"{cls.__name__} caption not reworded"
                switch("en")
                np.testing.assert_array_equal(_caption_pixels(view), english)
        finally:
            switch("en")

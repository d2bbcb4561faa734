"""How the decision surface looks: its opacity, class colours, title and colour-bar room (shared with
the race's small surfaces)."""

from __future__ import annotations

from nnviz.engine.phrases import QT_TRANSLATE_NOOP
from nnviz.gui import theme

#: Shown instead of the plane for data that is not 2-D (through i18n.said, in the window's language).
NO_SURFACE_MESSAGE = QT_TRANSLATE_NOOP("SurfaceView", "Decision surface: available for 2-D datasets")
#: The surface is drawn over white at this opacity, lighter than the points on top of it.
SURFACE_OPACITY = 0.78
#: A network output above this counts as "class 1" for a single output neuron.
THRESHOLD = 0.5
#: Point colours for more than two classes (two classes use the diverging ramp's ends).
CATEGORICAL = ((31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189),
               (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207))
#: The colour bar's axis: room for "−0.5" and the rotated label beside it.
BAR_AXIS_WIDTH = 52
#: The title's size.
TITLE_POINTS = 10.0
TITLE_HZ = 4


def class_colors(n_classes: int) -> list[tuple[int, int, int]]:
    """The colour of each class's points: blue/orange for two classes, as on the surface."""
    if n_classes <= 2:
        return [theme.NEGATIVE, theme.POSITIVE][:max(n_classes, 1)]
    return [CATEGORICAL[k % len(CATEGORICAL)] for k in range(n_classes)]

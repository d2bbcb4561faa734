"""The Race tab: 2–4 runs of the window's network, alike but for one thing, trained side by side."""

from nnviz.gui.race.race_view import RaceView

__all__ = ["RaceView"]

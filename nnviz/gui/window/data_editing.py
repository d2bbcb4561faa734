"""Own data, wired in one place: the control panel's data rows and the points edited on the decision
surface go to the trainer as new data for the running network, and when the trainer has swapped the
data in, the views that show data follow without forgetting the run.

A change of data is not a new session: the loss curves keep the run's history and the network diagram
stays as it is. The surface shows the new points at once over the plane it already shows (the next
snapshot recolours it); a chart in the tabs that shows the data itself follows through its optional
`show_data(session)`.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject

from nnviz.training.architecture import NewSession
from nnviz.training.point_edits import edited_spec
from nnviz.training.presets import preset_spec


class DataEditing(QObject):
    def __init__(self, window):
        super().__init__(window)
        self._window = window
        controller, controls = window.controller, window.controls
        controls.data_edited.connect(controller.send_data)
        window.surface_view.points_edited.connect(self._on_points_edited)
        controller.session_started.connect(controls.show_session)
        controller.data_changed.connect(self._on_data_changed)
        controller.data_refused.connect(self._on_data_refused)

    def _on_points_edited(self, points: np.ndarray) -> None:
        """points: every point as (x1, x2, label), read-only (n, 3), said with every mouse move of a drag."""
        session = self._window.controller.session
        if session is None or session.preset is None:
            return
        generator = preset_spec(session.preset).generator
        # Only the points sent (at most DATA_HZ times a second) are made into a spec.
        self._window.controller.send_data(lambda: edited_spec(generator, points))

    def _on_data_refused(self, session: NewSession) -> None:
        """The data rows and the surface go back to the data still trained on."""
        self._window.controls.show_session(session)
        self._window.surface_view.editor.discard()
        self._show_data(session)

    def _on_data_changed(self, session: NewSession) -> None:
        self._window.controls.show_session(session)
        if not self._window.surface_view.editor.absorb(session):
            self._show_data(session)
        # else: the learner's own points, already drawn (a drag must not redraw thousands of them)

    def _show_data(self, session: NewSession) -> None:
        window = self._window
        surface = window.surface_view
        neuron, shown = surface.shown_neuron, window.controller.shown
        surface.reset(session)
        if shown is not None and surface.isVisible():
            surface.show_snapshot(shown)  # the plane as it is until the next snapshot: no blank frame
        if neuron is not None:
            surface.show_neuron(neuron)
        for key in window.tabs.keys:
            chart = window.tabs[key]
            if hasattr(chart, "show_data"):
                chart.show_data(session)

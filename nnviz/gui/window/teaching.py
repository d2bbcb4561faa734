"""The window's teaching aids, wired in one place: phase stepping (the transport's "previous/next
phase" and the time slow motion shows each phase, remembered between runs), the neuron inspector
(a dock on the right that explains the neuron clicked in either diagram) and the training hints
(a bar under the toolbar with a one-click fix)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt

from nnviz.gui.inspector import InspectorDock
from nnviz.gui.throttle import Throttle

DOCK_SHARE = 0.26  # of the window's width, for the inspector when it opens
HINT_INTERVAL = 0.2  # seconds between two judgements of the run


class TeachingAids(QObject):
    def __init__(self, window):
        super().__init__(window)
        self._window = window
        controller, transport = window.controller, window.transport
        self.inspector = InspectorDock(window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector)
        self.inspector.hide()  # until a neuron is clicked (or the learner left it open last time)

        transport.phase_step_requested.connect(
            lambda direction: controller.next_phase() if direction > 0 else controller.previous_phase())
        seconds = window.memory.phase_seconds()
        transport.phase_seconds.setValue(seconds)
        controller.set_phase_seconds(seconds)
        transport.phase_seconds_changed.connect(self._on_phase_seconds_changed)

        for diagram in (window.stage.circles, window.stage.grids):
            diagram.selection_changed.connect(self._on_selection_changed)
        self.inspector.inspect_requested.connect(self._on_inspect_requested)
        controller.diagram_frame.connect(self.inspector.show_snapshot)
        controller.session_started.connect(self.inspector.reset)

        # Hints read the run's own numbers: the snapshot's merged history (see trainer_client).
        hints = window.hint_bar
        controller.session_started.connect(hints.reset)
        # A few times a second is enough for a hint (each judgement reads the whole history).
        self._hint_frames = Throttle(HINT_INTERVAL, lambda snapshot: hints.show_snapshot(snapshot, snapshot.history),
                                     parent=self)
        controller.snapshot_shown.connect(self._hint_frames.submit)
        controller.session_started.connect(lambda _: self._hint_frames.clear())
        hints.fix_requested.connect(window.apply_fix)

    def _on_phase_seconds_changed(self, seconds: float) -> None:
        self._window.controller.set_phase_seconds(seconds)
        self._window.memory.remember_phase_seconds(seconds)

    def _on_selection_changed(self, neuron) -> None:
        """A click on a neuron opens the inspector on it; a click elsewhere empties it (never hides it)."""
        if neuron is not None and not self.inspector.isVisible():
            self.inspector.show()
            if not self.inspector.isFloating():
                # A quarter of a wide window (its tables read better), its minimum on a laptop.
                width = max(self.inspector.minimumWidth(), round(DOCK_SHARE * self._window.width()))
                self._window.resizeDocks([self.inspector], [width], Qt.Orientation.Horizontal)
        if neuron is not None:
            self.inspector.raise_()
        self.inspector.inspect(neuron)

    def _on_inspect_requested(self, neuron) -> None:
        self._window.trainer.inspect(neuron)
        # A neuron chosen in the inspector itself (a link) is outlined in the diagram too.
        self._window.stage.current.select_neuron(neuron)
        # The step the phase belongs to: in slow motion the player may be on an older step than the newest.
        player = self._window.controller.phase_player
        shown = player.snapshot or self._window.controller.shown
        if shown is not None:
            self.inspector.show_snapshot(shown, player.phase)

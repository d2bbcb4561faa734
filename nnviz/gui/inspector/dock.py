"""The neuron inspector: a dock that shows one neuron's arithmetic in the shown training step —
forward, loss, backward and update, in symbols and numbers side by side (render.py) — for the neuron
the learner clicked, highlighting the part of the phase shown.

The dock never asks the trainer itself: `inspect(neuron)` (the window calls it on a click in a
diagram) says which neuron it waits for and emits `inspect_requested`, which the window sends to the
trainer; the explanation then arrives in snapshots (`snapshot.inspection`), and only one of that
neuron is shown. Redrawing is paced (at most every RENDER_MS while training runs) except when the
phase changes, so a teacher stepping through phases sees each at once. A change of language redraws
what is shown, in the new one.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDockWidget, QHBoxLayout, QLabel, QSizePolicy, QTextBrowser, QToolButton, QVBoxLayout, QWidget,
)

from nnviz.gui.i18n import Retranslated
from nnviz.gui.inspector.render import Part, empty_text, message_html, neuron_label, render
from nnviz.gui.theme import precise
from nnviz.training.architecture import NewSession
from nnviz.training.phases import Phase

RENDER_MS = 150  # while training runs, the page is redrawn at most this often
MIN_WIDTH = 360


class ElidedLabel(QLabel):
    """A one-line label that ends in "…" when it is too narrow for its text (the whole text is its
    tooltip): the dock's title line, whose neuron names and words vary with the language."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._full = ""
        # Long names must not widen the dock (and with it the window): the label gives way.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        super().setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(self.width(), 1)))


class InspectorDock(Retranslated, QDockWidget):
    """Renders `snapshot.inspection` of the neuron asked for (see the module docstring)."""

    #: (layer, index) the learner wants explained, or None for no neuron (the trainer stops explaining).
    inspect_requested = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("neuron_inspector")  # saveState/restoreState find it by this name
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        self._session: NewSession | None = None
        self._neuron: tuple[int, int] | None = None
        self._snapshot = None
        self._phase: Phase | None = None
        self._drawn_key: tuple | None = None
        self._highlighted: Part | None = None
        self._shown_explanation = None
        self._since_render = QElapsedTimer()
        self._pending = QTimer(self, singleShot=True)
        self._pending.timeout.connect(self._render)

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(6, 4, 6, 6)
        column.setSpacing(4)
        header = QHBoxLayout()
        self.title = ElidedLabel()  # which neuron, in the words of the diagrams' tooltips
        self.title.setStyleSheet("color: #666;")
        self.close_button = QToolButton()
        self.close_button.clicked.connect(self._on_close_clicked)
        header.addWidget(self.title, 1)
        header.addWidget(self.close_button)
        column.addLayout(header)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_link)
        page_font = QFont(self.browser.font())
        page_font.setPointSizeF(max(10.0, page_font.pointSizeF()))
        self.browser.setFont(page_font)
        self.browser.document().setDocumentMargin(3)
        column.addWidget(self.browser, 1)
        self.setWidget(body)
        self.setMinimumWidth(MIN_WIDTH)
        self._message: str | None = None  # the message shown (None: the empty state), when one is
        self._input: int | None = None  # the input whose note is shown, when one is
        self._show_message(None)
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text again in the current language, and redraw what is shown."""
        self.setWindowTitle(self.tr("Neuron inspector"))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Close the inspector and stop explaining this neuron"))
        if self._input is not None:
            self._show_input(self._input)
        elif self._neuron is None:
            self._show_message(None)
        else:
            self._drawn_key = None
            self._render()

    # -- the public surface ------------------------------------------------------------------------

    @property
    def neuron(self) -> tuple[int, int] | None:
        """The (layer, index) being inspected, or None."""
        return self._neuron

    @property
    def highlighted_part(self) -> str | None:
        """The part the current phase highlights ("sample", "forward", "loss", "backward", "update"),
        or None when none is (no phase, or the phase is not about this neuron)."""
        return None if self._highlighted is None else str(self._highlighted)

    @property
    def shown_explanation(self):
        """The NeuronExplanation on the page now (None: a message is shown instead)."""
        return self._shown_explanation

    @property
    def text(self) -> str:
        """The page as plain text (what a screen reader or a test reads)."""
        return self.browser.toPlainText()

    def reset(self, session: NewSession) -> None:
        """A new network: nothing inspected until the learner clicks a neuron of it."""
        self._session = session
        self._snapshot, self._phase = None, None
        self._input = None
        if self._neuron is not None:
            self._neuron = None
            self.inspect_requested.emit(None)
        self._show_message(None)

    def inspect(self, neuron: tuple[int, int] | None) -> None:
        """Explain `neuron` ((layer, index); layer 0 is the input, which has no arithmetic) from the
        next snapshot on; None shows the empty state. Emits inspect_requested for the trainer."""
        if neuron is not None:
            neuron = (int(neuron[0]), int(neuron[1]))
        asked = neuron if neuron is not None and neuron[0] >= 1 else None
        changed = asked != self._neuron
        self._neuron = asked
        if changed:
            self.inspect_requested.emit(asked)
        self._input = None
        if neuron is not None and neuron[0] == 0:
            self._show_input(neuron[1])
        else:
            self._drawn_key = None
            self._render()

    def show_snapshot(self, snapshot, phase: Phase | None = None) -> None:
        """Show `snapshot.inspection` (when it is of the neuron asked for), highlighting `phase`'s part."""
        phase_changed = phase != self._phase
        self._snapshot, self._phase = snapshot, phase
        if self._neuron is None or not self.isVisible():
            return
        shown = self._shown_explanation
        # Paced only while one neuron's explanation follows training: anything else shows at once.
        following = shown is not None and (shown.layer, shown.index) == self._neuron
        if phase_changed or not following or self._since_render.elapsed() >= RENDER_MS:
            self._pending.stop()
            self._render()
        elif not self._pending.isActive():
            self._pending.start(max(1, RENDER_MS - self._since_render.elapsed()))

    # -- rendering ---------------------------------------------------------------------------------

    def _render(self) -> None:
        self._since_render.start()
        neuron, snap = self._neuron, self._snapshot
        if neuron is None:
            if self._drawn_key != ("empty",) and self._input is None:
                self._show_message(None)
            return
        self.title.setText(self.tr("Inspecting {neuron} · click another neuron to switch").format(
            neuron=self._name(neuron)))
        e = None if snap is None else snap.inspection
        if e is None or (e.layer, e.index) != neuron:
            no_step = snap is not None and snap.last_step is None
            self._show_message(self.tr("No training step yet: train one (→ or .) to see this neuron's arithmetic")
                               if no_step else self.tr("Waiting for the trainer's numbers…"), keep_title=True)
            return
        arch = self._session.architecture if self._session is not None else None
        key = (id(e), self._phase)
        if key == self._drawn_key:
            return
        page = render(e, arch, self._phase)
        bar = self.browser.verticalScrollBar()
        position = bar.value()
        self.browser.setHtml(page.html)
        self._drawn_key, self._highlighted, self._shown_explanation = key, page.highlighted, e
        if page.highlighted is not None:
            self.browser.scrollToAnchor(str(page.highlighted))
        else:
            bar.setValue(position)

    def _show_message(self, text: str | None, keep_title: bool = False) -> None:
        """Show `text` in place of a page; None: the empty state's invitation."""
        if not keep_title:
            self.title.setText(self.tr("No neuron selected"))
        self.browser.setHtml(message_html(empty_text() if text is None else text))
        self._drawn_key = ("empty",) if text is None else ("message", text)
        self._highlighted = self._shown_explanation = None

    def _show_input(self, j: int) -> None:
        """An input has no arithmetic: say its value and where to click instead."""
        arch = self._session.architecture if self._session is not None else None
        self.title.setText(neuron_label(arch, 0, j))
        snap = self._snapshot
        if snap is not None and snap.last_step is not None:
            text = self.tr("An input computes nothing: it is the data. It is x = {value} on the shown sample. "
                           "Click a neuron in a hidden layer or the output to see its arithmetic.").format(
                value=precise(snap.last_step.activations[0][0][j]))
        else:
            text = self.tr("An input computes nothing: it is the data. "
                           "Click a neuron in a hidden layer or the output to see its arithmetic.")
        self._show_message(text, keep_title=True)
        self._input = j

    def _name(self, neuron: tuple[int, int]) -> str:
        arch = self._session.architecture if self._session is not None else None
        return neuron_label(arch, *neuron)

    # -- handlers ----------------------------------------------------------------------------------

    def _on_close_clicked(self) -> None:
        self.inspect(None)
        self.close()

    def _on_link(self, url: QUrl) -> None:
        """A neuron named in the backward terms was clicked: inspect that one."""
        kind, _, where = url.toString().partition(":")
        if kind == "neuron":
            layer, index = (int(v) for v in where.split(":"))
            self.inspect((layer, index))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._drawn_key = None
        self._render()

"""The gradient-check tab: does backprop agree with central differences, layer by layer?

"Check backprop" takes the network and the sample the window shows now and checks them in a process
of their own (nnviz.training.gradient_check_runner), so the window never waits; the result is a
table (one row per layer: weights checked, the largest relative error, pass or fail at 1e−7) and a
heatmap of every checked weight's error. "Break backprop" checks a deliberately broken copy of
backprop instead (f′(z) dropped in one layer, or δ's sign wrong at the output), so the learner sees
what the check catches; training never uses it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSizePolicy,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

import pyqtgraph as pg

from nnviz.engine.activations import ACTIVATIONS
from nnviz.engine.phrases import QT_TRANSLATE_NOOP
from nnviz.gui import main_thread_gc, theme
from nnviz.gui.charts.gradient_heatmaps import ErrorHeatmaps
from nnviz.gui.i18n import Retranslated, said, translate
from nnviz.training.architecture import NewSession
from nnviz.training.gradient_check import (
    NOT_BROKEN, Break, GradientCheck, LayerCheck, Verdict, break_choices, request_for,
)
from nnviz.training.gradient_check_runner import CheckFailed, CheckRunner
from nnviz.training.snapshot import Snapshot

#: How often a running check is asked for its result, in milliseconds.
POLL_MS = 40
PASS_COLOR = QColor(26, 120, 55)
FAIL_COLOR = QColor(196, 24, 32)
#: The result cells' backgrounds: the verdict's colour, faint.
_CELL_KEEP = 0.14
VERDICT_COLORS = {Verdict.PASSED: PASS_COLOR, Verdict.FAILED: FAIL_COLOR, Verdict.TOO_SMALL: theme.SUBTLE}
TOLERANCE_TEXT = f"1e{theme.MINUS}7"
# The table's words, shown through i18n.said in the window's language.
VERDICT_WORDS = {Verdict.PASSED: QT_TRANSLATE_NOOP("GradientCheckView", "pass"),
                 Verdict.FAILED: QT_TRANSLATE_NOOP("GradientCheckView", "FAIL"),
                 Verdict.TOO_SMALL: QT_TRANSLATE_NOOP("GradientCheckView", "too small")}
COLUMNS = (QT_TRANSLATE_NOOP("GradientCheckView", "Layer"), QT_TRANSLATE_NOOP("GradientCheckView", "Weights checked"),
           QT_TRANSLATE_NOOP("GradientCheckView", "Biases"), QT_TRANSLATE_NOOP("GradientCheckView", "Largest error"),
           QT_TRANSLATE_NOOP("GradientCheckView", "Result"))
COLUMN_TIPS = (QT_TRANSLATE_NOOP("GradientCheckView", "Layer l: its weights W_l and biases b_l"),
               QT_TRANSLATE_NOOP("GradientCheckView", "How many of W_l's weights were compared"),
               QT_TRANSLATE_NOOP("GradientCheckView", "Every bias is compared"),
               QT_TRANSLATE_NOOP("GradientCheckView", "The larger of W_l's and b_l's relative error "
                                 "‖g_backprop − g_numerical‖ / (‖g_backprop‖ + ‖g_numerical‖)"),
               QT_TRANSLATE_NOOP("GradientCheckView", "pass: below {tolerance} · FAIL: above it · too small: the "
                                 "gradient is too close to 0 for central differences to tell").format(
                   tolerance=TOLERANCE_TEXT))


def _colored(color: QColor, text: str) -> str:
    return f"<b style='color:{color.name()}'>{text}</b>"


def error_text(v: float) -> str:
    """A relative error as the app writes small numbers: "3.2e−9", "0.84", "0"."""
    return "0" if v == 0 else theme.short(v)


class GradientCheckView(Retranslated, QWidget):
    """The gradient-check tab (a chart: `reset(session)`, `show_snapshot(snapshot)`), plus
    `check()`, the button's action, and `shutdown()`, which the window calls when it closes."""

    #: A check ended: its GradientCheck, or a CheckFailed saying why there is none.
    check_finished = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = CheckRunner(before_thread_start=main_thread_gc.watch)
        self.session: NewSession | None = None
        self.snapshot: Snapshot | None = None
        self.result: GradientCheck | None = None
        self._choices: tuple[Break, ...] = (NOT_BROKEN,)
        # What the status and sample lines say, kept to say it again in another language.
        self._request = None  # the check running now
        self._failure: CheckFailed | None = None  # why the last check did not run
        self._sample: tuple | None = None  # (label, step, result) of the sample checked
        self._hovered = None  # the heatmap cell under the mouse: (layer check, row, column)

        self.check_button = QPushButton()
        self.break_choice = QComboBox()
        self.break_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.break_label = QLabel()
        self.readout = QLabel(" ")
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.readout.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.readout.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        controls = QHBoxLayout()
        controls.addWidget(self.check_button)
        controls.addSpacing(12)
        controls.addWidget(self.break_label)
        controls.addWidget(self.break_choice)
        controls.addSpacing(12)
        controls.addWidget(self.readout, 1)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.sample_label = QLabel()
        self.sample_label.setWordWrap(True)
        self.sample_label.setStyleSheet(f"color: {theme.SUBTLE.name()};")

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(f"color: {theme.SUBTLE.name()};")
        self.note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.heatmaps = ErrorHeatmaps()
        self.heatmaps.setMinimumHeight(150)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.table)
        left.addWidget(self.note, 1)
        self.side = QWidget()
        self.side.setLayout(left)
        results = QHBoxLayout()
        results.setContentsMargins(0, 0, 0, 0)
        results.addWidget(self.side)
        results.addWidget(self.heatmaps, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 4)
        layout.setSpacing(4)
        layout.addLayout(controls)
        layout.addWidget(self.status)
        layout.addWidget(self.sample_label)
        layout.addLayout(results, 1)

        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._on_poll)
        self.check_button.clicked.connect(self.check)
        self.break_choice.activated.connect(self._on_break_changed)
        self._mouse_proxy = pg.SignalProxy(self.heatmaps.scene().sigMouseMoved, rateLimit=60,
                                           slot=self._on_mouse_moved)
        self.retranslate()

    # -- language ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every text in the window's language: the controls, the table and the note, and what the
        status, sample and readout lines say about the check shown (or running)."""
        self.check_button.setText(translate("GradientCheckView", "Check backprop"))
        self.break_choice.setToolTip(translate(
            "GradientCheckView", "Check a deliberately broken copy of backprop, to see what the check catches. "
            "Training always uses the engine's own backprop."))
        self.break_label.setText(translate("GradientCheckView", "Break backprop:"))
        self._name_choices()
        self.table.setHorizontalHeaderLabels([said(name) for name in COLUMNS])
        for column, tip in enumerate(COLUMN_TIPS):
            self.table.horizontalHeaderItem(column).setToolTip(said(tip))
        self.note.setText(translate(
            "GradientCheckView", "Heatmaps: each checked weight's |backprop − central difference|, divided by "
            "‖backprop‖ + ‖central differences‖ of its matrix (so a layer's cells add up, in squares, to its relative "
            "error). The palest cells agree exactly (both 0: an input of 0, an inactive ReLU). Blank cells were not "
            "checked; hover a cell for its numbers."))
        if self.result is not None:
            self._fill_table(self.result)
        self._fit_table()
        self._show_status()
        self._show_sample()
        self._show_readout()
        self._update_button()

    def _name_choices(self) -> None:
        names = self.session.architecture.layer_names if self.session is not None else ()
        for index, choice in enumerate(self._choices[:self.break_choice.count()]):
            self.break_choice.setItemText(index, said(choice.label(names)))

    # -- the chart interface ---------------------------------------------------------------------

    def reset(self, session: NewSession) -> None:
        """A new network: forget the last check (stopping one that runs) and offer its break choices."""
        self.runner.stop()
        self._timer.stop()
        self.session, self.snapshot, self.result = session, None, None
        self._request = self._failure = self._sample = self._hovered = None
        architecture = session.architecture
        self._choices = break_choices(architecture.n_layers)
        self.break_choice.clear()
        self.break_choice.addItems([""] * len(self._choices))
        self._name_choices()
        self.table.setRowCount(0)
        self._fit_table()
        self.heatmaps.clear_check()
        self.readout.setText(" ")
        self._show_idle()

    def show_snapshot(self, snapshot: Snapshot) -> None:
        """Keep the newest snapshot: the next check uses its parameters and its shown sample."""
        self.snapshot = snapshot
        self._update_button()

    def shutdown(self) -> None:
        """Stop a running check and its process (the window calls this when it closes)."""
        self._timer.stop()
        self.runner.stop()
        self._update_button()

    # -- checking ----------------------------------------------------------------------------------

    @property
    def is_checking(self) -> bool:
        return self.runner.running

    @property
    def selected_break(self) -> Break:
        index = self.break_choice.currentIndex()
        return self._choices[index] if 0 <= index < len(self._choices) else NOT_BROKEN

    def select_break(self, broken: Break) -> None:
        """Choose how backprop is broken for the next check (as picking it in the list does, without
        starting a check)."""
        self.break_choice.setCurrentIndex(self._choices.index(broken))

    def check(self) -> bool:
        """Check the shown network on its shown sample, apart from the window. False when there is
        nothing to check yet (no snapshot) or the network has no gradient."""
        if self.session is None or self.snapshot is None or self._stuck_activation() is not None:
            return False
        request = request_for(self.snapshot, self.session, self.selected_break)
        self.runner.start(request)
        self._timer.start()
        self._update_button()
        self._request, self._failure = request, None
        self._show_status()
        self._sample = (request.label, request.step, None)
        self._show_sample()
        return True

    def _on_poll(self) -> None:
        outcome = self.runner.poll()
        if outcome is None:
            return
        self._timer.stop()
        self._request = None
        self._update_button()
        if isinstance(outcome, CheckFailed):
            self._failure = outcome
            self._show_status()
        else:
            self._show_result(outcome)
        self.check_finished.emit(outcome)

    def _on_break_changed(self, index: int) -> None:
        # A learner who flips the toggle wants to see its effect: check again at once (a check still
        # running for the previous choice is stopped by the runner and replaced).
        if self.snapshot is not None:
            self.check()

    # -- showing -----------------------------------------------------------------------------------

    def _layer_name(self, layer: int) -> str:
        names = self.session.architecture.layer_names if self.session else ()
        if layer < len(names):
            return said(names[layer])
        return translate("GradientCheckView", "layer {layer}").format(layer=layer)

    def _show_result(self, result: GradientCheck) -> None:
        self.result = result
        self._failure = None
        self._fill_table(result)
        self._fit_table()
        self.heatmaps.show_check(result)
        self._show_status()
        self._sample = (result.label, result.step, result)
        self._show_sample()

    def _fill_table(self, result: GradientCheck) -> None:
        self.table.setRowCount(len(result.layers))
        for row, layer in enumerate(result.layers):
            checked = layer.n_weights_checked
            if checked == layer.n_weights:
                weights = translate("GradientCheckView", "all {count}").format(count=f"{checked:,}")
            else:
                weights = translate("GradientCheckView", "{checked} of {total}").format(
                    checked=f"{checked:,}", total=f"{layer.n_weights:,}")
            cells = (self._layer_name(layer.layer), weights, f"{layer.n_biases:,}", error_text(layer.largest_error),
                     said(VERDICT_WORDS[layer.verdict]))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (1, 2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(self._layer_tooltip(layer))
                if column == 4:
                    color = VERDICT_COLORS[layer.verdict]
                    item.setForeground(color)
                    item.setBackground(theme.toward_white(color, _CELL_KEEP))
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()

    def _show_status(self) -> None:
        """The status line: the check running, why the last one could not run, its verdict, or (none
        yet) what a check does."""
        if self._request is not None and self.is_checking:
            if self._request.broken == NOT_BROKEN:
                text = translate("GradientCheckView", "Checking backprop: {count} weights and biases, two forward "
                                 "passes each…")
            else:
                text = translate("GradientCheckView", "Checking backprop (backprop broken on purpose): {count} "
                                 "weights and biases, two forward passes each…")
            self.status.setText("<i>" + text.format(count=f"{self._request.n_checked:,}") + "</i>")
        elif self._failure is not None:
            self.status.setText(translate("GradientCheckView", "{verdict}: {message}.").format(
                verdict=_colored(FAIL_COLOR, translate("GradientCheckView", "The check could not run")),
                message=said(self._failure.message)))
        elif self.result is not None:
            self.status.setText(self._headline(self.result))
        else:
            stuck = self._stuck_activation()
            if stuck is not None:
                self.status.setText(translate(
                    "GradientCheckView", "This network's {activation} activation has no gradient, so there is no "
                    "backprop to check.").format(activation=said(stuck)))
            else:
                self.status.setText(translate(
                    "GradientCheckView", "“Check backprop” compares every layer's gradient from backprop with central "
                    "differences (∂L/∂w ≈ (L(w + ε) − L(w − ε)) / 2ε) on the sample the network shows; a layer "
                    "passes when their relative error is below {tolerance}.").format(tolerance=TOLERANCE_TEXT))

    def _headline(self, result: GradientCheck) -> str:
        names = self.session.architecture.layer_names if self.session else ()

        def named(layers):
            return translate("GradientCheckView", ", ").join(self._layer_name(l.layer) for l in layers)

        failed = [l for l in result.layers if l.verdict is Verdict.FAILED]
        small = [l for l in result.layers if l.verdict is Verdict.TOO_SMALL]
        broken = result.broken != NOT_BROKEN
        what = said(result.broken.label(names)) if broken else ""  # what was checked, not what is chosen now
        if failed:
            text = translate("GradientCheckView", "{verdict} in {layers}: relative error up to {error}, above "
                             "{tolerance}.").format(
                verdict=_colored(FAIL_COLOR, translate("GradientCheckView", "Backprop fails")), layers=named(failed),
                error=error_text(result.largest_error), tolerance=TOLERANCE_TEXT)
            if broken:
                text += translate("GradientCheckView", " Broken on purpose ({what}): the check caught it.").format(
                    what=what)
            return text
        if small and not any(l.verdict is Verdict.PASSED for l in result.layers):
            return translate("GradientCheckView", "{verdict}: on this sample every gradient is too small for central "
                             "differences to resolve. Check again on another sample.").format(
                verdict=_colored(theme.SUBTLE, translate("GradientCheckView", "Nothing to tell")))
        passes = _colored(PASS_COLOR, translate("GradientCheckView", "Backprop passes"))
        if small:
            text = translate("GradientCheckView", "{verdict} wherever central differences can tell; {layers}'s "
                             "gradient on this sample is too small for them to resolve (hover the table for the "
                             "numbers).").format(verdict=passes, layers=named(small))
        else:
            largest = max(l.largest_error for l in result.layers if l.verdict is Verdict.PASSED)
            text = translate("GradientCheckView", "{verdict}: every relative error is below {tolerance} (largest "
                             "{largest}).").format(verdict=passes, tolerance=TOLERANCE_TEXT,
                                                   largest=error_text(largest))
        if broken and result.break_changed is False:
            text += translate("GradientCheckView", " Breaking it ({what}) changed nothing on this sample: f′(z) is 1 "
                              "wherever it was dropped. Check again on another sample.").format(what=what)
        return text

    def _layer_tooltip(self, layer: LayerCheck) -> str:
        lines = []
        for name, part in ((f"W{layer.layer}", layer.weights), (f"b{layer.layer}", layer.biases)):
            lines.append(translate("GradientCheckView", "{name}: relative error {error}, ‖∂L/∂{name}‖ = {norm} — "
                                   "{verdict}").format(name=name, error=error_text(part.relative_error),
                                                       norm=theme.precise(part.gradient_norm),
                                                       verdict=said(VERDICT_WORDS[part.verdict])))
            if part.verdict is Verdict.TOO_SMALL:
                lines.append("    " + translate("GradientCheckView", "rounding in the loss limits central differences "
                                                "to about {resolution} here").format(
                    resolution=theme.precise(part.resolution)))
        return "\n".join(lines)

    def _show_sample(self) -> None:
        """The sample line: which sample is checked and, once checked, the loss, count and time."""
        if self._sample is None:
            self.sample_label.setText(" ")
            return
        label, _step, result = self._sample
        parts = [translate("GradientCheckView", "Sample: {sample}").format(sample=said(label))]
        if result is not None:
            loss = theme.precise(result.cost)
            parts.append(translate("GradientCheckView", "loss {loss} (with L2)").format(loss=loss) if result.l2
                         else translate("GradientCheckView", "loss {loss}").format(loss=loss))
            parts.append(translate("GradientCheckView", "{count} gradients in {seconds} s").format(
                count=f"{result.n_checked:,}", seconds=f"{result.seconds:.2f}"))
            parts.append(f"float64, ε = {theme.precise(result.eps)}")
        self.sample_label.setText(" · ".join(parts))

    def _show_idle(self) -> None:
        self._sample = None
        self._show_status()
        self._show_sample()
        self._update_button()

    def _update_button(self) -> None:
        ready = self.snapshot is not None and self._stuck_activation() is None
        self.check_button.setEnabled(ready and not self.is_checking)
        self.break_choice.setEnabled(self.session is not None and self._stuck_activation() is None)
        if self.snapshot is None and self.session is not None:
            self.check_button.setToolTip(translate("GradientCheckView", "Available once the network is shown"))
        else:
            self.check_button.setToolTip(translate(
                "GradientCheckView", "Compare backprop's gradients with central differences for the network and the "
                "sample shown now (float64, in a process of its own)"))

    def _stuck_activation(self) -> str | None:
        if self.session is None:
            return None
        return next((n for n in self.session.architecture.activation_names if not ACTIVATIONS[n].differentiable),
                    None)

    def _fit_table(self) -> None:
        # The table as wide as its columns and as tall as its rows; the note fills the rest below it
        # and the heatmaps take every pixel to the right.
        width = self.table.horizontalHeader().length() + 2 * self.table.frameWidth()
        height = (self.table.horizontalHeader().height() + self.table.verticalHeader().length()
                  + 2 * self.table.frameWidth())
        self.side.setFixedWidth(width)
        self.table.setFixedHeight(height)

    def _on_mouse_moved(self, args) -> None:
        cell = self.heatmaps.cell_at(args[0])
        self.heatmaps.show_cursor(cell)
        self._hovered = cell
        self._show_readout()

    def _show_readout(self) -> None:
        """What the heatmap cell under the mouse holds."""
        if self._hovered is None:
            self.readout.setText(" ")
            return
        layer, r, c = self._hovered
        i, j = int(layer.rows[r]), int(layer.cols[c])
        self.readout.setText(translate(
            "GradientCheckView", "W{layer}[{i}, {j}]: backprop {backprop} · central differences {numerical} · error "
            "{error}").format(layer=layer.layer, i=i, j=j, backprop=theme.precise(layer.backprop[r, c]),
                              numerical=theme.precise(layer.numerical[r, c]),
                              error=error_text(layer.weight_errors[r, c])))

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.shutdown()
        self._mouse_proxy.disconnect()
        super().closeEvent(event)

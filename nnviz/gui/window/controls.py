"""The control panel: dataset/preset, architecture editor and hyperparameters.

The panel holds no training state. It turns the user's edits into three kinds of requests:
`live_changed` for hyperparameters a running session picks up at its next step, `data_edited` for data
the running network can go on training on (the same features, task and classes), and
`rebuild_requested` (with a complete Preset) for changes that need a new network. The line under the
preset says what the widgets describe: the preset's own summary, or, once anything was changed, what
will be built and how it trains (the data rows below it show the data).
"""

from __future__ import annotations

import math
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSlider,
    QSpinBox, QToolButton, QVBoxLayout, QWidget,
)

from nnviz.engine.activations import ACTIVATIONS, get_activation
from nnviz.engine.init import INITS
from nnviz.engine.losses import LOSSES, get_loss
from nnviz.engine.optimizers import OPTIMIZERS
from nnviz.gui.window.data_panel import DataPanel
from nnviz.training import PRESETS, Preset
from nnviz.training.architecture import NewSession
from nnviz.training.data_fit import DataShape, kind_preset, preset_for_data
from nnviz.training.presets import MAX_HIDDEN_LAYERS, describe, hidden_activations, layer_limit, preset_spec

HIDDEN_ACTIVATIONS = [name for name, cls in ACTIVATIONS.items() if cls.hidden_ok and cls.differentiable]
OUTPUT_ACTIVATIONS = [name for name, cls in ACTIVATIONS.items() if cls.differentiable]
LOSS_LABELS = {"mse": "mean squared error", "bce": "binary cross-entropy", "ce": "categorical cross-entropy"}
MODE_LABELS = {"stochastic": "stochastic (1 sample)", "minibatch": "mini-batch", "batch": "full batch"}
OPTIMIZER_LABELS = {"sgd": "plain SGD", "momentum": "SGD with momentum", "adam": "Adam"}
#: The learning-rate slider's stops: 1, 2, 3 and 5 of every decade from 1e-4 to 10, the values people
#: type; any other value (0 < lr ≤ 100) can be typed in the box beside it.
LR_STOPS = tuple(float(f"{m}e{e}") for e in range(-4, 1) for m in (1, 2, 3, 5)) + (10.0,)
LR_MAX = 100.0  # what Hyperparameters accepts


def lr_to_slider(lr: float) -> int:
    """The slider stop nearest `lr` on a log scale."""
    return min(range(len(LR_STOPS)), key=lambda i: abs(math.log(LR_STOPS[i] / lr)))


def slider_to_lr(position: int) -> float:
    return LR_STOPS[position]


def parse_lr(text: str) -> float:
    """A typed learning rate ("0.003", "3e-3", "0,003"); ValueError with what is wrong, in words."""
    try:
        lr = float(text.strip().replace("\u2212", "-").replace(",", "."))
    except ValueError:
        raise ValueError(f"“{text.strip()}” is not a number (type one such as 0.003 or 3e-3)") from None
    if not (math.isfinite(lr) and 0 < lr <= LR_MAX):
        raise ValueError(f"A learning rate must be above 0 and at most {LR_MAX:g}")
    return lr


def describe_change(name: str, value) -> str:
    """One status-bar line, in the panel's own words, for a setting that applies at the next step:
    "Gradient descent: full batch (applies at the next step)"."""
    text = {
        "lr": lambda v: f"Learning rate: {v:g}",
        "granularity": lambda v: f"Gradient descent: {MODE_LABELS.get(v, v)}",
        "batch_size": lambda v: f"Batch size: {v:,} samples per step",
        "optimizer": lambda v: f"Optimiser: {OPTIMIZER_LABELS.get(v, v)}",
        "momentum": lambda v: f"Momentum: {v:g}",
        "l2": lambda v: f"L2 regularisation: {v:g}",
        "epochs": lambda v: "Train until stopped" if v is None else f"Training stops after {v:,} epochs",
        "augment": lambda v: f"Augmented images: {'on' if v else 'off'}",
    }.get(name, lambda v: f"{name.replace('_', ' ').capitalize()}: {v}")(value)
    return f"{text} (applies at the next step)"


class HiddenLayerRow(QWidget):
    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, index: int, size: int, activation: str, max_size: int):
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.size = QSpinBox(minimum=1, maximum=max_size, value=size)
        self.size.setToolTip("Number of neurons in this hidden layer")
        self.activation = QComboBox()
        self.activation.addItems(HIDDEN_ACTIVATIONS)
        self.activation.setCurrentText(activation)
        self.activation.setToolTip("Activation function of this hidden layer")
        remove = QToolButton(text="✕")
        remove.setToolTip("Remove this hidden layer")
        remove.clicked.connect(lambda: self.remove_requested.emit(self))
        for w in (self.label, self.size, self.activation, remove):
            layout.addWidget(w)
        layout.setStretch(2, 1)
        self.set_index(index)
        self.size.valueChanged.connect(self.changed)
        self.activation.currentTextChanged.connect(self.changed)

    def set_index(self, index: int) -> None:
        self.label.setText(f"hidden {index}")


class ControlPanel(QWidget):
    preset_chosen = Signal(str)
    rebuild_requested = Signal(object)  # Preset
    live_changed = Signal(dict)  # hyperparameter name -> new value
    data_edited = Signal(object)  # DatasetSpec: data the running network trains on from its next step

    def __init__(self, parent=None):
        super().__init__(parent)
        self._preset: Preset | None = None
        self._updating = False  # True while widgets are filled from a preset: no signals then
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_data_box())
        layout.addWidget(self._build_architecture_box())
        layout.addWidget(self._build_hyper_box())
        layout.addStretch(1)
        self.setMinimumWidth(300)

    # -- construction ----------------------------------------------------------------------------

    def _build_data_box(self) -> QGroupBox:
        box = QGroupBox("Data and preset")
        form = QFormLayout(box)
        self.preset = QComboBox()
        for name, preset in PRESETS.items():
            self.preset.addItem(name, name)
            self.preset.setItemData(self.preset.count() - 1, preset.summary, Qt.ToolTipRole)
        self.preset.setToolTip("Start from one of the classic examples (dataset, network and settings)")
        self.preset.currentIndexChanged.connect(self._on_preset_changed)
        self.summary = QLabel(wordWrap=True)
        self.summary.setStyleSheet("color: #666;")
        self.summary.setToolTip("What the settings below build and how they train")
        form.addRow("Preset", self.preset)
        form.addRow(self.summary)
        self.data = DataPanel(box)
        self.data.add_to(form)
        self.data.data_chosen.connect(self._on_data_chosen)
        return box

    def _build_architecture_box(self) -> QGroupBox:
        box = QGroupBox("Network")
        v = QVBoxLayout(box)
        self.inputs_label = QLabel()
        v.addWidget(self.inputs_label)
        self.hidden_rows_layout = QVBoxLayout()
        v.addLayout(self.hidden_rows_layout)
        self.hidden_rows: list[HiddenLayerRow] = []
        self.add_layer = QPushButton("+ hidden layer")
        self.add_layer.setToolTip("Add a hidden layer before the output layer")
        self.add_layer.clicked.connect(self._on_add_layer)
        v.addWidget(self.add_layer)
        form = QFormLayout()
        self.output = QComboBox()
        self.output.addItems(OUTPUT_ACTIVATIONS)
        self.output.setToolTip("Activation of the output layer")
        self.loss = QComboBox()
        for name in LOSSES:
            self.loss.addItem(LOSS_LABELS[name], name)
        self.loss.setToolTip("What the network minimises; cross-entropies need sigmoid or softmax outputs")
        self.init = QComboBox()
        self.init.addItems(list(INITS))
        self.init.setToolTip("How the starting weights are drawn: textbook N(0, 1/n_in), Xavier, or He")
        seed_row = QHBoxLayout()
        self.seed = QSpinBox(minimum=0, maximum=2**31 - 1)
        self.seed.setToolTip("Random seed: the same seed gives the same starting weights and sample order")
        self.new_seed = QToolButton(text="New")
        self.new_seed.setToolTip("Draw a new seed (new starting weights) and reset")
        self.new_seed.clicked.connect(self.draw_new_seed)
        seed_row.addWidget(self.seed, 1)
        seed_row.addWidget(self.new_seed)
        form.addRow("Output", self.output)
        form.addRow("Loss", self.loss)
        form.addRow("Initialisation", self.init)
        form.addRow("Seed", seed_row)
        v.addLayout(form)
        for w in (self.output, self.loss, self.init):
            w.currentIndexChanged.connect(self._on_structure_changed)
        self.seed.valueChanged.connect(self._on_structure_changed)
        return box

    def _build_hyper_box(self) -> QGroupBox:
        box = QGroupBox("Training")
        form = QFormLayout(box)
        lr_box = QVBoxLayout()
        lr_box.setSpacing(2)
        lr_row = QHBoxLayout()
        self.lr = QSlider(Qt.Horizontal, minimum=0, maximum=len(LR_STOPS) - 1, pageStep=4)
        self.lr.setToolTip("Learning rate (log scale, 1-2-3-5 in each decade): how far each step moves the "
                           "weights; applies at the next step")
        self.lr_edit = QLineEdit()
        self.lr_edit.setFixedWidth(self.lr_edit.fontMetrics().horizontalAdvance("0.00005") + 16)
        self.lr_edit.setToolTip(f"Type any learning rate above 0 and up to {LR_MAX:g} (e.g. 0.003 or 3e-3), then Enter")
        self.lr_error = QLabel(wordWrap=True)
        self.lr_error.setStyleSheet("color: #b00020;")
        self.lr_error.hide()
        self._lr = 0.1  # the exact value in use: typed values need not be a slider stop
        lr_row.addWidget(self.lr, 1)
        lr_row.addWidget(self.lr_edit)
        lr_box.addLayout(lr_row)
        lr_box.addWidget(self.lr_error)
        self.mode = QComboBox()
        for name, label in MODE_LABELS.items():
            self.mode.addItem(label, name)
        self.mode.setToolTip("Gradient descent: update after each sample, each mini-batch, or the whole set")
        self.batch_size = QSpinBox(minimum=1, maximum=60000)
        self.batch_size.setToolTip("Samples per update in mini-batch mode; applies at the next step")
        self.optimizer = QComboBox()
        self.optimizer.addItems(list(OPTIMIZERS))
        self.optimizer.setToolTip("Update rule: plain SGD, SGD with momentum, or Adam")
        self.momentum = QDoubleSpinBox(minimum=0.0, maximum=0.99, singleStep=0.05, decimals=2)
        self.momentum.setToolTip("Momentum: how much of the previous update carries over (momentum optimiser)")
        self.l2 = QDoubleSpinBox(minimum=0.0, maximum=1.0, singleStep=0.001, decimals=4)
        self.l2.setToolTip("L2 regularisation: pulls every weight (not the biases) toward zero each step")
        self.epochs = QSpinBox(minimum=1, maximum=100000)
        self.epochs.setToolTip("Play stops after this many epochs (Play again to continue)")
        form.addRow("Learning rate", lr_box)
        form.addRow("Gradient descent", self.mode)
        form.addRow("Batch size", self.batch_size)
        form.addRow("Optimiser", self.optimizer)
        form.addRow("Momentum", self.momentum)
        form.addRow("L2", self.l2)
        form.addRow("Epochs", self.epochs)
        self.lr.valueChanged.connect(self._on_lr_slider_moved)
        self.lr_edit.editingFinished.connect(self._on_lr_typed)
        self.mode.currentIndexChanged.connect(lambda: self._emit_live(granularity=self.mode.currentData()))
        for widget in (self.mode, self.batch_size, self.optimizer, self.momentum, self.l2):
            # Live changes alter what the summary says too.
            signal = widget.currentIndexChanged if isinstance(widget, QComboBox) else widget.valueChanged
            signal.connect(self._refresh_summary)
        self.batch_size.valueChanged.connect(lambda v: self._emit_live(batch_size=v))
        self.optimizer.currentTextChanged.connect(lambda v: self._emit_live(optimizer=v))
        self.momentum.valueChanged.connect(lambda v: self._emit_live(momentum=v))
        self.l2.valueChanged.connect(lambda v: self._emit_live(l2=v))
        self.epochs.valueChanged.connect(lambda v: self._emit_live(epochs=v))
        return box

    # -- filling from a preset -------------------------------------------------------------------

    def set_preset(self, preset: Preset) -> None:
        """Show `preset` in every widget without emitting change requests."""
        self._updating = True
        try:
            self._preset = preset
            index = self.preset.findData(preset.name)
            if index >= 0:
                self.preset.setCurrentIndex(index)
            n_in = preset.sizes[0]
            self.inputs_label.setText(f"input: {n_in} feature{'' if n_in == 1 else 's'}")
            hidden = hidden_activations(preset)
            for row in self.hidden_rows:
                row.setParent(None)
                row.deleteLater()
            self.hidden_rows = []
            for size, act in zip(preset.sizes[1:-1], hidden):
                self._append_row(size, act)
            self.output.setCurrentText(preset.output)
            self.loss.setCurrentIndex(self.loss.findData(preset.loss))
            self.init.setCurrentText(preset.init)
            h = preset.hyperparameters
            self.seed.setValue(h.seed or 0)
            self.data.show_spec(preset_spec(preset))
            self._show_lr(h.lr)
            self.mode.setCurrentIndex(self.mode.findData(h.granularity))
            self.batch_size.setValue(h.batch_size)
            self.optimizer.setCurrentText(h.optimizer)
            self.momentum.setValue(h.momentum)
            self.l2.setValue(h.l2)
            self.epochs.setValue(h.epochs or 1)
            self._sync_enabled()
        finally:
            self._updating = False
        self._refresh_summary()

    def _refresh_summary(self) -> None:
        """The preset's own summary while the widgets describe it; once anything that shapes the
        network or its training differs, a description of what they describe now."""
        if self._preset is None or self._updating:
            return
        named = PRESETS.get(self._preset.name)
        now = self.current_preset()
        # The data is not repeated here: the rows below show it.
        if named is not None and describe(now) == describe(named) and now.init == named.init:
            self.summary.setText(named.summary)
        else:
            origin = f"{self._preset.name}, changed" if named is not None else "Loaded model"
            self.summary.setText(f"{origin}: {describe(now)}")

    def show_session(self, session: NewSession) -> None:
        """The network trains on `session`'s data (a new network, or new data for the same one): the
        data rows show it, and the next rebuild builds on it."""
        if session.preset is not None and self._preset is not None:
            spec = preset_spec(session.preset)
            if spec != preset_spec(self._preset):
                self._preset = replace(self._preset, dataset=spec.kind, spec=spec, samples=None)
                self._refresh_summary()
        self.data.show_session(session)

    def _on_data_chosen(self, spec, shape: DataShape | None) -> None:
        """Data the running network can take trains live; other data needs a network that fits it: the
        preset made for that data where there is one, else this network with its ends fitted."""
        if self._preset is None:
            return
        if shape is not None and shape == self.data.session_shape:
            self._preset = replace(self._preset, dataset=spec.kind, spec=spec, samples=None)
            self._refresh_summary()
            self.data_edited.emit(spec)
        elif spec.kind != "csv" and kind_preset(spec) is not None:
            self.preset_chosen.emit(kind_preset(spec))
        elif shape is not None:
            preset = preset_for_data(self.current_preset(), spec, shape)
            self.set_preset(preset)
            self.rebuild_requested.emit(preset)

    def _append_row(self, size: int, activation: str) -> None:
        max_size = layer_limit(self._preset.dataset if self._preset else "xor")
        row = HiddenLayerRow(len(self.hidden_rows) + 1, size, activation, max_size)
        row.changed.connect(self._on_structure_changed)
        row.remove_requested.connect(self._on_remove_layer)
        self.hidden_rows.append(row)
        self.hidden_rows_layout.addWidget(row)

    def _sync_enabled(self) -> None:
        mode = self.mode.currentData()
        self.batch_size.setEnabled(mode == "minibatch")
        self.momentum.setEnabled(self.optimizer.currentText() == "momentum")
        self.add_layer.setEnabled(len(self.hidden_rows) < MAX_HIDDEN_LAYERS)
        # Cross-entropies take logs: only offer them for outputs in (0, 1).
        low, high = get_activation(self.output.currentText()).output_range
        probabilities = low >= 0 and high <= 1
        model = self.loss.model()
        for i in range(self.loss.count()):
            needs = get_loss(self.loss.itemData(i)).needs_probabilities
            model.item(i).setEnabled(probabilities or not needs)

    # -- reading back ----------------------------------------------------------------------------

    def current_preset(self) -> Preset | None:
        """The preset the widgets describe now (validated when the worker builds it); None before
        the first is shown."""
        base = self._preset
        if base is None:
            return None
        sizes = (base.sizes[0], *[row.size.value() for row in self.hidden_rows], base.sizes[-1])
        hyper = base.hyperparameters.updated(
            lr=self._lr, granularity=self.mode.currentData(),
            batch_size=self.batch_size.value(), optimizer=self.optimizer.currentText(),
            momentum=round(self.momentum.value(), 4), l2=round(self.l2.value(), 6),
            epochs=self.epochs.value(), seed=self.seed.value(),
        )
        return replace(
            base, sizes=sizes, hidden=tuple(row.activation.currentText() for row in self.hidden_rows),
            output=self.output.currentText(), loss=self.loss.currentData(), init=self.init.currentText(),
            hyperparameters=hyper,
            # Prescribed starting weights only fit the architecture they were written for.
            initial_parameters=base.initial_parameters if sizes == base.sizes else None,
        )

    # -- handlers --------------------------------------------------------------------------------

    def _on_preset_changed(self) -> None:
        if not self._updating:
            self.preset_chosen.emit(self.preset.currentData())

    def _on_structure_changed(self) -> None:
        if self._updating:
            return
        self._sync_enabled()
        self._refresh_summary()
        if not self.loss.model().item(self.loss.currentIndex()).isEnabled():
            # The output changed to one the loss cannot take: fall back to squared error.
            self._updating = True
            self.loss.setCurrentIndex(self.loss.findData("mse"))
            self._updating = False
        self.rebuild_requested.emit(self.current_preset())

    def _on_add_layer(self) -> None:
        last = self.hidden_rows[-1] if self.hidden_rows else None
        self._append_row(last.size.value() if last else 4, last.activation.currentText() if last else "tanh")
        self._on_structure_changed()

    def _on_remove_layer(self, row: HiddenLayerRow) -> None:
        self.hidden_rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        for i, r in enumerate(self.hidden_rows, start=1):
            r.set_index(i)
        self._on_structure_changed()

    def draw_new_seed(self) -> None:
        import secrets

        self.seed.setValue(secrets.randbelow(2**31 - 1))  # emits rebuild through valueChanged

    @property
    def learning_rate(self) -> float:
        """The learning rate the panel asks for (a slider stop or any typed value)."""
        return self._lr

    def _show_lr(self, lr: float) -> None:
        self._lr = lr
        self.lr.blockSignals(True)
        self.lr.setValue(lr_to_slider(lr))
        self.lr.blockSignals(False)
        self.lr_edit.setText(f"{lr:g}")
        self.lr_error.hide()

    def _on_lr_slider_moved(self, position: int) -> None:
        self._set_lr(slider_to_lr(position))

    def _on_lr_typed(self) -> None:
        try:
            lr = parse_lr(self.lr_edit.text())
        except ValueError as exc:
            self.lr_edit.setText(f"{self._lr:g}")  # the value in use stays, and says so
            self.lr_error.setText(f"{exc}; it stays {self._lr:g}.")
            self.lr_error.show()
            return
        if lr != self._lr:
            self._set_lr(lr)
        else:
            self.lr_error.hide()

    def _set_lr(self, lr: float) -> None:
        self._show_lr(lr)
        self._refresh_summary()
        self._emit_live(lr=lr)

    def _emit_live(self, **changes) -> None:
        if self._updating:
            return
        self._sync_enabled()
        self.live_changed.emit(changes)

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
from nnviz.gui.i18n import Retranslated, said, said_error
from nnviz.gui.window.data_panel import DataPanel
from nnviz.gui.window.wrapped_label import WrappedLabel
from nnviz.gui.window.setting_words import (  # noqa: F401 (describe_change and parse_lr: the panel's API)
    INIT_LABELS, LOSS_LABELS, LR_MAX, MODE_LABELS, OPTIMIZER_LABELS, describe_change, labelled_combo, parse_lr,
    relabel, select_data,
)
from nnviz.training import PRESETS, Preset
from nnviz.training.architecture import NewSession
from nnviz.training.data_fit import DataShape, kind_preset, preset_for_data
from nnviz.training.presets import MAX_HIDDEN_LAYERS, describe, hidden_activations, layer_limit, preset_spec

HIDDEN_ACTIVATIONS = [name for name, cls in ACTIVATIONS.items() if cls.hidden_ok and cls.differentiable]
OUTPUT_ACTIVATIONS = [name for name, cls in ACTIVATIONS.items() if cls.differentiable]
#: The learning-rate slider's stops: 1, 2, 3 and 5 of every decade from 1e-4 to 10, the values people
#: type; any other value (0 < lr ≤ 100) can be typed in the box beside it.
LR_STOPS = tuple(float(f"{m}e{e}") for e in range(-4, 1) for m in (1, 2, 3, 5)) + (10.0,)


def lr_to_slider(lr: float) -> int:
    """The slider stop nearest `lr` on a log scale."""
    return min(range(len(LR_STOPS)), key=lambda i: abs(math.log(LR_STOPS[i] / lr)))


def slider_to_lr(position: int) -> float:
    return LR_STOPS[position]


class HiddenLayerRow(Retranslated, QWidget):
    changed = Signal()
    remove_requested = Signal(object)

    def __init__(self, index: int, size: int, activation: str, max_size: int):
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.size = QSpinBox(minimum=1, maximum=max_size, value=size)
        self.activation = labelled_combo({}, HIDDEN_ACTIVATIONS)  # function names stay as they are
        select_data(self.activation, activation)
        self.remove = QToolButton(text="✕")
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        for w in (self.label, self.size, self.activation, self.remove):
            layout.addWidget(w)
        layout.setStretch(2, 1)
        self._index = index
        self.retranslate()
        self.size.valueChanged.connect(self.changed)
        self.activation.currentIndexChanged.connect(self.changed)

    @property
    def activation_name(self) -> str:
        return self.activation.currentData()

    def set_index(self, index: int) -> None:
        self._index = index
        self.label.setText(self.tr("hidden layer {index}").format(index=index))

    def retranslate(self) -> None:
        self.set_index(self._index)
        self.size.setToolTip(self.tr("Number of neurons in this hidden layer"))
        self.activation.setToolTip(self.tr("Activation function of this hidden layer"))
        self.remove.setToolTip(self.tr("Remove this hidden layer"))


class ControlPanel(Retranslated, QWidget):
    preset_chosen = Signal(str)
    rebuild_requested = Signal(object)  # Preset
    live_changed = Signal(dict)  # hyperparameter name -> new value
    data_edited = Signal(object)  # DatasetSpec: data the running network trains on from its next step

    def __init__(self, parent=None):
        super().__init__(parent)
        self._preset: Preset | None = None
        self._updating = False  # True while widgets are filled from a preset: no signals then
        self._lr_problem: ValueError | None = None  # why the last typed learning rate was refused
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_data_box())
        layout.addWidget(self._build_architecture_box())
        layout.addWidget(self._build_hyper_box())
        layout.addStretch(1)
        self.setMinimumWidth(300)
        self.retranslate()

    # -- construction ----------------------------------------------------------------------------

    def _build_data_box(self) -> QGroupBox:
        self.data_box = box = QGroupBox()
        form = QFormLayout(box)
        self.preset = QComboBox()
        for name in PRESETS:
            self.preset.addItem(name, name)  # a preset's name is what `nnviz --preset` takes: it stays
        self.preset.currentIndexChanged.connect(self._on_preset_changed)
        self.summary = WrappedLabel()
        self.summary.setStyleSheet("color: #666;")
        self.summary.setContentsMargins(0, 0, 0, 2)
        self.preset_label = QLabel()
        form.addRow(self.preset_label, self.preset)
        form.addRow(self.summary)
        self.data = DataPanel(box)
        self.data.add_to(form)
        self.data.data_chosen.connect(self._on_data_chosen)
        return box

    def _build_architecture_box(self) -> QGroupBox:
        self.network_box = box = QGroupBox()
        v = QVBoxLayout(box)
        self.inputs_label = QLabel()
        v.addWidget(self.inputs_label)
        self.hidden_rows_layout = QVBoxLayout()
        v.addLayout(self.hidden_rows_layout)
        self.hidden_rows: list[HiddenLayerRow] = []
        self.add_layer = QPushButton()
        self.add_layer.clicked.connect(self._on_add_layer)
        v.addWidget(self.add_layer)
        form = QFormLayout()
        self.output = labelled_combo({}, OUTPUT_ACTIVATIONS)  # function names stay as they are
        self.loss = labelled_combo(LOSS_LABELS, LOSSES)
        self.init = labelled_combo(INIT_LABELS, INITS)
        seed_row = QHBoxLayout()
        self.seed = QSpinBox(minimum=0, maximum=2**31 - 1)
        self.new_seed = QToolButton()
        self.new_seed.clicked.connect(self.draw_new_seed)
        seed_row.addWidget(self.seed, 1)
        seed_row.addWidget(self.new_seed)
        self.output_label, self.loss_label, self.init_label, self.seed_label = (QLabel() for _ in range(4))
        form.addRow(self.output_label, self.output)
        form.addRow(self.loss_label, self.loss)
        form.addRow(self.init_label, self.init)
        form.addRow(self.seed_label, seed_row)
        v.addLayout(form)
        for w in (self.output, self.loss, self.init):
            w.currentIndexChanged.connect(self._on_structure_changed)
        self.seed.valueChanged.connect(self._on_structure_changed)
        return box

    def _build_hyper_box(self) -> QGroupBox:
        self.training_box = box = QGroupBox()
        self.training_form = form = QFormLayout(box)
        lr_row = QHBoxLayout()
        self.lr = QSlider(Qt.Horizontal, minimum=0, maximum=len(LR_STOPS) - 1, pageStep=4)
        self.lr_edit = QLineEdit()
        self.lr_edit.setFixedWidth(self.lr_edit.fontMetrics().horizontalAdvance("0.00005") + 16)
        self.lr_error = WrappedLabel()
        self.lr_error.setStyleSheet("color: #b00020;")
        self._lr = 0.1  # the exact value in use: typed values need not be a slider stop
        lr_row.addWidget(self.lr, 1)
        lr_row.addWidget(self.lr_edit)
        self.mode = labelled_combo(MODE_LABELS, MODE_LABELS)
        self.batch_size = QSpinBox(minimum=1, maximum=60000)
        self.optimizer = labelled_combo(OPTIMIZER_LABELS, OPTIMIZERS)
        self.momentum = QDoubleSpinBox(minimum=0.0, maximum=0.99, singleStep=0.05, decimals=2)
        self.l2 = QDoubleSpinBox(minimum=0.0, maximum=1.0, singleStep=0.001, decimals=4)
        self.epochs = QSpinBox(minimum=1, maximum=100000)
        self.hyper_labels = {}
        for key, field in (("lr", lr_row), ("mode", self.mode), ("batch_size", self.batch_size),
                           ("optimizer", self.optimizer), ("momentum", self.momentum), ("l2", self.l2),
                           ("epochs", self.epochs)):
            self.hyper_labels[key] = QLabel()
            form.addRow(self.hyper_labels[key], field)
            if key == "lr":
                # Under the slider, across the box: a wrapped line that a field's column would squeeze.
                form.addRow(self.lr_error)
                form.setRowVisible(self.lr_error, False)
        self.lr.valueChanged.connect(self._on_lr_slider_moved)
        self.lr_edit.editingFinished.connect(self._on_lr_typed)
        self.mode.currentIndexChanged.connect(lambda: self._emit_live(granularity=self.mode.currentData()))
        for widget in (self.mode, self.batch_size, self.optimizer, self.momentum, self.l2):
            # Live changes alter what the summary says too.
            signal = widget.currentIndexChanged if isinstance(widget, QComboBox) else widget.valueChanged
            signal.connect(self._refresh_summary)
        self.batch_size.valueChanged.connect(lambda v: self._emit_live(batch_size=v))
        self.optimizer.currentIndexChanged.connect(lambda: self._emit_live(optimizer=self.optimizer.currentData()))
        self.momentum.valueChanged.connect(lambda v: self._emit_live(momentum=v))
        self.l2.valueChanged.connect(lambda v: self._emit_live(l2=v))
        self.epochs.valueChanged.connect(lambda v: self._emit_live(epochs=v))
        return box

    # -- language --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every fixed text in the current language, and the texts that follow the state said again."""
        updating, self._updating = self._updating, True  # relabelled items are no edits
        try:
            self.data_box.setTitle(self.tr("Data and preset"))
            self.preset_label.setText(self.tr("Preset"))
            self.preset.setToolTip(self.tr("Start from one of the classic examples (dataset, network and settings)"))
            for i in range(self.preset.count()):
                preset = PRESETS.get(self.preset.itemData(i))
                if preset is not None:
                    self.preset.setItemData(i, said(preset.summary), Qt.ItemDataRole.ToolTipRole)
            self.summary.setToolTip(self.tr("What the settings below build and how they train"))
            self.data.retranslate()

            self.network_box.setTitle(self.tr("Network"))
            self.add_layer.setText(self.tr("+ hidden layer"))
            self.add_layer.setToolTip(self.tr("Add a hidden layer before the output layer"))
            self.output_label.setText(self.tr("Output"))
            self.output.setToolTip(self.tr("Activation function of the output layer"))
            self.loss_label.setText(self.tr("Loss"))
            relabel(self.loss, LOSS_LABELS)
            self.loss.setToolTip(self.tr("The loss function the network minimises; cross-entropies need sigmoid "
                                         "or softmax outputs"))
            self.init_label.setText(self.tr("Initialisation"))
            relabel(self.init, INIT_LABELS)
            self.init.setToolTip(self.tr("How the starting weights are drawn: textbook N(0, 1/n_in), Xavier, "
                                         "or He"))
            self.seed_label.setText(self.tr("Seed"))
            self.seed.setToolTip(self.tr("Random seed: the same seed gives the same starting weights and sample "
                                         "order"))
            self.new_seed.setText(self.tr("New"))
            self.new_seed.setToolTip(self.tr("Draw a new seed (new starting weights) and reset"))

            self.training_box.setTitle(self.tr("Training"))
            for key, text in (("lr", self.tr("Learning rate")), ("mode", self.tr("Gradient descent")),
                              ("batch_size", self.tr("Batch size")), ("optimizer", self.tr("Optimiser")),
                              ("momentum", self.tr("Momentum")), ("l2", self.tr("L2")),
                              ("epochs", self.tr("Epochs"))):
                self.hyper_labels[key].setText(text)
            self.lr.setToolTip(self.tr("Learning rate (log scale, 1-2-3-5 in each decade): how far each step "
                                       "moves the weights; applies at the next step"))
            self.lr_edit.setToolTip(self.tr("Type any learning rate above 0 and up to {max} (e.g. 0.003 or 3e-3), "
                                            "then Enter").format(max=f"{LR_MAX:g}"))
            relabel(self.mode, MODE_LABELS)
            self.mode.setToolTip(self.tr("Gradient descent: update after each sample, each mini-batch, or the "
                                         "whole set"))
            self.batch_size.setToolTip(self.tr("Samples per update in mini-batch mode; applies at the next step"))
            relabel(self.optimizer, OPTIMIZER_LABELS)
            self.optimizer.setToolTip(self.tr("Optimiser, the update rule: plain SGD, SGD with momentum, or Adam"))
            self.momentum.setToolTip(self.tr("Momentum: how much of the previous update carries over (momentum "
                                             "optimiser)"))
            self.l2.setToolTip(self.tr("L2 regularisation: pulls every weight (not the biases) toward zero each "
                                       "step"))
            self.epochs.setToolTip(self.tr("Play stops after this many epochs (Play again to continue)"))
            self._show_inputs()
            self._show_lr_problem()
        finally:
            self._updating = updating
        self._refresh_summary()

    # -- filling from a preset -------------------------------------------------------------------

    def set_preset(self, preset: Preset) -> None:
        """Show `preset` in every widget without emitting change requests."""
        self._updating = True
        try:
            self._preset = preset
            index = self.preset.findData(preset.name)
            if index >= 0:
                self.preset.setCurrentIndex(index)
            self._show_inputs()
            hidden = hidden_activations(preset)
            for row in self.hidden_rows:
                row.setParent(None)
                row.deleteLater()
            self.hidden_rows = []
            for size, act in zip(preset.sizes[1:-1], hidden):
                self._append_row(size, act)
            select_data(self.output, preset.output)
            self.loss.setCurrentIndex(self.loss.findData(preset.loss))
            select_data(self.init, preset.init)
            h = preset.hyperparameters
            self.seed.setValue(h.seed or 0)
            self.data.show_spec(preset_spec(preset))
            self._show_lr(h.lr)
            self.mode.setCurrentIndex(self.mode.findData(h.granularity))
            self.batch_size.setValue(h.batch_size)
            select_data(self.optimizer, h.optimizer)
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
            self.summary.setText(said(named.summary))
        elif named is not None:
            self.summary.setText(self.tr("{preset}, changed: {description}").format(
                preset=self._preset.name, description=said(describe(now))))
        else:
            self.summary.setText(self.tr("Loaded model: {description}").format(description=said(describe(now))))

    def _show_inputs(self) -> None:
        if self._preset is None:
            return
        n_in = self._preset.sizes[0]
        self.inputs_label.setText(self.tr("input layer: 1 feature") if n_in == 1 else
                                  self.tr("input layer: {n} features").format(n=f"{n_in:,}"))

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
        self.momentum.setEnabled(self.optimizer.currentData() == "momentum")
        self.add_layer.setEnabled(len(self.hidden_rows) < MAX_HIDDEN_LAYERS)
        # Cross-entropies take logs: only offer them for outputs in (0, 1).
        low, high = get_activation(self.output.currentData()).output_range
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
            batch_size=self.batch_size.value(), optimizer=self.optimizer.currentData(),
            momentum=round(self.momentum.value(), 4), l2=round(self.l2.value(), 6),
            epochs=self.epochs.value(), seed=self.seed.value(),
        )
        return replace(
            base, sizes=sizes, hidden=tuple(row.activation_name for row in self.hidden_rows),
            output=self.output.currentData(), loss=self.loss.currentData(), init=self.init.currentData(),
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
        self._append_row(last.size.value() if last else 4, last.activation_name if last else "tanh")
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
        self._lr_problem = None
        self._show_lr_problem()

    def _on_lr_slider_moved(self, position: int) -> None:
        self._set_lr(slider_to_lr(position))

    def _on_lr_typed(self) -> None:
        try:
            lr = parse_lr(self.lr_edit.text())
        except ValueError as exc:
            self.lr_edit.setText(f"{self._lr:g}")  # the value in use stays, and says so
            self._lr_problem = exc
            self._show_lr_problem()
            return
        if lr != self._lr:
            self._set_lr(lr)
        else:
            self._lr_problem = None
            self._show_lr_problem()

    def _show_lr_problem(self) -> None:
        """Why the typed learning rate was refused, and the value that stays (hidden when none was)."""
        if self._lr_problem is not None:
            self.lr_error.setText(self.tr("{problem}; it stays {lr}.").format(
                problem=said_error(self._lr_problem), lr=f"{self._lr:g}"))
        self.training_form.setRowVisible(self.lr_error, self._lr_problem is not None)

    def _set_lr(self, lr: float) -> None:
        self._show_lr(lr)
        self._refresh_summary()
        self._emit_live(lr=lr)

    def _emit_live(self, **changes) -> None:
        if self._updating:
            return
        self._sync_enabled()
        self.live_changed.emit(changes)

"""The data rows of the control panel: which data set (a 2-D generator, XOR, the gender example, an
imported CSV file), a generator's noise, number of points and seed, the share of rows used for
training, Regenerate, "Import CSV…", and a line saying what can be done with the data shown.

The rows hold no training state. Every change becomes one `data_chosen(spec, shape)`: the control
panel then decides whether the running network can go on training on it (same shape: the data is
swapped live) or a new network is needed.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSlider, QSpinBox, QWidget,
)

from nnviz.data import GENERATORS, DatasetSpec
from nnviz.gui.theme import percent
from nnviz.gui.window.csv_dialog import CsvDialog
from nnviz.training.architecture import NewSession
from nnviz.training.data_fit import DataShape, kind_preset, shape_of_spec
from nnviz.training.point_edits import PointEditing, point_editing
from nnviz.training.presets import PRESETS, preset_spec

FIXED_SETS = {"xor": "XOR (4 points)", "gender": "gender (4 people)"}
CURRENT = "current"  # the item of data that is not in the list (a CSV file, MNIST, edited points)
EDITING_HINTS = {
    PointEditing.CLASSES: "Click the surface to add a point: left = blue, right = orange; drag a point to move it.",
    PointEditing.VALUES: "Click the surface to add a point: left = the set's highest value, right = its lowest; "
                         "drag a point to move it.",
}
MAX_SEED = 2**31 - 1


class DataPanel(QObject):
    """The data rows; `add_to(form)` puts them into the control panel's "Data and preset" box."""

    #: The learner chose data: (DatasetSpec, DataShape | None).
    data_chosen = Signal(object, object)

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self._parent = parent
        self._spec = DatasetSpec(kind="xor")  # the data shown
        self._shape: DataShape | None = None  # the shape of the data the network trains on now
        self._updating = False
        self._form: QFormLayout | None = None
        self.csv_dialog: CsvDialog | None = None  # the import dialog while it is open

        self.dataset = QComboBox()
        self.dataset.setToolTip("The data the network learns from; generated sets can be edited on the surface")
        self.dataset.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.dataset.setMinimumContentsLength(12)
        for name, generator in GENERATORS.items():
            text = name if generator.task == "classification" else f"{name} (regression)"
            self.dataset.addItem(text, f"gen:{name}")
            self.dataset.setItemData(self.dataset.count() - 1, generator.summary, Qt.ItemDataRole.ToolTipRole)
        self.dataset.insertSeparator(self.dataset.count())
        for kind, text in FIXED_SETS.items():
            self.dataset.addItem(text, kind)
        self.dataset.activated.connect(self._on_dataset_chosen)

        self.noise = QSlider(Qt.Orientation.Horizontal, minimum=0, maximum=50, singleStep=1, pageStep=5)
        self.noise.setToolTip("How much the points scatter around the generator's pattern (0 to 0.5)")
        self.noise_value = _value_label("0.50")
        self.train_share = QSlider(Qt.Orientation.Horizontal, minimum=10, maximum=90, singleStep=5, pageStep=10)
        self.train_share.setToolTip("The share of the points used for training; the rest are the test split")
        self.train_share.setTracking(False)  # a new split when let go (a CSV file is read again for it)
        self.train_share.sliderMoved.connect(lambda _: self._show_values(self.train_share.sliderPosition()))
        self.share_value = _value_label(f"{percent(0.9, 0)} / {percent(0.1, 0)}")
        self.n_samples = QSpinBox(minimum=10, maximum=5000, singleStep=10, keyboardTracking=False)
        self.n_samples.setToolTip("How many points the generator draws (training and test together)")
        self.data_seed = QSpinBox(minimum=0, maximum=MAX_SEED, keyboardTracking=False)
        self.data_seed.setToolTip("The generator's seed: the same seed draws the same points")
        self.regenerate = QPushButton("Regenerate")
        self.regenerate.setToolTip("Draw a fresh set of points (a new data seed); the network trains on")
        self.regenerate.clicked.connect(self._on_regenerate)
        self.import_csv = QPushButton("Import CSV…")
        self.import_csv.setToolTip("Train on your own data: a CSV file with a header row")
        self.import_csv.clicked.connect(self.open_csv_dialog)
        self.hint = QLabel(wordWrap=True)
        self.hint.setStyleSheet("color: #555;")

        for slider in (self.noise, self.train_share):
            slider.valueChanged.connect(self._on_parameter_changed)
        for spin in (self.n_samples, self.data_seed):
            spin.valueChanged.connect(self._on_parameter_changed)
        self._show_values()

    def add_to(self, form: QFormLayout) -> None:
        """Add the rows to `form` (the "Data and preset" box)."""
        self._form = form
        self._noise_row = _row(self.noise, self.noise_value)
        self._share_row = _row(self.train_share, self.share_value)
        self._seed_row = _row(self.data_seed, self.regenerate)
        form.addRow("Dataset", self.dataset)
        form.addRow("Noise", self._noise_row)
        form.addRow("Train / test", self._share_row)
        form.addRow("Points", self.n_samples)
        form.addRow("Data seed", self._seed_row)
        form.addRow("", _row(self.import_csv, None))
        form.addRow(self.hint)
        self._sync_rows()

    # -- what is shown --------------------------------------------------------------------------------

    @property
    def spec(self) -> DatasetSpec:
        """The data the rows describe."""
        return self._spec

    @property
    def session_shape(self) -> DataShape | None:
        """The shape of the data the network trains on (None before the first session)."""
        return self._shape

    def show_spec(self, spec: DatasetSpec) -> None:
        """Show `spec` in the rows without emitting anything."""
        self._updating = True
        try:
            self._spec = spec
            if spec.kind == "generated":
                self.noise.setValue(round(100 * spec.noise))
                self.n_samples.setValue(spec.n_samples)
            if spec.kind in ("generated", "csv"):
                self.train_share.setValue(round(100 * spec.train_share))
                self.data_seed.setValue(min(spec.seed, MAX_SEED))
            self._select(spec)
            self._sync_rows()
            self._show_values()
        finally:
            self._updating = False

    def show_session(self, session: NewSession) -> None:
        """The network trains on `session`'s data now: show it, and say what can be done with it."""
        self._shape = DataShape.of(session.dataset)
        if session.preset is not None:
            self.show_spec(preset_spec(session.preset))
        self.hint.setText(self._hint(session))
        self.hint.setVisible(bool(self.hint.text()))

    def _select(self, spec: DatasetSpec) -> None:
        key = f"gen:{spec.generator}" if spec.kind == "generated" else spec.kind
        index = self.dataset.findData(key)
        current = self.dataset.findData(CURRENT)
        if index >= 0:
            if current >= 0:
                self.dataset.removeItem(current)
                index = self.dataset.findData(key)
            self.dataset.setCurrentIndex(index)
            return
        # Data that is not in the list (a CSV file, MNIST, points placed by hand): an item of its own.
        if current < 0:
            self.dataset.insertItem(0, "", CURRENT)
            current = 0
        self.dataset.setItemText(current, _short_label(spec))
        self.dataset.setItemData(current, spec.label() + (f" ({spec.path})" if spec.path else ""),
                                 Qt.ItemDataRole.ToolTipRole)
        self.dataset.setCurrentIndex(current)

    def _sync_rows(self) -> None:
        """Only the rows that apply to the data shown: a generator's all, a CSV file's split, none for
        fixed data (the panel stays short enough for a laptop's screen)."""
        kind = self._spec.kind
        generated = kind in ("generated", "points")
        if self._form is not None:
            for row in (self._noise_row, self.n_samples):
                self._form.setRowVisible(row, generated)
            for row in (self._share_row, self._seed_row):
                self._form.setRowVisible(row, generated or kind == "csv")
        if kind == "csv":
            self.regenerate.setText("New split")
            self.regenerate.setToolTip("Shuffle the rows into a new training/test split (a new seed)")
            self.data_seed.setToolTip("The seed of the rows' shuffle before the training/test split")
        else:
            self.regenerate.setText("Regenerate")
            self.regenerate.setToolTip("Draw a fresh set of points (a new data seed); the network trains on")
            self.data_seed.setToolTip("The generator's seed: the same seed draws the same points")

    def _show_values(self, share_position: int | None = None) -> None:
        self.noise_value.setText(f"{self.noise.value() / 100:.2f}")
        share = (self.train_share.value() if share_position is None else share_position) / 100
        self.share_value.setText(f"{percent(share, 0)} / {percent(1 - share, 0)}")

    def _hint(self, session: NewSession) -> str:
        """One or two lines on the data shown: how to edit it, or what it holds."""
        spec = preset_spec(session.preset) if session.preset is not None else None
        data = session.dataset
        editing = point_editing(session)
        if spec is not None and spec.kind == "csv":
            task = (f"a regression of {data.class_names[0]}" if data.task == "regression"
                    else f"{data.n_classes} classes")
            return (f"{Path(spec.path).name}: {session.n_train:,} training and {len(data.x_test):,} test rows, "
                    f"{data.n_features} features, {task}" + ("; standardised." if spec.standardise else "."))
        if editing is not None:
            own = f"{len(spec.points):,} points placed by hand. " if spec.kind == "points" else ""
            return own + EDITING_HINTS[editing]
        if spec is not None and spec.kind == "generated" and data.n_features == 1:
            return "One input: the plot shows the network's curve through the points."
        if spec is not None and spec.kind in FIXED_SETS:
            return "Fixed data. To add points with the mouse, choose a generated set (circle, spiral, …)."
        return ""

    # -- the learner's choices ------------------------------------------------------------------------

    def _on_dataset_chosen(self, index: int) -> None:
        key = self.dataset.itemData(index)
        if key == CURRENT or key is None:
            return
        if key.startswith("gen:"):
            name = key[4:]
            if self._spec.kind in ("generated", "points"):
                spec = self._generated_spec(name)  # the settings shown carry over to the new generator
            else:
                preset = PRESETS.get(kind_preset(DatasetSpec(kind="generated", generator=name)) or "")
                own = preset_spec(preset) if preset is not None else None
                spec = own if own is not None and own.kind == "generated" else self._generated_spec(name)
        else:
            spec = DatasetSpec(kind=key)
        if spec != self._spec:  # the data shown chosen again: nothing to do
            self._choose(spec, shape_of_spec(spec))

    def _generated_spec(self, generator: str) -> DatasetSpec:
        return DatasetSpec(kind="generated", generator=generator, n_samples=self.n_samples.value(),
                           noise=self.noise.value() / 100, train_share=self.train_share.value() / 100,
                           seed=self.data_seed.value())

    def _on_parameter_changed(self) -> None:
        self._show_values()
        if self._updating:
            return
        spec = self._spec
        if spec.kind in ("generated", "points"):
            self._choose(self._generated_spec(spec.generator), shape_of_spec(spec))
        elif spec.kind == "csv":
            new = DatasetSpec(**{**spec.as_dict(), "points": (), "train_share": self.train_share.value() / 100,
                                 "seed": self.data_seed.value()})
            self._choose(new, self._shape)

    def _on_regenerate(self) -> None:
        self.data_seed.setValue(secrets.randbelow(MAX_SEED))  # a change of seed: new data, through valueChanged

    def _choose(self, spec: DatasetSpec, shape: DataShape | None) -> None:
        self.show_spec(spec)
        self.data_chosen.emit(spec, shape)

    def open_csv_dialog(self) -> CsvDialog:
        """Open the import dialog (window-modal); its OK chooses the file's data."""
        last = self._spec.path if self._spec.kind == "csv" else ""
        dialog = CsvDialog(self._parent.window(), path=last or "", train_share=self.train_share.value() / 100,
                           seed=self.data_seed.value())
        dialog.accepted.connect(lambda: self._choose(dialog.spec, DataShape.of(dialog.dataset)))
        dialog.finished.connect(lambda _: self._forget_dialog(dialog))
        self.csv_dialog = dialog
        dialog.open()
        return dialog

    def _forget_dialog(self, dialog: CsvDialog) -> None:
        if self.csv_dialog is dialog:
            self.csv_dialog = None
        dialog.deleteLater()


def _short_label(spec: DatasetSpec) -> str:
    """The list's name for data that is not in it: short enough for the panel (the tooltip says more)."""
    if spec.kind == "points":
        return f"{spec.generator}: your points"
    if spec.kind == "csv":
        return Path(spec.path).name
    return "MNIST digits" if spec.kind == "mnist" else spec.label()


def _value_label(widest: str) -> QLabel:
    label = QLabel(alignment=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    label.setMinimumWidth(label.fontMetrics().horizontalAdvance(widest) + 4)
    label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
    return label


def _row(main: QWidget, side: QWidget | None) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(main, 1 if side is not None else 0)
    if side is not None:
        row.addWidget(side)
    else:
        row.addStretch(1)
    return row

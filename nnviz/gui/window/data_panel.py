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
from nnviz.engine.phrases import QT_TRANSLATE_NOOP
from nnviz.gui.i18n import said, translate
from nnviz.gui.theme import percent
from nnviz.gui.window.csv_dialog import CsvDialog
from nnviz.gui.window.wrapped_label import WrappedLabel
from nnviz.training.architecture import NewSession
from nnviz.training.data_fit import DataShape, kind_preset, shape_of_spec
from nnviz.training.point_edits import PointEditing, point_editing
from nnviz.training.presets import PRESETS, preset_spec

FIXED_SETS = {"xor": QT_TRANSLATE_NOOP("DataPanel", "XOR (4 points)"),
              "gender": QT_TRANSLATE_NOOP("DataPanel", "gender (4 people)")}
#: The generators' names as the list shows them (the names themselves are what `--data` takes).
GENERATOR_NAMES = {
    "circle": QT_TRANSLATE_NOOP("DataPanel", "circle"),
    "gaussians": QT_TRANSLATE_NOOP("DataPanel", "gaussians"),
    "spiral": QT_TRANSLATE_NOOP("DataPanel", "spiral"),
    "xor-cloud": QT_TRANSLATE_NOOP("DataPanel", "xor-cloud"),
    "plane": QT_TRANSLATE_NOOP("DataPanel", "plane"),
    "bump": QT_TRANSLATE_NOOP("DataPanel", "bump"),
    "sin": QT_TRANSLATE_NOOP("DataPanel", "sin"),
}
CURRENT = "current"  # the item of data that is not in the list (a CSV file, MNIST, edited points)
EDITING_HINTS = {
    PointEditing.CLASSES: QT_TRANSLATE_NOOP(
        "DataPanel", "Click the surface to add a point: left = blue, right = orange; drag a point to move it."),
    PointEditing.VALUES: QT_TRANSLATE_NOOP(
        "DataPanel", "Click the surface to add a point: left = the set's highest value, right = its lowest; "
                     "drag a point to move it."),
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
        self._session: NewSession | None = None  # the data the network trains on now
        self._updating = False
        self._form: QFormLayout | None = None
        self.csv_dialog: CsvDialog | None = None  # the import dialog while it is open

        self.dataset = QComboBox()
        self.dataset.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.dataset.setMinimumContentsLength(12)
        for name in GENERATORS:
            self.dataset.addItem("", f"gen:{name}")  # i18n: the item's key; retranslate() names it
        self.dataset.insertSeparator(self.dataset.count())
        for kind in FIXED_SETS:
            self.dataset.addItem("", kind)
        self.dataset.activated.connect(self._on_dataset_chosen)

        self.noise = QSlider(Qt.Orientation.Horizontal, minimum=0, maximum=50, singleStep=1, pageStep=5)
        self.noise_value = _value_label("0.50")
        self.train_share = QSlider(Qt.Orientation.Horizontal, minimum=10, maximum=90, singleStep=5, pageStep=10)
        self.train_share.setTracking(False)  # a new split when let go (a CSV file is read again for it)
        self.train_share.sliderMoved.connect(lambda _: self._show_values(self.train_share.sliderPosition()))
        self.share_value = _value_label(f"{percent(0.9, 0)} / {percent(0.1, 0)}")
        self.n_samples = QSpinBox(minimum=10, maximum=5000, singleStep=10, keyboardTracking=False)
        self.data_seed = QSpinBox(minimum=0, maximum=MAX_SEED, keyboardTracking=False)
        self.regenerate = QPushButton()
        self.regenerate.clicked.connect(self._on_regenerate)
        self.import_csv = QPushButton()
        self.import_csv.clicked.connect(self.open_csv_dialog)
        self.hint = WrappedLabel()
        self.hint.setStyleSheet("color: #555;")
        #: The rows' names in the form: dataset, noise, share, points, seed.
        self.row_labels = {key: QLabel() for key in ("dataset", "noise", "share", "points", "seed")}

        for slider in (self.noise, self.train_share):
            slider.valueChanged.connect(self._on_parameter_changed)
        for spin in (self.n_samples, self.data_seed):
            spin.valueChanged.connect(self._on_parameter_changed)
        self._show_values()
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the rows in the current language (the control panel calls this on a change of
        language: the rows are its widgets), the hint and the name of data not in the list too."""
        self.dataset.setToolTip(self.tr("The data the network learns from; generated sets can be edited on the "
                                        "surface"))
        for i in range(self.dataset.count()):
            key = self.dataset.itemData(i)
            if isinstance(key, str) and key.startswith("gen:"):
                generator = GENERATORS[key[4:]]
                self.dataset.setItemText(i, _generator_label(generator))
                self.dataset.setItemData(i, said(generator.summary), Qt.ItemDataRole.ToolTipRole)
            elif key in FIXED_SETS:
                self.dataset.setItemText(i, said(FIXED_SETS[key]))
        self.noise.setToolTip(self.tr("How much the points scatter around the generator's pattern (0 to 0.5)"))
        self.train_share.setToolTip(self.tr("The share of the points used for training; the rest are the test "
                                            "split"))
        self.n_samples.setToolTip(self.tr("How many points the generator draws (training and test together)"))
        self.import_csv.setText(self.tr("Import CSV…"))
        self.import_csv.setToolTip(self.tr("Train on your own data: a CSV file with a header row"))
        for key, text in (("dataset", self.tr("Dataset")), ("noise", self.tr("Noise")),
                          ("share", self.tr("Train / test")), ("points", self.tr("Points")),
                          ("seed", self.tr("Data seed"))):
            self.row_labels[key].setText(text)
        self._sync_rows()
        if self.dataset.findData(CURRENT) >= 0:
            self._select(self._spec)
        if self._session is not None:
            self._show_hint()

    def add_to(self, form: QFormLayout) -> None:
        """Add the rows to `form` (the "Data and preset" box)."""
        self._form = form
        self._noise_row = _row(self.noise, self.noise_value)
        self._share_row = _row(self.train_share, self.share_value)
        self._seed_row = _row(self.data_seed, self.regenerate)
        labels = self.row_labels
        form.addRow(labels["dataset"], self.dataset)
        form.addRow(labels["noise"], self._noise_row)
        form.addRow(labels["share"], self._share_row)
        form.addRow(labels["points"], self.n_samples)
        form.addRow(labels["seed"], self._seed_row)
        form.addRow(QLabel(), _row(self.import_csv, None))
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
        self._session = session
        if session.preset is not None:
            self.show_spec(preset_spec(session.preset))
        self._show_hint()

    def _show_hint(self) -> None:
        self.hint.setText(self._hint(self._session))
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
        tooltip = said(spec.label())
        if spec.path:
            tooltip = translate("DataPanel", "{label} ({path})").format(label=tooltip, path=spec.path)
        self.dataset.setItemData(current, tooltip, Qt.ItemDataRole.ToolTipRole)
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
            self.regenerate.setText(self.tr("New split"))
            self.regenerate.setToolTip(self.tr("Shuffle the rows into a new training/test split (a new seed)"))
            self.data_seed.setToolTip(self.tr("The seed of the rows' shuffle before the training/test split"))
        else:
            self.regenerate.setText(self.tr("Regenerate"))
            self.regenerate.setToolTip(self.tr("Draw a fresh set of points (a new data seed); the network trains "
                                               "on"))
            self.data_seed.setToolTip(self.tr("The generator's seed: the same seed draws the same points"))

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
            task = (self.tr("a regression of {target}").format(target=data.class_names[0])
                    if data.task == "regression" else self.tr("{n} classes").format(n=data.n_classes))
            fields = dict(file=Path(spec.path).name, train=f"{session.n_train:,}", test=f"{len(data.x_test):,}",
                          features=data.n_features, task=task)
            if spec.standardise:
                return self.tr("{file}: {train} training and {test} test rows, {features} features, {task}; "
                               "standardised.").format(**fields)
            return self.tr("{file}: {train} training and {test} test rows, {features} features, {task}.").format(
                **fields)
        if editing is not None:
            hint = said(EDITING_HINTS[editing])
            if spec.kind != "points":
                return hint
            if len(spec.points) == 1:
                return self.tr("1 point placed by hand. {hint}").format(hint=hint)
            return self.tr("{n} points placed by hand. {hint}").format(n=f"{len(spec.points):,}", hint=hint)
        if spec is not None and spec.kind == "generated" and data.n_features == 1:
            return self.tr("One input: the plot shows the network's curve through the points.")
        if spec is not None and spec.kind in FIXED_SETS:
            return self.tr("Fixed data. To add points with the mouse, choose a generated set (circle, spiral, …).")
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


def _generator_name(name: str) -> str:
    return said(GENERATOR_NAMES[name]) if name in GENERATOR_NAMES else name


def _generator_label(generator) -> str:
    """A generator's item in the list: its name, and for a regression so."""
    if generator.task == "classification":
        return _generator_name(generator.name)
    return translate("DataPanel", "{name} (regression)").format(name=_generator_name(generator.name))


def _short_label(spec: DatasetSpec) -> str:
    """The list's name for data that is not in it: short enough for the panel (the tooltip says more)."""
    if spec.kind == "points":
        return translate("DataPanel", "{generator}: your points").format(generator=_generator_name(spec.generator))
    if spec.kind == "csv":
        return Path(spec.path).name
    return translate("DataPanel", "MNIST digits") if spec.kind == "mnist" else said(spec.label())


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

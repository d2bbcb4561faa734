"""One run's card in the race: its colour and what differs ("mini-batch 32"), its accuracy (the test
split's after the newest epoch; the running training accuracy before the first), loss, epochs, updates
and seconds, whether it finished or stopped, and for 2-D data its own small decision surface."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from nnviz.gui import theme
from nnviz.gui.i18n import Retranslated, said
from nnviz.gui.race.mini_surface import MiniSurface
from nnviz.gui.race.race_runs import RunState
from nnviz.training.architecture import NewSession


#: Card width: room for a small surface and for "accuracy  100.0 %".
CARD_WIDTH = 136
_ROWS = ("accuracy", "loss", "epoch", "updates", "seconds")  # the keys of `values`, worded in retranslate


class RunCard(Retranslated, QFrame):
    """One run: `reset(session)` when its network is built, `show_run(state)` on news. `label` may be a
    Phrase (worded in the current language, again on a change of language)."""

    def __init__(self, label: str, color: tuple[int, int, int], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("runCard")
        r, g, b = color
        self.setStyleSheet(f"#runCard {{ border: 1px solid #d0d0d0; border-top: 4px solid rgb({r},{g},{b}); "
                           "background: white; }")
        self.setMinimumWidth(CARD_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.title = QLabel()
        self.title.setStyleSheet(f"color: rgb({r},{g},{b});")
        self.surface = MiniSurface()
        self.values: dict[str, QLabel] = {}
        self.keys: dict[str, QLabel] = {}
        numbers = QGridLayout()
        numbers.setContentsMargins(0, 2, 0, 0)
        numbers.setHorizontalSpacing(6)
        numbers.setVerticalSpacing(0)
        for row, name in enumerate(_ROWS):
            key = QLabel()
            key.setStyleSheet("color: #666;")
            value = QLabel("–")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            numbers.addWidget(key, row, 0)
            numbers.addWidget(value, row, 1)
            self.values[name] = value
            self.keys[name] = key
        self.values["accuracy"].setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 4)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.surface, 1)
        layout.addLayout(numbers)
        layout.addStretch(0)
        self.surface.hide()
        self._label = label
        self._regression = False
        self._error: str | None = None
        self.retranslate()

    def retranslate(self) -> None:
        """Every text in the current language."""
        tips = {
            "accuracy": self.tr("Test accuracy after the newest epoch (R² for regression); before the first epoch "
                                "the share of the latest training samples classified right as they were trained on"),
            "loss": self.tr("Test loss after the newest epoch; before the first, the loss of the latest update"),
            "epoch": self.tr("Epochs done, of the race's epochs"),
            "updates": self.tr("Updates (gradient-descent steps) made"),
            "seconds": self.tr("Seconds spent in training steps"),
        }
        names = {"accuracy": "R²" if self._regression else self.tr("accuracy"), "loss": self.tr("loss"),
                 "epoch": self.tr("epoch"), "updates": self.tr("updates"), "seconds": self.tr("seconds")}
        for name in _ROWS:
            self.keys[name].setText(names[name])
            self.keys[name].setToolTip(tips[name])
            self.values[name].setToolTip(tips[name])
        label = said(self._label)
        if self._error is None:
            self.title.setText(f"<b>{label}</b>")
            self.title.setToolTip(label)
        else:
            self.title.setText(self.tr("<b>{run}</b> <span style='color:#b00020'>stopped</span>").format(run=label))
            self.title.setToolTip(said(self._error))

    def reset(self, session: NewSession) -> None:
        """The run's network is built: show its data (2-D: a small surface of its own)."""
        self._regression = session.architecture.is_regression
        self.retranslate()
        two_d = session.dataset.n_features in (1, 2) and session.dataset.image_shape is None
        self.surface.setVisible(two_d)
        if two_d:
            self.surface.reset(session)

    def show_run(self, state: RunState) -> None:
        snapshot = state.snapshot
        if snapshot is None:
            return
        evaluation = snapshot.evaluation
        if evaluation is not None and evaluation.is_regression:
            self.values["accuracy"].setText(theme.significant(evaluation.r2, 3))
        elif evaluation is not None:
            self.values["accuracy"].setText(theme.percent(evaluation.accuracy))
        else:
            # The running training score until the first test: R² (as a number) for regression too.
            running = _last(snapshot.history, "running_accuracy")
            score = theme.significant(running, 3) if self._regression else theme.percent(running)
            self.values["accuracy"].setText("–" if math.isnan(running) else f"({score})")
        loss = evaluation.loss if evaluation is not None else _last(snapshot.history, "step_loss")
        self.values["loss"].setText(theme.significant(loss, 3))
        epochs = snapshot.hyperparameters.epochs
        done = state.finished and snapshot.finished
        self.values["epoch"].setText(f"{snapshot.epoch:,}" + (" ✓" if done else f" / {epochs:,}" if epochs else ""))
        self.values["updates"].setText(f"{snapshot.step:,}")
        self.values["seconds"].setText(_seconds(state.seconds))
        if state.error is not None and state.error != self._error:
            self._error = state.error
            self.retranslate()
        if self.surface.isVisible():
            self.surface.show_surface(snapshot.surface)

    @property
    def texts(self) -> dict[str, str]:
        """What the card says: accuracy, loss, epoch, updates and seconds, as shown."""
        return {name: label.text() for name, label in self.values.items()}


def _last(history, key: str) -> float:
    if history is None or key not in history or not len(history[key]):
        return math.nan
    return float(np.asarray(history[key])[-1])


def _seconds(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds >= 0.1 else f"{1000 * seconds:.0f} ms"

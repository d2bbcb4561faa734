"""The Evaluation tab: how the network does on the test split after each epoch — accuracy, the
confusion matrix (confusion_matrix.py), and the digits it gets wrong (digit_gallery.py); for a
regression, R² and RMSE, predictions against actual targets and the largest residuals (residuals.py).

The evaluation is computed by the trainer at the end of every epoch (Snapshot.evaluation); this view
only redraws when a new one arrives. Clicking a matrix cell shows its digits in the gallery; without a
selection the gallery shows the mistakes the network was most sure of, which are the most instructive
(often badly written digits, sometimes wrong labels).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QStackedWidget,
                               QVBoxLayout, QWidget)

from nnviz.data.dataset import Dataset
from nnviz.gui import theme
from nnviz.gui.charts.chart_fonts import chart_font
from nnviz.gui.charts.confusion_matrix import ConfusionMatrixWidget
from nnviz.gui.charts.digit_gallery import DigitGallery
from nnviz.gui.charts.residuals import ResidualsPanel
from nnviz.gui.i18n import Retranslated, said, translate
from nnviz.training.architecture import NewSession
from nnviz.training.snapshot import Snapshot

__all__ = ["EvaluationView", "GALLERY_PAGE", "has_evaluation"]

GALLERY_PAGE = 60  # thumbnails shown at first, and added by "show more"


def has_evaluation(session: NewSession) -> bool:
    """Whether the Evaluation tab has something to tell about a session's data: image data (the
    confusion matrix and the mistakes) or a regression (R², RMSE, the residuals)."""
    return session.dataset.image_shape is not None or session.architecture.task == "regression"


class EvaluationView(Retranslated, QWidget):
    """The test-split evaluation of the latest epoch (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._dataset: Dataset | None = None
        self._regression = False
        self._evaluation = None
        self._previous_accuracy: float | None = None
        self._selected: tuple[int, int] | None = None
        self._limit = GALLERY_PAGE
        self._shown = np.zeros(0, dtype=np.int64)

        self.headline = QLabel()
        self.headline.setFont(chart_font(self, 4, bold=True))
        self.headline.setWordWrap(True)
        self.subline = QLabel()
        self.subline.setStyleSheet(f"color: {theme.SUBTLE.name()};")
        self.subline.setWordWrap(True)
        self.matrix = ConfusionMatrixWidget()
        self.residuals = ResidualsPanel()
        self.gallery = DigitGallery()
        self.gallery_title = QLabel()
        self.gallery_title.setFont(chart_font(self, bold=True))
        self.gallery_title.setWordWrap(True)
        self.gallery_title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.all_button = QPushButton()
        self.more_button = QPushButton()
        scroll = QScrollArea()
        scroll.setWidget(self.gallery)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setStyleSheet("QScrollArea { border: 1px solid #dddddd; background: white; }")
        self.scroll = scroll

        title_row = QHBoxLayout()
        title_row.addWidget(self.gallery_title, 1)
        title_row.addWidget(self.more_button)
        title_row.addWidget(self.all_button)
        right = QVBoxLayout()
        right.addLayout(title_row)
        right.addWidget(scroll, 1)
        self.classes_page = QWidget()
        body = QHBoxLayout(self.classes_page)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.matrix, 1)
        body.addLayout(right, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.classes_page)
        self.pages.addWidget(self.residuals)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.headline)
        layout.addWidget(self.subline)
        layout.addWidget(self.pages, 1)

        self.matrix.cell_clicked.connect(self.select_cell)
        self.all_button.clicked.connect(self._on_show_all_clicked)
        self.more_button.clicked.connect(self._on_show_more_clicked)
        self.retranslate()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(960, 520)

    # -- public API -----------------------------------------------------------------------------

    def reset(self, session: NewSession) -> None:
        """Evaluate nothing yet: a new dataset (or a new network on it) waits for its first epoch."""
        dataset = session.dataset
        self._dataset = dataset
        self._regression = session.architecture.task == "regression"
        self._evaluation = self._previous_accuracy = None
        self._selected = None
        if self._regression:
            self.residuals.reset(dataset, dataset.class_names[0])
        else:
            self.matrix.set_classes(dataset.class_names)
        shown = self.residuals if self._regression else self.classes_page
        self.pages.setCurrentWidget(shown)
        for page in (self.classes_page, self.residuals):  # only the page shown asks for room
            policy = QSizePolicy.Policy.Preferred if page is shown else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self._show_empty()

    def show_snapshot(self, snapshot: Snapshot) -> None:
        """Show the snapshot's evaluation; does nothing unless it is a new one (once per epoch)."""
        evaluation = snapshot.evaluation
        if evaluation is self._evaluation or self._dataset is None:
            return
        if evaluation is None:
            self._evaluation = None
            self._show_empty()
            return
        if self._evaluation is not None:
            self._previous_accuracy = self._evaluation.accuracy
        self._evaluation = evaluation
        if self._regression:
            self.residuals.show_evaluation(evaluation)
            self._update_regression_headline()
            return
        self.matrix.set_counts(evaluation.confusion)
        self._update_headline()
        self._update_gallery()

    def cell_counts(self) -> np.ndarray | None:
        """The confusion matrix shown: [true, predicted] counts; None before the first evaluation."""
        return self.matrix.counts

    def gallery_indices(self) -> np.ndarray:
        """The test-split indices of the digits in the gallery, in the order shown."""
        return self._shown

    @property
    def selected_cell(self) -> tuple[int, int] | None:
        """The (true, predicted) cell whose digits the gallery shows; None: the mistakes."""
        return self._selected

    def select_cell(self, true: int, predicted: int) -> None:
        """Show the test digits of class `true` that were predicted as `predicted`."""
        if self._dataset is None or not (0 <= true < self.matrix.k and 0 <= predicted < self.matrix.k):
            return
        self._selected = (int(true), int(predicted))
        self.matrix.selected = self._selected
        self._limit = GALLERY_PAGE
        self.matrix.update()
        self._update_gallery()

    def show_all_mistakes(self) -> None:
        """Back from a cell to every mistake, the most confident first."""
        self._selected = None
        self.matrix.selected = None
        self._limit = GALLERY_PAGE
        self.matrix.update()
        self._update_gallery()

    # -- language -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every text in the window's language, re-written from the evaluation shown."""
        self.all_button.setText(translate("EvaluationView", "Show all mistakes"))
        self.more_button.setText(translate("EvaluationView", "Show {count} more").format(count=GALLERY_PAGE))
        if self._evaluation is None or self._dataset is None:
            self._show_empty()
        elif self._regression:
            self._update_regression_headline()
        else:
            self._update_headline()
            self._update_gallery(to_top=False)
        self.matrix.update()

    # -- contents -------------------------------------------------------------------------------

    def _images(self) -> bool:
        """Whether the test samples are images (digits), not rows of numbers."""
        return self._dataset is not None and self._dataset.image_shape is not None

    def _show_empty(self) -> None:
        self.headline.setText(translate("EvaluationView", "Evaluation appears after the first epoch"))
        n = len(self._dataset.labels_test) if self._dataset is not None else 0
        if not n:
            self.subline.setText(" ")
        elif self._images():
            self.subline.setText(translate("EvaluationView", "At the end of every epoch the network is tested on "
                                           "the {count} test digits it never trains on.").format(count=f"{n:,}"))
        else:
            self.subline.setText(translate("EvaluationView", "At the end of every epoch the network is tested on "
                                           "the {count} test samples it never trains on.").format(count=f"{n:,}"))
        self.matrix.set_counts(None)
        self.matrix.selected = self._selected = None
        self._shown = np.zeros(0, dtype=np.int64)
        self.gallery_title.setText(translate("EvaluationView", "Mistakes"))
        self.gallery.placeholder = translate("EvaluationView", "The digits the network gets wrong will appear here.")
        self.gallery.set_items(self._shown, np.zeros((0, 28, 28)), [], [])
        self.all_button.setEnabled(False)
        self.more_button.setVisible(False)
        self.residuals.show_evaluation(None)

    @staticmethod
    def _change(change: float, text: str) -> str:
        """A signed change: "+0.5", "−0.5", "±0.0" (the sign apart from `text`, its size)."""
        return ("+" if change > 0 else theme.MINUS if change < 0 else "±") + text

    def _update_regression_headline(self) -> None:
        ev, n = self._evaluation, len(self._dataset.labels_test)
        self.headline.setText(translate("EvaluationView",
                                        "Test R² {r2} · RMSE {rmse} after epoch {epoch} ({count} samples)")
                              .format(r2=theme.significant(ev.r2, 3), rmse=theme.precise(ev.rmse), epoch=ev.epoch,
                                      count=f"{n:,}"))
        parts = [translate("EvaluationView", "test loss (MSE) {loss}").format(loss=theme.precise(ev.loss))]
        if self._previous_accuracy is not None:
            change = ev.accuracy - self._previous_accuracy
            parts.append(translate("EvaluationView", "R² {change} since the epoch before").format(
                change=self._change(change, theme.significant(abs(change), 2))))
        parts.append(translate("EvaluationView",
                               "R² = 1: every target predicted exactly; 0: no better than guessing the mean"))
        self.subline.setText("  ·  ".join(parts))

    def _update_headline(self) -> None:
        ev, n = self._evaluation, len(self._dataset.labels_test)
        if self._images():
            headline = translate("EvaluationView", "Test accuracy {accuracy} after epoch {epoch} ({count} digits)")
        else:
            headline = translate("EvaluationView", "Test accuracy {accuracy} after epoch {epoch} ({count} samples)")
        self.headline.setText(headline.format(accuracy=theme.percent(ev.accuracy), epoch=ev.epoch, count=f"{n:,}"))
        mistakes = int(n - np.trace(ev.confusion))
        parts = [translate("EvaluationView", "{count} mistakes").format(count=f"{mistakes:,}"),
                 translate("EvaluationView", "test loss {loss}").format(loss=theme.precise(ev.loss))]
        if self._previous_accuracy is not None:
            change = round(100 * (ev.accuracy - self._previous_accuracy), 1)
            parts.append(translate("EvaluationView", "{change} points since the epoch before").format(
                change=self._change(change, f"{abs(change):.1f}")))
        parts.append(translate("EvaluationView",
                               "rows: true label · columns: prediction · click a cell to see its digits"))
        self.subline.setText("  ·  ".join(parts))

    def _cell_indices(self) -> tuple[np.ndarray, str]:
        """The indices the selection stands for, in gallery order, and the gallery's title."""
        ev, labels = self._evaluation, self._dataset.labels_test
        names = [said(name) for name in self._dataset.class_names]
        if self._selected is None:
            return ev.misclassified(labels), translate("EvaluationView", "Most confident mistakes")
        true, predicted = self._selected
        if true != predicted:
            mistakes = ev.misclassified(labels)
            keep = (labels[mistakes] == true) & (ev.predictions[mistakes] == predicted)
            title = translate("EvaluationView", "True {true} taken for {predicted}, most confident first")
            return mistakes[keep], title.format(true=names[true], predicted=names[predicted])
        right = np.flatnonzero((labels == true) & (ev.predictions == true))
        right = right[np.argsort(ev.confidences[right], kind="stable")]
        title = translate("EvaluationView", "{name} answered right, least confident first")
        return right, title.format(name=names[true])

    def _update_gallery(self, to_top: bool = True) -> None:
        if self._evaluation is None:
            return
        ev, data = self._evaluation, self._dataset
        indices, title = self._cell_indices()
        self._shown = indices[:self._limit]
        total = len(indices)
        if total > len(self._shown):
            count = translate("EvaluationView", "{shown} of {total}").format(shown=f"{len(self._shown):,}",
                                                                             total=f"{total:,}")
        else:
            count = f"{total:,}"
        self.gallery_title.setText(translate("EvaluationView", "{title} ({count})").format(title=title, count=count))
        self.all_button.setEnabled(self._selected is not None)
        self.more_button.setVisible(total > len(self._shown))
        names = [said(name) for name in data.class_names]
        if self._images():
            tip = translate("EvaluationView",
                            "test digit #{index}: true {true}, predicted {predicted} with confidence {confidence}")
        else:
            tip = translate("EvaluationView",
                            "test sample #{index}: true {true}, predicted {predicted} with confidence {confidence}")
        captions, tooltips = [], []
        for i in self._shown.tolist():
            t, p, c = int(data.labels_test[i]), int(ev.predictions[i]), float(ev.confidences[i])
            if t == p:
                captions.append(f"{names[t]} ✓ ({theme.percent(c, 0)})")
            else:
                captions.append(translate("EvaluationView", "true {true} → {predicted} ({confidence})").format(
                    true=names[t], predicted=names[p], confidence=theme.percent(c, 0)))
            tooltips.append(tip.format(index=i, true=names[t], predicted=names[p], confidence=theme.percent(c)))
        shape = data.image_shape
        if shape is None:
            self.gallery.placeholder = translate("EvaluationView",
                                                 "These samples are not images; the confusion matrix tells their story.")
            self.gallery.set_items(np.zeros(0, dtype=np.int64), np.zeros((0, 1, 1)), [], [])
            return
        images = np.asarray(data.x_test[self._shown], dtype=np.float64).reshape(-1, *shape)
        self.gallery.placeholder = (translate("EvaluationView", "No digits in this cell.") if self._selected
                                    else translate("EvaluationView", "No mistakes: every test digit is right."))
        self.gallery.set_items(self._shown, images, captions, tooltips)
        if to_top:
            self.scroll.verticalScrollBar().setValue(0)

    # -- handlers -------------------------------------------------------------------------------

    def _on_show_all_clicked(self) -> None:
        self.show_all_mistakes()

    def _on_show_more_clicked(self) -> None:
        self._limit += GALLERY_PAGE
        self._update_gallery(to_top=False)

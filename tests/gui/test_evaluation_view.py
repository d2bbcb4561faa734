"""The evaluation view: a placeholder before the first epoch, the matrix is the evaluation's confusion
over the whole test split, its counts fit their cells at every size, a click on a cell filters the
gallery to exactly that cell's digits, and nothing is redrawn until a new evaluation arrives."""

import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

from nnviz.gui.charts.confusion_matrix import ConfusionMatrixWidget, abbreviated_count
from nnviz.gui.charts.evaluation import GALLERY_PAGE, EvaluationView
from nnviz.gui.theme import percent
from nnviz.training import build_session, get_preset
from nnviz.training.architecture import NewSession


@pytest.fixture(scope="module")
def evaluated(mnist_data_dir):
    """A session before training, and its snapshot after one epoch on a 2,000-digit subset."""
    session = build_session(get_preset("mnist-fast"), data_dir=mnist_data_dir, limit_train=2000)
    before = session.snapshot()
    session.run_epoch()
    return session, before, session.snapshot()


def make_view(qtbot, session) -> EvaluationView:
    view = EvaluationView()
    qtbot.addWidget(view)
    view.resize(960, 560)
    view.reset(NewSession.of(session))
    view.show()
    qtbot.waitExposed(view)
    return view


def test_before_the_first_epoch_it_says_when_to_expect_it(qtbot, evaluated):
    session, before, _ = evaluated
    view = make_view(qtbot, session)
    view.show_snapshot(before)
    assert before.evaluation is None
    assert view.headline.text() == "Evaluation appears after the first epoch"
    assert view.cell_counts() is None and len(view.gallery_indices()) == 0


def test_matrix_is_the_confusion_of_the_whole_test_split(qtbot, evaluated):
    session, _, snap = evaluated
    view = make_view(qtbot, session)
    view.show_snapshot(snap)
    ev = snap.evaluation
    np.testing.assert_array_equal(view.cell_counts(), ev.confusion)
    assert view.cell_counts().sum() == 10_000 == len(session.dataset.labels_test)
    assert view.headline.text() == f"Test accuracy {percent(ev.accuracy)} after epoch 1 (10,000 digits)"


def test_gallery_shows_the_most_confident_mistakes_first(qtbot, evaluated):
    session, _, snap = evaluated
    view = make_view(qtbot, session)
    view.show_snapshot(snap)
    ev, labels = snap.evaluation, session.dataset.labels_test
    shown = view.gallery_indices()
    assert len(shown) == min(GALLERY_PAGE, int((ev.predictions != labels).sum()))
    np.testing.assert_array_equal(shown, ev.misclassified(labels)[:len(shown)])
    assert np.all(np.diff(ev.confidences[shown]) <= 0)
    assert view.gallery.captions[0] == (f"true {labels[shown[0]]} → {ev.predictions[shown[0]]} "
                                        f"({percent(ev.confidences[shown[0]], 0)})")


def test_clicking_a_cell_filters_the_gallery_to_its_digits(qtbot, evaluated):
    session, _, snap = evaluated
    view = make_view(qtbot, session)
    view.show_snapshot(snap)
    ev, labels = snap.evaluation, session.dataset.labels_test
    off = ev.confusion.copy()
    np.fill_diagonal(off, 0)
    small = np.argwhere((off > 0) & (off <= GALLERY_PAGE))
    true, predicted = (int(v) for v in small[np.argmax(off[tuple(small.T)])])  # the largest that fits a page
    centre = view.matrix.cell_rect(true, predicted).center().toPoint()
    qtbot.mouseClick(view.matrix, Qt.MouseButton.LeftButton, pos=centre)
    assert view.selected_cell == (true, predicted)
    expected = np.flatnonzero((labels == true) & (ev.predictions == predicted))
    assert sorted(view.gallery_indices().tolist()) == expected.tolist()
    assert view.all_button.isEnabled()
    qtbot.mouseClick(view.all_button, Qt.MouseButton.LeftButton)
    assert view.selected_cell is None
    np.testing.assert_array_equal(view.gallery_indices(), ev.misclassified(labels)[:GALLERY_PAGE])


def test_a_diagonal_cell_shows_the_right_answers_least_sure_first(qtbot, evaluated):
    session, _, snap = evaluated
    view = make_view(qtbot, session)
    view.show_snapshot(snap)
    ev, labels = snap.evaluation, session.dataset.labels_test
    view.select_cell(3, 3)
    shown = view.gallery_indices()
    right = np.flatnonzero((labels == 3) & (ev.predictions == 3))
    assert len(shown) == min(GALLERY_PAGE, len(right)) and set(shown) <= set(right)
    assert np.all(np.diff(ev.confidences[shown]) >= 0)
    if len(right) > GALLERY_PAGE:
        qtbot.mouseClick(view.more_button, Qt.MouseButton.LeftButton)
        assert len(view.gallery_indices()) == min(2 * GALLERY_PAGE, len(right))


def test_redraws_only_for_a_new_evaluation(qtbot, evaluated):
    session, before, snap = evaluated
    view = make_view(qtbot, session)
    view.show_snapshot(snap)
    view.select_cell(5, 3)
    shown = view.gallery_indices()
    # Another snapshot with the same evaluation (mid-epoch) changes nothing, selection included.
    later = dataclasses.replace(snap, step=snap.step + 1)
    view.show_snapshot(later)
    assert view.gallery_indices() is shown and view.selected_cell == (5, 3)
    # A new evaluation (the next epoch's) keeps the selected cell and refilters it.
    fresh = session.evaluate_test()
    view.show_snapshot(dataclasses.replace(snap, evaluation=fresh))
    assert view.selected_cell == (5, 3) and view.matrix.selected == (5, 3)
    mistakes = fresh.misclassified(session.dataset.labels_test)
    in_cell = mistakes[(session.dataset.labels_test[mistakes] == 5) & (fresh.predictions[mistakes] == 3)]
    np.testing.assert_array_equal(view.gallery_indices(), in_cell[:GALLERY_PAGE])
    # A new run (no evaluation yet) forgets the selection.
    view.show_snapshot(before)
    assert view.cell_counts() is None and view.selected_cell is None


def test_abbreviated_counts_stay_short():
    assert [abbreviated_count(n) for n in (7, 999, 1000, 1115, 9949, 9960, 12_345, 1_234_567)] == [
        "7", "999", "1k", "1.1k", "9.9k", "10k", "12k", "1.2M"]
    assert abbreviated_count(1115, decimals=0) == "1k"


@pytest.mark.parametrize("size", [(260, 220), (330, 260), (420, 330), (520, 380), (900, 640)])
def test_counts_fit_their_cells_at_any_size(qtbot, size):
    # A confusion with four-digit counts on the diagonal (1115 was seen overflowing its cell).
    counts = np.full((10, 10), 3, dtype=np.int64)
    np.fill_diagonal(counts, [980, 1115, 1010, 1003, 975, 880, 950, 1020, 960, 1001])
    counts[4, 9] = 27
    matrix = ConfusionMatrixWidget()
    qtbot.addWidget(matrix)
    matrix.set_classes([str(k) for k in range(10)])
    matrix.set_counts(counts)
    matrix.resize(*size)
    matrix.show()
    qtbot.waitExposed(matrix)
    font, texts = matrix.count_labels()
    bold_font = QFont(font)
    bold_font.setBold(True)
    widths = QFontMetricsF(bold_font)
    cell = matrix.cell_rect(1, 1)
    assert font.pointSizeF() >= 7
    for i in range(10):
        for j in range(10):
            rect = matrix.cell_rect(i, j)
            assert matrix.rect().contains(rect.toAlignedRect())  # the grid stays in the widget
            if texts[i][j]:
                assert widths.horizontalAdvance(texts[i][j]) <= rect.width() - 2
                assert widths.height() <= rect.height()
                # Abbreviated only where the whole count would not fit ("1k" told less than 1,115).
                if widths.horizontalAdvance(str(counts[i, j])) <= rect.width() - 4:
                    assert texts[i][j] == str(counts[i, j])
    if texts and texts[1][1]:
        assert texts[1][1] in ("1115", "1.1k", "1k")
    # Where the cells have room, the count is written in full.
    if cell.width() >= 48:
        assert texts[1][1] == "1115"
    assert "1,115" in matrix.tooltip_text((1, 1))  # the tooltip always has the whole count


def test_headline_and_recall_use_the_apps_percent_format(qtbot, evaluated):
    session, _, snap = evaluated
    view = make_view(qtbot, session)
    view.show_snapshot(snap)
    assert percent(snap.evaluation.accuracy) in view.headline.text()
    assert "\u2009%" in view.headline.text() and "-" not in view.subline.text()

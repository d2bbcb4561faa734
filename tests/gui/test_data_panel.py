"""The control panel's data rows driven like a learner drives them: a generator chosen trains, its
settings change the data live, Regenerate is seeded, and CSV files are imported (or refused in words)."""

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from nnviz.gui.window.main_window import MainWindow
from nnviz.training import get_preset


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "nnviz.ini"), QSettings.Format.IniFormat)


def opened(qtbot, settings, preset):
    w = MainWindow(preset, settings=settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.shown_snapshot is not None, timeout=10000)
    return w


@pytest.fixture
def window(qtbot, settings):
    w = opened(qtbot, settings, "circle")
    yield w
    w.close()


def choose(panel, key):
    """Choose the dataset item `key` ("gen:spiral", "xor") as a click in the list does."""
    index = panel.dataset.findData(key)
    assert index >= 0, key
    panel.dataset.setCurrentIndex(index)
    panel.dataset.activated.emit(index)


def train_until(qtbot, window, accuracy, timeout=30000):
    """Train at full speed until the test split's accuracy (R² for regression) reaches `accuracy`."""
    window.trainer.apply(epochs=None)
    window.transport.full_speed.trigger()
    window.transport.play.setChecked(True)
    # A new data set starts a new session, shown before its first snapshot arrives.
    qtbot.waitUntil(lambda: (s := window.shown_snapshot) is not None and (e := s.evaluation) is not None
                    and e.accuracy >= accuracy, timeout=timeout)
    window.transport.play.setChecked(False)
    return window.shown_snapshot.evaluation.accuracy


def write_csv(path, header, rows):
    path.write_text(",".join(header) + "\n" + "".join(",".join(map(str, row)) + "\n" for row in rows))
    return path


def three_blobs(path, n=150):
    rng = np.random.default_rng(0)
    labels = np.arange(n) % 3
    centres = np.array([[0, 0, 4, 1], [4, 4, 0, 0], [0, 4, 4, 4]], dtype=float)
    x = centres[labels] + rng.normal(0, 0.5, (n, 4))
    names = np.array(["setosa", "versicolor", "virginica"])[labels]
    return write_csv(path, ["sepal length", "sepal width", "petal length", "petal width", "species"],
                     [[*(f"{v:.3f}" for v in row), name] for row, name in zip(x, names)])


def test_choosing_a_generator_trains_it_on_the_running_network(qtbot, window):
    panel = window.controls.data
    weights_before = [w.copy() for w in window.shown_snapshot.weights]
    choose(panel, "gen:gaussians")  # circle's network fits: the data is swapped in live
    qtbot.waitUntil(lambda: window.info.dataset.name == "gaussians", timeout=5000)
    assert window.info.preset.spec.generator == "gaussians" and window.info.preset.name == "circle"
    assert all(np.array_equal(a, b) for a, b in zip(weights_before, window.shown_snapshot.weights))
    assert "same network" in window.statusBar().currentMessage()
    assert window.controls.summary.text() == get_preset("circle").summary  # the network is the preset's
    assert window.controls.data.dataset.currentText() == "gaussians"
    assert train_until(qtbot, window, 0.95) >= 0.95


def test_a_generator_of_another_shape_brings_its_own_network(qtbot, window):
    choose(window.controls.data, "gen:sin")  # one input and a regression target: a rebuild
    qtbot.waitUntil(lambda: window.info.dataset.name == "sin", timeout=10000)
    arch = window.info.architecture
    assert arch.sizes[0] == 1 and arch.sizes[-1] == 1 and arch.output_activation == "identity"
    assert window.controls.preset.currentData() == "sin"
    assert window.controls.data.noise.isEnabled() and window.controls.data.dataset.currentData() == "gen:sin"


def test_regenerating_draws_other_points_and_a_seed_draws_the_same_again(qtbot, window):
    panel = window.controls.data
    panel.data_seed.setValue(5)
    qtbot.waitUntil(lambda: window.info.preset.spec.seed == 5, timeout=5000)
    seed_5 = np.array(window.info.dataset.x_train)
    panel.regenerate.click()
    qtbot.waitUntil(lambda: window.info.preset.spec.seed != 5, timeout=5000)
    assert panel.data_seed.value() == window.info.preset.spec.seed
    assert not np.array_equal(window.info.dataset.x_train, seed_5)
    panel.data_seed.setValue(5)
    qtbot.waitUntil(lambda: window.info.preset.spec.seed == 5, timeout=5000)
    np.testing.assert_array_equal(window.info.dataset.x_train, seed_5)
    np.testing.assert_array_equal([s.pos().x() for s in window.surface_view.points.points()], seed_5[:, 0])


def test_noise_share_and_size_change_the_data_live(qtbot, window):
    panel = window.controls.data
    window.transport.step_batch.trigger()
    qtbot.waitUntil(lambda: window.shown_snapshot.step == 1, timeout=5000)
    panel.train_share.setValue(50)
    panel.n_samples.setValue(300)
    panel.noise.setValue(30)
    assert panel.noise_value.text() == "0.30" and panel.share_value.text() == "50\u2009% / 50\u2009%"
    qtbot.waitUntil(lambda: window.info.preset.spec.noise == 0.3, timeout=5000)
    spec = window.info.preset.spec
    assert (spec.n_samples, spec.train_share) == (300, 0.5) and window.info.n_train == 150
    assert window.shown_snapshot.step == 1  # the same run, going on
    assert len(window.surface_view.points.points()) == 150


def test_a_bad_csv_shows_its_message_and_changes_nothing(qtbot, window, tmp_path):
    bad = write_csv(tmp_path / "houses.csv", ["area", "rooms", "price"], [[50, 2, 100], [60, "", 120], [70, 3, 130]])
    before = window.info
    window.controls.data.import_csv.click()
    dialog = window.controls.data.csv_dialog
    qtbot.waitExposed(dialog)
    dialog.set_path(str(bad))
    assert dialog.label_column.currentText() == "price" and dialog.preview.rowCount() == 3
    dialog.ok_button.click()
    assert dialog.isVisible() and "houses.csv" in dialog.message and "row 3" in dialog.message
    assert "'rooms'" in dialog.message and "\n" not in dialog.message
    dialog.set_path(str(tmp_path / "nowhere.csv"))
    assert "nowhere.csv" in dialog.message and not dialog.ok_button.isEnabled()
    dialog.reject()
    qtbot.wait(200)
    assert window.info is before and window.controls.data.spec.kind == "generated"


def test_an_imported_csv_trains_with_a_network_fitted_to_it(qtbot, window, tmp_path):
    path = three_blobs(tmp_path / "iris.csv")
    panel = window.controls.data
    panel.import_csv.click()
    dialog = panel.csv_dialog
    dialog.set_path(str(path))
    assert dialog.label_column.currentText() == "species" and dialog.standardise.isChecked()
    dialog.ok_button.click()
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: window.info.dataset.name.startswith("iris"), timeout=10000)
    arch = window.info.architecture
    assert arch.sizes[0] == 4 and arch.sizes[-1] == 3 and arch.output_activation == "softmax"
    assert arch.class_names == ("setosa", "versicolor", "virginica")
    assert panel.dataset.currentText() == "iris.csv" and "105 training and 45 test rows" in panel.hint.text()
    assert panel.noise.isHidden() and panel.n_samples.isHidden() and not panel.train_share.isHidden()
    assert panel.regenerate.text() == "New split"
    assert train_until(qtbot, window, 0.9) >= 0.9


def test_a_regression_csv_reaches_a_high_r2(qtbot, window, tmp_path):
    rng = np.random.default_rng(1)
    x = rng.uniform(0, 10, (200, 2))
    y = 3 * x[:, 0] - 2 * x[:, 1] + rng.normal(0, 0.3, 200)
    path = write_csv(tmp_path / "prices.csv", ["size", "age", "price"], [[*r, v] for r, v in zip(x.round(3), y.round(3))])
    panel = window.controls.data
    panel.import_csv.click()
    dialog = panel.csv_dialog
    dialog.set_path(str(path))
    dialog.task.setCurrentIndex(dialog.task.findData("regression"))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: window.info.dataset.name.startswith("prices"), timeout=10000)
    assert window.info.architecture.task == "regression" and window.info.architecture.output_activation == "identity"
    assert train_until(qtbot, window, 0.95) >= 0.95


def test_a_csv_of_the_same_shape_is_swapped_in_live_and_a_vanished_file_is_said_in_one_line(qtbot, window, tmp_path):
    rng = np.random.default_rng(2)
    x = rng.normal(0, 1, (60, 2))
    path = write_csv(tmp_path / "two.csv", ["a", "b", "class"], [[*r.round(3), int(r[0] > 0)] for r in x])
    panel = window.controls.data
    window.transport.step_batch.trigger()
    qtbot.waitUntil(lambda: window.shown_snapshot.step == 1, timeout=5000)
    panel.import_csv.click()
    panel.csv_dialog.set_path(str(path))
    panel.csv_dialog.ok_button.click()
    qtbot.waitUntil(lambda: window.info.dataset.name.startswith("two"), timeout=5000)
    assert window.shown_snapshot.step == 1 and window.info.preset.name == "circle"  # the same network
    assert len(window.surface_view.points.points()) == 42  # 70 % of 60 rows
    path.unlink()
    panel.train_share.setValue(50)
    qtbot.waitUntil(lambda: "two.csv" in window.statusBar().currentMessage(), timeout=5000)
    assert "\n" not in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: panel.train_share.value() == 70, timeout=5000)  # back to what still trains
    assert window.info.preset.spec.train_share == 0.7 and window.controls.current_preset().spec.train_share == 0.7
    window.transport.step_batch.trigger()
    qtbot.waitUntil(lambda: window.shown_snapshot.step == 2, timeout=5000)  # and it trains on

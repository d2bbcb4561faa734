"""Which network fits which data, point editing's decisions and the CSV preview: plain Python."""

from dataclasses import replace

import numpy as np
import pytest

from nnviz.data import DatasetSpec, load_spec
from nnviz.training import build_session, get_preset
from nnviz.training.architecture import NewSession
from nnviz.training.csv_preview import csv_preview
from nnviz.training.data_fit import (
    DataShape, check_same_shape, kind_preset, preset_for_data, shape_of_spec, starting_preset,
)
from nnviz.training.point_edits import (
    LEFT, RIGHT, PointEditing, clamped, edited_spec, inside, label_for_click, nearest_point, point_editing,
    points_of,
)
from nnviz.training.presets import preset_spec

CIRCLE = DatasetSpec(kind="generated", generator="circle")
PLANE = DatasetSpec(kind="generated", generator="plane")
SIN = DatasetSpec(kind="generated", generator="sin")


def test_every_spec_s_shape_matches_the_data_it_loads():
    for spec in (DatasetSpec(kind="xor"), DatasetSpec(kind="gender"), CIRCLE, PLANE, SIN,
                 DatasetSpec(kind="generated", generator="spiral"),
                 DatasetSpec(kind="points", generator="bump", points=((0.1, 0.2, 0.7), (0.3, -0.2, 0.1)))):
        assert shape_of_spec(spec) == DataShape.of(load_spec(spec)), spec
    assert shape_of_spec(DatasetSpec(kind="csv", path="any.csv")) is None  # only the file says


def test_outputs_follow_the_task_and_the_classes():
    assert DataShape(2, "regression", 1).n_outputs == 1
    assert DataShape(2, "classification", 2).n_outputs == 1
    assert DataShape(4, "classification", 3).n_outputs == 3


def test_data_of_another_shape_is_refused_in_words():
    circle, spiral = load_spec(CIRCLE), load_spec(replace(CIRCLE, generator="spiral"))
    check_same_shape(circle, spiral)  # same features, task and classes: fine
    with pytest.raises(ValueError, match="1 input feature, not 2"):
        check_same_shape(circle, load_spec(SIN))
    with pytest.raises(ValueError, match="regression task, not classification"):
        check_same_shape(circle, load_spec(PLANE))


def test_a_preset_fitted_to_regression_keeps_its_hidden_layers_and_gets_an_identity_output():
    xor = get_preset("xor")
    fitted = preset_for_data(xor, SIN, shape_of_spec(SIN))
    assert fitted.sizes == (1, 10, 1) and fitted.hidden == xor.hidden
    assert (fitted.output, fitted.loss, fitted.dataset, fitted.spec) == ("identity", "mse", "generated", SIN)
    assert fitted.hyperparameters == xor.hyperparameters and fitted.name == "xor"


def test_a_preset_fitted_to_many_classes_gets_softmax_and_loses_prescribed_weights_and_samples():
    neuron = get_preset("network")  # prescribed weights and its own training sample
    spec = DatasetSpec(kind="csv", path="iris.csv")
    fitted = preset_for_data(neuron, spec, DataShape(4, "classification", 3))
    assert fitted.sizes == (4, 2, 3) and (fitted.output, fitted.loss) == ("softmax", "ce")
    assert fitted.initial_parameters is None and fitted.samples is None


def test_mnist_s_wide_layers_are_narrowed_for_small_data():
    fitted = preset_for_data(get_preset("mnist-fast"), CIRCLE, shape_of_spec(CIRCLE))
    assert fitted.sizes == (2, 64, 64, 1) and (fitted.output, fitted.loss) == ("sigmoid", "bce")


def test_a_fitting_output_and_loss_are_kept():
    # xor's sigmoid + BCE already suits two classes; its 0/1 targets stay.
    fitted = preset_for_data(get_preset("xor"), CIRCLE, shape_of_spec(CIRCLE))
    assert (fitted.sizes, fitted.output, fitted.loss) == ((2, 10, 1), "sigmoid", "bce")


def test_each_kind_of_data_has_its_preset():
    assert kind_preset(CIRCLE) == "circle" and kind_preset(SIN) == "sin"
    assert kind_preset(DatasetSpec(kind="xor")) == "xor"
    assert kind_preset(DatasetSpec(kind="csv", path="a.csv")) is None


def test_the_command_line_s_data_starts_on_its_own_preset_or_a_fitted_one():
    assert starting_preset(CIRCLE, shape_of_spec(CIRCLE)).name == "circle"
    on_xor = starting_preset(PLANE, shape_of_spec(PLANE), get_preset("xor"))
    assert on_xor.sizes == (2, 10, 1) and on_xor.output == "identity" and preset_spec(on_xor) == PLANE
    csv = DatasetSpec(kind="csv", path="/data/houses.csv")
    small = starting_preset(csv, DataShape(5, "regression", 1))
    assert small.sizes[0] == 5 and small.sizes[-1] == 1 and small.output == "identity" and small.spec == csv


# -- point editing ----------------------------------------------------------------------------------


def announced(preset, spec=None):
    preset = replace(get_preset(preset), spec=spec, dataset=spec.kind) if spec else get_preset(preset)
    return NewSession.of(build_session(preset), preset)


def test_generated_2d_data_can_be_edited_and_fixed_or_1d_data_cannot():
    assert point_editing(announced("circle")) is PointEditing.CLASSES
    assert point_editing(announced("plane")) is PointEditing.VALUES
    assert point_editing(announced("xor")) is None and point_editing(announced("gender")) is None
    assert point_editing(announced("sin")) is None
    edited = DatasetSpec(kind="points", generator="circle", points=((0.0, 0.0, 1.0),))
    assert point_editing(announced("circle", edited)) is PointEditing.CLASSES


def test_the_left_button_adds_class_0_the_right_class_1_or_the_extreme_targets():
    points = np.array([[0, 0, 0.2], [1, 1, 0.9], [2, 2, -0.4]])
    assert label_for_click(PointEditing.CLASSES, points, LEFT) == 0.0
    assert label_for_click(PointEditing.CLASSES, points, RIGHT) == 1.0
    assert label_for_click(PointEditing.VALUES, points, LEFT) == 0.9
    assert label_for_click(PointEditing.VALUES, points, RIGHT) == -0.4


def test_a_press_grabs_the_nearest_point_within_the_radius_in_pixels():
    points = np.array([[0.0, 0.0, 0], [1.0, 1.0, 1]])
    # 0.01 data units per pixel across, 0.1 up: (0.05, 0) is 5 px from the first point.
    assert nearest_point(points, 0.05, 0.0, (0.01, 0.1), radius=10) == 0
    assert nearest_point(points, 0.5, 0.0, (0.01, 0.1), radius=10) is None  # 50 px away
    assert nearest_point(np.empty((0, 3)), 0, 0, (1, 1), 10) is None


def test_points_stay_on_the_plane():
    assert clamped((-1, 1, -2, 2), 5.0, -3.0) == (1, -2)
    assert inside((-1, 1, -1, 1), np.array([[0.5, -0.5]])) and not inside((-1, 1, -1, 1), np.array([[1.5, 0]]))


def test_edited_points_become_a_points_spec_that_loads_them():
    session = build_session(get_preset("circle"))
    points = np.vstack([points_of(session.dataset), [[0.25, -0.5, 1.0]]])
    spec = edited_spec("circle", points)
    dataset = load_spec(spec)
    assert spec.kind == "points" and len(spec.points) == len(session.dataset.x_train) + 1
    np.testing.assert_allclose(dataset.x_train[-1], (0.25, -0.5))
    assert dataset.labels_train[-1] == 1 and dataset.labels_train.dtype == np.int64
    with pytest.raises(ValueError, match="finite"):
        edited_spec("circle", np.array([[np.nan, 0, 1]]))


# -- the CSV preview --------------------------------------------------------------------------------


def test_the_preview_shows_the_header_and_first_rows(tmp_path):
    path = tmp_path / "houses.csv"
    path.write_text("area;rooms;price\n" + "".join(f"{50 + i};{i % 4 + 1};{100 + i}\n" for i in range(40)))
    preview = csv_preview(path, 3)
    assert preview.header == ("area", "rooms", "price")
    assert preview.rows == (("50", "1", "100"), ("51", "2", "101"), ("52", "3", "102"))


@pytest.mark.parametrize("content, message", [
    (b"", "houses.csv is empty"),
    (b"\xff\xfe\x00\x01binary", "not a text"),
])
def test_an_unreadable_file_is_one_line_naming_it(tmp_path, content, message):
    path = tmp_path / "houses.csv"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=message):
        csv_preview(path)
    with pytest.raises(ValueError, match="missing.csv cannot be read"):
        csv_preview(tmp_path / "missing.csv")

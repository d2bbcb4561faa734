"""The sample CSV files shipped in resources/data: reproducible from their script, and they load."""

from nnviz.data import read_csv_dataset
from nnviz.data.bundled import sample_data_dir
from nnviz.data.samples import FRUIT_FILE, HOUSES_FILE, write_samples


def test_shipped_samples_are_what_the_script_writes(tmp_path):
    for written in write_samples(tmp_path):
        shipped = sample_data_dir() / written.name
        assert shipped.read_bytes() == written.read_bytes(), written.name
        assert shipped.stat().st_size < 50_000


def test_samples_load_as_their_tasks():
    fruit = read_csv_dataset(sample_data_dir() / FRUIT_FILE)
    assert fruit.task == "classification" and fruit.class_names == ("apple", "lemon", "orange")
    assert fruit.feature_names == ("weight_g", "diameter_cm", "roughness")
    assert len(fruit.x_train) + len(fruit.x_test) == 150
    houses = read_csv_dataset(sample_data_dir() / HOUSES_FILE)
    assert houses.task == "regression" and houses.class_names == ("price_k",)
    assert len(houses.x_train) + len(houses.x_test) == 200 and houses.standardisation.has_target

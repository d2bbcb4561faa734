"""Hyperparameters also come from model files' metadata, which may be forged: wrong types are refused
with the name of the setting, never a TypeError."""

import pytest

from nnviz.training.hyperparameters import HyperparameterError, Hyperparameters


@pytest.mark.parametrize("changes, words", [
    ({"lr": "abc"}, "learning rate must be a number"),
    ({"lr": True}, "learning rate must be a number"),
    ({"momentum": [0.9]}, "momentum must be a number"),
    ({"l2": None}, "L2 strength must be a number"),
    ({"optimizer": {"x": 1}}, "optimizer must be a name"),
    ({"granularity": 3}, "gradient descent mode must be a name"),
    ({"augment": "yes"}, "augment must be true or false"),
])
def test_a_value_of_the_wrong_type_is_refused_by_name(changes, words):
    with pytest.raises(HyperparameterError, match=words):
        Hyperparameters(**changes)

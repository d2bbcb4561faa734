"""`nnviz presets` and `nnviz gradcheck`."""

from __future__ import annotations

from nnviz.engine.network import Network
from nnviz.training.presets import PRESETS


def test_presets_lists_every_preset_with_its_network_and_training(cli):
    result = cli("presets")
    assert result.code == 0
    header, *rows = result.out.strip().splitlines()
    assert header.split()[:4] == ["name", "dataset", "network", "loss"]
    assert [row.split()[0] for row in rows] == list(PRESETS) == [
        "neuron", "network", "alice", "gender", "xor", "circle", "gaussians", "xor-cloud", "spiral", "plane", "bump",
        "sin", "mnist-book", "mnist-fast"]
    book = rows[list(PRESETS).index("mnist-book")]
    assert "784-200-10" in book and "mse" in book and "sgd lr 0.1 stochastic" in book
    assert "adam lr 0.003 minibatch 512" in rows[list(PRESETS).index("mnist-fast")]
    for row, preset in zip(rows, PRESETS.values()):
        assert row.endswith(preset.summary)


def test_gradcheck_passes_and_reports_every_parameter(cli):
    result = cli("gradcheck", "--json")
    assert result.code == 0, result.err
    report = result.json
    assert report["passed"] is True
    assert report["max_relative_error"] < 1e-7
    assert set(report["per_parameter"]) == {"W0", "b0", "W1", "b1"}
    assert report["n_checked"] == 3 * 5 + 5 + 5 * 4 + 4

    text = cli("gradcheck", "--layers", "4,6,5,3", "--activation", "relu,leaky_relu", "--output", "softmax",
               "--loss", "ce", "--l2", "0.1", "--samples", "3")
    assert text.code == 0, text.err
    assert text.out.count("PASS") == 7 and "FAIL" not in text.out


def test_gradcheck_all_checks_every_valid_combination(cli):
    result = cli("gradcheck", "--all", "--json")
    assert result.code == 0, result.err
    report = result.json
    assert report["passed"] is True and report["max_relative_error"] < 1e-7
    combos = {(c["activation"], c["output"], c["loss"]) for c in report["combinations"]}
    # 5 differentiable hidden activations x (6 outputs with mse + sigmoid/softmax with bce and ce)
    assert len(combos) == 5 * (6 + 2 + 2)
    assert ("relu", "softmax", "ce") in combos and ("tanh", "identity", "mse") in combos
    assert not any(output == "tanh" and loss == "bce" for _, output, loss in combos)
    assert not any("step" in combo for combo in combos)

    table = cli("gradcheck", "--all")
    assert table.code == 0
    assert "50/50 passed" in table.out


def test_gradcheck_fails_with_exit_1_when_backprop_is_wrong(cli, monkeypatch):
    backward = Network.backward

    def off_by_a_bit(self, trace, y, l2=0.0, input_grad=False):
        gradients = backward(self, trace, y, l2, input_grad)
        gradients.grad_b[0][...] *= 1.001
        return gradients

    monkeypatch.setattr(Network, "backward", off_by_a_bit)
    result = cli("gradcheck", "--json")
    assert result.code == 1
    assert result.json["passed"] is False
    assert result.json["per_parameter"]["b0"] > 1e-7 > result.json["per_parameter"]["W1"]
    assert "FAIL" in cli("gradcheck").out

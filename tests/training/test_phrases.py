"""Text the window translates, made by the Qt-free layers: marked Phrases whose English is unchanged.

The engine, data and training layers word hints, phase captions, inspector names and error messages
in English for the command line, and mark them with QT_TRANSLATE_NOOP so the window can say them in
another language (nnviz.gui.i18n.said). These tests hold the English to what the command line has
always printed, check what a Phrase remembers, and follow one through the trainer's pipe.
"""

import ast
import multiprocessing
import pickle
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from nnviz.data.csv_import import CsvError, read_csv_dataset
from nnviz.data.errors import MnistMissingError
from nnviz.data.mnist import load_mnist
from nnviz.engine.memory import format_bytes
from nnviz.engine.model_file import ModelFileError, load_model
from nnviz.engine.phrases import Phrase, Template, fields
from nnviz.training import Hyperparameters, get_preset
from nnviz.training.architecture import Architecture
from nnviz.training.build import NetworkTooBig, check_memory
from nnviz.training.explain import LOSS_FORMULAS, neuron_name
from nnviz.training.gradient_check import Break, BreakKind
from nnviz.training.hyperparameters import HyperparameterError
from nnviz.training.messages import message_of
from nnviz.training.phases import Phase, PhaseKind
from nnviz.training.presets import check_drawable, describe
from nnviz.training.race import race_presets, what_is_shared
from nnviz.training.race_curves import cpu_share_text
from nnviz.training.trainer import Trainer
from nnviz.training.wire import pack, receive, send

PACKAGE = Path(__file__).resolve().parents[2] / "nnviz"


def _marks(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QT_TRANSLATE_NOOP":
            yield node


# -- the marks ---------------------------------------------------------------------------------------

def test_every_mark_is_two_literal_strings_lupdate_can_read():
    """pyside6-lupdate reads the context and the text from the source: a variable, an f-string or a
    concatenation there would be extracted wrongly or not at all."""
    count = 0
    for layer in ("engine", "data", "training"):
        for path in sorted((PACKAGE / layer).glob("*.py")):
            for node in _marks(path):
                count += 1
                assert len(node.args) == 2 and not node.keywords, f"{path.name}:{node.lineno}"
                assert all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args), \
                    f"{path.name}:{node.lineno}: context and text must be string literals"
    assert count >= 300  # hints, phases, presets, race, explain, and the errors the window shows


# -- English unchanged, Phrases remembered -----------------------------------------------------------

def test_phase_captions_are_phrases_with_the_same_english():
    forward = Phase(PhaseKind.FORWARD, 2).label()
    assert forward == "Forward: layer 2 computes z = W·a + b and a = f(z)"
    assert isinstance(forward, Phrase)
    assert (forward.context, forward.template, forward.args) == (
        "Phases", "Forward: layer {layer} computes z = W·a + b and a = f(z)", {"layer": 2})
    assert Phase(PhaseKind.BACKWARD, 1).label() == "Backward: error term δ arrives at layer 1"
    update = Phase(PhaseKind.UPDATE).label()
    assert update == "Update: every weight moves by −learning rate × gradient"
    assert isinstance(update, Template) and update.context == "Phases" and update.args == {}


def test_a_preset_description_is_one_phrase_whose_parts_translate_too():
    text = describe(get_preset("xor"))
    assert text == ("2-10-1, tanh hidden, sigmoid output, binary cross-entropy; SGD at learning rate 0.1, "
                    "one sample per step")
    assert isinstance(text, Phrase) and text.context == "Presets"
    # The loss and the per-step wording are Templates themselves: the window translates them inside.
    assert isinstance(text.args["loss"], Template) and isinstance(text.args["per_step"], Template)
    assert describe(get_preset("mnist-fast")).endswith("Adam at learning rate 0.003, batches of 512")
    assert isinstance(get_preset("xor").summary, Template)


def test_inspector_names_keep_their_english():
    assert neuron_name(1, 1, (2, 3, 1)) == "hidden 1 · neuron 2"
    assert neuron_name(2, 0, (2, 3, 1)) == "output"
    assert neuron_name(2, 2, (784, 10, 10), [str(k) for k in range(10)]) == "output 3 (2)"
    assert neuron_name(1, 0, (2, 3, 1)).args == {"layer": 1, "number": 1}
    assert LOSS_FORMULAS["bce"][0] == "binary cross-entropy" and LOSS_FORMULAS["bce"][0].context == "Explain"
    arch = Architecture(sizes=(2, 3, 3, 1), activation_names=("tanh", "tanh", "sigmoid"), loss_name="bce",
                        feature_names=("x1", "x2"), class_names=("blue", "orange"))
    assert arch.layer_names == ("input", "hidden 1", "hidden 2", "output")
    assert Break(BreakKind.DROP_F_PRIME, 1).label(arch.layer_names) == "drop f′(z) in hidden 1"
    assert Break(BreakKind.DROP_F_PRIME, 3).label(arch.layer_names) == "drop f′(z) at the output"


def test_race_text_is_whole_sentences_without_plural_tricks():
    assert cpu_share_text(1, 1) == "1 run on 1 core: one core each"
    assert cpu_share_text(1, 4) == "1 run on 4 cores: one core each"
    assert cpu_share_text(3, 4) == "3 runs on 4 cores: one core each"
    assert cpu_share_text(4, 1) == "4 runs share 1 core: ~25 % of a core each"
    assert cpu_share_text(3, 2).args == {"runs": 3, "cores": 2, "share": 67}
    runs = race_presets(get_preset("xor"), "mode", ["stochastic", "minibatch:2", "batch"])
    assert [run.label for run in runs] == ["stochastic", "mini-batch 2", "full batch"]
    assert all(isinstance(run.label, (Phrase, Template)) for run in runs)
    shared = what_is_shared(get_preset("xor"), "mode")
    assert shared == "same 2-10-1 network, initial weights and sample order (seed 0)"
    assert isinstance(shared.args["order"], Phrase)  # a phrase inside a phrase
    with pytest.raises(ValueError) as caught:
        race_presets(get_preset("xor"), "lr", ["0.1"])
    assert str(caught.value) == "a race has 2 to 4 runs; got 1 learning rate"
    assert caught.value.args[0].args["counted"] == "1 learning rate"


def test_format_bytes_marks_only_the_word():
    assert format_bytes(512) == "512 bytes" and isinstance(format_bytes(512), Phrase)
    assert format_bytes(1536) == "1.5 KiB"


# -- errors carry their Phrase -----------------------------------------------------------------------

def test_a_hyperparameter_error_carries_its_phrase_as_its_argument():
    with pytest.raises(HyperparameterError) as caught:
        Hyperparameters(lr=-1.0)
    error = caught.value
    assert str(error) == "learning rate must be a number in (0, 100], got -1.0"
    phrase = error.args[0]
    assert isinstance(phrase, Phrase) and phrase.context == "Hyperparameters"
    assert phrase.template == "learning rate must be a number in (0, 100], got {value}"
    assert message_of(error) is phrase
    with pytest.raises(HyperparameterError) as caught:
        Hyperparameters(momentum="lots")
    assert str(caught.value) == "momentum must be a number, got 'lots'"
    assert isinstance(caught.value.args[0].args["name"], Template)  # "momentum", translated too


def test_file_and_memory_errors_carry_phrases(tmp_path):
    with pytest.raises(ModelFileError) as caught:
        load_model(tmp_path / "missing.npz")
    assert str(caught.value) == f"{tmp_path / 'missing.npz'}: no such model file"
    assert caught.value.args[0].context == "ModelFile"
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(CsvError) as caught:
        read_csv_dataset(empty)
    assert isinstance(caught.value.args[0], Phrase) and caught.value.args[0].context == "CsvImport"
    with pytest.raises(NetworkTooBig) as caught:
        check_memory((784, 4096, 4096, 10), available=10 * 1024 ** 2)
    assert str(caught.value).startswith("the 784-4096-4096-10 network needs about ")
    assert caught.value.args[0].context == "Memory"
    with pytest.raises(ValueError) as caught:
        check_drawable((2, 100, 1), "xor")
    assert str(caught.value) == "the 2-100-1 network has a hidden layer of 100 neurons; on xor the window shows " \
                                "at most 64 per layer"


def test_mnist_errors_carry_phrases_with_the_fix_inside(tmp_path):
    with pytest.raises(MnistMissingError) as caught:
        load_mnist(tmp_path)
    phrase = caught.value.args[0]
    assert str(caught.value).startswith(f"MNIST files missing from {tmp_path}: ")
    assert str(caught.value).endswith("to a folder that has the four IDX files")
    assert phrase.context == "MnistData" and isinstance(phrase.args["how_to_get"], Template)


def test_message_of_keeps_english_for_unmarked_errors():
    assert message_of(ValueError("plain")) == "plain" and not isinstance(message_of(ValueError("plain")), Phrase)
    error = FileNotFoundError(2, "No such file or directory", "x.csv")
    assert message_of(error) == str(error)


# -- through the trainer's pipe ----------------------------------------------------------------------

class Driver:
    """The window's end of a Trainer serving in a thread of this process (as in test_trainer.py)."""

    def __init__(self):
        self.conn, child = multiprocessing.Pipe()
        self.thread = threading.Thread(target=self._serve, args=(Trainer(child),), daemon=True)
        self.thread.start()

    @staticmethod
    def _serve(trainer):
        try:
            trainer.run()
        except (EOFError, OSError):
            pass

    def send(self, *command):
        self.conn.send(command)

    def expect(self, kind, timeout=10.0):
        """The payload of the next `kind` message (snapshots acknowledged on the way)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.conn.poll(0.05):
                message = receive(self.conn)
                if message[0] == "snapshot":
                    self.send("ack")
                if message[0] == kind:
                    return message[1:]
        raise AssertionError(f"no {kind!r} message within {timeout} s")

    def stop(self):
        self.send("stop")
        self.thread.join(2)


def test_a_phrase_survives_pickling_and_the_wire():
    phrase = describe(get_preset("gender"))
    again = pickle.loads(pickle.dumps(phrase))
    assert (again, again.context, again.template, again.args) == (phrase, phrase.context, phrase.template,
                                                                 phrase.args)
    assert type(again.args["per_step"]) is Template and again.args["per_step"].context == "Presets"
    window, trainer = multiprocessing.Pipe()
    try:
        send(trainer, pack(("failed", phrase)))
        kind, received = receive(window)
    finally:
        window.close()
        trainer.close()
    assert kind == "failed" and received == phrase and isinstance(received, Phrase)
    assert received.template == phrase.template and fields(received.template) == set(received.args)


def test_the_trainer_sends_a_failure_as_its_phrase():
    driver = Driver()
    try:
        driver.send("rebuild", get_preset("xor"), None)
        driver.expect("snapshot")
        driver.send("apply", {"lr": 1000.0})
        (message,) = driver.expect("failed")
        assert message == "learning rate must be a number in (0, 100], got 1000.0"
        assert isinstance(message, Phrase) and message.context == "Hyperparameters"
    finally:
        driver.stop()


def test_the_trainer_reports_divergence_as_a_phrase_holding_the_session_s():
    driver = Driver()
    try:
        preset = replace(get_preset("gender"), hidden="identity", output="identity",
                         hyperparameters=Hyperparameters(lr=50.0, granularity="batch", epochs=None))
        driver.send("rebuild", preset, None)
        driver.expect("snapshot")
        driver.send("play")
        (message,) = driver.expect("failed")
        assert message.startswith("Diverged: loss became") and message.endswith(" Training paused.")
        assert message.context == "Trainer" and message.args["problem"].context == "Session"
    finally:
        driver.stop()


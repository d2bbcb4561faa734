"""Training hints fire on real runs that produce their condition, not on healthy ones, and their
fixes help: each scenario is a short real training run fed to a HintWatcher as the window feeds it
(one snapshot per step, with the run's history view)."""

from dataclasses import replace

import numpy as np
import pytest

from nnviz.data.bundled import bundled_mnist_dir
from nnviz.training import build_session, get_preset
from nnviz.training.architecture import NewSession
from nnviz.training.hints import (
    DEAD_RELUS, LR_TOO_HIGH, LR_TOO_LOW, OVERFITTING, SATURATED, VANISHING, HintWatcher, guess_loss, number,
    period_means,
)
from nnviz.training.history import History
from nnviz.training.hyperparameters import Hyperparameters
from nnviz.training.presets import Preset
from nnviz.training.session import TrainingDiverged


class Run:
    """A real training session watched step by step, as the window watches it."""

    def __init__(self, preset: Preset, every: int = 1, **build):
        self.preset = preset
        self.session = build_session(preset, **build)
        self.watcher = HintWatcher(NewSession.of(self.session, preset))
        self.every = every
        self.fired: dict[str, tuple[int, object]] = {}  # hint id -> (step first shown, the Hint)
        self.diverged = False

    def train(self, steps: int, until: str | None = None):
        """Train `steps` steps (stopping, as the trainer does, when the loss diverges, or once `until`
        shows); returns the hints shown at the end."""
        for i in range(steps):
            try:
                self.session.step()
            except TrainingDiverged:
                self.diverged = True
                return self.look()  # the trainer sends one more snapshot, then pauses
            if i % self.every == 0:
                hints = self.look()
                if until is not None and any(h.id == until for h in hints):
                    return hints
        return self.look()

    def look(self):
        snapshot = self.session.snapshot()
        hints = self.watcher.update(snapshot, snapshot.history)
        for hint in hints:
            self.fired.setdefault(hint.id, (self.session.step_count, hint))
        return hints

    def hint(self, hint_id: str):
        return self.fired[hint_id][1]

    def loss(self, steps: int = 100) -> float:
        return float(np.mean(self.session.history.view()["step_loss"][-steps:]))

    def rebuilt(self, hint_id: str) -> "Run":
        """A fresh run of the preset with the hint's rebuild fix applied."""
        changes = self.hint(hint_id).fix.changes
        assert set(changes) == {"rebuild"}
        return Run(replace(self.preset, **changes["rebuild"]), self.every)


def preset(sizes, hidden, output="sigmoid", loss="bce", dataset="xor", init="xavier", **hyper) -> Preset:
    h = Hyperparameters(**{"lr": 0.1, "epochs": None, **hyper})
    return Preset("test", "", dataset, tuple(sizes), hidden, output, loss, h, init=init)


def with_lr(name: str, lr: float, **more) -> Preset:
    p = get_preset(name)
    return replace(p, hyperparameters=replace(p.hyperparameters, lr=lr, epochs=None, **more))


# -- learning rate too high ------------------------------------------------------------------------


def test_xor_at_learning_rate_50_is_told_its_rate_is_too_high_and_offered_half():
    run = Run(with_lr("xor", 50.0))
    run.train(200, until=LR_TOO_HIGH)
    hint = run.hint(LR_TOO_HIGH)
    assert run.fired[LR_TOO_HIGH][0] <= 60  # within two periods of 25 steps
    # Measured against guessing 50/50 on XOR: −ln ½ = 0.693.
    assert "learning rate (50)" in hint.text and "always guessing the average answer (0.693)" in hint.text
    # The weights are wrecked: half the rate on a fresh network, not on this one.
    assert hint.fix.label == "Halve the learning rate and start again"
    assert hint.fix.changes["rebuild"]["hyperparameters"].lr == 25.0
    assert set(run.fired) == {LR_TOO_HIGH}


def test_a_loss_that_explodes_to_infinity_is_caught_before_the_trainer_stops():
    # ReLU + identity + MSE at lr 5: the loss overflows float32 at step 18, which the session refuses.
    run = Run(preset((2, 8, 1), "relu", "identity", "mse", init="he", lr=5.0))
    run.train(100)
    assert run.diverged
    step, hint = run.fired[LR_TOO_HIGH]
    assert step < run.session.step_count and "exploded" in hint.text
    assert hint.fix.changes["rebuild"]["hyperparameters"].lr == 2.5


def test_a_loss_rising_period_after_period_is_offered_half_the_rate_live():
    # The rising condition itself, on a real History: 400 steps of a loss that falls, then rises.
    history = History()
    losses = np.concatenate([np.linspace(0.8, 0.3, 200), np.linspace(0.3, 0.6, 200)])
    history.record_steps(losses)
    periods = period_means(history.view(), 25)
    assert len(periods) == 16 and np.all(np.diff(periods[-8:]) > 0)
    run = Run(get_preset("xor"))
    run.train(5)
    snapshot = replace(run.session.snapshot(), step=400)
    hints = run.watcher.update(snapshot, history.view())
    assert [h.id for h in hints] == [LR_TOO_HIGH]
    assert hints[0].fix.changes == {"lr": 0.05} and hints[0].fix.label == "Halve the learning rate"
    assert "risen for 75 steps" in hints[0].text


# -- learning rate too low, saturated sigmoids -----------------------------------------------------


def test_a_tiny_learning_rate_is_flat_and_raising_it_as_offered_makes_xor_learn():
    run = Run(with_lr("xor", 1e-6))
    run.train(400, until=LR_TOO_LOW)
    hint = run.hint(LR_TOO_LOW)
    assert "learning rate (1e−6) is too low" in hint.text and set(run.fired) == {LR_TOO_LOW}
    assert hint.fix.changes["lr"] >= 3e-6
    # Follow the hint as a learner would, each time it comes back: the loss then falls.
    start = run.loss()
    for _ in range(6):
        hints = run.watcher.hints
        if not hints:
            break
        run.session.apply(**hints[0].fix.changes)
        run.train(400, until=LR_TOO_LOW)
    assert run.session.hyperparameters.lr >= 1e-3
    run.train(4000)
    assert run.loss() < 0.3 * start
    assert run.watcher.hints == ()


def saturated_xor() -> Preset:
    # Every hidden sigmoid starts at |z| ≈ 30 on every input: its slope is ~1e−13 and it never moves.
    hidden = (((1.0, -1.0), (-1.0, 1.0), (1.0, 1.0), (-1.0, -1.0)), (30.0, -30.0, 30.0, -30.0))
    output = (((0.5, -0.5, 0.5, -0.5),), (0.0,))
    return replace(preset((2, 4, 1), "sigmoid", init="textbook"), initial_parameters=(hidden, output))


def test_saturated_sigmoids_are_named_and_fresh_xavier_weights_let_the_network_learn():
    run = Run(saturated_xor())
    run.train(400, until=SATURATED)
    hint = run.hint(SATURATED)
    assert "100\u2009% of the hidden neurons are saturated" in hint.text and set(run.fired) == {SATURATED}
    assert hint.fix.changes == {"rebuild": {"init": "xavier", "initial_parameters": None}}
    stuck = run.loss()
    fixed = run.rebuilt(SATURATED)
    fixed.train(3000)
    assert fixed.fired == {} and fixed.loss() < 0.9 * stuck


# -- dead ReLUs, vanishing gradients ---------------------------------------------------------------


def test_relus_killed_by_a_high_rate_are_counted_and_leaky_relus_fix_it():
    run = Run(preset((2, 8, 1), "relu", init="he", lr=1.0))
    run.train(400, until=DEAD_RELUS)
    hint = run.hint(DEAD_RELUS)
    assert "of the hidden ReLU neurons (7 of 8)" in hint.text
    assert "never active on any of the last" in hint.text and "samples seen" in hint.text
    assert hint.fix.changes["rebuild"]["hidden"] == "leaky_relu"
    fixed = run.rebuilt(DEAD_RELUS)
    fixed.train(3000)
    assert fixed.fired == {} and fixed.loss() < 0.05


def test_a_deep_sigmoid_network_has_vanishing_gradients_and_relus_with_he_weights_fix_it():
    run = Run(preset((2, 8, 8, 8, 8, 8, 1), "sigmoid", init="textbook"))
    run.train(200, until=VANISHING)
    hint = run.hint(VANISHING)
    assert "first layer" in hint.text and set(run.fired) == {VANISHING}
    assert hint.fix.changes["rebuild"]["hidden"] == "relu" and hint.fix.changes["rebuild"]["init"] == "he"
    fixed = run.rebuilt(VANISHING)
    fixed.train(3000)
    assert fixed.fired == {} and fixed.loss() < 0.05


def test_vanishing_needs_depth_a_single_hidden_layer_never_fires_it():
    run = Run(get_preset("gender"))  # its hidden sigmoids are mostly saturated: δ₁ is tiny, yet it learns
    run.train(1500)
    assert run.fired == {}


# -- overfitting -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_big_network_on_200_digits_overfits_and_is_offered_weight_decay():
    p = preset((784, 256, 10), "relu", "softmax", "ce", dataset="mnist", init="he",
               granularity="minibatch", batch_size=20)
    run = Run(p, every=5, data_dir=bundled_mnist_dir(), limit_train=200)
    run.train(800, until=OVERFITTING)
    hint = run.hint(OVERFITTING)
    history = run.session.history.view()
    best = float(history["test_loss"].min())
    assert history["test_loss"][-1] > 1.05 * best
    assert number(best) in hint.text and "training loss fell" in hint.text
    assert hint.fix.changes == {"l2": 0.001} and set(run.fired) == {OVERFITTING}


# -- healthy runs ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["xor", "gender", "neuron"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_healthy_runs_fire_no_hint(name, seed):
    p = get_preset(name)
    run = Run(replace(p, hyperparameters=replace(p.hyperparameters, seed=seed, epochs=None)))
    run.train(3000)
    assert run.fired == {}


def test_a_healthy_relu_network_with_some_dead_neurons_is_left_alone():
    run = Run(preset((2, 8, 1), "relu", init="he", lr=0.1))  # half its ReLUs die, and it still learns XOR
    run.train(3000)
    assert run.fired == {} and run.loss() < 0.05


def test_mnist_book_fires_no_hint():
    p = get_preset("mnist-book")
    run = Run(p, every=10, data_dir=bundled_mnist_dir())
    run.train(3000)
    assert run.fired == {}


# -- hysteresis, dismissal, fixes ------------------------------------------------------------------


def test_a_hint_holds_while_its_condition_does_and_a_dismissed_one_stays_dismissed():
    run = Run(with_lr("xor", 1e-6))
    run.train(400, until=LR_TOO_LOW)
    shown = run.watcher.hints[0]
    for _ in range(300):  # no flicker: shown on every snapshot, its text refreshed once a period
        run.session.step()
        assert [h.id for h in run.look()] == [LR_TOO_LOW]
    assert run.watcher.hints[0].text != shown.text or shown.text
    run.watcher.dismiss(LR_TOO_LOW)
    run.train(500)
    assert run.watcher.hints == ()
    run.watcher.reset(run.watcher.session)  # a new network: dismissals are for one run only
    run.train(400)
    assert [h.id for h in run.watcher.hints] == [LR_TOO_LOW]


def test_changing_the_learning_rate_restarts_the_measuring_and_the_hint_goes():
    run = Run(with_lr("xor", 1e-6))
    run.train(400, until=LR_TOO_LOW)
    run.watcher.fix_requested(LR_TOO_LOW)  # the button was pressed: hidden while the fix travels
    assert run.watcher.hints == ()
    run.session.apply(lr=0.1)
    run.train(1500)
    assert run.watcher.hints == ()


def test_a_fix_that_never_arrives_does_not_hide_the_hint_for_ever():
    run = Run(with_lr("xor", 1e-6))
    run.train(400, until=LR_TOO_LOW)
    run.watcher.fix_requested(LR_TOO_LOW)
    run.train(300)  # the trainer never applied it and the condition still holds
    assert run.watcher.hints == ()  # hidden while it is still the same condition...
    run.session.apply(lr=2e-6)  # ...until the settings change: then it is measured afresh
    run.train(400)
    assert [h.id for h in run.watcher.hints] == [LR_TOO_LOW]


def test_a_loaded_model_gets_hints_without_rebuild_fixes():
    run = Run(with_lr("xor", 50.0))
    run.watcher.reset(replace(run.watcher.session, preset=None))
    run.train(200, until=LR_TOO_HIGH)
    assert run.hint(LR_TOO_HIGH).fix is None


def test_the_loss_of_guessing_is_measured_on_the_runs_own_data():
    xor = Run(get_preset("xor")).watcher.session
    assert guess_loss(xor) == pytest.approx(np.log(2))  # BCE, half the labels 1
    gender = Run(get_preset("gender")).watcher.session
    assert guess_loss(gender) == pytest.approx(0.25)  # MSE on 0/1 targets, two of each
    digits = NewSession.of(build_session(get_preset("mnist-fast"), data_dir=bundled_mnist_dir()),
                           get_preset("mnist-fast"))
    assert 2.0 < guess_loss(digits) < 2.4  # near ln 10 for ten nearly balanced classes (smoothed targets)


def test_numbers_in_hints_read_as_the_app_writes_them():
    assert number(1e-6) == "1e−6" and number(-0.25) == "−0.25" and number(12.345) == "12.3"
    assert number(float("nan")) == "NaN" and number(0.0) == "0"

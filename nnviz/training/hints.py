"""Training hints: what is going wrong in a run, said in words a learner understands, with a fix.

A `HintWatcher` is fed every snapshot the window shows, with the run's history view (History.view():
the loss of every step in buckets, and one row per epoch). It measures each condition against the
run's own numbers, never against fixed "good" values:

- learning rate too high: the loss became NaN/∞ or exploded, rose over several periods, or stays far
  above the loss of always guessing the average answer (worse than knowing nothing);
- too low: the loss is flat while each step moves the weights by a tiny fraction of their size;
- saturated sigmoids: the loss is flat while most hidden sigmoid/tanh neurons sit at |z| > 5;
- dead ReLUs: most hidden ReLU neurons were never active on the samples seen over the last epoch;
- vanishing gradients: δ in the first layer is a tiny fraction of δ at the output;
- overfitting: the test loss rises epoch after epoch while the training loss falls.

Loss conditions are judged over *periods*: spans of one epoch's steps, at least MIN_PERIOD and at most
MAX_PERIOD steps, so a four-sample XOR epoch is not noise and a 60,000-step MNIST epoch not an age.
Snapshot conditions use the shown sample (the first of each batch) of the snapshots seen.

A hint shows as soon as its condition holds and is cleared only when it has not held for two periods
of training, so it never flickers; a dismissed hint stays dismissed for the run. A change of
hyperparameters starts the measuring again: numbers taken under the old settings say nothing about
the new ones.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field

import numpy as np

from nnviz.engine.batching import effective_batch_size, one_hot
from nnviz.engine.losses import get_loss
from nnviz.engine.phrases import QT_TRANSLATE_NOOP
from nnviz.training.architecture import NewSession
from nnviz.training.numbers import percent, significant

# -- the hints -------------------------------------------------------------------------------------

LR_TOO_HIGH = "lr_too_high"
LR_TOO_LOW = "lr_too_low"
SATURATED = "saturated"
DEAD_RELUS = "dead_relus"
VANISHING = "vanishing"
OVERFITTING = "overfitting"
#: Most urgent first: the order the bar shows them in.
PRIORITY = (LR_TOO_HIGH, DEAD_RELUS, VANISHING, SATURATED, LR_TOO_LOW, OVERFITTING)

# -- how the conditions are measured ---------------------------------------------------------------

#: Steps per period: one epoch's, within these bounds.
MIN_PERIOD, MAX_PERIOD = 25, 500
#: Loss this many times that of always guessing the average answer (or NaN/∞) is an explosion: no
#: need to wait a period.
EXPLODED = 1000.0
#: Rising: this many period-on-period rises in a row, ending this far above the lowest period.
RISING_PERIODS, RISEN = 3, 1.3
#: Far above: two periods in a row above this multiple of the loss of always guessing (see guess_loss).
FAR_ABOVE = 2.0
#: Flat: the loss moved by less than this share over FLAT_PERIODS periods, while still above
#: STILL_HIGH of the guessing loss (a converged run creeps down slowly too, but from far below).
FLAT_PERIODS, FLAT_DROP, STILL_HIGH = 4, 0.02, 0.5
#: A step that moves the weights by less than this share of their size (‖ΔW‖ / ‖W‖, the largest over
#: the layers) learns too slowly; healthy runs here move 0.5–5 % (XOR, MNIST presets).
SMALL_UPDATE = 1e-3
#: The update share a raised learning rate aims at.
TARGET_UPDATE = 3e-3
#: Saturated: |z| above this in a sigmoid/tanh neuron (σ′ < 0.007, tanh′ < 0.0002), for this share.
SATURATED_Z, SATURATED_SHARE = 5.0, 0.5
#: Dead: a ReLU never active on the samples seen over the last epoch, for this share of them.
DEAD_SHARE = 0.6
#: Vanishing: the first layer's RMS δ below this fraction of the output layer's (≥ 2 hidden layers).
VANISHING_RATIO = 0.01
#: Overfitting: the best test loss this many epochs ago, the test loss now RISEN_TEST above it and
#: the training loss FALLEN_TRAIN below what it was then.
OVERFIT_EPOCHS, RISEN_TEST, FALLEN_TRAIN = 5, 1.05, 0.9
#: Snapshot conditions need this many shown samples before they judge.
MIN_SAMPLES = 16
#: Shown samples kept (the last epoch's, at most this many).
MAX_SAMPLES = 512
#: Hyperparameters whose change restarts the measuring ("epochs" grows when Play continues a run).
DYNAMICS = ("lr", "granularity", "batch_size", "optimizer", "momentum", "l2", "augment")


@dataclass(frozen=True)
class Fix:
    """What the hint's button does: `label` its text (a Phrase, see nnviz.engine.phrases). `changes` is either hyperparameter changes for the trainer's
    apply(**changes) ({"lr": 0.05}), or {"rebuild": {Preset field: value}} for a fresh network built
    from the current preset with those fields replaced (dataclasses.replace(preset, **changes["rebuild"]))."""

    label: str
    changes: dict

    @property
    def rebuilds(self) -> bool:
        return "rebuild" in self.changes


@dataclass(frozen=True)
class Hint:
    """One thing going wrong: `id` (one of PRIORITY), one line of text with the numbers that show it
    (a Phrase: English, and translatable in the window), and its fix (None when there is none to offer, e.g. for a loaded model that cannot be rebuilt)."""

    id: str
    text: str
    fix: Fix | None = None


# -- numbers in words ------------------------------------------------------------------------------



def number(v: float, digits: int = 3) -> str:
    """`digits` significant digits, a real minus sign, "1e−6" for tiny values (nnviz.training.numbers)."""
    return significant(v, digits)


def share(p: float) -> str:
    """A share as a whole percentage ("83 %"), as the app writes them."""
    return percent(p, 0)


def _times(factor: float) -> str:
    return f"{factor:.0f}×" if factor >= 10 else f"{factor:.1f}×".replace(".0×", "×")


# -- the run's loss in periods ---------------------------------------------------------------------


def period_means(history: dict, period: int, after_step: int = 0) -> np.ndarray:
    """Mean step loss of consecutive periods of `period` steps that end at the last step, oldest
    first, over the steps after `after_step` only (whole buckets of the history: a bucket that began
    before it is left out). Periods with no bucket are left out."""
    ends = np.asarray(history.get("step", ()), dtype=np.float64)
    if len(ends) == 0:
        return np.empty(0)
    means = np.asarray(history["step_loss"], dtype=np.float64)
    starts = np.concatenate([[0.0], ends[:-1]])  # each bucket holds the steps (start, end]
    keep = starts >= after_step
    ends, starts, means = ends[keep], starts[keep], means[keep]
    if len(ends) == 0:
        return np.empty(0)
    counts = ends - starts
    k = ((ends[-1] - ends) // period).astype(np.int64)  # 0 = the newest period
    weight = np.bincount(k, weights=counts)
    total = np.bincount(k, weights=counts * means)
    # Whole periods only (the oldest is usually cut short); with buckets at most a quarter of a
    # period wide (see HintWatcher), a whole one holds at least 0.7 of its steps.
    whole = weight >= 0.7 * period
    return (total[whole] / weight[whole])[::-1]


def guess_loss(session: NewSession) -> float | None:
    """The loss of a network that knows nothing and always answers the average target of the data
    (0.693 for binary cross-entropy on balanced classes, ln 10 for ten balanced digits): what a run
    that learns anything stays below. None without labels to measure it on."""
    dataset, arch = session.dataset, session.architecture
    labels = dataset.labels_train if len(dataset.labels_train) else dataset.labels_test
    if len(labels) == 0:
        return None
    off, on = arch.targets
    n_out = arch.sizes[-1]
    if n_out == 1:
        y = np.where(np.asarray(labels)[:, None] == 1, on, off).astype(np.float64)
    else:
        y = one_hot(labels, n_out, off, on, np.float64)
    guess = np.broadcast_to(y.mean(axis=0), y.shape)
    with np.errstate(all="ignore"):
        value = get_loss(arch.loss_name).value(guess, y)
    return float(value) if math.isfinite(value) and value > 0 else None


# -- what the shown samples say --------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """What one snapshot's shown sample says: its step, the share of its saturated sigmoid/tanh
    hidden neurons (None without any), which hidden ReLUs were active (bool array over every hidden
    ReLU neuron, None without any), the RMS δ of the first and of the last layer, and the step's
    update share ‖ΔW‖ / ‖W‖ (largest over the layers; None when the snapshot has no updates)."""

    step: int
    saturated: float | None
    relu_active: np.ndarray | None
    delta_first: float
    delta_last: float
    update_share: float | None


def read_sample(snapshot, squashing: tuple[int, ...], relus: tuple[int, ...]) -> Sample | None:
    """The Sample of `snapshot` (None before its first step). squashing / relus: the indices into
    the last step's zs of the hidden layers with sigmoid or tanh / ReLU activations."""
    last = snapshot.last_step
    if last is None:
        return None
    saturated = None
    if squashing:
        z = np.concatenate([np.abs(last.zs[i][0]) for i in squashing])
        saturated = float(np.mean(z > SATURATED_Z))
    active = np.concatenate([last.zs[i][0] > 0 for i in relus]) if relus else None
    deltas = last.deltas
    rms = [float(np.sqrt(np.mean(np.square(d[0], dtype=np.float64)))) for d in (deltas[0], deltas[-1])]
    update = None
    if snapshot.update_W is not None:
        with np.errstate(all="ignore"):
            shares = [float(np.linalg.norm(u)) / max(float(np.linalg.norm(W)), 1e-12)
                      for u, W in zip(snapshot.update_W, snapshot.weights)]
        update = max(shares) if shares else None
    return Sample(int(snapshot.step), saturated, active, rms[0], rms[1], update)


def _finite_weights(snapshot) -> bool:
    return all(np.isfinite(W).all() for W in snapshot.weights) and all(np.isfinite(b).all() for b in snapshot.biases)


# -- the watcher -----------------------------------------------------------------------------------


@dataclass
class _State:
    hint: Hint
    held_at: int  # the last step at which its condition held
    written_at: int  # the step its text was written at


@dataclass
class HintWatcher:
    """Decides which hints apply to a run. `update(snapshot, history)` with each shown snapshot;
    `hints` the ones to show, most urgent first; `dismiss(id)` for the run; `reset(session)` when a
    new network is built."""

    session: NewSession | None = None
    _states: dict = field(default_factory=dict)
    _dismissed: set = field(default_factory=set)
    _pending: dict = field(default_factory=dict)  # id -> the hyperparameters its fix was asked under

    def __post_init__(self):
        self.reset(self.session)

    def reset(self, session: NewSession | None) -> None:
        """A new network: every hint and every dismissal goes, the measuring starts again."""
        self.session = session
        self._states, self._dismissed, self._pending = {}, set(), {}
        self._samples: deque[Sample] = deque(maxlen=MAX_SAMPLES)
        self._guess = guess_loss(session) if session is not None else None
        self._baseline = 0  # measure the steps after this one
        self._dynamics = None
        arch = session.architecture if session is not None else None
        names = arch.activation_names[:-1] if arch is not None else ()
        self._squashing = tuple(i for i, name in enumerate(names) if name in ("sigmoid", "tanh"))
        self._relus = tuple(i for i, name in enumerate(names) if name == "relu")

    # -- feeding -----------------------------------------------------------------------------------

    def update(self, snapshot, history: dict | None) -> tuple[Hint, ...]:
        """Take one shown snapshot and the run's history view; returns `hints`."""
        if self.session is None:
            return ()
        history = history if history is not None else (snapshot.history or {})
        h = snapshot.hyperparameters
        dynamics = tuple(getattr(h, name) for name in DYNAMICS)
        if dynamics != self._dynamics:
            if self._dynamics is not None:
                self._restart(snapshot.step)
            self._dynamics = dynamics
        sample = read_sample(snapshot, self._squashing, self._relus)
        if sample is not None and (not self._samples or sample.step > self._samples[-1].step):
            self._samples.append(sample)
        found = self._judge(snapshot, history)
        step = int(snapshot.step)
        period = self.period(snapshot)
        for hint_id, (text, fix) in found.items():
            state = self._states.get(hint_id)
            if state is None or step - state.written_at >= period:
                # Numbers refreshed once a period, not every frame: a line that changes 60 times a
                # second cannot be read.
                self._states[hint_id] = _State(Hint(hint_id, text, fix), step, step)
            else:
                state.held_at = step
        for hint_id in [i for i, s in self._states.items() if i not in found and step - s.held_at >= 2 * period]:
            del self._states[hint_id]
        # A fix on its way hides its hint until the settings change (which restarts the measuring) or
        # its condition has gone; a fix that arrives no change leaves it hidden no longer than that.
        self._pending = {i: under for i, under in self._pending.items()
                         if i in self._states and under == self._dynamics}
        return self.hints

    @property
    def hints(self) -> tuple[Hint, ...]:
        """The hints that apply now, dismissed ones and ones whose fix is on its way left out."""
        shown = [s.hint for i, s in self._states.items() if i not in self._dismissed and i not in self._pending]
        return tuple(sorted(shown, key=lambda hint: PRIORITY.index(hint.id)))

    def dismiss(self, hint_id: str) -> None:
        """Hide `hint_id` for the rest of this run."""
        self._dismissed.add(hint_id)

    def fix_requested(self, hint_id: str) -> None:
        """The hint's fix was asked for: hide it while the fix is on its way (a live change restarts
        the measuring when the trainer has applied it; a rebuild resets the watcher)."""
        self._pending[hint_id] = self._dynamics

    def period(self, snapshot) -> int:
        """Steps per period for `snapshot`'s settings: an epoch's, within MIN_PERIOD..MAX_PERIOD."""
        h = snapshot.hyperparameters
        n_train = max(1, self.session.n_train if self.session is not None else 1)
        per_epoch = math.ceil(n_train / effective_batch_size(h.granularity, h.batch_size, n_train))
        return int(min(max(per_epoch, MIN_PERIOD), MAX_PERIOD))

    def _restart(self, step: int) -> None:
        self._baseline = int(step)
        self._samples.clear()
        self._states = {}
        self._pending = {}

    # -- judging -----------------------------------------------------------------------------------

    def _judge(self, snapshot, history: dict) -> dict[str, tuple[str, Fix | None]]:
        period = self.period(snapshot)
        ends = history.get("step", ())
        if len(ends) >= 2:
            # Buckets wider than a period (a run of millions of steps) make periods of one bucket.
            period = max(period, 4 * int(ends[-1] - ends[-2]))
        periods = period_means(history, period, self._baseline)
        window = self._window(snapshot, period)
        found: dict[str, tuple[str, Fix | None]] = {}
        lr = snapshot.hyperparameters.lr

        dead = self._dead(snapshot, window)
        high = self._too_high(snapshot, history, periods, period, dead)
        if high is not None:
            found[LR_TOO_HIGH] = high
        if dead is not None:
            found[DEAD_RELUS] = dead
        vanishing = None if dead is not None else self._vanishing(window)
        if vanishing is not None:
            found[VANISHING] = vanishing
        flat = self._flat(periods, period)
        if flat is not None and high is None and vanishing is None and dead is None:
            saturation = _mean([s.saturated for s in window])
            update = _median([s.update_share for s in window])
            if saturation is not None and saturation >= SATURATED_SHARE and len(window) >= MIN_SAMPLES:
                found[SATURATED] = self._saturated(flat, saturation)
            elif update is not None and update < SMALL_UPDATE and len(window) >= MIN_SAMPLES:
                found[LR_TOO_LOW] = self._too_low(flat, update, lr)
        overfitting = self._overfitting(history)
        if overfitting is not None:
            found[OVERFITTING] = overfitting
        return found

    def _window(self, snapshot, period: int) -> list[Sample]:
        """The shown samples of the last epoch (at most MAX_SAMPLES), or the latest MIN_SAMPLES."""
        h = snapshot.hyperparameters
        n_train = max(1, self.session.n_train)
        per_epoch = math.ceil(n_train / effective_batch_size(h.granularity, h.batch_size, n_train))
        since = int(snapshot.step) - max(per_epoch, period)
        samples = list(self._samples)
        recent = [s for s in samples if s.step > since]
        return recent if len(recent) >= MIN_SAMPLES else samples[-MIN_SAMPLES:]

    def _rebuild(self, label, preset_changes: dict) -> Fix | None:
        if self.session is None or self.session.preset is None:
            return None  # a loaded model has no preset to build again
        return Fix(label, {"rebuild": preset_changes})

    def _too_high(self, snapshot, history, periods, period, dead) -> tuple[str, Fix | None] | None:
        h = snapshot.hyperparameters
        half = float(f"{h.lr / 2:.3g}")
        rebuild = self._rebuild(QT_TRANSLATE_NOOP("Hints", "Halve the learning rate and start again"),
                                {"hyperparameters": h.updated(lr=half), "initial_parameters": None})
        guess = self._guess
        where = QT_TRANSLATE_NOOP("Hints", "the learning rate ({lr}) is too high").format(lr=number(h.lr))
        step = f"{snapshot.step:,}"
        if not _finite_weights(snapshot):
            return (QT_TRANSLATE_NOOP("Hints", "The weights became NaN or infinite at step {step}: {where}, and "
                                      "every step overshoots further.").format(step=step, where=where), rebuild)
        highs = np.asarray(history.get("step_loss_max", ()), dtype=np.float64)
        ends = np.asarray(history.get("step", ()), dtype=np.float64)
        recent = highs[ends > self._baseline] if len(ends) else highs
        if len(recent) and (not np.all(np.isfinite(recent)) or (guess is not None and recent.max() > EXPLODED * guess)):
            return (QT_TRANSLATE_NOOP("Hints", "The loss exploded to {loss} at step {step}: {where}, and every "
                                      "step overshoots further.").format(loss=number(float(recent.max())), step=step,
                                                                         where=where), rebuild)
        if guess is not None and len(periods) >= 2 and min(periods[-2:]) > FAR_ABOVE * guess:
            now = periods[-1]
            return (QT_TRANSLATE_NOOP("Hints", "The loss ({loss}) is {times} that of always guessing the average "
                                      "answer ({guess}): {where}, so each step overshoots.").format(
                loss=number(now), times=_times(now / guess), guess=number(guess), where=where), rebuild)
        if len(periods) > RISING_PERIODS:
            tail = periods[-RISING_PERIODS - 1:]
            if np.all(np.diff(tail) > 0) and tail[-1] > RISEN * periods.min():
                steps = RISING_PERIODS * period
                fix = rebuild if dead is not None else Fix(QT_TRANSLATE_NOOP("Hints", "Halve the learning rate"),
                                                           {"lr": half})
                risen = QT_TRANSLATE_NOOP("Hints", "The loss has risen for {steps} steps ({then} → {now}): {where}.")
                return (risen.format(
                    steps=f"{steps:,}", then=number(tail[0]), now=number(tail[-1]), where=where), fix)
        return None

    def _flat(self, periods, period) -> tuple[float, float, int] | None:
        """(loss then, loss now, steps) when the loss has been flat and high for FLAT_PERIODS periods."""
        guess = self._guess
        if guess is None or len(periods) <= FLAT_PERIODS:
            return None
        then, now = periods[-FLAT_PERIODS - 1], periods[-1]
        if then > 0 and abs(then - now) / then < FLAT_DROP and now > STILL_HIGH * guess:
            return float(then), float(now), FLAT_PERIODS * period
        return None

    def _too_low(self, flat, update: float, lr: float) -> tuple[str, Fix]:
        then, now, steps = flat
        factor = min(max(TARGET_UPDATE / max(update, 1e-12), 3.0), 100.0)
        factor = next(f for f in (3.0, 10.0, 30.0, 100.0) if factor <= f * 1.5 or f == 100.0)
        new_lr = float(f"{min(lr * factor, 100.0):.3g}")
        text = QT_TRANSLATE_NOOP(
            "Hints", "The loss has barely moved in {steps} steps ({then} → {now}): each step changes the weights "
                     "by only {share} % of their size, so the learning rate ({lr}) is too low.").format(
            steps=f"{steps:,}", then=number(then), now=number(now), share=number(100 * update, 2), lr=number(lr))
        label = QT_TRANSLATE_NOOP("Hints", "Raise the learning rate to {lr}").format(lr=number(new_lr))
        return text, Fix(label, {"lr": new_lr})

    def _saturated(self, flat, saturation: float) -> tuple[str, Fix | None]:
        then, now, steps = flat
        text = QT_TRANSLATE_NOOP(
            "Hints", "The loss has barely moved in {steps} steps ({then} → {now}): {share} of the hidden neurons "
                     "are saturated (|z| > {z}), where their slope is almost zero and they stop learning.").format(
            steps=f"{steps:,}", then=number(then), now=number(now), share=share(saturation), z=f"{SATURATED_Z:g}")
        return text, self._rebuild(QT_TRANSLATE_NOOP("Hints", "Start again with Xavier weights"),
                                   {"init": "xavier", "initial_parameters": None})

    def _dead(self, snapshot, window: list[Sample]) -> tuple[str, Fix | None] | None:
        masks = [s.relu_active for s in window if s.relu_active is not None]
        if len(masks) < MIN_SAMPLES:
            return None
        ever = np.logical_or.reduce(masks)
        dead = 1.0 - float(np.mean(ever))
        if dead < DEAD_SHARE:
            return None
        text = QT_TRANSLATE_NOOP(
            "Hints", "{share} of the hidden ReLU neurons ({dead} of {total}) were never active on any of the last "
                     "{samples} samples seen: with z ≤ 0 their slope is zero, so they can never learn again.").format(
            share=share(dead), dead=int(round(dead * ever.size)), total=ever.size, samples=len(masks))
        preset = self.session.preset
        fix = None
        if preset is not None:
            hidden = preset.hidden
            leaky = "leaky_relu" if isinstance(hidden, str) else tuple(
                "leaky_relu" if name == "relu" else name for name in hidden)
            fix = self._rebuild(QT_TRANSLATE_NOOP("Hints", "Start again with leaky ReLUs"),
                                {"hidden": leaky, "initial_parameters": None})
        return text, fix

    def _vanishing(self, window: list[Sample]) -> tuple[str, Fix | None] | None:
        arch = self.session.architecture
        if arch.n_layers < 3 or len(window) < MIN_SAMPLES:
            return None
        last = sum(s.delta_last for s in window)
        if last <= 0:
            return None
        ratio = sum(s.delta_first for s in window) / last
        if ratio >= VANISHING_RATIO:
            return None
        text = QT_TRANSLATE_NOOP(
            "Hints", "Vanishing gradients: the error terms δ reaching the first layer are {ratio} of those at the "
                     "output (over {samples} samples), so the first layers barely learn.").format(
            ratio=number(ratio, 2), samples=len(window))
        fix = self._rebuild(QT_TRANSLATE_NOOP("Hints", "Start again with ReLUs and He weights"),
                            {"hidden": "relu", "init": "he", "initial_parameters": None})
        return text, fix

    def _overfitting(self, history: dict) -> tuple[str, Fix] | None:
        test = np.asarray(history.get("test_loss", ()), dtype=np.float64)
        train = np.asarray(history.get("train_loss", ()), dtype=np.float64)
        ends = np.asarray(history.get("epoch_end_step", ()), dtype=np.float64)
        keep = (ends > self._baseline) & np.isfinite(test) & np.isfinite(train)
        test, train, epochs = test[keep], train[keep], np.asarray(history.get("epoch", ()))[keep]
        if len(test) <= OVERFIT_EPOCHS:
            return None
        best = int(np.argmin(test))
        if len(test) - 1 - best < OVERFIT_EPOCHS:
            return None
        if not (test[-1] > RISEN_TEST * test[best] and train[-1] < FALLEN_TRAIN * train[best]):
            return None
        since = int(epochs[-1] - epochs[best])
        text = QT_TRANSLATE_NOOP(
            "Hints", "Overfitting: the test loss has risen for {epochs} epochs ({test_then} → {test_now}) while the "
                     "training loss fell ({train_then} → {train_now}): the network is memorising its training "
                     "samples.").format(epochs=since, test_then=number(test[best]), test_now=number(test[-1]),
                                        train_then=number(train[best]), train_now=number(train[-1]))
        label = QT_TRANSLATE_NOOP("Hints", "Add L2 weight decay {l2}").format(l2=number(self._stronger_l2()))
        return text, Fix(label, {"l2": self._stronger_l2()})

    def _stronger_l2(self) -> float:
        l2 = self._dynamics[DYNAMICS.index("l2")] if self._dynamics else 0.0
        # 1e-4 barely slowed the rise on 200 MNIST digits; 1e-3 slowed it, 1e-2 stopped it.
        return min(max(1e-3, 10 * l2), 1.0)


def _mean(values) -> float | None:
    values = [v for v in values if v is not None]
    return float(np.mean(values)) if values else None


def _median(values) -> float | None:
    values = [v for v in values if v is not None]
    return float(np.median(values)) if values else None


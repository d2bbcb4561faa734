"""The control panel's words for its settings, in the window's language: what the combo boxes list for
each value (and combo boxes listed so), a typed learning rate read back (or why it cannot be), and the
status-bar line for a setting that applies at the next step.

The combo boxes keep the values ("sgd", "minibatch", "xavier") as item data, so a change of language
changes only what is shown. The labels are marked templates, looked up when shown (`said`).
"""

from __future__ import annotations

import math

from PySide6.QtWidgets import QComboBox

from nnviz.engine.phrases import QT_TRANSLATE_NOOP
from nnviz.gui.i18n import said, translate

LOSS_LABELS = {
    "mse": QT_TRANSLATE_NOOP("ControlPanel", "mean squared error"),
    "bce": QT_TRANSLATE_NOOP("ControlPanel", "binary cross-entropy"),
    "ce": QT_TRANSLATE_NOOP("ControlPanel", "categorical cross-entropy"),
}
MODE_LABELS = {
    "stochastic": QT_TRANSLATE_NOOP("ControlPanel", "stochastic (1 sample)"),
    "minibatch": QT_TRANSLATE_NOOP("ControlPanel", "mini-batch"),
    "batch": QT_TRANSLATE_NOOP("ControlPanel", "full batch"),
}
OPTIMIZER_LABELS = {
    "sgd": QT_TRANSLATE_NOOP("ControlPanel", "plain SGD"),
    "momentum": QT_TRANSLATE_NOOP("ControlPanel", "SGD with momentum"),
    "adam": QT_TRANSLATE_NOOP("ControlPanel", "Adam"),
}
INIT_LABELS = {
    "textbook": QT_TRANSLATE_NOOP("ControlPanel", "textbook N(0, 1/n_in)"),
    "xavier": QT_TRANSLATE_NOOP("ControlPanel", "Xavier"),
    "he": QT_TRANSLATE_NOOP("ControlPanel", "He"),
}
LR_MAX = 100.0  # what Hyperparameters accepts


def label(labels: dict, key) -> str:
    """What a combo box shows for value `key`: its label in the current language, else the key."""
    return said(labels[key]) if key in labels else str(key)


def labelled_combo(labels: dict, keys) -> QComboBox:
    """A combo box listing `keys` (its item data) by their labels."""
    combo = QComboBox()
    for key in keys:
        combo.addItem(label(labels, key), key)
    return combo


def relabel(combo: QComboBox, labels: dict) -> None:
    """Show every item's label in the current language; the item data (the values) stay."""
    for i in range(combo.count()):
        combo.setItemText(i, label(labels, combo.itemData(i)))


def select_data(combo: QComboBox, key) -> None:
    combo.setCurrentIndex(combo.findData(key))


def parse_lr(text: str) -> float:
    """A typed learning rate ("0.003", "3e-3", "0,003"); ValueError with what is wrong, in words (a
    Phrase as its message, so the panel can say it again in another language)."""
    try:
        lr = float(text.strip().replace("\u2212", "-").replace(",", "."))
    except ValueError:
        raise ValueError(QT_TRANSLATE_NOOP(
            "ControlPanel", "“{text}” is not a number (type one such as 0.003 or 3e-3)").format(
            text=text.strip())) from None
    if not (math.isfinite(lr) and 0 < lr <= LR_MAX):
        raise ValueError(QT_TRANSLATE_NOOP(
            "ControlPanel", "A learning rate must be above 0 and at most {max}").format(max=f"{LR_MAX:g}"))
    return lr


def _change(name: str, value) -> str:
    if name == "lr":
        return translate("ControlPanel", "Learning rate: {lr}").format(lr=f"{value:g}")
    if name == "granularity":
        return translate("ControlPanel", "Gradient descent: {mode}").format(mode=label(MODE_LABELS, value))
    if name == "batch_size":
        if value == 1:
            return translate("ControlPanel", "Batch size: 1 sample per step")
        return translate("ControlPanel", "Batch size: {n} samples per step").format(n=f"{value:,}")
    if name == "optimizer":
        return translate("ControlPanel", "Optimiser: {optimizer}").format(optimizer=label(OPTIMIZER_LABELS, value))
    if name == "momentum":
        return translate("ControlPanel", "Momentum: {momentum}").format(momentum=f"{value:g}")
    if name == "l2":
        return translate("ControlPanel", "L2 regularisation: {l2}").format(l2=f"{value:g}")
    if name == "epochs":
        if value is None:
            return translate("ControlPanel", "Train until stopped")
        if value == 1:
            return translate("ControlPanel", "Training stops after 1 epoch")
        return translate("ControlPanel", "Training stops after {n} epochs").format(n=f"{value:,}")
    if name == "augment":
        if value:
            return translate("ControlPanel", "Augmented images: on")
        return translate("ControlPanel", "Augmented images: off")
    return f"{name.replace('_', ' ').capitalize()}: {value}"  # a setting added without words yet: its name


def describe_change(name: str, value) -> str:
    """One status-bar line, in the panel's own words, for a setting that applies at the next step:
    "Gradient descent: full batch (applies at the next step)"."""
    return translate("ControlPanel", "{change} (applies at the next step)").format(change=_change(name, value))

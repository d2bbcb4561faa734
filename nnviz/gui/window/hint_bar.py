"""The hint bar: a slim, non-modal bar under the toolbar (like a browser's info bar) that says what is
going wrong in training, with the numbers that show it, and offers a one-click fix.

It only shows what a HintWatcher (nnviz.training.hints) decided; the maths lives there. One hint shows
at a time, the most urgent first; dismissing it shows the next. It never takes the keyboard focus:
Space must keep playing and pausing the training while it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QToolButton

from nnviz.gui import theme
from nnviz.gui.i18n import Retranslated, said
from nnviz.training.architecture import NewSession
from nnviz.training.hints import Hint, HintWatcher

_BACKGROUND = theme.toward_white(theme.VALUES.qcolor(1.0), 0.12)  # a pale orange: attention, not alarm
_EDGE = theme.toward_white(theme.VALUES.qcolor(1.0), 0.45)


class HintBar(Retranslated, QFrame):
    """Hidden while no hint applies. `fix_requested(changes)`: hyperparameter changes for the trainer's
    apply(**changes), or {"rebuild": {Preset field: value}} for a fresh network (see hints.Fix)."""

    fix_requested = Signal(dict)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("hintBar")
        self.setFocusPolicy(Qt.NoFocus)
        self.setStyleSheet(
            f"#hintBar {{ background: {_BACKGROUND.name()}; border-bottom: 1px solid {_EDGE.name()}; }}"
            f"#hintBar QLabel {{ color: {theme.TEXT.name()}; }}"
            f"#hintBar QLabel#hintCount {{ color: {theme.SUBTLE.name()}; }}"
        )
        self.label = QLabel(wordWrap=True, textFormat=Qt.PlainText)
        self.label.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.count = QLabel(objectName="hintCount")
        self.fix_button = QPushButton(focusPolicy=Qt.NoFocus)
        self.fix_button.clicked.connect(self._on_fix_clicked)
        self.dismiss_button = QToolButton(text="×", autoRaise=True, focusPolicy=Qt.NoFocus)
        self.dismiss_button.clicked.connect(self._on_dismiss_clicked)
        font = self.dismiss_button.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.dismiss_button.setFont(font)
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 4, 4)
        row.setSpacing(10)
        row.addWidget(self.label, 1)
        row.addWidget(self.count)
        row.addWidget(self.fix_button)
        row.addWidget(self.dismiss_button)
        self.watcher = HintWatcher()
        self._hint: Hint | None = None
        self._hints: tuple[Hint, ...] = ()  # the hints that apply, shown first to last
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the bar in the current language, the hint shown too."""
        self.dismiss_button.setToolTip(self.tr("Dismiss this hint for this run"))
        self.dismiss_button.setAccessibleName(self.tr("Dismiss hint"))
        if self._hint is not None:
            self._show(self._hints)

    # -- what the window calls ---------------------------------------------------------------------

    def reset(self, session: NewSession) -> None:
        """A new network: hints, dismissals and measurements start again."""
        self.watcher.reset(session)
        self._show(())

    def show_snapshot(self, snapshot, history: dict | None) -> None:
        """Judge `snapshot` with the run's History view `history` and show what applies."""
        self._show(self.watcher.update(snapshot, history))

    @property
    def current_hint(self) -> Hint | None:
        """The hint shown (None while the bar is hidden)."""
        return self._hint

    # -- showing -----------------------------------------------------------------------------------

    def _show(self, hints) -> None:
        self._hints = tuple(hints)
        hint = hints[0] if hints else None
        self._hint = hint
        if hint is None:
            self.hide()
            return
        self.label.setText(said(hint.text))
        several = len(hints) > 1
        self.count.setText(self.tr("1 of {count}").format(count=len(hints)) if several else "")
        self.count.setVisible(several)
        self.count.setToolTip(self.tr("Dismiss this hint to see the next") if several else "")
        fix = hint.fix
        self.fix_button.setVisible(fix is not None)
        if fix is not None:
            self.fix_button.setText(said(fix.label))
            self.fix_button.setToolTip(self.tr("Builds a fresh network with this change; the training so far is lost")
                                       if fix.rebuilds else self.tr("Changes it now; training goes on"))
        self.show()

    def _on_fix_clicked(self) -> None:
        hint = self._hint
        if hint is None or hint.fix is None:
            return
        self.watcher.fix_requested(hint.id)
        self._show(self.watcher.hints)
        self.fix_requested.emit(dict(hint.fix.changes))

    def _on_dismiss_clicked(self) -> None:
        if self._hint is not None:
            self.watcher.dismiss(self._hint.id)
        self._show(self.watcher.hints)

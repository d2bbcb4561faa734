"""The tabs under the network: charts registered by key ("curves", "weights", "fields", "evaluation",
"pad"), reset in one loop, shown or hidden per dataset, and never addressed by index.

A chart is any widget with `reset(session: NewSession)` and `show_snapshot(snapshot)`. The pad is a
tab but not a chart: it never draws training snapshots. Only the tab in view is reset with a new
session at once; the others when they are next shown (building a chart's plots costs up to ~100 ms,
which a preset change should not pay for tabs nobody looks at). A tab whose widget needs more room than a
laptop leaves beside the neuron inspector can scroll (`scrolls=True`) rather than widen the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QWidget

from nnviz.training.architecture import NewSession

#: The tab a session falls back to when the one the learner was on does not exist for its data.
FIRST_TAB = "curves"


def always(session: NewSession) -> bool:
    return True


def images_only(session: NewSession) -> bool:
    return session.dataset.image_shape is not None


@dataclass(frozen=True)
class Tab:
    key: str
    widget: QWidget
    shown_for: Callable[[NewSession], bool]
    is_chart: bool
    page: QWidget  # what the tab holds: the widget, or a scroll area around it


class ChartTabs(QTabWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._tabs: dict[str, Tab] = {}
        self._session: NewSession | None = None
        self._stale: set[str] = set()  # charts not yet reset for self._session
        # Connected before anyone else's handler: a chart is reset before it is asked to draw.
        self.currentChanged.connect(lambda _: self._bring_up_to_date(self.current_key))

    def add(self, key: str, widget: QWidget, title: str, tooltip: str = "",
            shown_for: Callable[[NewSession], bool] = always, is_chart: bool = True, scrolls: bool = False) -> None:
        """Register `widget` under `key`; `shown_for(session)` says whether a session's data has it;
        `scrolls`: narrower than the widget's minimum, the tab scrolls instead of widening the window."""
        if key in self._tabs:
            raise ValueError(f"a tab {key!r} is already registered")  # i18n: a programming error
        page = widget
        if scrolls:
            page = QScrollArea()
            page.setWidget(widget)
            page.setWidgetResizable(True)
            page.setFrameShape(QFrame.Shape.NoFrame)
        self._tabs[key] = Tab(key, widget, shown_for, is_chart, page)
        self.addTab(page, "")
        self.set_title(key, title, tooltip)

    def set_title(self, key: str, title: str, tooltip: str = "") -> None:
        """Name tab `key` (again, e.g. in another language)."""
        index = self.indexOf(self._tabs[key].page)
        self.setTabText(index, title)
        self.setTabToolTip(index, tooltip)

    def __getitem__(self, key: str) -> QWidget:
        return self._tabs[key].widget

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(self._tabs)

    @property
    def current_key(self) -> str | None:
        page = self.currentWidget()
        return next((tab.key for tab in self._tabs.values() if tab.page is page), None)

    def show_tab(self, key: str) -> bool:
        """Make tab `key` current if it is there and visible; False otherwise."""
        tab = self._tabs.get(key)
        if tab is None or not self.isTabVisible(self.indexOf(tab.page)):
            return False
        self.setCurrentWidget(tab.page)
        return True

    def is_shown(self, key: str) -> bool:
        tab = self._tabs.get(key)
        return tab is not None and self.isTabVisible(self.indexOf(tab.page))

    def reset(self, session: NewSession) -> None:
        """Reset every chart for a new session and show the tabs its data has. The learner stays on
        the tab they are on when the new data has it too."""
        current = self.current_key
        self._session = session
        self._stale = {tab.key for tab in self._tabs.values() if tab.is_chart}
        for tab in self._tabs.values():
            self.setTabVisible(self.indexOf(tab.page), tab.shown_for(session))
        if current is None or not self.show_tab(current):
            self.show_tab(FIRST_TAB)
        self._bring_up_to_date(self.current_key)

    def _bring_up_to_date(self, key: str | None) -> None:
        if key in self._stale and self._session is not None:
            self._stale.discard(key)
            self._tabs[key].widget.reset(self._session)

    def show_snapshot(self, snapshot) -> None:
        """Redraw the visible chart only; the others catch up when shown (see currentChanged)."""
        tab = self._tabs.get(self.current_key or "")
        if tab is not None and tab.is_chart:
            tab.widget.show_snapshot(snapshot)

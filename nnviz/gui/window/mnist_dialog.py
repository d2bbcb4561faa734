"""The dialog shown when MNIST is chosen but not on disk: download it, or use the bundled subset.

The download runs on its own thread (nnviz.data.download_mnist: mirrors tried in order, resumable,
verified by SHA-256) and reports progress to a bar; Cancel stops it between chunks and keeps the
partial file, so the next attempt resumes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QThread, Qt, Signal
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFrame, QLabel, QProgressBar, QPushButton, QTextEdit, QVBoxLayout,
)

from nnviz.data.bundled import SUBSET_TEST, SUBSET_TRAIN, bundled_mnist_dir
from nnviz.data.errors import DownloadCancelled, DownloadError
from nnviz.data.mnist_download import MIRRORS, download_mnist
from nnviz.data.mnist_files import FILES
from nnviz.gui import main_thread_gc
from nnviz.gui.i18n import Retranslated, said, said_error, translate

MIN_WIDTH = 520
ERROR_COLOUR = "#b00020"

# Each file's share of the progress bar, by its decompressed size (compressed sizes vary by mirror).
WEIGHTS = {f.name: f.size / sum(g.size for g in FILES) for f in FILES}


class DownloadThread(QThread):
    progressed = Signal(str, int, int)  # file name, bytes done in this file, file size (or 0)
    succeeded = Signal(str)  # the data directory
    failed = Signal(object)  # the DownloadError (or OSError) that stopped it
    cancelled_download = Signal()

    def __init__(self, data_dir: Path, mirrors=MIRRORS):
        super().__init__()
        self.data_dir, self.mirrors = data_dir, mirrors
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def run(self) -> None:
        try:
            path = download_mnist(self.data_dir, self.mirrors, progress=self._progress, cancelled=lambda: self._cancel)
        except DownloadCancelled:
            self.cancelled_download.emit()
        except (DownloadError, OSError) as exc:
            self.failed.emit(exc)
        else:
            self.succeeded.emit(str(path))

    def _progress(self, name: str, done: int, total: int | None) -> None:
        self.progressed.emit(name, done, total or 0)


class WrappedText(QTextEdit):
    """Read-only text that wraps anywhere it must (URLs and paths have no spaces) and is as tall as
    its text, up to max_height, then scrolls. Selectable, so an error can be copied as it is."""

    def __init__(self, max_height: int = 220, parent=None):
        super().__init__(parent)
        self.max_height = max_height
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)
        self.setStyleSheet("QTextEdit { background: transparent; }")
        self.document().setDocumentMargin(0)  # aligned with the labels above it

    def set_lines(self, lines: list[str]) -> None:
        self.setPlainText("\n".join(lines))
        self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        document = self.document()
        document.setTextWidth(self.viewport().width())
        margins = self.contentsMargins()
        height = int(document.size().height()) + margins.top() + margins.bottom() + 2
        self.setFixedHeight(min(height, self.max_height))


def failure_lines(error: OSError) -> list[str]:
    """What went wrong, a line each: the file and folder, every mirror's reason, what was kept."""
    if not isinstance(error, DownloadError):
        return [said_error(error)]
    summary, note = said(error.summary), said(error.note)
    summary = f"{summary[:1].upper()}{summary[1:]}"
    lines = [translate("MnistDataDialog", "{summary}:").format(summary=summary)] if error.failures else [summary]
    lines += [f"• {said(failure)}" for failure in error.failures]
    if note:
        lines.append(translate("MnistDataDialog", "{note}.").format(note=f"{note[:1].upper()}{note[1:]}"))
    return lines


class MnistDataDialog(Retranslated, QDialog):
    """Ask how to get MNIST. After exec(): `data_dir` is where to load it from, or None (cancelled)."""

    def __init__(self, data_dir: Path, mirrors=MIRRORS, parent=None):
        super().__init__(parent)
        self.target = Path(data_dir)
        self.mirrors = mirrors
        self.data_dir: Path | None = None
        self._thread: DownloadThread | None = None
        self._fraction: dict[str, float] = {}  # per file, 0..1
        self._bytes: dict[str, int] = {}
        # What the status line and the download button say, as functions of the language in use: a
        # switch of language says them again.
        self._status_text = lambda: ""
        self._button_text = lambda: self.tr("Download MNIST")
        self._error: OSError | None = None  # why the last download failed, shown in `details`

        layout = QVBoxLayout(self)
        self.intro = intro = QLabel()
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.progress = QProgressBar(maximum=1000, textVisible=True)
        self.progress.setFormat("")
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel(wordWrap=True)
        self.status.setStyleSheet("color: #555;")
        layout.addWidget(self.status)
        self.details = WrappedText()  # why a download failed, all of it
        self.details.hide()
        layout.addWidget(self.details)

        buttons = QDialogButtonBox()
        self.download_button = QPushButton()
        self.subset_button = QPushButton()
        self.cancel_button = QPushButton()
        buttons.addButton(self.download_button, QDialogButtonBox.AcceptRole)
        buttons.addButton(self.subset_button, QDialogButtonBox.ActionRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.RejectRole)
        layout.addWidget(buttons)
        self.download_button.clicked.connect(self.start_download)
        self.subset_button.clicked.connect(self.use_subset)
        self.cancel_button.clicked.connect(self._on_cancel)
        self.setMinimumWidth(MIN_WIDTH)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the dialog in the current language, what it says of a download too."""
        self.setWindowTitle(self.tr("MNIST is not on this computer yet"))
        self.intro.setText(self.tr(
            "<b>MNIST</b> has 70,000 handwritten digits (about 11 MB to download).<br>"
            "It will be saved in <tt>{folder}</tt> and checked against its SHA-256 checksums.<br><br>"
            "No network? Use the <b>bundled subset</b>: {n_train} training and {n_test} test "
            "digits that come with nnviz.").format(folder=self.target, n_train=f"{SUBSET_TRAIN:,}",
                                                    n_test=f"{SUBSET_TEST:,}"))
        self.download_button.setToolTip(self.tr("Download the full set from public mirrors (about 11 MB), resumable"))
        self.subset_button.setText(self.tr("Use the bundled subset"))
        self.subset_button.setToolTip(self.tr("Train on the small subset that ships with nnviz; works offline"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.status.setText(self._status_text())
        self.download_button.setText(self._button_text())
        if self._error is not None:
            self.details.set_lines(failure_lines(self._error))
        if self.isVisible():
            self.fit_height()

    def _say(self, status, button=None) -> None:
        """Show what `status()` (and `button()`, if given) say now, and again after a switch of language."""
        self._status_text = status
        self.status.setText(status())
        if button is not None:
            self._button_text = button
            self.download_button.setText(button())

    def fit_height(self) -> None:
        """Grow to the height the wrapped texts need at this width (a window's layout sizes it by
        its texts' one-line size hints, which cut wrapped text off)."""
        layout = self.layout()
        layout.activate()
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else 0
        needed = max(needed, layout.totalMinimumSize().height())
        self.setMinimumHeight(needed)
        if self.height() < needed:
            self.resize(self.width(), needed)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_height()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.fit_height()

    # -- actions ---------------------------------------------------------------------------------

    def use_subset(self) -> None:
        self.data_dir = bundled_mnist_dir()
        self.accept()

    def start_download(self) -> None:
        self.download_button.setEnabled(False)
        self.subset_button.setEnabled(False)
        self.progress.show()
        self.progress.setValue(0)
        self._say(lambda: self.tr("Connecting…"))
        self._error = None
        self.details.hide()
        self._fraction, self._bytes = {}, {}
        self._thread = DownloadThread(self.target, self.mirrors)
        self._thread.progressed.connect(self._on_progress)
        self._thread.succeeded.connect(self._on_succeeded)
        self._thread.failed.connect(self._on_failed)
        self._thread.cancelled_download.connect(self._on_cancelled)
        main_thread_gc.watch(self._thread)
        self._thread.start()

    def _on_cancel(self) -> None:
        if self._thread is not None and self._thread.isRunning():
            self._say(lambda: self.tr("Cancelling…"))
            self._thread.cancel()
        else:
            self.reject()

    # -- thread reports --------------------------------------------------------------------------

    def _on_progress(self, name: str, done: int, total: int) -> None:
        stem = name.removesuffix(".gz")
        self._fraction[stem] = done / total if total else 0.0
        self._bytes[stem] = done
        overall = sum(WEIGHTS.get(f, 0.0) * x for f, x in self._fraction.items())
        self.progress.setValue(min(1000, int(1000 * overall)))
        self.progress.setFormat(self.tr("{megabytes} MB  ({percent})").format(
            megabytes=f"{sum(self._bytes.values()) / 1e6:.1f}", percent=f"{overall:.0%}"))
        self._say(lambda: self.tr("Downloading {file}…").format(file=name))

    def _on_succeeded(self, path: str) -> None:
        self._finish_thread()
        self.progress.setValue(1000)
        self.data_dir = Path(path)
        self._say(lambda: self.tr("Downloaded and verified."))
        self.accept()

    def _on_failed(self, error: OSError) -> None:
        self._finish_thread()
        if self.progress.value() == 0:
            self.progress.hide()  # nothing arrived: an empty bar says nothing
        self._say(lambda: self.tr("<span style='color:{colour}'><b>Download failed.</b></span> Try again later "
                                  "(it resumes where it stopped), or use the bundled subset.").format(colour=ERROR_COLOUR),
                  lambda: self.tr("Try again"))
        self._error = error
        self.details.show()
        self.details.set_lines(failure_lines(error))
        self.fit_height()

    def _on_cancelled(self) -> None:
        self._finish_thread()
        self._say(lambda: self.tr("Download cancelled. The part already downloaded is kept; downloading again "
                                  "resumes it."),
                  lambda: self.tr("Resume download"))

    def _finish_thread(self) -> None:
        if self._thread is not None:
            self._thread.wait()
            self._thread = None
        self.download_button.setEnabled(True)
        self.subset_button.setEnabled(True)

    def reject(self) -> None:
        # Closing the dialog mid-download cancels the thread. It stops at its next chunk, or at its
        # read timeout on a mirror that went silent: rather than wait that long, it is handed to the
        # application, finishes on its own (its partial file is kept for resuming, never renamed into
        # place) and deletes itself.
        if self._thread is not None:
            thread, self._thread = self._thread, None
            thread.cancel()
            if not thread.wait(200):
                thread.setParent(QCoreApplication.instance())
                thread.finished.connect(thread.deleteLater)
        super().reject()

"""The MNIST dialog: download from a local mirror (progress, cancel and resume, corrupt files
rejected), or fall back to the bundled subset; and the window asking for it when MNIST is chosen."""

import gzip
import socket

import pytest

from nnviz.data.bundled import bundled_mnist_dir
from nnviz.data.mnist_files import FILES, mnist_status
from nnviz.gui.window.mnist_dialog import MnistDataDialog


@pytest.fixture
def served(mirror_server, mnist_data_dir):
    """The real MNIST gzip files on mirror "good"; returns (server, {name.gz: bytes})."""
    payloads = {f"{f.name}.gz": (mnist_data_dir / f"{f.name}.gz").read_bytes() for f in FILES}
    for name, data in payloads.items():
        mirror_server.files[("good", name)] = data
    return mirror_server, payloads


def run_download(qtbot, dialog, until):
    dialog.start_download()
    qtbot.waitUntil(until, timeout=60000)


def test_download_shows_progress_and_verifies(qtbot, served, tmp_path):
    server, _ = served
    dialog = MnistDataDialog(tmp_path / "mnist", mirrors=[server.url("good")])
    qtbot.addWidget(dialog)
    seen = []
    dialog.progress.valueChanged.connect(seen.append)
    with qtbot.waitSignal(dialog.accepted, timeout=60000):
        dialog.start_download()
    assert dialog.data_dir == tmp_path / "mnist"
    assert mnist_status(dialog.data_dir).complete
    assert seen[-1] == 1000 and len(seen) > 5 and seen == sorted(seen)


def test_corrupt_file_is_rejected_and_the_next_mirror_used(qtbot, served, tmp_path):
    server, payloads = served
    name = "train-labels-idx1-ubyte.gz"
    raw = bytearray(gzip.decompress(payloads[name]))
    raw[100] ^= 0xFF  # one flipped label byte: a valid gzip with the wrong content
    for file_name, data in payloads.items():
        server.files[("bad", file_name)] = gzip.compress(bytes(raw)) if file_name == name else data
    dialog = MnistDataDialog(tmp_path / "mnist", mirrors=[server.url("bad"), server.url("good")])
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.accepted, timeout=60000):
        dialog.start_download()
    assert ("good", name, None) in server.requests
    assert mnist_status(dialog.data_dir).complete


def test_only_corrupt_mirrors_fail_with_a_message(qtbot, served, tmp_path):
    server, payloads = served
    server.files[("bad", "train-images-idx3-ubyte.gz")] = b"\x1f\x8b not really gzip"
    dialog = MnistDataDialog(tmp_path / "mnist", mirrors=[server.url("bad")])
    qtbot.addWidget(dialog)
    run_download(qtbot, dialog, lambda: "Download failed" in dialog.status.text())
    assert dialog.download_button.text() == "Try again" and dialog.download_button.isEnabled()
    assert dialog.data_dir is None
    assert not (tmp_path / "mnist" / "train-images-idx3-ubyte.gz").exists()


def closed_port_url(name: str) -> str:
    """A mirror on 127.0.0.1 that refuses connections: a port that was free a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/{name}/a/rather/long/path/to/the/mnist/files/"


def test_a_long_download_error_is_shown_whole(qtbot, tmp_path):
    mirrors = [closed_port_url("first-mirror"), closed_port_url("second-mirror")]
    dialog = MnistDataDialog(tmp_path / "a-folder-with-a-long-name-for-the-digits" / "mnist", mirrors=mirrors)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    run_download(qtbot, dialog, lambda: "Download failed" in dialog.status.text())
    details = dialog.details.toPlainText()
    for url in mirrors:  # every mirror's reason, on a line of its own
        assert f"• {url}train-images-idx3-ubyte.gz: cannot connect" in details.splitlines()[mirrors.index(url) + 1]
    assert str(tmp_path / "a-folder-with-a-long-name-for-the-digits" / "mnist") in details
    # All of it is visible: no text cut at the bottom, nothing under the buttons.
    qtbot.waitUntil(lambda: dialog.height() >= dialog.minimumHeight())
    document = dialog.details.document()
    assert dialog.details.height() >= document.size().height()
    assert dialog.details.verticalScrollBar().maximum() == 0
    for label in (dialog.intro, dialog.status):
        assert label.height() >= label.heightForWidth(label.width())
    buttons_top = dialog.download_button.mapTo(dialog, dialog.download_button.rect().topLeft()).y()
    assert dialog.details.geometry().bottom() < buttons_top
    assert dialog.details.geometry().right() <= dialog.width()


def test_cancel_keeps_the_part_and_resume_finishes(qtbot, served, tmp_path):
    server, _ = served
    dialog = MnistDataDialog(tmp_path / "mnist", mirrors=[server.url("good")])
    qtbot.addWidget(dialog)
    # Cancel as soon as the big file is under way.
    dialog.progress.valueChanged.connect(lambda v: dialog.cancel_button.click() if 0 < v < 500 else None)
    run_download(qtbot, dialog, lambda: "cancelled" in dialog.status.text())
    assert dialog.download_button.text() == "Resume download"
    assert list((tmp_path / "mnist").glob("*.part"))
    dialog.progress.valueChanged.disconnect()
    with qtbot.waitSignal(dialog.accepted, timeout=60000):
        dialog.start_download()
    assert any(r[2] is not None for r in server.requests), "the second attempt resumed with a Range request"
    assert mnist_status(dialog.data_dir).complete


def test_bundled_subset_choice(qtbot, tmp_path):
    dialog = MnistDataDialog(tmp_path / "mnist")
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.accepted):
        dialog.subset_button.click()
    assert dialog.data_dir == bundled_mnist_dir()


def test_window_asks_for_mnist_and_trains_on_the_subset(qtbot, tmp_path, monkeypatch):
    from nnviz.gui.window.main_window import MainWindow
    from nnviz.training import get_preset

    monkeypatch.setattr(MnistDataDialog, "exec", lambda self: (self.use_subset(), MnistDataDialog.Accepted)[1])
    window = MainWindow("xor", data_dir=tmp_path / "empty", settings=None)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.info is not None, timeout=5000)
    window.load_preset(get_preset("mnist-book"))
    qtbot.waitUntil(lambda: window.info.dataset.name == "mnist", timeout=10000)
    assert window.info.n_train == 5000
    window.close()


def test_window_stays_put_when_the_dialog_is_cancelled(qtbot, tmp_path, monkeypatch):
    from nnviz.gui.window.main_window import MainWindow
    from nnviz.training import get_preset

    monkeypatch.setattr(MnistDataDialog, "exec", lambda self: MnistDataDialog.Rejected)
    window = MainWindow("xor", data_dir=tmp_path / "empty", settings=None)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.info is not None, timeout=5000)
    window.load_preset(get_preset("mnist-book"))
    assert window.controls.preset.currentData() == "xor"
    qtbot.wait(200)
    assert window.info.preset.name == "xor"
    window.close()

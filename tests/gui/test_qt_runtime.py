"""Guards against a Qt binding that cannot survive a training session's stream of signals."""

import subprocess
import sys

EMIT_MANY = """
from PySide6.QtCore import QCoreApplication, QObject, Signal
app = QCoreApplication([])
class Emitter(QObject):
    fired = Signal(object)
    def __init__(self):
        super().__init__()
        self.count = 0
        self.fired.connect(self.on_fired)
    def on_fired(self, value):
        self.count += 1
e = Emitter()
for i in range(100_000):
    e.fired.emit(i)
print(e.count)
"""


def test_signals_survive_a_hundred_thousand_emits():
    # PySide6 6.12.0 on CPython 3.11 drops a reference to True per emit and aborts after ~600.
    out = subprocess.run([sys.executable, "-c", EMIT_MANY], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-500:]
    assert out.stdout.strip() == "100000"

"""The desktop app: the only package that imports Qt. Views read snapshots; they never do the math."""

import pyqtgraph as pg

# Once, before any view exists: images indexed like NumPy arrays (row, column), light theme.
pg.setConfigOptions(imageAxisOrder="row-major", background="w", foreground="#333333", antialias=True)

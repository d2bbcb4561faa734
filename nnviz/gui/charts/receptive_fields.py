"""What the first layer looks for: each hidden neuron's 784 incoming weights as a 28×28 tile.

Row i of W[0] (shape (n_1, 784)) is what neuron i multiplies the image with, so drawn as an image it
shows the strokes that excite the neuron (orange, w > 0) and those that inhibit it (blue, w < 0). All
tiles form one mosaic, built each frame with one reshape and transpose of W[0] (no loop over neurons),
and drawn as one QImage with a 1-pixel gap between tiles. Each tile has its own symmetric scale
(±max |w| of that neuron), so a neuron's pattern is visible however small its weights; the checkbox puts
every tile on one scale instead, which shows which neurons have strong weights at all. Deeper layers
have no image to be drawn on, so they are shown as matrices beside them (WeightsView, numbered as in the
whole network).
"""

from __future__ import annotations

import dataclasses

import numpy as np
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from nnviz.gui import theme
from nnviz.gui.charts.section_splitter import SectionSplitter
from nnviz.gui.charts.tile_mosaic import GAP_CODE, MosaicCanvas, colour_codes, mosaic_of
from nnviz.gui.charts.weight_matrices import LayerItems, WeightsView
from nnviz.gui.i18n import Retranslated, translate
from nnviz.training.snapshot import Snapshot
from nnviz.training.architecture import NewSession

__all__ = ["ReceptiveFieldsView"]

TILES_SHARE = 0.5  # of the room under the controls, by default; the deeper layers get the rest


def _signed(v: float) -> str:
    """A weight with its sign always shown ("+0.01234", "−0.5"), in the theme's precise format."""
    return ("+" if v > 0 else "") + theme.precise(v)


class _DeeperWeightsView(WeightsView):
    """WeightsView of layers 2..L of a network, with the layers numbered as in the whole network."""

    #: The longest text the readout shows here (a cell's ΔW at the widest numbers), for its fixed width.
    LONGEST_READOUT = "ΔW88[8888, 8888] = −8.888e−88"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # Room for its longest text and no more: the toolbar's width is this pane's least width, and
        # every pixel of it is taken from the tiles beside it (at 1280×800 the difference between 14
        # and 16 pixels a tile).
        self.readout.setMinimumWidth(self.readout.fontMetrics().horizontalAdvance(self.LONGEST_READOUT) + 4)

    def _title(self, l: int, shape: tuple[int, int]) -> str:
        return super()._title(l + 1, shape)

    def _build_layer(self, l: int, shape: tuple[int, int]):
        items = super()._build_layer(l, shape)
        items.b_plot.getAxis("bottom").setTicks([[(0, f"b{l + 1}")]])
        return items

    def _label_axes(self, item: LayerItems) -> None:
        l = item.layer
        item.w_plot.setLabel("left", translate("WeightsView", "neuron i of layer {layer}").format(layer=l + 1))
        item.w_plot.setLabel("bottom", translate("WeightsView", "neuron j of layer {layer}").format(layer=l))

    def cell_text(self, layer: int, i: int, j: int | None = None) -> str:
        return super().cell_text(layer, i, j).replace(f"b{layer}[", f"b{layer + 1}[").replace(
            f"W{layer}[", f"W{layer + 1}[")


class ReceptiveFieldsView(Retranslated, QWidget):
    """The first layer's weights as one 28×28 tile per hidden neuron, and deeper layers as matrices
    (see the module docstring). `reset(sizes)` sets the network up, `show_snapshot` redraws."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.sizes: tuple[int, ...] = ()
        self._snapshot: Snapshot | None = None
        self._levels: np.ndarray | None = None
        self._start: np.ndarray | None = None  # W[0] when first shown after reset: W₀

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.global_check = QCheckBox()
        self.learned_check = QCheckBox()
        self.legend_label = QLabel()
        self.legend_label.setWordWrap(True)
        self.readout = QLabel(" ")
        self.readout.setMinimumWidth(280)
        self.readout.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.canvas = MosaicCanvas()
        self.deeper = _DeeperWeightsView()
        self.deeper.setMinimumHeight(150)  # its toolbar, a plot title and axes, and a readable heatmap
        self.deeper_title = QLabel()
        self.deeper_title.setWordWrap(True)
        deeper_pane = QWidget()
        deeper_box = QVBoxLayout(deeper_pane)
        deeper_box.setContentsMargins(4, 0, 0, 0)
        deeper_box.addWidget(self.deeper_title)
        deeper_box.addWidget(self.deeper, 1)
        # The tiles and the deeper layers side by side (above each other in a tall tab), with a grip.
        self.splitter = SectionSplitter(self.canvas, deeper_pane, first_share=TILES_SHARE)
        self.splitter.set_second_visible(False)

        bar = QHBoxLayout()
        bar.addWidget(self.global_check)
        bar.addSpacing(12)
        bar.addWidget(self.learned_check)
        bar.addStretch(1)
        bar.addWidget(self.readout)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(self.legend_label)
        layout.addWidget(self.splitter, 1)

        self.global_check.toggled.connect(self._on_scale_changed)
        self.learned_check.toggled.connect(self._on_scale_changed)
        self.canvas.hovered.connect(self._on_hover_changed)
        self.canvas.relaid.connect(self._draw)
        self.retranslate()

    # -- language -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every text in the window's language, the legend and the readout re-written from what is shown."""
        self.global_check.setText(translate("ReceptiveFieldsView", "one scale for all tiles"))
        self.global_check.setToolTip(translate(
            "ReceptiveFieldsView", "Colour every tile against the largest |w| of the whole layer instead of its own, "
            "to compare how strong the neurons' weights are"))
        self.learned_check.setText(translate("ReceptiveFieldsView", "learned so far (W − W₀)"))
        self.learned_check.setToolTip(translate(
            "ReceptiveFieldsView", "Show how far each weight has moved from W₀, the first layer as it was when first "
            "shown after the network was built: what training has added to the random start"))
        self.deeper_title.setText(translate(
            "ReceptiveFieldsView", "<b>Deeper layers</b> — their inputs are neurons, not pixels, so their weights "
            "are shown as matrices: row i is neuron i, column j its input j"))
        self._update_texts()
        if self.canvas.hover is not None:
            self.readout.setText(self.hover_text(self.canvas.hover))

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(760, 640)

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        """The least height the view needs at `width`: its texts as they wrap there, the options bar and
        the splitter's minimum (which keeps the tiles MIN_TILE_PX at least). The tiles choose their
        columns and size to fit whatever room they get, so the scroll area round the tab (which takes
        this as the widget's height) scrolls only when even that does not fit, not whenever the panes'
        preferred heights do not."""
        layout = self.layout()
        margins = layout.contentsMargins()
        inner = width - margins.left() - margins.right()
        items = [layout.itemAt(k) for k in range(layout.count())]
        heights = [item.heightForWidth(inner) if item.hasHeightForWidth() else item.minimumSize().height()
                   for item in items if not item.isEmpty()]
        return sum(heights) + layout.spacing() * max(len(heights) - 1, 0) + margins.top() + margins.bottom()

    # -- public API -----------------------------------------------------------------------------

    @property
    def tile_count(self) -> int:
        """How many tiles the mosaic has: the first layer's neurons."""
        return self.canvas.n

    @property
    def tile_shape(self) -> tuple[int, int]:
        return self.canvas.tile_shape

    @property
    def tile_columns(self) -> int:
        """How many tiles a row of the mosaic holds (chosen to make tiles largest in the current size)."""
        return self.canvas.cols

    @property
    def per_tile_scale(self) -> bool:
        return not self.global_check.isChecked()

    @property
    def shows_learned(self) -> bool:
        """True while the tiles show W − W₀ (the change since the start) instead of W."""
        return self.learned_check.isChecked()

    def tile_values(self) -> np.ndarray | None:
        """What the tiles show, (n_1, n_0): W[0], or W[0] − W₀ while shows_learned."""
        if self._snapshot is None:
            return None
        W = self._snapshot.weights[0]
        return W - self._start if self.shows_learned and self._start is not None else W

    def reset(self, session: NewSession) -> None:
        """Set up for a network of layer sizes (n_0, n_1, ..., n_L): n_1 tiles of the input's image
        shape (one row when the input is no image), and matrices for layers 2..L."""
        architecture = session.architecture
        self.sizes = architecture.sizes
        self._snapshot = self._levels = self._start = None
        shape = architecture.image_shape or (1, self.sizes[0])
        self.canvas.set_tiles(self.sizes[1] if len(self.sizes) > 1 else 0, shape)
        deeper = self.sizes[1:] if len(self.sizes) > 2 else ()
        if deeper:
            self.deeper.set_layers(deeper)
        self.splitter.set_second_visible(bool(deeper))
        self._update_texts()
        self.canvas.update()

    def show_snapshot(self, snapshot: Snapshot) -> None:
        """Draw the snapshot's first-layer weights (and the deeper layers). The same snapshot twice is
        drawn once; a snapshot of another network (still in flight from before a rebuild) is ignored."""
        if snapshot is self._snapshot or len(self.sizes) < 2 or snapshot.sizes != self.sizes:
            return
        W = snapshot.weights[0]
        self._snapshot = snapshot
        if self._start is None:
            self._start = W
        self._draw()
        if len(snapshot.weights) > 1 and self.deeper.isVisibleTo(self):
            self.deeper.show_snapshot(dataclasses.replace(
                snapshot, weights=snapshot.weights[1:], biases=snapshot.biases[1:],
                update_W=None if snapshot.update_W is None else snapshot.update_W[1:],
                update_b=None if snapshot.update_b is None else snapshot.update_b[1:]))

    def mosaic(self) -> np.ndarray | None:
        """What the tiles show as one image, laid out as drawn: tile i at tile_origin(i), each value
        divided by its tile's scale (so in [-1, 1]), NaN between tiles. None before the first snapshot."""
        values = self.tile_values()
        if values is None or self._levels is None:
            return None
        tiles = (values / self._levels[:, None]).reshape(len(values), *self.tile_shape)
        return mosaic_of(tiles, self.canvas.cols, np.nan)

    def tile_origin(self, i: int) -> tuple[int, int]:
        """(row, column) of tile i's top-left weight in mosaic()."""
        h, w = self.tile_shape
        r, c = divmod(int(i), self.canvas.cols)
        return r * (h + 1), c * (w + 1)

    def tile_scale(self, i: int) -> float:
        """The |w| that tile i's full colour stands for."""
        return float(self._levels[i]) if self._levels is not None else 1.0

    def weight_at(self, pos) -> tuple[int, int, int] | None:
        """(neuron, row, column) of the weight under pos in the canvas' coordinates, or None."""
        return self.canvas.weight_at(pos)

    def hover_text(self, hit: tuple[int, int, int] | None) -> str:
        """What the readout says for a (neuron, row, column) under the mouse."""
        if hit is None or self._snapshot is None:
            return " "
        i, r, c = hit
        h, w = self.tile_shape
        j = r * w + c
        weight = float(self._snapshot.weights[0][i, j])
        if h > 1:
            where = translate("ReceptiveFieldsView", "pixel ({row}, {column})").format(row=r, column=c)
        else:
            where = translate("ReceptiveFieldsView", "input {column}").format(column=c)
        text = translate("ReceptiveFieldsView", "neuron {neuron} of {count} · {where}: w = {w}").format(
            neuron=i, count=self.tile_count, where=where, w=_signed(weight))
        if self.shows_learned and self._start is not None:
            text += translate("ReceptiveFieldsView", " (moved {change})").format(
                change=_signed(weight - float(self._start[i, j])))
        return text + translate("ReceptiveFieldsView", " · tile scale ±{scale}").format(
            scale=theme.precise(self.tile_scale(i)))

    # -- drawing --------------------------------------------------------------------------------

    def _draw(self) -> None:
        W = self.tile_values()
        if W is None or not self.canvas.n:
            return
        with np.errstate(all="ignore"):
            magnitude = np.abs(W)
            if not np.isfinite(magnitude).all():  # a diverged network: scale by the finite weights
                magnitude = np.where(np.isfinite(magnitude), magnitude, 0.0)
            levels = magnitude.max(axis=1) if self.per_tile_scale else np.full(len(W), magnitude.max())
            self._levels = np.maximum(levels.astype(np.float64), 1e-12)
            codes = colour_codes(W, self._levels).reshape(len(W), *self.tile_shape)
        self.canvas.show_codes(mosaic_of(codes, self.canvas.cols, np.uint16(GAP_CODE)))
        self._update_texts()

    def _update_texts(self) -> None:
        n = self.tile_count
        h, w = self.tile_shape
        if n:
            self.title.setText(translate("ReceptiveFieldsView", "<b>Layer 1 weights</b> — one {height}×{width} tile per "
                                         "hidden neuron ({count}): the pattern it multiplies the image with").format(
                height=h, width=w, count=f"{n:,}"))
        else:
            self.title.setText("<b>" + translate("ReceptiveFieldsView", "Layer 1 weights") + "</b>")
        what = "W − W₀" if self.shows_learned else "w"
        span = "<span style='color:rgb(%d,%d,%d); font-weight:600'>%s</span>"
        neg = span % (*theme.NEGATIVE, f"{what} &lt; 0")
        pos = span % (*theme.POSITIVE, f"{what} &gt; 0")
        if self.shows_learned:
            meaning = translate("ReceptiveFieldsView", "{positive} grew · {negative} shrank since the start")
        else:
            meaning = translate("ReceptiveFieldsView", "{positive} excites · {negative} inhibits · early on mostly the "
                                "random start: try “learned so far”")
        meaning = meaning.format(positive=pos, negative=neg)
        if self.per_tile_scale:
            scale = translate("ReceptiveFieldsView", "each tile on its own scale, so every pattern shows")
        elif self._levels is not None and len(self._levels):
            scale = translate("ReceptiveFieldsView", "one scale for all tiles (± {scale}): the strongest stand "
                              "out").format(scale=theme.precise(self._levels[0]))
        else:
            scale = translate("ReceptiveFieldsView", "one scale for all tiles")
        self.legend_label.setText(f"{meaning} · {scale}")

    def _on_scale_changed(self, _on: bool) -> None:
        self._draw()
        self._update_texts()

    def _on_hover_changed(self, hit) -> None:
        self.readout.setText(self.hover_text(hit))

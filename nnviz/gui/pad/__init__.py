"""The drawing pad: draw a digit and watch a network classify it."""

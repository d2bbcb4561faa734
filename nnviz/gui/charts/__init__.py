"""The tabs and panels beside the diagram: curves, weight matrices, decision surface, receptive fields, evaluation."""

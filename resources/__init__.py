"""Files nnviz ships: the bundled MNIST subset and pre-trained model (installed as nnviz.resources)."""

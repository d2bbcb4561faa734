"""The network diagram, one base for small and image-sized networks."""

"""The main window, its controls and its link to the trainer process."""

"""Camera, image and keyboard-wedge code reading. No Textual import here."""

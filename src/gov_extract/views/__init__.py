"""What a researcher sees of an output folder: one document's findings, figures, and
the who-met-whom graph. Views read only the published tables."""

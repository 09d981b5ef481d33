"""What a researcher sees of an output folder: one document's findings (document: the
rows and the spans they mark; show: terminal and JSON; page: HTML), figures (stats; the
notebook's in figures), and the who-met-whom graph. Views read only the published tables."""

"""Evaluation beside the product: gold corpora readers, scorers and the benchmark.

Not part of the gov-extract package and never imported by it: `make eval` and
`make bench` run it from the source tree (PYTHONPATH=evaluation), tests import it
through pytest's `pythonpath`.
"""

"""Benchmarks and quality reports, each runnable as ``python -m evals.<name>``."""

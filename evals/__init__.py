"""Benchmarks and quality reports, runnable by anyone (``python -m evals.<name>``)."""

"""Benchmarks: synthetic datasets in the data contract at O*NET and ESCO scale, and their timings.

Run ``python -m benchmarks`` (full) or ``python -m benchmarks --quick`` (CI); see README.md here.
"""

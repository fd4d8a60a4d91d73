"""Benchmarks (not tests): one documented command each, figures printed side by side."""

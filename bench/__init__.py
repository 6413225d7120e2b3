"""Benchmarks that print figures (not tests): `python -m bench.run` from the checkout's root."""

"""Helpers shared by the tests and the benchmarks: the test server, Chromium, Node.js runs."""

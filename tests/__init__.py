"""The test suite, a package so its helpers import plainly (`from tests.support.server import ...`)."""

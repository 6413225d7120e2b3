"""Site tests (see CONTRIBUTING.md, "Running part of the tests")."""

"""tqcheck: a linter for machine-translated articles."""

__version__ = "0.1.0"

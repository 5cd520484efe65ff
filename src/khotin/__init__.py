"""khotin: a static-site generator for archives of Vietnamese news reports."""

__version__ = "0.1.0"

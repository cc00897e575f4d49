"""The version, on the bottom floor: every module may name it without loading the API."""

__version__ = "0.1.0"

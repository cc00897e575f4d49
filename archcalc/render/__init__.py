"""Renderers: each takes a computed result and returns a string; none computes."""

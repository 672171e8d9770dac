"""Measurement scripts (accuracy, speed); not tests, not part of the pipeline."""

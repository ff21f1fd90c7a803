"""Readers' 1-5 star ratings of articles."""

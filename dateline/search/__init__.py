"""The reader-facing search page of each edition."""

"""Readers' spelling-error reports (the Orphus pattern) and the editors' queue."""

"""Readers that reduce files to prose segments with an exact map back to the file."""

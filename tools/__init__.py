"""Build steps that turn reference data into files of the shipped dataset."""

"""Counting with scans: a scanned stack read into a round's scanned pass, for the window and the headless command."""

"""The practice file: a realistic sample branch to rehearse with, never taken for real data."""

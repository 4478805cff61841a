"""Benchmarks of checker on public data and at corpus scale; each script says what it reads and prints."""

"""Clause files of the bylaws library (data only; loaded by formation.clauses)."""

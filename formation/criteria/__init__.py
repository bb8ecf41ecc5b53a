"""Criteria sets of "sex worker-led" / "community-led" (data only; loaded by formation.criteria_sets)."""

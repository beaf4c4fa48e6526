"""encfix fix (being written)."""

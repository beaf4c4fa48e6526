"""encfix detect (being written)."""

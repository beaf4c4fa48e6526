"""encfix corpus (being written)."""

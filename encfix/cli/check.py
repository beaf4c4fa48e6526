"""encfix check (being written)."""

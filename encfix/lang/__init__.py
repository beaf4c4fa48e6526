"""What text looks like: scripts, character classes, plausibility (shared by decode/ and stages/)."""

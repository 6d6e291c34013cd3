"""tasks area."""
